#!/usr/bin/env bash
# sevpn: a real SoftEther VPN session over the MPTCP proxy pair
# (topologies/sevpn.topo, docs/sevpn.md). The run passes with the
# original's counts on client-proxy; two runs overlapping in time both
# pass (the second starts while the first is running and is still
# running when the first tears down, so the host directories the labs
# share must survive the first); a run on a host where a SoftEther path
# already exists leaves it alone. After each: no SoftEther process,
# namespace or mount of ours, the SoftEther paths exactly as before, no
# new /tmp/.unicode_cache_* and kernel.threads-max unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
. "$(dirname "$0")/sevpn_lib.sh"
TOPO=$TOP/topologies/sevpn.topo
d=$(mktemp -d)
made_dir=
kept=		# "kept" once a run failed: its run directory stays, on purpose
trap 'cleanup_run_lib; [ -n "$made_dir" ] && rm -rf "$made_dir"; rm -rf "$d"' EXIT


host_state >"$d/before"

# A SoftEther process, host change or mount left by our runs.
check_host_unchanged() { # what [kept]
	local what=$1 i procs
	# Another lab on this host (another test run) may hold a SoftEther
	# path for a few seconds: allow it that long to finish.
	unchanged() { host_state >"$d/after"; diff -u "$d/before" "$d/after" >"$d/diff"; }
	wait_for 15 unchanged
	if [ ! -s "$d/diff" ]; then
		ok "$what: SoftEther paths, /tmp caches, kernel.threads-max unchanged"
	else
		bad "$what: host changed:"; sed 's/^/    /' "$d/diff"
	fi
	procs=$(se_procs)
	if [ -n "$procs" ]; then
		bad "$what: SoftEther processes left: $(echo $procs)"
	else
		ok "$what: no SoftEther process left"
	fi
	if grep -qE ' (/var/lib/softether|/var/log/softether|/run/softether) ' /proc/self/mountinfo; then
		bad "$what: a SoftEther path is mounted on the host"
	else
		ok "$what: no SoftEther mount on the host"
	fi
	check_run_clean "$what" ${2:-}
}

# The verdict and the counts of one --json summary.
check_pass() { # what json rc
	local what=$1 json=$2 rc=$3
	if [ "$rc" -eq 0 ]; then ok "$what: run passes"; else
		bad "$what: exit $rc"; cat "$json.err"; kept=kept; fi
	check "$what: client-proxy CREATED=2 ESTABLISHED=2 ANNOUNCED=2 SF_ESTABLISHED=2 CLOSED=2" \
		jqe '.events["client-proxy"] | .CREATED == 2 and .ESTABLISHED == 2 and .ANNOUNCED == 2 and .SF_ESTABLISHED == 2 and .CLOSED == 2' "$json"
	check "$what: the ping through the tunnel passed" \
		jqe '[.tests[] | select(.name | test("ping .*10\\.100\\.1\\.3")) | .result] == ["pass"]' "$json"
	echo "$what: $(jq -r '"\(.seconds) s (steps \(.step_seconds) s)"' "$json" 2>/dev/null)"
}

# 1. One run.
"$LAB" run "$TOPO" --name "${T_ID}s" --json >"$d/1.json" 2>"$d/1.json.err"
check_pass "sevpn" "$d/1.json" $?
check_host_unchanged "sevpn" $kept

# 2. Two runs at once; the second starts 2 s into the first, so the first
# tears down while the second still runs its steps.
"$LAB" run "$TOPO" --name "${T_ID}a" --json >"$d/a.json" 2>"$d/a.json.err" &
pa=$!
sleep 2
"$LAB" run "$TOPO" --name "${T_ID}b" --json >"$d/b.json" 2>"$d/b.json.err" &
pb=$!
wait $pa; rca=$?
wait $pb; rcb=$?
check_pass "parallel run 1" "$d/a.json" $rca
check_pass "parallel run 2" "$d/b.json" $rcb
check_host_unchanged "two parallel runs" $kept

# 3. A SoftEther path that exists before the run (as on a host with
# SoftEther installed) stays, and stays empty.
if [ ! -e /var/log/softether ]; then
	mkdir /var/log/softether && made_dir=/var/log/softether
	host_state >"$d/before"
	"$LAB" run "$TOPO" --name "${T_ID}e" --json >"$d/e.json" 2>"$d/e.json.err"
	check_pass "existing /var/log/softether" "$d/e.json" $?
	check_host_unchanged "existing /var/log/softether" $kept
	rmdir /var/log/softether && made_dir=
else
	echo "(/var/log/softether exists on this host: case 3 is case 1)"
fi
finish
