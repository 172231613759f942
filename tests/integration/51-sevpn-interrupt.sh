#!/usr/bin/env bash
# sevpn interrupted while the VPN session is up: SIGINT to mptcp-lab, and
# SIGKILL to mptcp-lab followed by `mptcp-lab down --all`. Either way no
# SoftEther process, namespace, mount or lab state is left, and the
# SoftEther paths (including the mount-point directories the lab created
# on the host) are as they were before.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
. "$(dirname "$0")/sevpn_lib.sh"
d=$(mktemp -d)
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
# The session stays up for 30 s instead of ending after the ping.
sed 's/^run client-vpn timeout 20 -- ping .*/run client-vpn timeout 40 -- sleep 30/' \
	"$TOP/topologies/sevpn.topo" >"$d/long.topo"
check "the copy holds the session for 30 s" grep -q '^run client-vpn timeout 40 -- sleep 30' "$d/long.topo"

host_state >"$d/before"

check_after() { # what
	local what=$1 i
	# Another lab on the host may still hold a path for a while.
	unchanged() { host_state >"$d/after"; diff -u "$d/before" "$d/after" >"$d/diff"; }
	wait_for 15 unchanged
	if [ ! -s "$d/diff" ]; then ok "$what: SoftEther paths, /tmp caches, kernel.threads-max unchanged"
	else bad "$what: host changed:"; sed 's/^/    /' "$d/diff"; fi
	if [ -n "$(se_procs)" ]; then bad "$what: SoftEther processes left: $(se_procs | tr '\n' ' ')"
	else ok "$what: no SoftEther process left"; fi
	check_run_clean "$what" kept
}

# Start a long run and wait (up to 60 s, scaled: each vpncmd step takes a
# second on a busy machine) until its VPN session carries traffic: the
# sleep step runs in client-vpn.
start_session() { # name
	"$LAB" run "$d/long.topo" --name "$1" >"$d/out" 2>"$d/err" &
	pid=$!
	session() { tagged_procs | grep -q 'sleep 30'; }
	if wait_for 60 session; then ok "$1: session up"
	else bad "$1: session never came up"; cat "$d/out" "$d/err"; fi
}

start_session "${T_ID}i"
kill -INT "$pid"
wait "$pid"; rc=$?
if [ $rc -ne 0 ]; then ok "SIGINT: exit status $rc"; else bad "SIGINT: exit status 0"; fi
check "SIGINT: says it was interrupted" grep -q 'interrupted' "$d/out"
check_after "SIGINT"

start_session "${T_ID}k"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
check "SIGKILL: the lab is still up" sh -c "ip netns list | grep -q '^${T_ID}k-server-vpn'"
check "SIGKILL: down --all succeeds" "$LAB" down --all
check_after "SIGKILL + down --all"
finish
