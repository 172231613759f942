#!/usr/bin/env bash
# 61-matrix-table: scripts/matrix (make matrix) on the host column, with
# three stand-in tests (a pass, a skip naming what the kernel lacks, a
# failure): the table has a row for each with its cell, the skip's and the
# failure's reasons numbered under it, the kernel's release; the JUnit file
# is well-formed XML with the release in the suite name and properties;
# the exit status is 1 with a failure and 0 without. No guest is booted:
# the guests run the same scripts (tests/integration/60-vm-run.sh boots
# one).
. "$(dirname "$0")/lib.sh"
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
mkdir "$d/t"
printf 'echo "ok: fine"; exit 0\n' >"$d/t/01-pass.sh"
printf 'echo "skip: the kernel lacks widget-events"; exit 77\n' >"$d/t/02-skip.sh"
printf 'echo "FAIL: the widget broke"; exit 1\n' >"$d/t/03-fail.sh"

matrix() { # OUT TESTS: the host column on the stand-ins
	CI= MPTCP_LAB_TEST_DIR="$d/t" KERNELS=host MATRIX_TESTS=$2 MATRIX_OUT="$d/$1" \
		TEST_RESULTS= TEST_LOGS= "$TOP/scripts/matrix" "$BUILD" >"$d/$1.out" 2>&1
}
matrix all0 0; rc=$?
cat "$d/all0.out"
check "a failure: exit 1 (got $rc)" test $rc -eq 1
row() { grep -qE "^suite $1 +$2" "$d/all0.out"; }
check "table: the pass" row 01-pass 'pass [0-9.]+s'
check "table: the skip, numbered" row 02-skip 'skip \[1\]'
check "table: the failure, numbered" row 03-fail 'FAIL \[2\]'
check "the skip's reason names the feature" grep -qx '\[1\] host 02-skip: the kernel lacks widget-events' "$d/all0.out"
check "the failure's reason" grep -qx '\[2\] host 03-fail: FAIL: the widget broke' "$d/all0.out"
check "the kernel's release" grep -qE "^release +$(uname -r | sed 's/[.+]/\\&/g')" "$d/all0.out"
j=$d/all0/junit-host.xml
check "JUnit: well-formed, the release in the suite name and properties, 3 cases, 1 failure, 1 skip" \
	python3 - "$j" "$(uname -r)" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
s = root.find("testsuite")
props = {p.get("name"): p.get("value") for p in s.find("properties")}
assert sys.argv[2] in s.get("name"), s.get("name")
assert props["kernel.release"] == sys.argv[2], props
assert (s.get("tests"), s.get("failures"), s.get("skipped")) == ("3", "1", "1"), s.attrib
cases = {c.get("name"): c for c in s.findall("testcase")}
assert cases["02-skip"].find("skipped").get("message") == "the kernel lacks widget-events"
assert "the widget broke" in cases["03-fail"].find("failure").get("message")
PY
check "each test's log kept" test -s "$d/all0/host/logs/03-fail.log"

# A unit binary with a skipped test: the row passes and names the skip.
mkdir -p "$d/b/tests"
cat >"$d/b/tests/test_stand_in" <<'SH'
#!/bin/sh
printf '[ RUN      ] test_a\nskip: the kernel lacks widget-events\n[  SKIPPED ] test_a\n'
printf '[ RUN      ] test_b\n[       OK ] test_b\n[  PASSED  ] 1 test(s).\n'
printf '[  SKIPPED ] 1 test(s), listed below:\n[  SKIPPED ] test_a\n'
SH
chmod +x "$d/b/tests/test_stand_in"
CI= KERNELS=host MATRIX_TESTS=unit MATRIX_OUT="$d/unit" "$TOP/scripts/matrix" "$d/b" >"$d/unit.out" 2>&1
rc=$?
cat "$d/unit.out"
check "unit with a skip: exit 0 (got $rc)" test $rc -eq 0
check "unit: a pass that names its skip" grep -qE '^suite unit +pass [0-9.]+s, skip \[1\]' "$d/unit.out"
check "unit: the skipped test and why" \
	grep -qx '\[1\] host unit: skipped: test_stand_in:test_a: the kernel lacks widget-events' "$d/unit.out"

matrix one 01-pass; rc=$?
check "nothing failed: exit 0 (got $rc)" test $rc -eq 0
check "only the test asked for" sh -c "! grep -q 03-fail '$d/one.out'"
finish
