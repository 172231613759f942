#!/usr/bin/env bash
# 13-proxy-reset: a reset travels through the pair in both directions:
# the backend resets -> the client's read fails with ECONNRESET; the client
# resets -> the backend's read fails with ECONNRESET.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

out=$(pl_client -r "$PL_CLISTEN" --up 1000 --down 1M --srv-rst --expect reset -v --timeout 10)
echo "$out"
check "backend reset -> client gets ECONNRESET" grep -q '^client: PASS' <<<"$out"
check "backend did send the reset" grep -q 'end=rst-sent' "$PL_DIR/backend.log"

before=$(grep -c 'end=reset' "$PL_DIR/backend.log")
out=$(pl_client -r "$PL_CLISTEN" --up 64K --down 1M --cli-rst -v --timeout 10)
echo "$out"
check "client received the data, then reset the connection" grep -q '^client: PASS' <<<"$out"
more_resets() { [ "$(grep -c 'end=reset' "$PL_DIR/backend.log")" -gt "$before" ]; }
seen=0
wait_for 2 more_resets && seen=1
grep '^srv conn=' "$PL_DIR/backend.log" | tail -1
check "client reset -> backend gets ECONNRESET within $(tscale 2) s" test $seen = 1

# Resets under load: 20 connections each way at once.
out=$(pl_client -r "$PL_CLISTEN" -n 20 -c 20 --up 100K --down 2M --srv-rst --expect reset --timeout 20)
echo "$out"
check "20 concurrent backend resets all reach the clients" grep -q '^client: PASS' <<<"$out"
sleep 0.3
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "no connection left open in either proxy" test "$(stat_field "$cs" active)" = 0 -a "$(stat_field "$ss" active)" = 0
pl_end
