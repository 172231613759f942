#!/usr/bin/env bash
# The reports of `mptcp-lab run` pass their real consumers, whatever bytes
# a step prints: --json is read by Python's json module and has the keys
# docs/report-json.md promises (schema, tool version, kernel, host, start
# time, numbers for counts, null for what does not apply); --junit is
# valid against tests/junit.xsd (xmllint) and read by Python's XML parser,
# with <error> for a setup error and the reason in <skipped message>;
# --tap is read by prove and Perl's TAP::Parser: pass, fail and skip
# counted right, the reason after SKIP, YAML blocks under failures. Steps
# are named in the report and commands keep their quoting. Progress goes
# to stderr with --json, nothing with --quiet; --tap --json is a usage
# error.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
for t in python3 xmllint prove perl; do command -v $t >/dev/null || skip "no $t"; done
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

# TAP::Parser's own counts: "passed failed skipped yaml-blocks plan-ok".
tap_counts() {
	perl -MTAP::Parser -e '
		open(my $fh, "<", $ARGV[0]) or die;
		my $p = TAP::Parser->new({ tap => join("", <$fh>) });
		my ($y, $s) = (0, 0);
		while (my $r = $p->next) {
			$y++ if $r->is_yaml;
			$s++ if $r->is_test && $r->has_skip;
		}
		printf "%d %d %d %d %s\n", scalar($p->passed) - $s,
			scalar($p->failed), $s, $y, $p->is_good_plan ? "plan" : "badplan";
	' "$1"
}

