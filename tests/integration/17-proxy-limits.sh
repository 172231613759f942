#!/usr/bin/env bash
# 17-proxy-limits: resources and limits.
# - 10 000 connections through the pair leave the proxies with no more open
#   file descriptors than after a warm-up of 1000 (both divided by
#   MPTCP_LAB_TIME_SCALE on a slow machine);
# - a proxy that runs out of descriptors (EMFILE) neither spins the CPU nor
#   stops: once descriptors are free again it serves new clients;
# - with 256 descriptors and 1000 clients at once, every client is served
#   (the waiting ones stay in the backlog), none fails;
# - --max-conns 5: the sixth connection waits in the backlog until one ends;
# - --idle-timeout: an idle connection is closed, a busy one is not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

# pl_wait_idle PID LOG: until the proxy reports no open connection (5 s,
# scaled).
pl_idle() { s=$(pl_stats "$1" "$2"); [ "$(stat_field "$s" active)" = 0 ]; }
pl_wait_idle() { local s; wait_for 5 pl_idle "$1" "$2" || { echo "still open: $s"; return 1; }; }
# fds_at_most PID N: the process has N open descriptors or fewer (a
# connection's descriptors may still be closing just after it ends).
fds_at_most() { [ "$(pl_fds "$1")" -le "$2" ]; }

w=$(tload 1000)	# the warm-up: fewer on a slow machine too, as the run below
out=$(pl_client -r "$PL_CLISTEN" -n "$w" -c 50 --up-max 2000 --down-max 2000 --seed 1 --timeout 60)
echo "warm-up: $out"
check "warm-up: $w connections" grep -q '^client: PASS' <<<"$out"
pl_wait_idle "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"
pl_wait_idle "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"
c0=$(pl_fds "$PL_CPROXY_PID"); s0=$(pl_fds "$PL_SPROXY_PID")

n=$(tload 10000)	# fewer on a slow machine (lib.sh), still more than the warm-up
out=$(pl_client -r "$PL_CLISTEN" -n "$n" -c 50 --up-max 2000 --down-max 2000 --seed 2 --timeout 120)
echo "$out"
check "$n connections, every byte verified" grep -q '^client: PASS' <<<"$out"
check "client proxy idle again" pl_wait_idle "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"
check "server proxy idle again" pl_wait_idle "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"
wait_for 5 fds_at_most "$PL_CPROXY_PID" "$c0"
wait_for 5 fds_at_most "$PL_SPROXY_PID" "$s0"
c1=$(pl_fds "$PL_CPROXY_PID"); s1=$(pl_fds "$PL_SPROXY_PID")
check "client proxy open fds do not grow ($c0 -> $c1)" test "$c1" -le "$c0"
check "server proxy open fds do not grow ($s0 -> $s1)" test "$s1" -le "$s0"
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "both proxies counted $((w + n)) connections" \
	test "$(stat_field "$cs" total)" = $((w + n)) -a "$(stat_field "$ss" total)" = $((w + n))
# EMFILE: a client-mode proxy limited to 48 descriptors, 80 idle clients.
pl_bg "$PL_NSC" "$PL_DIR/cproxy-emfile.log" prlimit --nofile=48:48 \
	"$PROXY" -m client -l 127.0.0.1:5557 -r "$PL_SADDR:$PL_SPORT" --workers 1
emf=$PL_LAST
pl_wait_listen "$PL_NSC" 5557
pl_bg "$PL_NSC" "$PL_DIR/holder.log" bash -c \
	'for i in $(seq 80); do exec {fd}<>/dev/tcp/127.0.0.1/5557 || exit 1; done; echo held; sleep 3'
holder=$PL_LAST
wait_for 2 grep -q held "$PL_DIR/holder.log"
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }	# utime + stime, ticks
sleep 0.5
t0=$(cpu "$emf"); sleep 1; t1=$(cpu "$emf")
hz=$(getconf CLK_TCK)
check "out of descriptors, the proxy does not spin ($((t1 - t0)) of $hz ticks in 1 s)" \
	test $((t1 - t0)) -lt $((hz / 5))
check "out of descriptors, the proxy keeps running" kill -0 "$emf"
pl_wait_gone "$holder" 6
out=$(pl_client -r 127.0.0.1:5557 --up 1M --down 1M -v --timeout 20)
echo "$out"
check "once descriptors are free again, a new client is served" grep -q '^client: PASS' <<<"$out"
s=$(pl_stats "$emf" "$PL_DIR/cproxy-emfile.log"); echo "emfile proxy $s"
check "every held connection was either relayed or failed and closed, none still open" \
	test "$(stat_field "$s" active)" = 0 -a "$(stat_field "$s" total)" -ge 81
