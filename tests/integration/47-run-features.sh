#!/usr/bin/env bash
# The general run features other scenarios build on (sevpn): `mount
# private` and `mount null` seen by services, steps and readiness
# commands but never by the host; `ready cmd ... output`; `wait ...
# output`; a `link` step configuring an interface created in the node;
# `run ... exit N`; a failing step fails the run with exit status 1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d" "/var/lib/mptcp-lab-$T_ID"' EXIT
d=$(mktemp -d)
priv=/var/lib/mptcp-lab-$T_ID/state
cat >"$d/f.topo" <<TOPO
node a
    mount private /tmp $priv
    mount null /etc/hostname /proc/sys/kernel/threads-max
    service name flag ready cmd "cat /tmp/flag" output yes timeout 5 -- sh -c "sleep 0.2; echo yes > /tmp/flag; exec sleep 100"
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run a -- sh -c "echo $T_ID > /tmp/marker && echo kept > $priv/file"
run a -- sh -c "[ ! -s /etc/hostname ]"
run a -- sh -c "echo 12345 > /proc/sys/kernel/threads-max"
run a -- sh -c "ip link add x0 type veth peer name x1"
link a x0 up address 10.50.0.1/24
wait a timeout 5 output 10.50.0.1/24 -- ip -4 addr show dev x0
wait a output kept -- cat $priv/file
run a exit 3 -- sh -c "exit 3"
run a -- sh -c "[ ! -e /proc/\$\$/fd/9 ]"
run b -- ping -c 1 -W 2 10.9.0.1
TOPO
tmax=$(cat /proc/sys/kernel/threads-max)
# fd 9 stands for anything mptcp-lab inherits: no service or step sees it
lab_run "$d/out" "$d/err" run "$d/f.topo" --name "${T_ID}f" 9</dev/null
check "host kernel.threads-max unchanged" test "$(cat /proc/sys/kernel/threads-max)" = "$tmax"
if [ $rc -eq 0 ]; then ok "feature run passes"; else bad "feature run: exit $rc"; cat "$d/out" "$d/err"; fi
check "ready cmd reported" grep -q "ok    service flag in a: ready cmd 'cat /tmp/flag' output" "$d/out"
check "link step reported" grep -q 'ok    link a x0' "$d/out"
check "the host's /tmp never saw the marker" sh -c "! grep -rqs '$T_ID' /tmp/marker"
check "the host's /etc/hostname is untouched" test -s /etc/hostname
check "the mount-point directory we created is gone" test ! -e "$priv"
check_run_clean "features"

# A step with the wrong exit status fails the run (exit 1) and later
# steps are skipped.
cat >"$d/bad.topo" <<'TOPO'
node a
run a -- sh -c "echo to-stdout; echo to-stderr >&2; exit 2"
run a -- true
TOPO
lab_run "$d/out" "$d/err" run "$d/bad.topo" --name "${T_ID}b"
if [ $rc -eq 1 ]; then ok "failing step: exit 1"; else bad "failing step: exit $rc"; cat "$d/out" "$d/err"; fi
check "shows the status" grep -q 'exit status 2, expected 0' "$d/out"
check "shows its stderr" grep -q '| to-stderr' "$d/out"
check "the next step is skipped" grep -q 'skip  run a: true' "$d/out"

# A timed-out step is killed.
cat >"$d/slow.topo" <<'TOPO'
node a
run a timeout 300ms -- sleep 100
TOPO
lab_run "$d/out" "$d/err" run "$d/slow.topo" --name "${T_ID}s"
if [ $rc -eq 1 ]; then ok "slow step: exit 1"; else bad "slow step: exit $rc"; cat "$d/out" "$d/err"; fi
check "says it timed out" grep -q "timed out after $(tscale 0.3) s, killed" "$d/out"
check_run_clean "failing steps" kept
finish
