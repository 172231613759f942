#!/usr/bin/env bash
# Transactional up: a kernel refusal midway (an address, a route) removes
# everything that run made and shows the kernel's reason with the file
# location; `up` of a name already up fails and leaves the running lab
# intact; a foreign namespace in the way is reported and left alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need mptcp

tmp=$(mktemp -d)
links_before=$(host_links)

# 1. An IPv6 multicast address: the kernel would refuse it after
# namespaces and links exist, so check refuses it first and up builds
# nothing (exit 2). Rollback after a kernel refusal is case 2 and 2b.
cp "$TOP/topologies/routing.topo" "$tmp/mcast.topo"
printf 'network M 10.123.210.0/24 ff00::/64\n    router eth9 .2 ::2\n    client eth9 .3 ::3\n' >>"$tmp/mcast.topo"
check "check refuses the multicast file" sh -c "! '$LAB' check '$tmp/mcast.topo'"
out=$("$LAB" up "$tmp/mcast.topo" --name "$T_ID-m" 2>&1); rc=$?
echo "$out"
check "up fails with exit 2" test $rc = 2
check "message has the file location" grep -q "mcast.topo:[0-9]*:[0-9]*: multicast address: 'ff00::2'" <<<"$out"
check "nothing of the refused run made" lab_gone "$T_ID-m"

# 2. A route the kernel made itself (the link-local prefix of every IPv6
# interface, metric 256; check refuses routes that duplicate the
# connected routes of the file's addresses, not this one): File exists at
# the route stage, after addresses were added.
cp "$TOP/topologies/simple.topo" "$tmp/route.topo"
sed -i '/^node server/a\    route fe80::/64 dev eth0 metric 256' "$tmp/route.topo"
check "parser accepts the route file" "$LAB" check "$tmp/route.topo"
out=$("$LAB" up "$tmp/route.topo" --name "$T_ID-rt" 2>&1); rc=$?
echo "$out"
check "up fails with exit 3" test $rc = 3
check "message names the route and the reason" grep -q "route fe80::/64: File exists" <<<"$out"
check "nothing of the failed route run left" lab_gone "$T_ID-rt"

# 2b. A sysctl the kernel does not have, at the sysctl stage (after
# links, addresses and routes).
cp "$TOP/topologies/routing.topo" "$tmp/sysctl.topo"
sed -i '/^node router/a\    sysctl net.ipv4.no_such_key=1' "$tmp/sysctl.topo"
out=$("$LAB" up "$tmp/sysctl.topo" --name "$T_ID-sy" 2>&1); rc=$?
echo "$out"
check "up fails with exit 3" test $rc = 3
check "message names the sysctl" grep -q "sysctl.topo:[0-9]*:[0-9]*: sysctl net.ipv4.no_such_key" <<<"$out"
check "nothing of the failed sysctl run left" lab_gone "$T_ID-sy"

# 3. A name already up: refused, the running lab untouched.
check "first up" "$LAB" up "$TOP/topologies/simple.topo" --name "$T_ID-d"
out=$("$LAB" up "$TOP/topologies/routing.topo" --name "$T_ID-d" 2>&1); rc=$?
echo "$out"
check "second up of the name fails" test $rc != 0
check "message says it exists" grep -q "exists already" <<<"$out"
check "existing lab's namespaces intact" test "$(ip netns list | grep -c "^$T_ID-d-")" = 2
check "existing lab still works" ip netns exec "$T_ID-d-client" ping -c1 -W2 -q 10.123.201.2
check "existing lab's state intact" test "$("$LAB" status "$T_ID-d" --json | jq '.labs[0].namespaces | length')" = 2
check "down of the existing lab" "$LAB" down "$T_ID-d"
check "nothing of it left" lab_gone "$T_ID-d"

# 4. A namespace of someone else's in the way: reported, not removed.
ip netns add "$T_ID-f-client"
out=$("$LAB" up "$TOP/topologies/simple.topo" --name "$T_ID-f" 2>&1); rc=$?
echo "$out"
check "up fails" test $rc = 3
check "message names the foreign namespace" grep -q "$T_ID-f-client exists already" <<<"$out"
check "the foreign namespace is still there" test -e "/run/netns/$T_ID-f-client"
check "the lab's own namespace is gone" test ! -e "/run/netns/$T_ID-f-server"
check "no state dir of the failed lab" test ! -e "$MPTCP_LAB_STATE_DIR/$T_ID-f"
ip netns del "$T_ID-f-client"

rm -rf "$tmp"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
finish