lines=$(grep -c . "$PL_DIR/cproxy-emfile.log")
check "the proxy logs at most about a line per connection while out of descriptors ($lines lines)" \
	test "$lines" -lt 200
# Out of descriptors with a full backlog: 256 descriptors, 1000 clients at
# once. Accepting pauses while no descriptor is left for a connection's
# outgoing socket and pipe; the others wait in the backlog and are served
# as connections end. (Before: accepted, then closed at once, failed=880.)
pl_bg "$PL_NSC" "$PL_DIR/cproxy-fd256.log" prlimit --nofile=256:256 \
	"$PROXY" -m client -l 127.0.0.1:5561 -r "$PL_SADDR:$PL_SPORT"
f256=$PL_LAST
pl_wait_listen "$PL_NSC" 5561
out=$(pl_client -r 127.0.0.1:5561 -n 1000 -c 1000 --up-max 100K --down-max 100K --seed 3 --timeout 120)
echo "$out"
check "256 descriptors, 1000 clients at once: every client served, every byte verified" \
	grep -q '^client: PASS' <<<"$out"
s=$(pl_stats "$f256" "$PL_DIR/cproxy-fd256.log"); echo "256-descriptor proxy $s"
check "... all 1000 relayed, none failed" \
	test "$(stat_field "$s" total)" = 1000 -a "$(stat_field "$s" failed)" = 0
lines=$(grep -c . "$PL_DIR/cproxy-fd256.log")
check "... and the proxy logged at most a few lines about it ($lines)" test "$lines" -lt 40

# --max-conns 5: ten clients hold a connection each.
pl_bg "$PL_NSC" "$PL_DIR/cproxy-max.log" "$PROXY" -m client -l 127.0.0.1:5558 \
	-r "$PL_SADDR:$PL_SPORT" --max-conns 5
mx=$PL_LAST
pl_wait_listen "$PL_NSC" 5558
pl_bg "$PL_NSC" "$PL_DIR/holder-max.log" bash -c \
	'for i in $(seq 10); do exec {fd}<>/dev/tcp/127.0.0.1/5558 || exit 1; done; echo held; sleep 2'
holder=$PL_LAST
wait_for 2 grep -q held "$PL_DIR/holder-max.log"
sleep 0.5
s=$(pl_stats "$mx" "$PL_DIR/cproxy-max.log"); echo "max-conns proxy while held: $s"
check "--max-conns 5: 5 of 10 held connections relayed" \
	test "$(stat_field "$s" active)" = 5 -a "$(stat_field "$s" total)" = 5
pl_wait_gone "$holder" 5
all_served() {
	s=$(pl_stats "$mx" "$PL_DIR/cproxy-max.log")
	[ "$(stat_field "$s" total)" = 10 ] && [ "$(stat_field "$s" active)" = 0 ]
}
wait_for 3 all_served
echo "max-conns proxy after: $s"
check "--max-conns 5: the other 5 were taken from the backlog once slots freed" \
	test "$(stat_field "$s" total)" = 10 -a "$(stat_field "$s" active)" = 0

# --idle-timeout 500ms
pl_bg "$PL_NSC" "$PL_DIR/cproxy-idle.log" "$PROXY" -m client -l 127.0.0.1:5559 \
	-r "$PL_SADDR:$PL_SPORT" --idle-timeout 500ms
idl=$PL_LAST
pl_wait_listen "$PL_NSC" 5559
res=$(nsx "$PL_NSC" bash -c 'exec 3<>/dev/tcp/127.0.0.1/5559 || exit 1
	s=$(date +%s%N); timeout "$1" cat <&3 >/dev/null; rc=$?
	echo "rc=$rc ms=$(( ($(date +%s%N) - s) / 1000000 ))"' _ "$(tscale 5)")
echo "idle connection: $res"
ms=$(sed -n 's/.*ms=\([0-9]*\).*/\1/p' <<<"$res")
lim=$(tscale 2500 | cut -d. -f1)	# a deadline: stretched on a slow machine
check "--idle-timeout 500ms closes an idle connection (after ${ms:-?} ms, < $lim)" \
	test "${res%% *}" != rc=124 -a -n "$ms" -a "${ms:-9999}" -lt "$lim"
out=$(pl_client -r 127.0.0.1:5559 --up 16M --rate 8M --down 1M -v --timeout 20)
echo "$out"
check "--idle-timeout 500ms leaves a 2 s transfer that never idles alone" grep -q '^client: PASS' <<<"$out"
pl_end
