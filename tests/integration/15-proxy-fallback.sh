#!/usr/bin/env bash
# 15-proxy-fallback: a plain-TCP client talks straight to the server-mode
# proxy's MPTCP listener (works, counted as a fallback), an MPTCP client
# does the same (counted as MPTCP), and a client-mode proxy whose remote
# speaks only TCP falls back and counts it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

out=$(pl_client -r "$PL_SADDR:$PL_SPORT" --up 4M --down 4M -v --timeout 30)
echo "$out"
check "plain TCP client -> server-mode proxy: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "server proxy counts it as a fallback (fallback=1 mptcp=0)" \
	test "$(stat_field "$ss" fallback)" = 1 -a "$(stat_field "$ss" mptcp)" = 0

out=$(pl_client -r "$PL_SADDR:$PL_SPORT" --mptcp --up 4M --down 4M -v --timeout 30)
echo "$out"
check "MPTCP client -> server-mode proxy: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "server proxy counts it as MPTCP (fallback=1 mptcp=1)" \
	test "$(stat_field "$ss" fallback)" = 1 -a "$(stat_field "$ss" mptcp)" = 1

# A remote that is a plain TCP server.
pl_bg "$PL_NSS" "$PL_DIR/plain.log" "$TOOLS/xfer" server -l 0.0.0.0:7100
pl_wait_listen "$PL_NSS" 7100
pl_bg "$PL_NSC" "$PL_DIR/cproxy-plain.log" "$PROXY" -m client -l 127.0.0.1:5556 -r "$PL_SADDR:7100"
cpl=$PL_LAST
pl_wait_listen "$PL_NSC" 5556
out=$(pl_client -r 127.0.0.1:5556 --up 4M --down 4M -v --timeout 30)
echo "$out"
check "client-mode proxy -> plain TCP server: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
cs=$(pl_stats "$cpl" "$PL_DIR/cproxy-plain.log"); echo "client proxy $cs"
check "client proxy counts it as a fallback (fallback=1 mptcp=0)" \
	test "$(stat_field "$cs" fallback)" = 1 -a "$(stat_field "$cs" mptcp)" = 0
pl_end
