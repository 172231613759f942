#!/usr/bin/env bash
# 19-proxy-idle: --idle-timeout cuts only connections that are idle.
# Both proxies of the pair run with --idle-timeout 1s:
# - a download whose reader pauses 3 s after 1 MiB arrives whole;
# - an upload into a backend that pauses 3 s arrives whole;
#   (64 MiB: more than every socket buffer on the way holds, so the
#   back-pressure reaches both proxies and the sender)
# (before: cut after 1 s with a FIN, the peers saw a short, "clean" stream)
# - a connection on which nothing is queued or sent is closed (a FIN: the
#   reader sees EOF) within the timeout and a tick or two;
# - a connection abandoned with data queued (--grace over while a reader
#   pauses) is reset towards both peers, never closed with a FIN.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair --idle-timeout 1s -- --idle-timeout 1s || { bad "backend and proxy pair start"; pl_end; }

out=$(pl_client -r "$PL_CLISTEN" --up 1000 --down 64M --cli-pause 1M --pause 3 -v --timeout 30)
echo "$out"
check "download, reader pauses 3 s with --idle-timeout 1s: every byte arrives" \
	grep -q '^client: PASS' <<<"$out"

out=$(pl_client -r "$PL_CLISTEN" --up 64M --down 1000 --srv-pause --pause 3 -v --timeout 30)
echo "$out"
check "upload, backend pauses 3 s with --idle-timeout 1s: every byte arrives" \
	grep -q '^client: PASS' <<<"$out"
check "... and the backend verified the whole upload" \
	grep -q "up=67108864/67108864 .*end=ok" "$PL_DIR/backend.log"
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "no connection was reset by either proxy" \
	test "$(stat_field "$cs" reset)" = 0 -a "$(stat_field "$ss" reset)" = 0

# Truly idle: nothing sent either way. The reader sees EOF (cat exits 0).
res=$(nsx "$PL_NSC" bash -c "exec 3<>/dev/tcp/${PL_CLISTEN%:*}/${PL_CLISTEN#*:} || exit 1
	s=\$(date +%s%N); timeout $(tscale 10) cat <&3 >/dev/null; rc=\$?
	echo \"rc=\$rc ms=\$(( (\$(date +%s%N) - s) / 1000000 ))\"")
echo "idle connection: $res"
ms=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<<"$res")
# Not before the timeout; its upper end is a deadline, stretched on a slow
# machine.
lim=$(tscale 3000 | cut -d. -f1)
check "an idle connection is closed with a FIN after about 1 s (${ms:-?} ms, 900..$lim)" \
	test "${res%% *}" = rc=0 -a -n "$ms" -a "${ms:-0}" -ge 900 -a "${ms:-9999}" -lt "$lim"

# Abandoned with data queued: a second client-mode proxy with --grace 1s
# relays a download whose reader pauses 6 s; SIGTERM after 1 s. The grace
# runs out while data is queued: the client and the backend see resets.
pl_bg "$PL_NSC" "$PL_DIR/cproxy-grace.log" "$PROXY" -m client -l 127.0.0.1:5560 \
	-r "$PL_SADDR:$PL_SPORT" --grace 1s
gp=$PL_LAST
pl_wait_listen "$PL_NSC" 5560
before=$(grep -c 'end=reset' "$PL_DIR/backend.log")
pl_bg "$PL_NSC" "$PL_DIR/client-grace.log" "$TOOLS/xfer" client -r 127.0.0.1:5560 \
	--up 1000 --down 200M --cli-pause 1M --pause 6 --expect reset -v --timeout 30
gc=$PL_LAST
sleep 1
kill -TERM "$gp"
check "the proxy exits after its grace period" pl_wait_gone "$gp" 5
check "the paused reader's client exits" pl_wait_gone "$gc" 15
wait "$gc"; rc=$?
cat "$PL_DIR/client-grace.log"
check "the client saw a reset, not EOF (exit $rc)" grep -q '^client: PASS' "$PL_DIR/client-grace.log"
seen=0
for i in $(seq 60); do
	[ "$(grep -c 'end=reset' "$PL_DIR/backend.log")" -gt "$before" ] && { seen=1; break; }
	sleep 0.05
done
grep '^srv conn=' "$PL_DIR/backend.log" | tail -1
check "the backend saw a reset too" test $seen = 1
grep -h 'grace period\|stats:' "$PL_DIR/cproxy-grace.log"
check "the proxy counted it as reset" grep -q 'stats:.* reset=1 ' "$PL_DIR/cproxy-grace.log"
pl_end
