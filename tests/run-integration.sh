#!/usr/bin/env bash
# Run every tests/integration/[0-9]*.sh as root. A script exits 0 (pass),
# 77 (skipped, e.g. not root) or anything else (fail); its output goes to
# BUILD/test-logs/NAME.log (or $TEST_LOGS/NAME.log) and is shown when it
# fails. With CI=true a skip not on tests/ci-skip-allowed is a failure
# (ci_skips.sh). With $TEST_RESULTS set, one line per test is appended to
# that file: NAME, pass|fail|skip, seconds, the reason of a skip or the
# first FAIL line of a failure (tab-separated; scripts/matrix reads it).
# usage: run-integration.sh BUILD [PATTERN]
#   MPTCP_LAB_TEST_DIR: another folder of test scripts (tests of this runner)
set -u
build=$(cd "$1" && pwd); pat=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ci_skips.sh"
tdir=${MPTCP_LAB_TEST_DIR:-$here/integration}
logs=${TEST_LOGS:-$build/test-logs}; mkdir -p "$logs"
result() { [ -z "${TEST_RESULTS:-}" ] || printf '%s\t%s\t%.1f\t%s\n' "$@" >>"$TEST_RESULTS"; }
pass=0; fail=0; skip=0
# Microseconds from bash's own clock: no date or bc per test (in an
# emulated guest each program started costs tens of milliseconds).
usecs() { local t=${EPOCHREALTIME/[.,]/}; echo $((10#$t)); }
for t in "$tdir"/[0-9]*.sh; do
	name=${t##*/}; name=${name%.sh}
	[ -n "$pat" ] && [[ $name != *$pat* ]] && continue
	start=$(usecs)
	BUILD=$build bash "$t" >"$logs/$name.log" 2>&1; rc=$?
	us=$(( $(usecs) - start ))
	printf -v secs '%d.%06d' $((us / 1000000)) $((us % 1000000))
	case $rc in
	0) pass=$((pass + 1)); printf 'ok   %-40s %6.1fs\n' "$name" "$secs"
	   result "$name" pass "$secs" "" ;;
	77) why=$(ci_skip_ok "$name")
	    if [ $? -eq 0 ]; then
		skip=$((skip + 1)); printf 'skip %-40s %s\n' "$name" "$(tail -1 "$logs/$name.log")"
		result "$name" skip "$secs" "$(tail -1 "$logs/$name.log" | sed 's/^skip: //')"
	    else
		fail=$((fail + 1)); printf 'FAIL %-40s %s\n' "$name" "$(tail -1 "$logs/$name.log")"
		result "$name" fail "$secs" "skipped in CI: $(tail -1 "$logs/$name.log" | sed 's/^skip: //')"
	    fi
	    [ -z "$why" ] || echo "$why" ;;
	*) fail=$((fail + 1)); printf 'FAIL %-40s %6.1fs (exit %d)\n' "$name" "$secs" "$rc"
	   result "$name" fail "$secs" "$(grep -m1 '^FAIL' "$logs/$name.log" || echo "exit $rc")"
	   tail -40 "$logs/$name.log" | sed 's/^/    /' ;;
	esac
done
echo "integration: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
