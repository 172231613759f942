#!/usr/bin/env bash
# For the developer at the keyboard: `up --services` leaves the file's
# services running (and `down` stops them); `run --keep-lab` leaves a
# failed run's lab up and says how to enter and remove it (a passing run
# still goes down); `run --repeat N` tallies N runs and lists the run
# directories of the ones that failed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

cat >"$d/svc.topo" <<'TOPO'
node a
    service ready tcp 5201 -- iperf3 -s
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run b -- iperf3 -c 10.9.0.1 -t 1
TOPO
sed '$a run b name broken -- false' "$d/svc.topo" >"$d/fail.topo"

# up --services
lab_run "$d/out" "$d/err" up "$d/svc.topo" --services --name "${T_ID}u"
if [ $rc -eq 0 ]; then ok "up --services: exit 0"; else bad "up --services: exit $rc"; cat "$d/out" "$d/err"; fi
check "says how to take it down" grep -q "mptcp-lab down ${T_ID}u" "$d/out"
check "iperf3 -s runs in node a after up exited" sh -c "ip netns pids ${T_ID}u-a | xargs -r ps -o cmd= -p | grep -q 'iperf3 -s'"
check "the service answers" timeout 20 "$LAB" exec "${T_ID}u" b -- iperf3 -c 10.9.0.1 -n 1M
lab_run "$d/out" "$d/err" down "${T_ID}u"
if [ $rc -eq 0 ]; then ok "down: exit 0"; else bad "down: exit $rc"; cat "$d/err"; fi
rm -rf "$MPTCP_LAB_RUN_DIR"
check_run_clean "up --services, down"

# up --services whose service never gets ready: nothing is left
sed 's/ready tcp 5201/ready tcp 5999 timeout 1/' "$d/svc.topo" >"$d/notready.topo"
lab_run "$d/out" "$d/err" up "$d/notready.topo" --services --name "${T_ID}n"
if [ $rc -eq 3 ]; then ok "service not ready: exit 3"; else bad "service not ready: exit $rc"; cat "$d/out" "$d/err"; fi
rm -rf "$MPTCP_LAB_RUN_DIR"
check_run_clean "up --services, not ready"

# run --keep-lab
lab_run "$d/out" "$d/err" run "$d/fail.topo" --keep-lab --name "${T_ID}k"
if [ $rc -eq 1 ]; then ok "--keep-lab, failing: exit 1"; else bad "--keep-lab: exit $rc"; cat "$d/out"; fi
check "the lab is still up" test -e "/run/netns/${T_ID}k-a"
check "says how to exec into it" grep -q "mptcp-lab exec ${T_ID}k a -- bash" "$d/out"
check "says how to take it down" grep -q "mptcp-lab down ${T_ID}k" "$d/out"
"$LAB" down "${T_ID}k" >/dev/null
lab_run "$d/out" "$d/err" run "$d/svc.topo" --keep-lab --name "${T_ID}p"
if [ $rc -eq 0 ]; then ok "--keep-lab, passing: exit 0"; else bad "--keep-lab pass: exit $rc"; fi
check "a passing run's lab goes down" test ! -e "/run/netns/${T_ID}p-a"
rm -rf "$MPTCP_LAB_RUN_DIR"
check_run_clean "--keep-lab"

# run --repeat
lab_run "$d/out" "$d/err" run "$d/svc.topo" --repeat 3
if [ $rc -eq 0 ]; then ok "--repeat 3 passing: exit 0"; else bad "--repeat: exit $rc"; cat "$d/out"; fi
check "tally" grep -q '^repeat: 3 of 3 passed, 0 failed' "$d/out"
lab_run "$d/out" "$d/err" run "$d/fail.topo" --repeat 2
if [ $rc -eq 1 ]; then ok "--repeat 2 failing: exit 1"; else bad "--repeat failing: exit $rc"; fi
check "tally of failures" grep -q '^repeat: 0 of 2 passed, 2 failed' "$d/out"
check "failed runs' directories listed and kept" sh -c "grep '^  run [12]: ' '$d/out' | awk '{print \$3}' | xargs -r -n1 test -d"
check "two directories listed" test "$(grep -c '^  run [12]: ' "$d/out")" -eq 2
lab_run "$d/out" "$d/err" run "$d/svc.topo" --repeat 0
if [ $rc -eq 2 ]; then ok "--repeat 0: usage error"; else bad "--repeat 0: exit $rc"; fi
lab_run "$d/out" "$d/err" run "$d/svc.topo" --repeat 2 --name x
if [ $rc -eq 2 ]; then ok "--repeat with --name: usage error"; else bad "--repeat --name: exit $rc"; fi
check_run_clean "--repeat" kept
finish
