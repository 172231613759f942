# lib.sh: sourced by integration tests. Gives binaries, a unique prefix for
# everything the test creates, and leak checks.
set -u
BUILD=${BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../build" && pwd)}
LAB=$BUILD/mptcp-lab
PROXY=$BUILD/mptcp-proxy
TOOLS=$BUILD/tools
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

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
# wait_for SECONDS CMD...: poll CMD every 50 ms until it succeeds, or
# return 1 at the deadline (readiness is polled, never slept for).
wait_for() {
	local end=$(( $(date +%s%N) + $1 * 1000000000 )); shift
	until "$@"; do
		[ "$(date +%s%N)" -gt "$end" ] && return 1
		sleep 0.05
	done
}
# ipmon_ready NS FILE: `ip mptcp monitor` says nothing once subscribed, so
# make MPTCP listener events in NS until its output FILE shows one; after
# that no event of the real traffic can be missed. Use with wait_for.
ipmon_ready() {
	ip netns exec "$1" mptcpize run iperf3 -s -1 -p 5999 >/dev/null 2>&1 &
	local p=$!; sleep 0.1; kill "$p" 2>/dev/null; wait "$p" 2>/dev/null
	[ -s "$2" ]
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
