#!/usr/bin/env bash
# 11-proxy-many: 1000 concurrent connections through the proxy pair, each
# with its own random upload and download size (0..4 MiB), both directions
# at once, every byte checked by the receiver.
. "$(dirname "$0")/lib.sh"
PL_SOCKBUF_MAX=262144	# 1000 busy connections: stay below tcp_mem pressure
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

seed=$RANDOM
max=$(tload 4096)K	# less on a slow machine (lib.sh); always 1000 at once
out=$(pl_client -r "$PL_CLISTEN" -n 1000 -c 1000 --up-max "$max" --down-max "$max" --seed "$seed" --timeout 150)
echo "$out"
check "1000 concurrent connections, random sizes up to $max, every byte verified (seed $seed)" \
	grep -q '^client: PASS' <<<"$out"
bs=$(pl_usr1 "$PL_BACKEND_PID" "$PL_DIR/backend.log" '^server: conns=')
echo "backend $bs"
check "backend verified 1000 uploads, no mismatch" grep -q '^server: conns=1000 active=0 ok=1000 bad=0' <<<"$bs"
sleep 0.2
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "client proxy: 1000 connections, all MPTCP, none open" \
	test "$(stat_field "$cs" total)" = 1000 -a "$(stat_field "$cs" mptcp)" = 1000 -a "$(stat_field "$cs" active)" = 0
check "server proxy: 1000 connections, all MPTCP, none open" \
	test "$(stat_field "$ss" total)" = 1000 -a "$(stat_field "$ss" mptcp)" = 1000 -a "$(stat_field "$ss" active)" = 0
pl_check_mptcp
pl_end
