#!/usr/bin/env bash
# 16-proxy-sigterm: SIGTERM in the middle of a transfer. With a long
# --grace the proxies stop listening at once, the transfer completes, and
# they exit as soon as it has; with a short --grace (and SIGINT this time)
# they close what is left when it expires and exit.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair --grace 20s -- --grace 20s || { bad "backend and proxy pair start"; pl_end; }

# A paced 3 s upload, then the answer after the FIN.
pl_bg "$PL_NSC" "$PL_DIR/client-a.log" "$TOOLS/xfer" client -r "$PL_CLISTEN" \
	--up 48M --rate 16M --down 8M --halfclose -v --timeout 60
cli=$PL_LAST
sleep 1
kill -TERM "$PL_CPROXY_PID" "$PL_SPROXY_PID"
t0=$(date +%s.%N)
sleep 0.5
check "after SIGTERM the client proxy no longer listens" test -z "$(nsx "$PL_NSC" ss -Hltn "sport = :5555")"
check "after SIGTERM the server proxy no longer listens" test -z "$(nsx "$PL_NSS" ss -Hltn "sport = :$PL_SPORT")"
wait "$cli"; rc=$?
cat "$PL_DIR/client-a.log"
check "the transfer in flight completes, every byte verified" test $rc = 0
check "the client proxy exits once it has" pl_wait_gone "$PL_CPROXY_PID" 3
check "the server proxy exits once it has" pl_wait_gone "$PL_SPROXY_PID" 3
secs=$(echo "$(date +%s.%N) - $t0" | bc)
check "both exited well inside the 20 s grace (${secs}s)" test "$(echo "$secs < 8" | bc)" = 1
wait "$PL_CPROXY_PID"; crc=$?
wait "$PL_SPROXY_PID"; src=$?
check "exit status 0 (client proxy $crc, server proxy $src)" test "$crc$src" = 00

# Short grace, SIGINT: a 10 s transfer is cut when the 1 s grace expires.
pl_sproxy --grace 1s && pl_cproxy --grace 1s || bad "second proxy pair starts"
pl_bg "$PL_NSC" "$PL_DIR/client-b.log" "$TOOLS/xfer" client -r "$PL_CLISTEN" \
	--up 40M --rate 4M --down 1M --expect close -v --timeout 60
cli=$PL_LAST
sleep 1
kill -INT "$PL_CPROXY_PID" "$PL_SPROXY_PID"
check "the client proxy exits when the 1 s grace expires (< $(tscale 3) s)" pl_wait_gone "$PL_CPROXY_PID" 3
check "the server proxy exits when the 1 s grace expires (< $(tscale 3) s)" pl_wait_gone "$PL_SPROXY_PID" 3
pl_wait_gone "$cli" 5
wait "$cli"; rc=$?
cat "$PL_DIR/client-b.log"
check "the client sees its cut connection closed" test $rc = 0
pl_end
