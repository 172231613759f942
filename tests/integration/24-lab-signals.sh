#!/usr/bin/env bash
# Signals during `up` of a long chain: SIGINT and SIGTERM roll back by
# themselves (exit non-zero, nothing left); after SIGKILL, `down --all`
# removes whatever the journal says was made, and nothing is left; a
# down of a lab whose up is still running waits for it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need

tmp=$(mktemp -d)
"$TOP/bench/gen-chain.sh" 150 >"$tmp/chain.topo"
links_before=$(host_links)

# Signal `up` once it has made its first namespaces (polled, not slept:
# how long that takes depends on the machine).
up_and_signal() { # sig name
	local sig=$1 name=$2 pid i
	"$LAB" up "$tmp/chain.topo" --name "$name" >"$tmp/out" 2>&1 &
	pid=$!
	for i in $(seq 1 2000); do
		[ -e "/run/netns/$name-n3" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.001
	done
	kill -"$sig" $pid
	wait $pid
}

for sig in INT TERM; do
	up_and_signal $sig "$T_ID-$sig"; rc=$?
	cat "$tmp/out"
	check "SIG$sig: up exits non-zero" test $rc -ne 0
	check "SIG$sig: says it was interrupted" grep -q "interrupted" "$tmp/out"
	check "SIG$sig: nothing left without a down" lab_gone "$T_ID-$sig"
done

up_and_signal KILL "$T_ID-k"; rc=$?
check "SIGKILL: up was killed" test $rc = 137
made=$(ip netns list | grep -c "^$T_ID-k-")
echo "namespaces made before SIGKILL: $made"
check "SIGKILL: the killed up left a state dir" test -d "$MPTCP_LAB_STATE_DIR/$T_ID-k"
check "down --all" "$LAB" down --all
check "SIGKILL: nothing left after down --all" lab_gone "$T_ID-k"

# A down while an up of the same lab is still building waits for it
# instead of racing it (which would leave the up's later namespaces).
"$LAB" up "$tmp/chain.topo" --name "$T_ID-race" >/dev/null 2>&1 &
pid=$!
for i in $(seq 1 2000); do
	[ -e "$MPTCP_LAB_STATE_DIR/$T_ID-race/journal" ] && break
	sleep 0.001
done
check "down during up succeeds" "$LAB" down "$T_ID-race"
wait $pid; rc=$?
check "the up it waited for had finished" test $rc = 0
check "race: nothing left" lab_gone "$T_ID-race"

rm -rf "$tmp"
check_clean "$T_ID"
check "host links unchanged" test "$(host_links)" = "$links_before"
finish
