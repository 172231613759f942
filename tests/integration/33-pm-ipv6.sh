#!/usr/bin/env bash
# 33-pm-ipv6: events of an IPv6 MPTCP connection (both ends in one
# namespace, over ::1) decode to the same lines `ip mptcp monitor` prints,
# apart from how the server side is shown: iproute2 from Debian 12 prints
# the raw flags (flags=2 on 6.18), we print `server_side`.
. "$(dirname "$0")/lib.sh"
need_root
need_mptcp
command -v mptcpize >/dev/null || skip "mptcpize not installed (its own Debian package; scripts/install-deps.sh installs it)"
command -v iperf3 >/dev/null || skip "iperf3 not installed"
[ -x "$LAB" ] || { echo "FAIL: $LAB not built"; exit 1; }

NS=$T_ID-v6
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$NS" || { echo "FAIL: netns add"; exit 1; }
ip -n "$NS" link set lo up

ip netns exec "$NS" ip mptcp monitor >"$tmp/ip.txt" 2>&1 & ipmon=$!
"$LAB" monitor --netns "/run/netns/$NS" >"$tmp/ours.txt" 2>"$tmp/ours.err" & mon=$!
pids+=($ipmon $mon)
check "monitor subscribed" wait_for 5 grep -q listening "$tmp/ours.err"
check "ip mptcp monitor subscribed" wait_for 5 ipmon_ready "$NS" "$ipmon"

ip netns exec "$NS" mptcpize run iperf3 -s -1 -6 >/dev/null 2>&1 & pids+=($!)
check "iperf3 server listening" wait_for 5 \
	sh -c "ip netns exec $NS ss -Hltn 'sport = :5201' | grep -q LISTEN"
# Reverse and paced, as in 30-pm-monitor: no fast close at the end.
client() { ip netns exec "$NS" mptcpize run iperf3 -6 -c ::1 -t 1 -R -b 10M >"$tmp/iperf.txt" 2>&1; }
check "iperf3 over MPTCP, IPv6" client
# Two connections, each seen from both ends: four CLOSED.
closed() { [ "$(grep -cE "^\[ *CLOSED\]" "$1")" -ge 4 ]; }
check "all closed (ours)" wait_for 10 closed "$tmp/ours.txt"
check "all closed (ip)" wait_for 10 closed "$tmp/ip.txt"
kill -INT $mon; wait $mon; rc=$?
check "monitor exits 0 (got $rc)" [ $rc -eq 0 ]

n=$(grep -cE '^\[ *CREATED\].* saddr6=::1 daddr6=::1 ' "$tmp/ours.txt")
check "4 CREATED with saddr6/daddr6 ::1 (got $n)" [ "$n" -eq 4 ]
n=$(grep -cE '^\[ *CREATED\].* server_side$' "$tmp/ours.txt")
check "2 of them server side (got $n)" [ "$n" -eq 2 ]
norm() { grep -E '^\[ *(CREATED|ESTABLISHED|SF_ESTABLISHED|CLOSED)\]' "$1" |
	 sed -E 's/^\[ *([A-Z_]+)\]/\1/; s/ (server_side|flags=[0-9a-f]+)//g' | sort; }
check "same events and fields as ip mptcp monitor" diff <(norm "$tmp/ours.txt") <(norm "$tmp/ip.txt")

cleanup; trap - EXIT
check_clean "$T_ID"
finish
