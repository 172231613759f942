#!/usr/bin/env bash
# Run cmocka unit test binaries; print per-binary results and a total.
# With CI=true a binary that skips tests (cmocka's skip(): not root, no
# MPTCP) fails unless tests/ci-skip-allowed lists it (ci_skips.sh).
# A skipped test gets a line of its own: "skip BIN:TEST: REASON".
# usage: run-unit.sh BUILD BIN...
#   (prints "unit: N passed, N failed, N skipped" last)
set -u
build=$1; shift
. "$(dirname "$0")/ci_skips.sh"
pass=0; fail=0; skip=0
# skipped OUTPUT BIN: a "skip BIN:TEST: REASON" line per skipped test, the
# reason being the "skip: ..." line the test printed before cmocka's
# SKIPPED line (or "no reason given").
skipped() {
	awk -v bin="$2" '
		/^\[ RUN      \]/ { why = "" }
		/^skip: / { why = substr($0, 7) }
		/^\[  SKIPPED \] [a-z_0-9]+$/ && !seen[$4]++ {
			print "skip " bin ":" $4 ": " (why == "" ? "no reason given" : why)
		}' <<<"$1"
}
for bin in "$@"; do
	case $bin in *.d | *.o) continue ;; esac	# -MMD files beside the binaries
	out=$("$bin" 2>&1); rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
	s=${s:-0}
	if [ "$s" -gt 0 ]; then
		why=$(ci_skip_ok "$(basename "$bin")") || { rc=1; f=$((f + 1)); }
		[ -z "$why" ] || echo "$why"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	if [ $rc -ne 0 ]; then
		echo "FAIL $(basename "$bin")"; echo "$out" | sed 's/^/    /'
	elif [ "$s" -gt 0 ]; then
		echo "ok   $(basename "$bin") ($p, $s skipped)"
		skipped "$out" "$(basename "$bin")"
	else
		echo "ok   $(basename "$bin") ($p)"
	fi
done
echo "unit: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
