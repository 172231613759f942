#!/usr/bin/env bash
# Run every tests/integration/[0-9]*.sh as root. A script exits 0 (pass),
# 77 (skipped, e.g. not root) or anything else (fail); its output goes to
# BUILD/test-logs/NAME.log and is shown when it fails. With CI=true a
# skip not on tests/ci-skip-allowed is a failure (ci_skips.sh).
# usage: run-integration.sh BUILD [PATTERN]
#   MPTCP_LAB_TEST_DIR: another folder of test scripts (tests of this runner)
set -u
build=$(cd "$1" && pwd); pat=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/ci_skips.sh"
tdir=${MPTCP_LAB_TEST_DIR:-$here/integration}
logs=$build/test-logs; mkdir -p "$logs"
pass=0; fail=0; skip=0
for t in "$tdir"/[0-9]*.sh; do
	name=$(basename "$t" .sh)
	[ -n "$pat" ] && [[ $name != *$pat* ]] && continue
	start=$(date +%s.%N)
	BUILD=$build bash "$t" >"$logs/$name.log" 2>&1; rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	case $rc in
	0) pass=$((pass + 1)); printf 'ok   %-40s %6.1fs\n' "$name" "$secs" ;;
	77) why=$(ci_skip_ok "$name")
	    if [ $? -eq 0 ]; then
		skip=$((skip + 1)); printf 'skip %-40s %s\n' "$name" "$(tail -1 "$logs/$name.log")"
	    else
		fail=$((fail + 1)); printf 'FAIL %-40s %s\n' "$name" "$(tail -1 "$logs/$name.log")"
	    fi
	    [ -z "$why" ] || echo "$why" ;;
	*) fail=$((fail + 1)); printf 'FAIL %-40s %6.1fs (exit %d)\n' "$name" "$secs" "$rc"
	   tail -40 "$logs/$name.log" | sed 's/^/    /' ;;
	esac
done
echo "integration: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
