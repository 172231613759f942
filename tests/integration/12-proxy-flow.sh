#!/usr/bin/env bash
# 12-proxy-flow: half-close and back-pressure through the pair.
# Half-close: the client sends a request and shuts down its write side; the
# backend answers only after that FIN and the client still gets the whole
# response. And the other way round: the backend sends its answer and its
# FIN at once while the client is still uploading for another second; the
# upload still arrives whole. Back-pressure: while the backend reads nothing, the client is
# held back (the proxies do not swallow the upload into memory), and the
# whole upload arrives once the backend reads again.
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
out=$(pl_client -r "$PL_CLISTEN" --srv-fin-first --up 16M --rate 16M --down 1M --seed 77 -v --timeout 30)
echo "$out"
check "backend FIN first: the client gets the answer and EOF, keeps uploading" grep -q '^client: PASS' <<<"$out"
seed=$(sed -n 's/^cli conn=0 seed=\([0-9a-f]*\).*/\1/p' <<<"$out")
srv_line() { line=$(grep "^srv conn=.* seed=$seed " "$PL_DIR/backend.log"); [ -n "$line" ]; }
wait_for 2 srv_line
echo "$line"
check "backend FIN first: the backend still received all 16 MiB, verified" \
	grep -q 'up=16777216/16777216 .*end=ok' <<<"$line"

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
c0=$(rss "$PL_CPROXY_PID"); s0=$(rss "$PL_SPROXY_PID")
pl_bg "$PL_NSC" "$PL_DIR/client-bp.log" "$TOOLS/xfer" client -r "$PL_CLISTEN" \
	--up 256M --down 1M --srv-pause -v --timeout 30
cli=$PL_LAST
sleep 1.2	# the backend pauses for 2 s after the header
kill -USR1 "$cli"
c1=$(rss "$PL_CPROXY_PID"); s1=$(rss "$PL_SPROXY_PID")
wait "$cli"; rc=$?
cat "$PL_DIR/client-bp.log"
sent=$(sed -n 's/^open conn=0 .* up=\([0-9]*\)\/.*/\1/p' "$PL_DIR/client-bp.log")
check "backend not reading: the client is held back (${sent:-?} of 268435456 bytes sent after 1.2 s)" \
	test -n "$sent" -a "${sent:-0}" -lt $((128 * 1048576))
check "the proxies do not buffer it (RSS growth: client proxy $(( (c1 - c0) / 1024 )) MiB, server proxy $(( (s1 - s0) / 1024 )) MiB, limit 16)" \
	test $((c1 - c0)) -lt 16384 -a $((s1 - s0)) -lt 16384
check "once the backend reads again, all 256 MiB arrive verified" test $rc = 0
sleep 0.2
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
check "no connection left open in the client proxy" test "$(stat_field "$cs" active)" = 0
pl_end
