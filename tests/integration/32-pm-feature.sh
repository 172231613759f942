#!/usr/bin/env bash
# 32-pm-feature: in a namespace where MPTCP is switched off
# (net.mptcp.enabled=0 is per namespace), `mptcp-lab monitor` skips with
# exit 4 and one line that says what is missing and how to fix it; with
# MPTCP on again it subscribes. Arguments it cannot use get exit 2.
. "$(dirname "$0")/lib.sh"
need_root
need_mptcp
[ -x "$LAB" ] || { echo "FAIL: $LAB not built"; exit 1; }

NS=$T_ID-feat
tmp=$(mktemp -d)
mon=
cleanup() {
	[ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$NS" || { echo "FAIL: netns add"; exit 1; }
ip netns exec "$NS" sh -c 'echo 0 > /proc/sys/net/mptcp/enabled'

"$LAB" monitor --netns "/run/netns/$NS" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "MPTCP off: exit 4 (got $rc)" [ $rc -eq 4 ]
n=$(wc -l <"$tmp/err")
check "MPTCP off: one line (got $n)" [ "$n" -eq 1 ]
check "MPTCP off: names the sysctl" grep -q "net.mptcp.enabled=0" "$tmp/err"
sed 's/^/    /' "$tmp/err"
check "MPTCP off: nothing on stdout" [ ! -s "$tmp/out" ]

ip netns exec "$NS" sh -c 'echo 1 > /proc/sys/net/mptcp/enabled'
"$LAB" monitor --netns "/run/netns/$NS" >"$tmp/out" 2>"$tmp/err" & mon=$!
subscribed() { grep -q listening "$tmp/err"; }
check "MPTCP on: subscribed" wait_for 5 subscribed
kill -INT "$mon"; wait "$mon"; rc=$?; mon=
check "MPTCP on: exit 0 on SIGINT (got $rc)" [ $rc -eq 0 ]

"$LAB" monitor --netns /run/netns/$T_ID-nosuch 2>/dev/null; rc=$?
check "missing namespace file: exit 2 (got $rc)" [ $rc -eq 2 ]
"$LAB" monitor --bogus 2>"$tmp/err"; rc=$?
check "unknown option: exit 2 (got $rc)" [ $rc -eq 2 ]
check "unknown option: named" grep -q -- "--bogus" "$tmp/err"
"$LAB" monitor onlyname 2>/dev/null; rc=$?
check "NAME without NODE: exit 2 (got $rc)" [ $rc -eq 2 ]

cleanup; trap - EXIT
check_clean "$T_ID"
finish
