#!/usr/bin/env bash
# 10-proxy-bulk: 256 MiB (divided by the time scale on a slow machine) in
# each direction at the same time through the client-mode and server-mode
# proxies, SHA-256 exact at both ends, over a real MPTCP connection that
# joined a second subflow.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
check "xfer's SHA-256 passes the FIPS 180-4 example vectors" "$TOOLS/xfer" selftest
pl_setup || { bad "two-path topology set up"; pl_end; }
PL_BACKEND_ARGS=(--sha)
pl_pair || { bad "backend and proxy pair start"; pl_end; }

seed=$RANDOM
mib=$(tload 256)	# less on a slow machine (lib.sh)
out=$(pl_client -r "$PL_CLISTEN" --up "${mib}M" --down "${mib}M" --seed "$seed" --sha --timeout 90)
echo "$out"
check "$mib MiB each way at once, every byte verified (seed $seed)" grep -q '^client: PASS' <<<"$out"

digest() { sed -n "s/.*$1=\([0-9a-f]\{64\}\).*/\1/p" <<<"$2" | tail -1; }
up_sent=$(digest sha-up-sent "$out")
down_recv=$(digest sha-down-recv "$out")
srv_line() { srv=$(grep '^srv conn=' "$PL_DIR/backend.log" | tail -1); [ -n "$srv" ]; }
wait_for 2 srv_line
echo "$srv"
up_recv=$(digest sha-up-recv "$srv")
down_sent=$(digest sha-down-sent "$srv")
check "backend's SHA-256 of the upload equals the client's ($up_sent)" \
	test -n "$up_sent" -a "$up_sent" = "$up_recv"
check "client's SHA-256 of the download equals the backend's ($down_sent)" \
	test -n "$down_sent" -a "$down_sent" = "$down_recv"
# The tool's SHA-256 against coreutils' on the same stream.
ref=$("$TOOLS/xfer" gen --seed "$seed" --dir up --bytes "${mib}M" | sha256sum | cut -c1-64)
check "the upload's digest agrees with sha256sum ($ref)" test "$ref" = "$up_sent"

cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
# header (32 bytes) + upload; download + trailer (1 byte)
check "client proxy relayed every byte to the remote" test "$(stat_field "$cs" bytes_to_remote)" = $((mib * 1048576 + 32))
check "client proxy relayed every byte to the client" test "$(stat_field "$cs" bytes_to_client)" = $((mib * 1048576 + 1))
check "client proxy counts the connection as MPTCP" test "$(stat_field "$cs" mptcp)" = 1 -a "$(stat_field "$cs" fallback)" = 0
check "server proxy counts the connection as MPTCP" test "$(stat_field "$ss" mptcp)" = 1 -a "$(stat_field "$ss" fallback)" = 0
pl_check_mptcp
pl_end
