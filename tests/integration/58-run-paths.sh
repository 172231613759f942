#!/usr/bin/env bash
# Every file a run writes stays inside its run directory. A service whose
# command ends in '/' used to take the whole path as its name, and its
# log files were written outside (as root): `service -- ../../../escape/`.
# The run directory's base must be a directory of ours, not a symlink
# (in /var/tmp another user could make it point anywhere).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
d=$(mktemp -d)
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
# the run directory is $d/r1/r2/LAB; from its node directory a, the name
# ../../../escape/ leads to $d/r1/escape/
mkdir -p "$d/r1/r2" "$d/r1/escape" "$d/elsewhere"
cat >"$d/esc.topo" <<'TOPO'
node a
    service -- ../../../escape/
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run a -- true
TOPO
touch "$d/marker"
MPTCP_LAB_RUN_DIR=$d/r1/r2 lab_run "$d/out" "$d/err" run "$d/esc.topo" --name "${T_ID}e" --keep
check "nothing written into escape/" test -z "$(ls -A "$d/r1/escape")"
outside=$(find "$d" -newer "$d/marker" -type f ! -path "$d/r1/r2/${T_ID}e/*" ! -path "$d/out" ! -path "$d/err")
if [ -z "$outside" ]; then ok "no file written outside the run directory"; else bad "files outside the run directory: $outside"; fi
check "the service's logs are in its node's directory" test -e "$d/r1/r2/${T_ID}e/a/escape.stdout"
check "its exec failure is reported" grep -q 'exec ../../../escape/' "$d/out"

# a symlink as the base: refused, nothing written where it points
ln -s "$d/elsewhere" "$d/link"
MPTCP_LAB_RUN_DIR=$d/link lab_run "$d/out" "$d/err" run "$d/esc.topo" --name "${T_ID}l"
if [ $rc -ne 0 ]; then ok "symlink base: refused (exit $rc)"; else bad "symlink base: exit 0"; fi
check "symlink base: says why" grep -q "not a symlink" "$d/out" "$d/err"
check "symlink base: nothing written where it points" test -z "$(ls -A "$d/elsewhere")"
# a base of another user: refused
mkdir "$d/theirs" && chown nobody "$d/theirs"
MPTCP_LAB_RUN_DIR=$d/theirs lab_run "$d/out" "$d/err" run "$d/esc.topo" --name "${T_ID}o"
if [ $rc -ne 0 ]; then ok "foreign base: refused (exit $rc)"; else bad "foreign base: exit 0"; fi
check "foreign base: nothing written" test -z "$(ls -A "$d/theirs")"
check_run_clean "paths" kept
finish
