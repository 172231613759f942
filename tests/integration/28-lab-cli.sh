#!/usr/bin/env bash
# The up/down/status command lines: usage mistakes and bad files exit 2
# and create nothing; status in text and JSON; down of several names;
# --state-dir on the command line instead of the environment.
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
rm -rf "$tmp"
check_clean "$T_ID"
finish
