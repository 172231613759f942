# sevpn_lib.sh: sourced (after lib.sh and run_lib.sh) by the sevpn tests:
# their prerequisites, and what they compare before and after a run.
need_root; need_mptcp
[ -x "$LAB" ] || skip "no $LAB (build first)"
[ -x "$PROXY" ] || skip "no $PROXY (build first)"
for c in vpnserver vpnclient vpncmd ping ss; do
	command -v $c >/dev/null || skip "no $c (scripts/install-deps.sh installs it)"
done
SE_PATHS="/var/lib/softether /var/log/softether /run/softether"

# What the host looks like where SoftEther writes: every file under its
# paths (or "absent"), the unicode caches, the sysctl it sets.
host_state() {
	local p
	for p in $SE_PATHS; do
		if [ -e "$p" ]; then find "$p" -printf '%p %y %s\n' | sort; else echo "$p absent"; fi
	done
	ls -a /tmp | grep '^\.unicode_cache_' | sort
	echo "kernel.threads-max $(cat /proc/sys/kernel/threads-max)"
}
# Our SoftEther processes: they carry our tag (run_lib.sh), so another
# test's or user's SoftEther never counts.
se_procs() {
	local p
	for p in $( { pgrep -x vpnserver; pgrep -x vpnclient; pgrep -x vpncmd; } ); do
		grep -qsxz "MPTCP_LAB_TEST_TAG=$T_ID" "/proc/$p/environ" && echo "$p"
	done
}
