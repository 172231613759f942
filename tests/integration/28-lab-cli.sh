#!/usr/bin/env bash
# The up/down/status command lines: usage mistakes and bad files exit 2
# and create nothing; status in text and JSON; down of several names;
# --state-dir on the command line instead of the environment, before or
# after the verb. Options are getopt_long's: --name=X as --name X, an
# unknown option named as unknown; every verb's --help is the line of
# `mptcp-lab --help`; a bad --name is exit 2 for run as for up; a kernel
# refusal at up is exit 3; status --json stays JSON whatever bytes a path
# holds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need

tmp=$(mktemp -d)
simple=$TOP/topologies/simple.topo
rc_of() { "$@" >/dev/null 2>&1; echo $?; }

check "up without FILE: 2" test "$(rc_of "$LAB" up)" = 2
check "up with an unknown option: 2" test "$(rc_of "$LAB" up "$simple" --frob)" = 2
check "up with two files: 2" test "$(rc_of "$LAB" up "$simple" "$simple")" = 2
check "up --name without value: 2" test "$(rc_of "$LAB" up "$simple" --name)" = 2
printf 'node a\nnetwork n 10.9.0.0/24\n    a eth0 .2\n    b eth0 .3\n' >"$tmp/bad.topo"
out=$("$LAB" up "$tmp/bad.topo" --name "$T_ID-bad" 2>&1); rc=$?
check "up of a file that does not check: 2" test $rc = 2
check "its message names file:line:col" grep -q "bad.topo:4:5:" <<<"$out"
check "up with a bad --name: 2" test "$(rc_of "$LAB" up "$simple" --name "$T_ID/x")" = 2
check "nothing created by the failed ups" test -z "$(ls -A "$MPTCP_LAB_STATE_DIR" 2>/dev/null)"
check "no namespace of ours" leftovers "$T_ID"

check "down without arguments: 2" test "$(rc_of "$LAB" down)" = 2
check "down --all with a name: 2" test "$(rc_of "$LAB" down --all x)" = 2
check "down of an unknown lab: 2" test "$(rc_of "$LAB" down "$T_ID-nosuch")" = 2
check "status of an unknown lab: 2" test "$(rc_of "$LAB" status "$T_ID-nosuch")" = 2
check "status with an unknown option: 2" test "$(rc_of "$LAB" status --frob)" = 2

sd=$tmp/state
check "up x with --state-dir" env -u MPTCP_LAB_STATE_DIR "$LAB" up "$simple" --name "$T_ID-x" --state-dir "$sd"
check "up y with --state-dir" env -u MPTCP_LAB_STATE_DIR "$LAB" up "$simple" --name "$T_ID-y" --state-dir "$sd"
check "state kept in the given dir" test -d "$sd/$T_ID-x" -a -d "$sd/$T_ID-y"
txt=$(env -u MPTCP_LAB_STATE_DIR "$LAB" status --state-dir "$sd")
echo "$txt"
check "status text lists x with its nodes" grep -q "$T_ID-x-server .*up" <<<"$txt"
js=$(env -u MPTCP_LAB_STATE_DIR "$LAB" status --json --state-dir "$sd")
check "status --json is JSON with 2 labs" test "$(jq '.labs | length' <<<"$js")" = 2
check "status --json names the state dir" test "$(jq -r .state_dir <<<"$js")" = "$sd"
check "down of two names at once" env -u MPTCP_LAB_STATE_DIR "$LAB" down "$T_ID-x" "$T_ID-y" --state-dir "$sd"
check "x gone" test ! -e "/run/netns/$T_ID-x-server" -a ! -e "$sd/$T_ID-x"
check "y gone" test ! -e "/run/netns/$T_ID-y-client" -a ! -e "$sd/$T_ID-y"

# getopt_long: --name=X, options anywhere, unknown options named.
check "up --name=X works like --name X" "$LAB" up --name="$T_ID-eq" "$simple"
check "  the lab is named X" test -d "$MPTCP_LAB_STATE_DIR/$T_ID-eq"
check "down it with --state-dir before the verb" env -u MPTCP_LAB_STATE_DIR "$LAB" --state-dir "$MPTCP_LAB_STATE_DIR" down "$T_ID-eq"
out=$("$LAB" run "$simple" --bogus 2>&1); rc=$?
check "run --bogus: exit 2" test $rc = 2
check "run --bogus: said to be an unknown option" grep -q "unknown option '--bogus'" <<<"$out"
out=$("$LAB" status --frob 2>&1)
check "status --frob: said to be an unknown option" grep -q "unknown option '--frob'" <<<"$out"
out=$("$LAB" down --frob x 2>&1)
check "down --frob: said to be an unknown option" grep -q "unknown option '--frob'" <<<"$out"
check "run --name bad/name: exit 2 as for up" test "$(rc_of "$LAB" run "$simple" --name "$T_ID/x")" = 2
check "run --tap --json: exit 2" test "$(rc_of "$LAB" run "$simple" --tap --json)" = 2
help=$("$LAB" --help)
for v in run up down check exec status monitor graph features; do
	line=$("$LAB" "$v" --help | head -1)
	check "$v --help is the line of mptcp-lab --help" grep -qxF "       mptcp-lab ${line#usage: mptcp-lab }" <<<"$help"
done

# Every refusal of the kernel at up is exit 3 (the file checks: the
# kernel refuses the value of the sysctl).
printf 'node a\n    sysctl net.mptcp.enabled=7\nnode b\nnetwork n 10.9.0.0/24\n    a eth0 .1\n    b eth0 .2\n' >"$tmp/refused.topo"
check "refused.topo checks" "$LAB" check "$tmp/refused.topo"
out=$("$LAB" up "$tmp/refused.topo" --name "$T_ID-r" 2>&1); rc=$?
check "up refused by the kernel: exit 3 (was $rc)" test $rc = 3
check "  and nothing left" test ! -e "$MPTCP_LAB_STATE_DIR/$T_ID-r"

# status --json of a file and a state dir whose names are not UTF-8.
bad=$tmp/st$'\377'ate
cp "$simple" "$tmp/f"$'\377'".topo"
check "up from a file named with byte 0xff" env -u MPTCP_LAB_STATE_DIR "$LAB" up "$tmp/f"$'\377'".topo" --name "$T_ID-u" --state-dir "$bad"
env -u MPTCP_LAB_STATE_DIR "$LAB" status --json --state-dir "$bad" >"$tmp/st.json"
check "status --json: python3 reads it" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["state_dir"].endswith("st\ufffdate"), d["state_dir"]
assert d["labs"][0]["file"].endswith("f\ufffd.topo"), d["labs"][0]' "$tmp/st.json"
check "down it" env -u MPTCP_LAB_STATE_DIR "$LAB" down "$T_ID-u" --state-dir "$bad"
rm -rf "$tmp"
check_clean "$T_ID"
finish
