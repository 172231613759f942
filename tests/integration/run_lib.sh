# run_lib.sh: helpers for the `mptcp-lab run` integration tests (40-49),
# sourced after lib.sh.
#
# Every mptcp-lab started through lab_run carries MPTCP_LAB_TEST_TAG in
# its environment, which the processes it starts inherit, so a leftover
# process of this test is found by that tag and never confused with
# another test's iperf3 or proxy.
export MPTCP_LAB_TEST_TAG=$T_ID
export MPTCP_LAB_RUN_DIR=/var/tmp/mptcp-lab-$T_ID

# Tests run the binaries of this build: mptcp-lab finds mptcp-proxy next
# to itself.
need_binaries() {
	[ -x "$LAB" ] || skip "no $LAB (build first)"
	[ -x "$PROXY" ] || skip "no $PROXY (build first)"
	command -v iperf3 >/dev/null || skip "no iperf3"
}

# Processes that carry our tag and run in a namespace other than ours:
# what mptcp-lab started in a lab node (the tools this script runs share
# our namespace, so they never count).
# One grep reads every environment; the namespace test is a builtin (-ef:
# the same nsfs inode), so a slow machine (a VM without KVM, where each
# program started costs tens of milliseconds) scans /proc quickly.
tagged_procs() {
	local f p cmd
	for f in $(grep -lsxz "MPTCP_LAB_TEST_TAG=$T_ID" /proc/[0-9]*/environ); do
		p=${f%/environ}
		[ "$p/ns/net" -ef "/proc/$$/ns/net" ] && continue
		[ -e "$p/ns/net" ] || continue
		cmd=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline")
		echo "${p#/proc/} $cmd"
	done
}

# Everything a run of ours could leave: namespaces, netns mounts, state,
# processes, private mounts, run directories (unless kept: pass "kept").
check_run_clean() { # what [kept]
	local what=$1 procs
	check_clean "$T_ID" "$what: namespaces"
	procs=$(tagged_procs)
	if [ -n "$procs" ]; then
		bad "$what: processes left: $procs"
	else
		ok "$what: no process left"
	fi
	if grep -q "mptcp-lab-$T_ID\|/$T_ID" /proc/self/mountinfo; then
		bad "$what: mounts left: $(grep "$T_ID" /proc/self/mountinfo | head -3)"
	else
		ok "$what: no mount left"
	fi
	if [ -d "$MPTCP_LAB_STATE_DIR" ] && [ -n "$(ls -A "$MPTCP_LAB_STATE_DIR")" ]; then
		bad "$what: state left: $(ls -A "$MPTCP_LAB_STATE_DIR")"
	else
		ok "$what: no lab state left"
	fi
	if [ "${2:-}" != kept ] && [ -d "$MPTCP_LAB_RUN_DIR" ] &&
	   [ -n "$(ls -A "$MPTCP_LAB_RUN_DIR")" ]; then
		bad "$what: run directories left: $(ls -A "$MPTCP_LAB_RUN_DIR")"
	else
		ok "$what: run directory handled"
	fi
}

# lab_run OUT ERR ARGS...: run mptcp-lab, stdout/stderr to files; $rc.
lab_run() {
	local out=$1 err=$2
	shift 2
	"$LAB" "$@" >"$out" 2>"$err"
	rc=$?
}

cleanup_run_lib() {
	local p
	for p in $(tagged_procs | awk '{print $1}'); do kill -9 "$p" 2>/dev/null; done
	"$LAB" down --all >/dev/null 2>&1
	rm -rf "$MPTCP_LAB_RUN_DIR"
}

# The counts of one node's events in a --json summary: "CREATED=2 ..."
json_counts() { # file node
	jq -r --arg n "$2" '.events[$n] // {} | to_entries | map("\(.key)=\(.value)") | join(" ")' "$1"
}

# One event count from a --json summary (0 if absent).
json_count() { # file node EVENT
	jq -r --arg n "$2" --arg e "$3" '.events[$n][$e] // 0' "$1"
}

# run_topology_test NAME "client CREATED=2 ..." ["server ..."]: run
# topologies/NAME.topo twice, with --json + --junit and with --tap, and
# check the verdict, the counts the summary reports and that TAP and
# JUnit parse.
run_topology_test() {
	local name=$1 topo=$TOP/topologies/$1.topo d
	shift
	d=$(mktemp -d)
	[ -f "$topo" ] || { bad "$topo missing"; return; }
	lab_run "$d/json" "$d/err" run "$topo" --name "${T_ID}j" --json --junit "$d/junit.xml"
	if [ $rc -eq 0 ]; then ok "$name: run --json passes"; else
		bad "$name: run --json exit $rc"; cat "$d/err" "$d/json"; fi
	check "$name: json result pass" jqe '.result == "pass" and .exit == 0 and .failed == 0' "$d/json"
	local spec node kv ev want got
	for spec in "$@"; do
		node=${spec%% *}
		for kv in ${spec#* }; do
			ev=${kv%=*}; want=${kv#*=}
			got=$(json_count "$d/json" "$node" "$ev")
			if [ "$got" = "$want" ]; then ok "$name: $node $ev=$got"
			else bad "$name: $node $ev=$got, expected $want"; fi
		done
	done
	check "$name: json parses (python3)" json_valid "$d/json"
	check "$name: junit valid (xmllint --schema, python3)" junit_valid "$d/junit.xml"
	check "$name: junit has no failure" grep -q 'failures="0" errors="0"' "$d/junit.xml"
	lab_run "$d/tap" "$d/err" run "$topo" --name "${T_ID}t" --tap
	if [ $rc -eq 0 ]; then ok "$name: run --tap passes"; else
		bad "$name: run --tap exit $rc"; cat "$d/err" "$d/tap"; fi
	check "$name: TAP header" sh -c "head -1 '$d/tap' | grep -qx 'TAP version 13'"
	local plan n
	plan=$(grep -E '^1\.\.[0-9]+$' "$d/tap" | cut -d. -f3)
	n=$(grep -cE '^(not )?ok [0-9]+ ' "$d/tap")
	if [ -n "$plan" ] && [ "$plan" = "$n" ]; then ok "$name: TAP plan 1..$plan matches $n results"
	else bad "$name: TAP plan '$plan' vs $n results"; fi
	check "$name: TAP has no 'not ok'" sh -c "! grep -q '^not ok' '$d/tap'"
	check "$name: prove passes the TAP" prove_tap "$d/tap"
	for spec in "$@"; do
		node=${spec%% *}
		for kv in ${spec#* }; do
			check "$name: TAP ok for expect $node $kv" grep -qE "^ok [0-9]+ - expect $node $kv " "$d/tap"
		done
	done
	rm -rf "$d"
	check_run_clean "$name"
}

# jq -e without the printed value, for check.
jqe() { jq -e "$@" >/dev/null; }

# Real consumers of the reports. json_valid FILE: Python's json module
# reads it. junit_valid FILE: valid against the project's JUnit schema
# (xmllint) and read by Python's XML parser. prove_tap FILE [ARGS]: prove
# (Perl's TAP harness) reads it and passes.
json_valid() { python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1"; }
junit_valid() {
	xmllint --noout --schema "$TOP/tests/junit.xsd" "$1" 2>/dev/null &&
		python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1"
}
prove_tap() { local f=$1; shift; prove "$@" -e cat "$f" >/dev/null 2>&1; }
