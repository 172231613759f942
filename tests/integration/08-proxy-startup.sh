#!/usr/bin/env bash
# 08-proxy-startup: what mptcp-proxy refuses at start-up.
# Address in use: a second proxy on a port the first one serves (both with
# SO_REUSEPORT) must not start and silently take a share of the
# connections; it exits 1 with "address already in use", like a listener
# of any other program; the first one keeps serving every connection, and
# its own workers still share the port.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_backend && pl_sproxy --workers 3 -v || { bad "backend and server proxy start"; pl_end; }

# refused NAME NS ARGS...: the proxy exits 1 within 5 s saying the address
# is in use (a proxy that starts is stopped, and the check fails).
refused() {
	local name=$1 ns=$2 rc; shift 2
	pl_bg "$ns" "$PL_DIR/$name.log" timeout 5 "$PROXY" "$@"
	wait "$PL_LAST"; rc=$?
	echo "$name: exit $rc: $(cat "$PL_DIR/$name.log")"
	[ $rc = 1 ] && grep -qi "address already in use" "$PL_DIR/$name.log"
}
check "a second server proxy on -p $PL_SPORT exits 1: address already in use" \
	refused second "$PL_NSS" -m server -p "$PL_SPORT" -r 127.0.0.1:7999
check "a client proxy on -l $PL_SADDR:$PL_SPORT (inside the first one's wildcard) exits 1" \
	refused second-l "$PL_NSS" -m client -l "$PL_SADDR:$PL_SPORT" -r 127.0.0.1:7999
check "a proxy on the backend's port (another program, no SO_REUSEPORT) exits 1" \
	refused backend-port "$PL_NSS" -m server -l "${PL_BACKEND}" -r 127.0.0.1:7999
listeners=$(nsx "$PL_NSS" ss -Hltn "sport = :$PL_SPORT" | wc -l)
check "only the first proxy's 3 workers x 2 families listen on $PL_SPORT ($listeners)" test "$listeners" = 6
out=$(pl_client -r "$PL_SADDR:$PL_SPORT" --mptcp -n 30 -c 10 --up 10K --down 10K --timeout 30)
echo "$out"
check "all 30 connections served by the first proxy" grep -q '^client: PASS' <<<"$out"
workers=$(grep -o 'worker [0-9]*: accepted' "$PL_DIR/sproxy.log" | sort -u | wc -l)
check "its workers still share the port (SO_REUSEPORT): $workers of 3 accepted" test "$workers" -ge 2
pl_end
