#!/usr/bin/env bash
# A wrong expectation (simple.topo with CREATED=3 on the client) fails
# with exit status 1 and a message showing expected and actual and the
# events seen; the run directory is kept with the outputs and event logs.
# Several failed expectations of one node list its events once. A
# connection still open when the services stop is reported with the node
# it is in.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
sed 's/^expect client CREATED=2/expect client CREATED=3/' "$TOP/topologies/simple.topo" >"$d/wrong.topo"
check "the copy expects CREATED=3" grep -q '^expect client CREATED=3' "$d/wrong.topo"

lab_run "$d/out" "$d/err" run "$d/wrong.topo" --name "${T_ID}w"
if [ $rc -eq 1 ]; then ok "exit status 1"; else bad "exit status $rc, expected 1"; cat "$d/out" "$d/err"; fi
check "failure names the expectation" grep -q 'FAIL  expect client CREATED=3' "$d/out"
check "failure shows expected and actual" grep -q 'CREATED in client: expected 3, actual 2' "$d/out"
check "failure lists the events seen" grep -q 'events seen in client' "$d/out"
check "the other expectations still pass" grep -q 'ok    expect client ANNOUNCED=2' "$d/out"
check "summary says FAIL" grep -q '^FAIL: ' "$d/out"
rundir=$(sed -n 's/^run directory: //p' "$d/out")
if [ -n "$rundir" ] && [ -d "$rundir" ]; then ok "run directory kept: $rundir"; else bad "no run directory printed"; fi
check "events.log of the client has the CREATED lines" sh -c "[ \$(grep -c CREATED '$rundir/client/events.log') -eq 2 ]"
check "the step's output is kept" test -s "$rundir/client/step-01.stdout"
check "the services' stderr is kept" test -e "$rundir/server/iperf3.stderr"

lab_run "$d/json" "$d/err" run "$d/wrong.topo" --name "${T_ID}x" --json
check "json: exit 1, result fail" jqe '.exit == 1 and .result == "fail"' "$d/json"
check "json: the failed test has expected 3, actual 2 (numbers)" jqe '[.tests[] | select(.result == "fail")] | length == 1 and .[0].expected == {"min": 3, "max": 3} and .[0].actual == 2' "$d/json"
check "json: python3 reads it" json_valid "$d/json"

# Two wrong expectations of the client: its events are listed under the
# first, the second points there.
sed 's/^expect client CREATED=2 ESTABLISHED=2/expect client CREATED=3 ESTABLISHED=3/' "$TOP/topologies/simple.topo" >"$d/wrong2.topo"
lab_run "$d/out" "$d/err" run "$d/wrong2.topo" --name "${T_ID}y"
check "two failures" test "$(grep -c '^  FAIL  expect client' "$d/out")" = 2
check "the client's events listed once" test "$(grep -c 'events seen in client ([0-9]*):$' "$d/out")" = 1
check "the second failure points to the first" grep -q "events seen in client ([0-9]*): listed under 'expect client CREATED=3'" "$d/out"

# A client that holds its connection past the steps: the note names the
# node and its counts.
sed -e 's/^run client timeout 30 -- iperf3 .*/run client -- sleep 0.5/' \
    -e 's/^expect client .*/expect client CREATED>=1/' -e 's/^expect server .*//' \
    -e 's|^\(    service ready tcp 5555 -- mptcp-proxy .*\)|\1\n    service name holder -- iperf3 -c 127.0.0.1 -p 5555 -t 30 -b 1M|' \
    "$TOP/topologies/simple.topo" >"$d/held.topo"
check "held.topo has the holding service" grep -q 'service name holder' "$d/held.topo"
lab_run "$d/out" "$d/err" run "$d/held.topo" --name "${T_ID}z"
check "held: the note names the node with the open connection" grep -qE 'connections still open in client \(CREATED=[0-9]+ CLOSED=[0-9]+\)' "$d/out"
check_run_clean "wrong expectation" kept
finish
