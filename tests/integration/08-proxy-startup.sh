#!/usr/bin/env bash
# 08-proxy-startup: what mptcp-proxy refuses at start-up.
# Address in use: a second proxy on a port the first one serves (both with
# SO_REUSEPORT) must not start and silently take a share of the
# connections; it exits 1 with "address already in use", like a listener
# of any other program; the first one keeps serving every connection, and
# its own workers still share the port.
# Signals at any time: SIGUSR1 and SIGHUP during a slow -r lookup wait for
# start-up to finish (then the failed lookup exits 1, not 138 or 129);
# SIGTERM during it exits 0 before listening; SIGHUP later looks the -r
# name up again; a signal with no meaning (SIGALRM) is logged and ignored.
# Loops: -r pointing at the proxy's own listening address (the same
# address, a local address under a wildcard listener, or a name for one)
# is refused (exit 1) instead of chaining each connection through the
# proxy until the descriptors run out; the same port on another host is
# not.
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

# loop NAME ARGS...: exit 1 within 5 s, naming the loop.
loop() {
	local name=$1 rc; shift
	pl_bg "$PL_NSS" "$PL_DIR/$name.log" timeout 5 "$PROXY" "$@"
	wait "$PL_LAST"; rc=$?
	echo "$name: exit $rc: $(cat "$PL_DIR/$name.log")"
	[ $rc = 1 ] && grep -q "own listening address" "$PL_DIR/$name.log"
}
check "-l 127.0.0.1:5603 -r 127.0.0.1:5603: refused" loop same -m client -l 127.0.0.1:5603 -r 127.0.0.1:5603
check "-p 5604 -r $PL_SADDR:5604 (a local address): refused" loop wild4 -m server -p 5604 -r "$PL_SADDR:5604"
check "-p 5605 -r 127.0.0.9:5605 (127/8 is local): refused" loop wild127 -m server -p 5605 -r 127.0.0.9:5605
check "-p 5606 -r [::1]:5606: refused" loop wild6 -m server -p 5606 -r '[::1]:5606'
pl_bg "$PL_NSS" "$PL_DIR/other-host.log" timeout 2 "$PROXY" -m server -p 5607 -r 10.231.1.1:5607
wait "$PL_LAST"; rc=$?
check "-p 5607 -r 10.231.1.1:5607 (the same port on the other host) runs (exit $rc: stopped by timeout)" test $rc = 124

# A lookup that takes 2 s: the client namespace's only name server is an
# on-link address nobody owns, so the query goes unanswered.
pl_etc "$PL_NSC" resolv.conf "nameserver 10.231.1.99
options timeout:2 attempts:1"
# slow_start NAME [proxy args]: start a proxy whose -r needs that lookup.
slow_start() {
	local name=$1; shift
	pl_bg "$PL_NSC" "$PL_DIR/$name.log" "$PROXY" -m client -l 127.0.0.1:5601 -r slow.test:4444 "$@"
	sleep 0.5
}
slow_start slow-usr1
kill -USR1 "$PL_LAST" && kill -HUP "$PL_LAST"; alive=$?
wait "$PL_LAST"; rc=$?
echo "SIGUSR1 + SIGHUP during the lookup: exit $rc: $(cat "$PL_DIR/slow-usr1.log")"
check "SIGUSR1 and SIGHUP during a slow -r lookup (proxy alive when sent) do not kill it" test "$alive" = 0
check "... the failed lookup then ends it with exit 1 (was $rc)" \
	eval '[ $rc = 1 ] && grep -q "cannot resolve" "$PL_DIR/slow-usr1.log"'
slow_start slow-term
kill -TERM "$PL_LAST"
wait "$PL_LAST"; rc=$?
echo "SIGTERM during the lookup: exit $rc: $(cat "$PL_DIR/slow-term.log")"
check "SIGTERM during the lookup (which fails): exit 0 once it returns, never listening (was $rc)" \
	eval '[ $rc = 0 ] && grep -q "stopped during start-up" "$PL_DIR/slow-term.log"'

# SIGHUP while running: the name is looked up again at once.
pl_etc "$PL_NSS" hosts "127.0.0.1 hup.test"
pl_bg "$PL_NSS" "$PL_DIR/hup.log" "$PROXY" -m server -l "$PL_SADDR:5602" -r hup.test:7000 --resolve-every 0
hup=$PL_LAST
pl_wait_listen "$PL_NSS" 5602 || bad "the proxy for hup.test starts"
pl_etc "$PL_NSS" hosts "127.0.0.1 hup.test
$PL_SADDR self.test"
check "-p 5608 -r self.test:5608 (a name for a local address): refused" loop name -m server -p 5608 -r self.test:5608
pl_etc "$PL_NSS" hosts "127.0.0.2 hup.test"
kill -HUP "$hup"
wait_for 5 grep -q "now resolves to 127.0.0.2:7000" "$PL_DIR/hup.log"
check "SIGHUP: hup.test looked up again (now 127.0.0.2)" grep -q "now resolves to 127.0.0.2:7000" "$PL_DIR/hup.log"
kill -ALRM "$hup"
wait_for 3 grep -q "ignored" "$PL_DIR/hup.log"
check "SIGALRM: logged and ignored" grep -q "Alarm clock.*ignored" "$PL_DIR/hup.log"
check "the proxy still runs after SIGHUP and SIGALRM" kill -0 "$hup"
cat "$PL_DIR/hup.log"
pl_end