# A step that prints bytes that are not UTF-8 and control characters,
# then fails; the step after it is skipped.
cat >"$d/hostile.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run a name greet -- true
run a -- sh -c "printf 'out \377\376 \033[31m bel \007 <&> \342\202\254\n'; printf 'err \377\n' >&2; exit 3"
run a -- true
expect a CREATED=0
TOPO
lab_run "$d/json" "$d/err" run "$d/hostile.topo" --name "${T_ID}h" --json --junit "$d/junit.xml"
if [ $rc -eq 1 ]; then ok "hostile: exit 1"; else bad "hostile: exit $rc, expected 1"; cat "$d/err"; fi
check "json: python3 reads it" json_valid "$d/json"
check "json: U+FFFD where the bytes were" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = [x for x in d["tests"] if x["result"] == "fail"][0]
assert "out \ufffd\ufffd \x1b[31m bel \x07 <&> \u20ac" in t["detail"], t["detail"]
assert "err \ufffd" in t["detail"], t["detail"]' "$d/json"
check "json: schema, tool, host, kernel, start time" jqe --arg h "$(hostname)" --arg k "$(uname -r)" '
	.schema == 1 and .tool == "mptcp-lab" and (.tool_version | length > 0) and
	.hostname == $h and .kernel_release == $k and
	(.started | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and
	(.kernel_features | type == "object" and .mptcp == true)' "$d/json"
check "json: every item has the same keys" jqe '[.tests[] | keys] | unique | length == 1' "$d/json"
check "json: counts are numbers, what does not apply is null" jqe '
	(.tests[] | select(.kind == "expect") | .expected == {"min": 0, "max": 0} and .actual == 0) and
	(.tests[0] | .node == null and .expected == null and .actual == null and .reason == null)' "$d/json"
check "json: the skip has its reason" jqe '[.tests[] | select(.result == "skip")][0].reason | startswith("an earlier step failed")' "$d/json"
check "json: the step's command keeps its quoting" jqe '[.tests[] | select(.result == "fail")][0].command | startswith("sh -c '"'"'printf ")' "$d/json"
check "json: the named step is named" jqe '[.tests[] | select(.kind == "step")][0].name == "run a greet"' "$d/json"
check "json: progress on stderr" grep -q 'ok    run a greet' "$d/err"
check "junit: valid (xmllint --schema, python3)" junit_valid "$d/junit.xml"
check "junit: timestamp and hostname on testsuite" python3 -c '
import sys, xml.etree.ElementTree as E
s = E.parse(sys.argv[1]).getroot().find("testsuite")
assert s.get("hostname") and len(s.get("timestamp")) == 19, s.attrib
f = s.findall("testcase/failure"); k = s.findall("testcase/skipped")
assert len(f) == 1 and "\ufffd" in f[0].text, f
assert len(k) == 1 and k[0].get("message").startswith("an earlier step failed"), k[0].attrib' "$d/junit.xml"

lab_run "$d/quiet" "$d/qerr" run "$d/hostile.topo" --name "${T_ID}q" --json --quiet
check "--json --quiet: nothing on stderr" test ! -s "$d/qerr"
check "--json --quiet: the summary on stdout" json_valid "$d/quiet"

lab_run "$d/tap" "$d/err" run "$d/hostile.topo" --name "${T_ID}t" --tap
check "tap: prove fails the failed run" sh -c "! prove -e cat '$d/tap' >/dev/null 2>&1"
got=$(tap_counts "$d/tap")
check "tap: TAP::Parser counts pass/fail/skip/yaml: $got" test "$got" = "8 1 1 1 plan"
check "tap: SKIP carries the reason" grep -q '^ok [0-9]* - run a: true # SKIP an earlier step failed' "$d/tap"
check "tap: valid UTF-8" python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$d/tap"

# A run that passes, and one the kernel cannot do (skipped).
cat >"$d/pass.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run a -- sh -c 'echo "a b"'
TOPO
lab_run "$d/tap" "$d/err" run "$d/pass.topo" --name "${T_ID}p" --tap --junit "$d/junit.xml"
check "pass: prove passes" prove_tap "$d/tap"
got=$(tap_counts "$d/tap")
check "pass: TAP::Parser counts: $got" test "$got" = "4 0 0 0 plan"
check "pass: junit valid" junit_valid "$d/junit.xml"
check "pass: the command keeps its quoting" grep -q "run a: sh -c 'echo \"a b\"'" "$d/tap"

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
lab_run "$d/tap" "$d/err" run "$d/off.topo" --name "${T_ID}s" --tap --junit "$d/junit.xml"
if [ $rc -eq 4 ]; then ok "skip: exit 4"; else bad "skip: exit $rc"; fi
check "skip: prove passes a skipped run" prove_tap "$d/tap"
got=$(tap_counts "$d/tap")
check "skip: TAP::Parser counts a skip: $got" sh -c "echo '$got' | grep -qE '^[0-9]+ 0 [1-9][0-9]* 0 plan$'"
check "skip: SKIP carries the reason" grep -q '# SKIP .*net.mptcp.enabled' "$d/tap"
check "skip: junit valid" junit_valid "$d/junit.xml"
check "skip: <skipped message> is the reason" grep -q '<skipped message="[^"]*net.mptcp.enabled' "$d/junit.xml"

# A setup error: <error>, not <failure>; TAP says severity error.
cat >"$d/never.topo" <<'TOPO'
node a
    service name sleeper ready tcp 9 timeout 0.3 -- sleep 100
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
run b -- true
TOPO
lab_run "$d/json" "$d/err" run "$d/never.topo" --name "${T_ID}n" --json --quiet --junit "$d/junit.xml"
if [ $rc -eq 3 ]; then ok "setup error: exit 3"; else bad "setup error: exit $rc"; fi
check "setup error: junit valid" junit_valid "$d/junit.xml"
check "setup error: an <error> element, counted" python3 -c '
import sys, xml.etree.ElementTree as E
s = E.parse(sys.argv[1]).getroot().find("testsuite")
e = s.findall("testcase/error")
assert len(e) == 1 and "sleeper" in e[0].get("message"), e
assert s.get("errors") == "1" and not s.findall("testcase/failure"), s.attrib' "$d/junit.xml"
check "setup error: json errors 1, the item is an error" jqe '.errors == 1 and ([.tests[] | select(.error)] | length == 1)' "$d/json"

lab_run "$d/out" "$d/err" run "$d/pass.topo" --tap --json
if [ $rc -eq 2 ]; then ok "--tap --json: exit 2"; else bad "--tap --json: exit $rc"; fi
check "--tap --json: says why" grep -q 'not both' "$d/err"
check_run_clean "reports" kept
finish
