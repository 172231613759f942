#!/usr/bin/env bash
# SIGINT (and SIGTERM) while traffic runs: mptcp-lab stops everything,
# tears the lab down and exits non-zero; no namespace, process, mount or
# lab state is left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
sed 's/iperf3 -c \(.*\) -t 2/iperf3 -c \1 -t 30/' "$TOP/topologies/simple.topo" >"$d/long.topo"
check "the copy runs iperf3 for 30 s" grep -q 'iperf3 -c .* -t 30' "$d/long.topo"

interrupt() { # SIG suffix
	local sig=$1 name=${T_ID}$2 pid i
	"$LAB" run "$d/long.topo" --name "$name" >"$d/out" 2>"$d/err" &
	pid=$!
	traffic() { tagged_procs | grep -q 'iperf3 -c'; }
	if wait_for 10 traffic; then ok "$sig: traffic running"; else bad "$sig: traffic never started"; cat "$d/out" "$d/err"; fi
	start=$(date +%s.%N)
	kill -"$sig" "$pid"
	wait "$pid"; rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	if [ $rc -ne 0 ]; then ok "$sig: exit status $rc"; else bad "$sig: exit status 0"; fi
	check "$sig: stopped within $(tscale 10) s ($secs s)" sh -c "echo '$secs < $(tscale 10)' | bc | grep -qx 1"
	check "$sig: says it was interrupted" grep -q 'interrupted' "$d/out"
	check_run_clean "$sig" kept
}
interrupt INT i
interrupt TERM t
finish
