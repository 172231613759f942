#!/usr/bin/env bash
# up routing2.topo: two routes to one destination told apart by metric,
# each with its own src; the client's subflow endpoint; the client pings
# the server from both of its addresses. down leaves nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need mptcp

file=$TOP/topologies/routing2.topo
lab=$T_ID-r2
links_before=$(host_links)

check "up succeeds" "$LAB" up "$file" --name "$lab"
lab_verify "$lab" "$file"
check "client reaches server (metric 10 path)" ip netns exec "$lab-client" ping -c1 -W2 -q 10.123.200.2
check "client reaches server from its second address" ip netns exec "$lab-client" ping -c1 -W2 -q -I 10.123.202.3 10.123.200.2
check "no lab link in the host namespace" test "$(host_links)" = "$links_before"
check "down succeeds" "$LAB" down "$lab"
check "nothing of the lab left" lab_gone "$lab"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
finish
