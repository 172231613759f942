#!/usr/bin/env bash
# IPv6: addresses with short host parts, a single-path route, a multipath
# route with weights 2 and 4 (shown as written), a default route, forwarding
# across a router, a 3-member network on the switch (which has no IPv6 of
# its own); nothing left after down.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need
[ -e /proc/sys/net/ipv6 ] || skip "kernel without IPv6"

tmp=$(mktemp -d)
cat >"$tmp/v6.topo" <<'TOPO'
node a
    route fd00:2::/64 via fd00:1::2
    route fd00:3::/64 nexthop via fd00:1::2 weight 2 nexthop via fd00:1::4 weight 4
node r
    forwarding
node q
node s
    route default via fd00:2::1
network one fd00:1::/64
    a eth0 ::1
    r eth0 ::2
    q eth0 ::4
network two fd00:2::/64
    r eth1 ::1
    s eth0 ::2
TOPO
lab=$T_ID-6
check "up succeeds" "$LAB" up "$tmp/v6.topo" --name "$lab"
check "a has fd00:1::1/64" test "$(ip -n "$lab-a" -j -6 addr show dev eth0 | jq -r '.[0].addr_info[] | select(.scope=="global") | "\(.local)/\(.prefixlen)"')" = fd00:1::1/64
check "a: route to fd00:2::/64 via r" test "$(ip -n "$lab-a" -j -6 route show fd00:2::/64 | jq -r '.[0].gateway')" = fd00:1::2
check "a: multipath nexthops with weights 2 and 4" \
	test "$(ip -n "$lab-a" -j -6 route show fd00:3::/64 | jq -r '[.[0].nexthops[] | "\(.gateway)=\(.weight)"] | join(" ")')" = "fd00:1::2=2 fd00:1::4=4"
check "s: default route" test "$(ip -n "$lab-s" -j -6 route show default | jq -r '.[0].gateway')" = fd00:2::1
check "r forwards IPv6" test "$(ip netns exec "$lab-r" sysctl -n net.ipv6.conf.all.forwarding)" = 1
check "a pings s across r" ip netns exec "$lab-a" ping -6 -c1 -W2 -q fd00:2::2
check "a pings q over the switch" ip netns exec "$lab-a" ping -6 -c1 -W2 -q fd00:1::4
check "the switch has no IPv6 address" test -z "$(ip -n "$lab.sw" -j -6 addr | jq -r '.[].addr_info[]?.local')"
check "down succeeds" "$LAB" down "$lab"
check "nothing of the lab left" lab_gone "$lab"
rm -rf "$tmp"
check_clean "$T_ID"
finish
