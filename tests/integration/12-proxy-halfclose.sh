#!/usr/bin/env bash
# 12-proxy-halfclose: the client sends a request and shuts down its write
# side; the backend answers only after that FIN and the client still gets
# the whole response through the pair.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

out=$(pl_client -r "$PL_CLISTEN" --halfclose --up 1M --down 32M -v --timeout 30)
echo "$out"
check "1 MiB request, FIN, then a 32 MiB response arrives whole" grep -q '^client: PASS' <<<"$out"
out=$(pl_client -r "$PL_CLISTEN" --halfclose --up 0 --down 4M -v --timeout 30)
echo "$out"
check "empty request, FIN at once, then a 4 MiB response" grep -q '^client: PASS' <<<"$out"
out=$(pl_client -r "$PL_CLISTEN" --halfclose -n 50 -c 50 --up-max 1M --down-max 2M --timeout 60)
echo "$out"
check "50 concurrent half-closed request/response exchanges" grep -q '^client: PASS' <<<"$out"
out=$(pl_client -r "$PL_CLISTEN" --echo --up 8M -v --timeout 30)
echo "$out"
check "echo: 8 MiB sent back while the client is still sending, then FIN" grep -q '^client: PASS' <<<"$out"
sleep 0.2
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
check "no connection left open in the client proxy" test "$(stat_field "$cs" active)" = 0
pl_end
