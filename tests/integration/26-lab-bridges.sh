#!/usr/bin/env bash
# Bridges: a network of three members becomes a bridge in the lab's switch
# namespace (LAB.sw), never in the host's; a `bridge` inside a node joins
# two of its interfaces and carries their addresses; IPv6 addresses are
# usable at once (no DAD, not tentative). down removes the switch too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need

tmp=$(mktemp -d)
cat >"$tmp/br.topo" <<'TOPO'
node a
node b
node c
    bridge br0 eth1 eth2
node d
node e
network lan 10.124.0.0/24 fd00:124::/64
    a eth0 .1 ::1
    b eth0 .2 ::2
    c eth0 .3 ::3
network x 10.124.1.0/24
    c eth1 .1
    d eth0 .2
network y 10.124.1.0/24
    c eth2
    e eth0 .3
TOPO
lab=$T_ID-b
links_before=$(host_links)
check "up succeeds" "$LAB" up "$tmp/br.topo" --name "$lab"
check "switch namespace exists" test -e "/run/netns/$lab.sw"
check "switch holds a bridge named after the network" \
	test "$(ip -n "$lab.sw" -j -d link show lan | jq -r '.[0].linkinfo.info_kind')" = bridge
check "three ports on the switch bridge" test "$(ip -n "$lab.sw" -j link show master lan | jq length)" = 3
check "no lab link in the host namespace" test "$(host_links)" = "$links_before"
for n in a b c; do
	check "$n eth0 has its IPv6 address, not tentative" \
		test "$(ip -n "$lab-$n" -j addr show dev eth0 | jq '[.[0].addr_info[] | select(.family=="inet6" and (.local|startswith("fd00")) and (.tentative|not))] | length')" = 1
done
check "a pings c over the switch (IPv4)" ip netns exec "$lab-a" ping -c1 -W2 -q 10.124.0.3
check "a pings b over the switch (IPv6)" ip netns exec "$lab-a" ping -6 -c1 -W2 -q fd00:124::2
check "c's eth1 and eth2 are ports of br0" \
	test "$(ip -n "$lab-c" -j link show master br0 | jq -r '[.[].ifname] | sort | join(",")')" = eth1,eth2
check "c's address is on br0" \
	test "$(ip -n "$lab-c" -j addr show dev br0 | jq -r '.[0].addr_info[] | select(.family=="inet") | .local')" = 10.124.1.1
check "not on the port" \
	test -z "$(ip -n "$lab-c" -j addr show dev eth1 | jq -r '.[0].addr_info[] | select(.family=="inet") | .local')"
check "d reaches e through c's bridge" ip netns exec "$lab-d" ping -c1 -W2 -q 10.124.1.3
check "d reaches c's bridge address" ip netns exec "$lab-d" ping -c1 -W2 -q 10.124.1.1
check "down succeeds" "$LAB" down "$lab"
check "switch namespace gone" test ! -e "/run/netns/$lab.sw"
check "nothing of the lab left" lab_gone "$lab"
rm -rf "$tmp"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
finish
