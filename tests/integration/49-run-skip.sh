#!/usr/bin/env bash
# A node where MPTCP is disabled (net.mptcp.enabled=0) cannot report MPTCP
# events: the run is skipped with exit status 4 and one line saying what
# is missing; --strict turns the skip into a failure (exit 1). A bad
# topology file is exit status 2. Nothing is left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
cat >"$d/off.topo" <<'TOPO'
node a
    sysctl net.mptcp.enabled=0
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run a -- true
expect a CREATED=0
TOPO
lab_run "$d/out" "$d/err" run "$d/off.topo" --name "${T_ID}k"
if [ $rc -eq 4 ]; then ok "skipped: exit 4"; else bad "exit $rc, expected 4"; cat "$d/out" "$d/err"; fi
check "says what is missing" grep -qi 'net.mptcp.enabled' "$d/out"
check "summary says SKIP" grep -q '^SKIP: ' "$d/out"
check "the step did not run" sh -c "! grep -q 'run a: true' '$d/out'"

lab_run "$d/out" "$d/err" run "$d/off.topo" --name "${T_ID}s" --strict
if [ $rc -eq 1 ]; then ok "--strict: exit 1"; else bad "--strict: exit $rc, expected 1"; cat "$d/out" "$d/err"; fi
check "--strict says why" grep -q 'strict' "$d/out"

lab_run "$d/tap" "$d/err" run "$d/off.topo" --name "${T_ID}t" --tap
check "TAP marks it SKIP" grep -qE '^ok [0-9]+ - MPTCP events # SKIP' "$d/tap"

printf 'node a\nbogus word\n' >"$d/bad.topo"
lab_run "$d/out" "$d/err" run "$d/bad.topo"
if [ $rc -eq 2 ]; then ok "bad file: exit 2"; else bad "bad file: exit $rc"; fi
check "bad file: file:line:col in the message" grep -q 'bad.topo:2:' "$d/err"
lab_run "$d/out" "$d/err" run "$d/off.topo" --bogus
if [ $rc -eq 2 ]; then ok "bad option: exit 2"; else bad "bad option: exit $rc"; fi
check "bad option named" grep -q "'--bogus'" "$d/err"
check_run_clean "skips" kept
finish
