#!/usr/bin/env bash
# A service that never becomes ready fails the run with exit status 3 and
# a message naming the service, its node and the readiness condition; a
# service that dies before it is ready is reported with its status and
# stderr. Nothing is left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
cat >"$d/never.topo" <<'TOPO'
node a
    service name sleeper ready tcp 9 timeout 1 -- sleep 100
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run b -- true
TOPO
start=$(date +%s.%N)
lab_run "$d/out" "$d/err" run "$d/never.topo" --name "${T_ID}n"
secs=$(echo "$(date +%s.%N) - $start" | bc)
if [ $rc -eq 3 ]; then ok "exit status 3"; else bad "exit status $rc, expected 3"; cat "$d/out" "$d/err"; fi
check "message names service, node and condition" grep -q "service sleeper in node a not ready after $(tscale 1) s (ready tcp 9)" "$d/out"
check "summary says ERROR" grep -q '^ERROR: ' "$d/out"
check "the step after it is not run" sh -c "! grep -q 'run b: true' '$d/out'"
check "gave up after about the timeout ($secs s)" sh -c "echo '$secs < $(tscale 4)' | bc | grep -qx 1"
check_run_clean "never ready" kept

cat >"$d/dies.topo" <<'TOPO'
node a
    service name dier ready tcp 9 -- sh -c "echo cannot bind port 9 >&2; exit 5"
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
TOPO
lab_run "$d/out" "$d/err" run "$d/dies.topo" --name "${T_ID}d"
if [ $rc -eq 3 ]; then ok "dying service: exit status 3"; else bad "dying service: exit $rc"; cat "$d/out" "$d/err"; fi
check "message says it exited with status 5" grep -q 'service dier in node a exited with status 5 before it was ready' "$d/out"
check "message shows the tail of its stderr" grep -q '| cannot bind port 9' "$d/out"

cat >"$d/noexec.topo" <<'TOPO'
node a
    service ready tcp 9 -- /nonexistent/prog
TOPO
lab_run "$d/out" "$d/err" run "$d/noexec.topo" --name "${T_ID}e"
if [ $rc -eq 3 ]; then ok "missing program: exit status 3"; else bad "missing program: exit $rc"; cat "$d/out" "$d/err"; fi
check "message says exec failed" grep -q 'exec /nonexistent/prog: No such file or directory' "$d/out"
check_run_clean "failed services" kept
finish
