#!/usr/bin/env bash
# Run cmocka unit test binaries; print per-binary results and a total.
# With CI=true a binary that skips tests (cmocka's skip(): not root, no
# MPTCP) fails unless tests/ci-skip-allowed lists it (ci_skips.sh).
# usage: run-unit.sh BUILD BIN...   (prints "unit: N passed, N failed")
set -u
build=$1; shift
. "$(dirname "$0")/ci_skips.sh"
pass=0; fail=0
for bin in "$@"; do
	case $bin in *.d | *.o) continue ;; esac	# -MMD files beside the binaries
	out=$("$bin" 2>&1); rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if grep -q '^\[  SKIPPED \] [0-9]* test' <<<"$out"; then
		why=$(ci_skip_ok "$(basename "$bin")") || { rc=1; f=$((f + 1)); }
		[ -z "$why" ] || echo "$why"
	fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ $rc -ne 0 ]; then
		echo "FAIL $(basename "$bin")"; echo "$out" | sed 's/^/    /'
	else
		echo "ok   $(basename "$bin") ($p)"
	fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
