#!/usr/bin/env bash
# In CI (CI=true) a skipped test is a failure unless tests/ci-skip-allowed
# lists it, and the listed reason is printed; outside CI a skip stays a
# skip. Runs the runners on a folder of stand-in tests (no root needed).
. "$(dirname "$0")/lib.sh"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir -p "$d/t" "$d/build"
printf 'exit 0\n' >"$d/t/01-pass.sh"
printf 'echo "skip: no widget"; exit 77\n' >"$d/t/02-skip-listed.sh"
printf 'echo "skip: needs root"; exit 77\n' >"$d/t/03-skip-unlisted.sh"
printf '# comment\n02-skip-listed  the widget is optional on CI runners\n' >"$d/allow"
cat >"$d/test_unit_skips" <<'EOF2'
#!/bin/sh
echo "[ RUN      ] test_widget"
echo "skip: no widget here"
echo "[  SKIPPED ] test_widget"
echo "[ RUN      ] test_other"
echo "[       OK ] test_other"
echo "[  PASSED  ] 1 test(s)."
echo "[  SKIPPED ] 1 test(s), listed below:"
echo "[  SKIPPED ] test_widget"
EOF2
chmod +x "$d/test_unit_skips"

# The stand-ins' results and logs stay out of a calling runner's (the
# kernel matrix sets TEST_RESULTS and TEST_LOGS for this very script).
integ() { # CI-VALUE: run the integration runner on the stand-ins
	CI=$1 CI_SKIP_ALLOWED="$d/allow" MPTCP_LAB_TEST_DIR="$d/t" \
		TEST_RESULTS= TEST_LOGS="$d/logs" \
		"$TOP/tests/run-integration.sh" "$d/build" >"$d/out" 2>&1
}
integ true; rc=$?
if [ $rc -ne 0 ]; then ok "CI: an unlisted skip fails the run"; else bad "CI: exit 0 with an unlisted skip"; cat "$d/out"; fi
check "CI: the unlisted skip is a FAIL line" grep -q '^FAIL 03-skip-unlisted ' "$d/out"
check "CI: the listed skip stays a skip" grep -q '^skip 02-skip-listed ' "$d/out"
check "CI: its reason is printed" grep -q 'allowed to skip in CI: the widget is optional on CI runners' "$d/out"
check "CI: tally" grep -q '^integration: 1 passed, 1 failed, 1 skipped$' "$d/out"
integ false; rc=$?
if [ $rc -eq 0 ]; then ok "not CI: skips pass"; else bad "not CI: exit $rc"; cat "$d/out"; fi
check "not CI: tally" grep -q '^integration: 1 passed, 0 failed, 2 skipped$' "$d/out"

CI=true CI_SKIP_ALLOWED="$d/allow" "$TOP/tests/run-unit.sh" "$d/build" "$d/test_unit_skips" >"$d/out" 2>&1; rc=$?
if [ $rc -ne 0 ]; then ok "CI: a unit binary that skips fails"; else bad "CI: unit skip passed"; cat "$d/out"; fi
check "CI: unit tally" grep -q '^unit: 1 passed, 1 failed, 1 skipped$' "$d/out"
CI= "$TOP/tests/run-unit.sh" "$d/build" "$d/test_unit_skips" >"$d/out" 2>&1; rc=$?
if [ $rc -eq 0 ]; then ok "not CI: a unit skip passes"; else bad "not CI: unit exit $rc"; cat "$d/out"; fi
check "not CI: unit tally" grep -q '^unit: 1 passed, 0 failed, 1 skipped$' "$d/out"
check "not CI: the skipped test and its reason, once" \
	test "$(grep -c '^skip test_unit_skips:test_widget: no widget here$' "$d/out")" = 1

# the real allow-list: every line names a test that exists and has a reason
while read -r name reason; do
	case $name in ''|'#'*) continue ;; esac
	check "allow-list: $name exists" test -e "$TOP/tests/integration/$name.sh" -o -e "$TOP/tests/unit/$name.c"
	check "allow-list: $name has a reason" test -n "$reason"
done <"$TOP/tests/ci-skip-allowed"
finish
