#!/usr/bin/env bash
# up simple.topo: the kernel state seen by ip/sysctl matches the file,
# the two paths ping, a process started in a node dies with `down`, and
# nothing (namespace, mount, state, host link, process) is left after.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need mptcp

file=$TOP/topologies/simple.topo
lab=$T_ID-s
links_before=$(host_links)

check "up succeeds" "$LAB" up "$file" --name "$lab"
lab_verify "$lab" "$file"
check "client reaches server on A" ip netns exec "$lab-client" ping -c1 -W2 -q 10.123.200.2
check "client reaches server on B" ip netns exec "$lab-client" ping -c1 -W2 -q 10.123.201.2
check "no lab link in the host namespace" test "$(host_links)" = "$links_before"
status=$("$LAB" status "$lab" --json)
check "status lists both nodes, both up" test "$(jq '[.labs[0].namespaces[] | select(.exists)] | length' <<<"$status")" = 2
check "status names the file" test "$(jq -r '.labs[0].file' <<<"$status")" = "$(realpath "$file")"

ip netns exec "$lab-server" sleep 300 &
sleeper=$!
sleep 0.2
check "down succeeds" "$LAB" down "$lab"
sleep 0.1
check "process inside a node was killed" bash -c "! kill -0 $sleeper 2>/dev/null"
wait $sleeper 2>/dev/null
check "nothing of the lab left" lab_gone "$lab"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
check "down of a lab that is gone fails" bash -c "! '$LAB' down '$lab' 2>/dev/null"
finish
