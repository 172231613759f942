# lib.sh: sourced by integration tests. Gives binaries, a unique prefix for
# everything the test creates, and leak checks.
set -u
BUILD=${BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../build" && pwd)}
LAB=$BUILD/mptcp-lab
PROXY=$BUILD/mptcp-proxy
TOOLS=$BUILD/tools
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Debian's python3, the one scripts/install-deps.sh gives python3-yaml, not
# whatever PATH finds first: a version manager's shim there (pyenv's is a
# shell script) starts dozens of programs each time, 5 s in an emulated
# guest, and its python may lack the modules the tests read reports with.
[ -x /usr/bin/python3 ] && python3() { /usr/bin/python3 "$@"; }

# Unique per test run: namespaces, lab names and state dirs use it, so
# concurrent runs and a user's own labs never collide.
T_ID=t$(printf '%04x%04x' $$ $RANDOM)
# A state dir of our own: `down --all` in a test touches only our labs.
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$T_ID

t_fails=0
ok()   { echo "ok: $*"; }
bad()  { echo "FAIL: $*"; t_fails=$((t_fails + 1)); }
skip() { echo "skip: $*"; exit 77; }
need_root() { [ "$(id -u)" -eq 0 ] || skip "needs root"; }
need_mptcp() {
	[ "$(cat /proc/sys/net/mptcp/enabled 2>/dev/null)" = 1 ] || skip "kernel has no MPTCP enabled"
}
# MPTCP_LAB_TIME_SCALE (1 to 100, default 1; anything else counts as 1,
# as in mptcp-lab): how much slower than a normal machine this one is;
# scripts/vm-run sets it in a guest without KVM. It stretches every
# deadline and time limit of the tests (never what they assert about
# counts, bytes or order), as it does the lab's own time limits.
T_SCALE=${MPTCP_LAB_TIME_SCALE:-1}
[[ $T_SCALE =~ ^[0-9]*\.?[0-9]+$ ]] && [ "$(echo "$T_SCALE >= 1 && $T_SCALE <= 100" | bc)" = 1 ] ||
	T_SCALE=1
# tscale SECONDS: SECONDS times the scale (as mptcp-lab prints it, %g).
tscale() { echo "$1 $T_SCALE" | awk '{ printf "%g\n", $1 * $2 }'; }
# tload N: how much of a heavy test's bulk work (bytes, connections in a
# row) a machine this slow does: N divided by the scale, at least 1. The
# test keeps its checks (every byte verified, every count exact) and its
# concurrency; it just moves less, instead of taking scale times as long.
tload() { echo "$1 $T_SCALE" | awk '{ v = int($1 / $2); print v < 1 ? 1 : v }'; }
# wait_for SECONDS CMD...: poll CMD every 50 ms until it succeeds, or
# return 1 at the (scaled) deadline: readiness is polled, never slept for.
wait_for() {
	local end
	end=$(( $(date +%s%N) + $(echo "$1 $T_SCALE" | awk '{ printf "%.0f", $1 * $2 * 1e9 }') )); shift
	until "$@"; do
		[ "$(date +%s%N)" -gt "$end" ] && return 1
		sleep 0.05
	done
}
# ipmon_ready NS PID: `ip mptcp monitor` (process PID, in NS) prints
# nothing once subscribed; its generic netlink socket (port id = its pid)
# shows in NS's /proc/net/netlink with the multicast group it joined
# (Groups: a mask of the first 32 group ids; mptcp_pm's is registered at
# boot and has a small one). After that no event can be missed. Works on
# every kernel: no event is needed (6.1 has no listener events). Use with
# wait_for.
ipmon_ready() {
	ip netns exec "$1" awk -v p="$2" '$2 == 16 && $3 == p && $4 !~ /^0+$/ { f = 1 } END { exit !f }' \
		/proc/net/netlink
}
# check CMD...: run, report ok/FAIL with the command's text.
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

# Leftovers of anything named with a prefix: namespaces, netns mounts,
# processes whose network namespace is gone or belongs to the prefix.
leftovers() { # prefix
	local p=$1 found=0
	if ip netns list | awk '{print $1}' | grep -q -- "^$p"; then
		echo "leftover namespaces: $(ip netns list | grep -- "^$p" | tr '\n' ' ')"; found=1
	fi
	if grep -q -- "/run/netns/$p" /proc/self/mountinfo; then
		echo "leftover netns mounts"; found=1
	fi
	if ls /run/netns 2>/dev/null | grep -q -- "^$p"; then
		echo "leftover files in /run/netns"; found=1
	fi
	return $found
}
check_clean() { # prefix [what]
	if leftovers "$1"; then ok "nothing left behind${2:+ ($2)}"; else bad "things left behind${2:+ ($2)}"; fi
}
finish() {
	rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null
	if [ $t_fails -eq 0 ]; then echo "PASS"; exit 0; fi
	echo "$t_fails check(s) failed"; exit 1
}
