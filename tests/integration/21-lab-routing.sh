#!/usr/bin/env bash
# up routing.topo: addresses, the ECMP route with its nexthops and weights,
# forwarding and the multipath hash sysctl, MPTCP limits and endpoint;
# the client pings both server addresses across the router. Then the same
# file with weights 3 and 5: `ip route` must show 3 and 5 (the kernel
# stores weight-1). down leaves nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need mptcp

file=$TOP/topologies/routing.topo
lab=$T_ID-r
links_before=$(host_links)

check "up succeeds" "$LAB" up "$file" --name "$lab"
lab_verify "$lab" "$file"
check "client reaches server on A through the router" ip netns exec "$lab-client" ping -c1 -W2 -q 10.123.200.2
check "client reaches server on B through the router" ip netns exec "$lab-client" ping -c1 -W2 -q 10.123.201.2
check "no lab link in the host namespace" test "$(host_links)" = "$links_before"
check "down succeeds" "$LAB" down "$lab"
check "nothing of the lab left" lab_gone "$lab"

tmp=$(mktemp -d)
sed -e '0,/weight 1/s//weight 3/' -e '0,/weight 1/s//weight 5/' "$file" >"$tmp/weights.topo"
check "weights 3 and 5 written" test "$(grep -o 'weight [0-9]' "$tmp/weights.topo" | tr '\n' ' ')" = "weight 3 weight 5 "
check "up with weights 3/5" "$LAB" up "$tmp/weights.topo" --name "$lab-w"
lab_verify "$lab-w" "$tmp/weights.topo"
check "down" "$LAB" down "$lab-w"
check "nothing of the weighted lab left" lab_gone "$lab-w"
rm -rf "$tmp"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
finish
