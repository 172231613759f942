#!/usr/bin/env bash
# Kernel features: `mptcp-lab features` lists them; a `require`d feature
# or a sysctl key the kernel lacks skips the run (exit 4) naming it,
# before anything is built; --strict makes that a failure (exit 1); an
# `expect ... if FEATURE` line is not checked where the feature is missing
# (a skipped item naming it, the run still passes) and is checked where it
# is present; the report names the kernel release. Works on any kernel:
# the missing feature is taken from `features` itself.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

lab_run "$d/feat" "$d/err" features
check "features: exit 0" test $rc -eq 0
check "features: names the kernel release" grep -qx "kernel $(uname -r)" "$d/feat"
check "features: mptcp is present" grep -qE '^mptcp +yes ' "$d/feat"
check "features: one line per feature" test "$(grep -cE '^[a-z-]+ +(yes|no) ' "$d/feat")" -ge 13
have=$(awk '$2 == "yes" && $1 != "mptcp" && $1 != "pm-events" {print $1; exit}' "$d/feat")
lacks=$(awk '$2 == "no" {print $1; exit}' "$d/feat")
echo "# present: $have; missing: ${lacks:-none}"

if [ -n "$lacks" ]; then
	printf 'require mptcp %s\nnode a\nrun a -- true\n' "$lacks" >"$d/req.topo"
	lab_run "$d/out" "$d/err" run "$d/req.topo" --name "${T_ID}r"
	check "require $lacks: exit 4 (skip)" test $rc -eq 4
	check "require $lacks: names it" grep -q "the kernel lacks $lacks" "$d/out"
	check "require $lacks: the step did not run" sh -c "! grep -q 'run a' '$d/out'"
	lab_run "$d/out" "$d/err" run "$d/req.topo" --name "${T_ID}s" --strict
	check "require $lacks --strict: exit 1" test $rc -eq 1
	check "require $lacks --strict: says why" grep -q 'strict' "$d/out"
else
	echo "# this kernel lacks none of the features: require-skip part not run"
fi
# Our runs' namespaces are named after T_ID (other tests may be making
# their own at the same time).
check "a skipped run built no namespace" sh -c "! ip netns list | grep -q '^$T_ID'"

# A sysctl key no kernel has: check accepts the file, run names the key.
printf 'node a\n    sysctl net.mptcp.no_such_key_%s=1\nrun a -- true\n' "$T_ID" >"$d/sys.topo"
lab_run "$d/out" "$d/err" check "$d/sys.topo"
check "unknown sysctl: check passes" test $rc -eq 0
lab_run "$d/out" "$d/err" run "$d/sys.topo" --name "${T_ID}y"
check "unknown sysctl: exit 4 (skip)" test $rc -eq 4
check "unknown sysctl: names the key" grep -q "the kernel lacks sysctl net.mptcp.no_such_key_$T_ID" "$d/out"

# `if`: not checked without the feature, checked with it. CREATED=5
# cannot hold in a node without traffic, so a checked line fails.
{
	echo 'node a'
	echo 'run a -- true'
	[ -n "$lacks" ] && echo "expect a CREATED=5 if $lacks"
	echo 'expect a CLOSED=0'
} >"$d/if.topo"
lab_run "$d/out" "$d/err" run "$d/if.topo" --name "${T_ID}i"
check "if: run passes" test $rc -eq 0
check "if: the report names the kernel release" grep -q "kernel $(uname -r)" "$d/out"
if [ -n "$lacks" ]; then
	# The item's line is cut to the report's width (a long feature name
	# does not fit); the line under it names the feature in full.
	check "if $lacks: a skip, not checked" grep -qE "^ *skip +expect a CREATED=5: not checked" "$d/out"
	check "if $lacks: names the feature" grep -qx " *the kernel lacks $lacks" "$d/out"
	lab_run "$d/out" "$d/err" run "$d/if.topo" --name "${T_ID}j" --strict
	check "if $lacks --strict: exit 1" test $rc -eq 1
fi
printf 'node a\nrun a -- true\nexpect a CREATED=5 if %s\n' "$have" >"$d/if2.topo"
lab_run "$d/out" "$d/err" run "$d/if2.topo" --name "${T_ID}k"
check "if $have (present): checked, and fails" test $rc -eq 1
check "if $have: expected 5, actual 0" grep -q "expected 5, actual 0" "$d/out"
check_run_clean "kernel features" kept
finish
