#!/usr/bin/env bash
# 30-check: how `mptcp-lab check` and `up` + `down` scale. Generates (with
# bench/gen-mesh.sh) a lab of 1000 nodes and 10 000 links and a file of
# 100 000 links (1000 nodes, 5000 services of one command in one node),
# and prints the median wall time of RUNS (default 3) runs of `check` on
# both (target of issue 10: 100 000 links < 1 s) and of `up` + `down` of
# the 1000-node lab (root only). Prints figures; fails only on errors.
# NODES, LINKS, BIG_LINKS override the sizes (a quick try: 50 200 2000).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD:-$top/build}
lab=$build/mptcp-lab
runs=${RUNS:-3}
nodes=${NODES:-1000} links=${LINKS:-10000} big=${BIG_LINKS:-100000}
[ -x "$lab" ] || { echo "30-check: no $lab" >&2; exit 1; }

id=b$(printf '%04x%04x' $$ $RANDOM)
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$id
tmp=$(mktemp -d)
trap '"$lab" down --all >/dev/null 2>&1; rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null; rm -rf "$tmp"' EXIT
"$here/gen-mesh.sh" "$nodes" "$links" >"$tmp/mesh.topo" || exit 1
"$here/gen-mesh.sh" "$nodes" "$big" 5000 >"$tmp/big.topo" || exit 1

now_us() { echo $(( $(date +%s%N) / 1000 )); }
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }

check_ms() { # FILE: median ms of `check`
	local i t0 ts=()
	for i in $(seq 1 "$runs"); do
		t0=$(now_us)
		"$lab" check "$1" >/dev/null || { echo "check $1 failed" >&2; return 1; }
		ts+=($(( $(now_us) - t0 )))
	done
	med "${ts[@]}"
}

echo "median of $runs runs, wall clock of the mptcp-lab processes"
ms=$(check_ms "$tmp/mesh.topo") || exit 1
printf 'check %5d nodes %6d links  %8s ms\n' "$nodes" "$links" "$ms"
ms=$(check_ms "$tmp/big.topo") || exit 1
printf 'check %5d nodes %6d links  %8s ms  target < 1000 ms  %s\n' "$nodes" "$big" "$ms" \
	"$(awk -v t="$ms" 'BEGIN { print (t < 1000) ? "meets" : "MISSES" }')"

[ "$(id -u)" -eq 0 ] || { echo "up + down: skipped (needs root)"; exit 0; }
ups=() downs=()
for i in $(seq 1 "$runs"); do
	t0=$(now_us)
	"$lab" up "$tmp/mesh.topo" --name "$id-m" >/dev/null || { echo "up failed" >&2; exit 1; }
	t1=$(now_us)
	"$lab" down "$id-m" >/dev/null || { echo "down failed" >&2; exit 1; }
	t2=$(now_us)
	ups+=($((t1 - t0))); downs+=($((t2 - t1)))
done
printf 'up    %5d nodes %6d links  %8s ms, down %s ms\n' "$nodes" "$links" "$(med "${ups[@]}")" "$(med "${downs[@]}")"
