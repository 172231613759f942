#!/usr/bin/env bash
# The timeline: start/join/sleep with each item's offset in the report;
# `set` brings an interface and a whole network down and up and changes
# a link property mid-run (each seen from inside the node by the next
# step); `endpoint` adds an MPTCP endpoint, flips its backup flag and
# deletes it (seen by `ip mptcp endpoint`). A started command that
# exits wrong fails its join; one nobody joins is joined at the end.
# SIGINT in the middle of a timeline leaves nothing behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

cat >"$d/tl.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24 rate 50mbit
    a eth0 .1
    b eth0 .2
network m 10.9.1.0/24
    a eth1 .1
    b eth1 .2
start a name bg exit 3 -- sh -c 'sleep 0.3; exit 3'
sleep 1
join bg
set a eth0 down
run a name is-down -- sh -c '! ip link show eth0 | grep -q ",UP"'
set a eth0 up
run a name is-up -- sh -c 'ip link show eth0 | grep -q ",UP"'
set network m down
run b name m-down -- sh -c '! ip link show eth1 | grep -q ",UP"'
set network m up
run a name m-up -- sh -c 'ip link show eth1 | grep -q ",UP"'
set a eth0 rate 5mbit
run a name rate-5 -- sh -c 'tc qdisc show dev eth0 | grep -q "rate 5Mbit"'
endpoint b add 10.9.1.2 dev eth1 subflow backup
run b name ep-backup -- sh -c 'ip mptcp endpoint show | grep -q "10.9.1.2 .*subflow.*backup"'
endpoint b nobackup 10.9.1.2
run b name ep-nobackup -- sh -c 'ip mptcp endpoint show | grep "10.9.1.2" | grep -vq backup'
endpoint b delete 10.9.1.2
run b name ep-gone -- sh -c '! ip mptcp endpoint show | grep -q 10.9.1.2'
start b name late -- sleep 0.2
TOPO
lab_run "$d/out" "$d/err" run "$d/tl.topo" --name "${T_ID}a"
if [ $rc -eq 0 ]; then ok "timeline passes"; else bad "timeline: exit $rc"; cat "$d/out" "$d/err"; fi
# offsets: the sleep ends the join after 1 s; the rest only carry one
for item in 'start a bg at \+0\.0' 'sleep 1 s at \+0\.0' 'join bg at \+1\.' \
	    'set a eth0 down at \+' 'set network m up at \+' \
	    'set a eth0 rate 5mbit at \+' 'endpoint b add 10\.9\.1\.2 at \+' \
	    'endpoint b nobackup 10\.9\.1\.2 at \+' 'endpoint b delete 10\.9\.1\.2 at \+' \
	    'join late \(end of the steps\) at \+'; do
	check "report: $item" grep -qE "ok    $item[0-9.]+ s" "$d/out"
done
check_run_clean "timeline"

# A started command that exits 0 where 3 was expected fails its join.
cat >"$d/fail.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
start a name bg exit 3 -- true
join bg
TOPO
lab_run "$d/out" "$d/err" run "$d/fail.topo" --name "${T_ID}f"
if [ $rc -eq 1 ]; then ok "wrong exit: run fails (exit 1)"; else bad "wrong exit: exit $rc"; cat "$d/out"; fi
check "the join says why" grep -q 'exit status 0, expected 3' "$d/out"
check_run_clean "failed join" kept
rm -rf "$MPTCP_LAB_RUN_DIR"

# SIGINT while a started command runs and a sleep waits.
cat >"$d/long.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24 rate 10mbit
    a eth0 .1
    b eth0 .2
start a name long -- sleep 30
sleep 20
set a eth0 down
join long
TOPO
"$LAB" run "$d/long.topo" --name "${T_ID}i" >"$d/out" 2>"$d/err" &
pid=$!
for i in $(seq 200); do
	grep -q 'start a long' "$d/out" && tagged_procs | grep -q 'sleep 30' && break
	sleep 0.05
done
if tagged_procs | grep -q 'sleep 30'; then ok "SIGINT: the started command runs"; else bad "SIGINT: never started"; cat "$d/out" "$d/err"; fi
kill -INT "$pid"
wait "$pid"; rc=$?
if [ $rc -eq 3 ]; then ok "SIGINT: exit 3"; else bad "SIGINT: exit $rc"; cat "$d/out"; fi
check "SIGINT: says it was interrupted" grep -q 'interrupted' "$d/out"
check "SIGINT: later actions skipped" grep -q 'skip  set a eth0 down' "$d/out"
check_run_clean "SIGINT" kept

# Services stop in the reverse order of their start, each gone before the
# next gets SIGTERM: each writes its name when SIGTERM comes and takes
# 0.3 s to exit, so stopped all at once they would write 1 2 3.
for n in 1 2 3; do
	echo "    service name s$n -- sh -c 'trap \"echo $n >>$d/stops; sleep 0.3; exit 0\" TERM; while :; do sleep 0.05; done'"
done | { echo "node a"; cat; echo "run a -- true"; } >"$d/stop.topo"
lab_run "$d/out" "$d/err" run "$d/stop.topo" --name "${T_ID}o"
if [ $rc -eq 0 ]; then ok "stop order: run passes"; else bad "stop order: exit $rc"; cat "$d/out" "$d/err"; fi
check "stop order: s3, s2, s1, one after another ($(tr '\n' ' ' <"$d/stops" 2>/dev/null))" \
	test "$(tr -d '\n' <"$d/stops" 2>/dev/null)" = 321
check_run_clean "stop order" kept
finish
