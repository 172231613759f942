#!/usr/bin/env bash
# 20-updown: wall time of `mptcp-lab up` + `mptcp-lab down` for
# topologies/simple.topo and a generated 50-node chain (bench/gen-chain.sh),
# median of RUNS (default 5) runs each, against the targets of issue #3:
# simple < 150 ms, 50 nodes < 3 s. Prints figures; fails only on errors.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD:-$top/build}
lab=$build/mptcp-lab
runs=${RUNS:-5}
[ "$(id -u)" -eq 0 ] || { echo "20-updown: skipped (needs root)"; exit 0; }
[ -x "$lab" ] || { echo "20-updown: no $lab" >&2; exit 1; }

id=b$(printf '%04x%04x' $$ $RANDOM)
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$id
tmp=$(mktemp -d)
trap '"$lab" down --all >/dev/null 2>&1; rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null; rm -rf "$tmp"' EXIT
"$here/gen-chain.sh" 50 >"$tmp/chain50.topo"

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# measure FILE: prints "median_up median_down median_total" in ms over the runs.
measure() {
	local file=$1 i t0 t1 t2 ups=() downs=() tots=()
	for i in $(seq 1 "$runs"); do
		t0=$(now_us)
		"$lab" up "$file" --name "$id-x" >/dev/null || { echo "up of $file failed" >&2; return 1; }
		t1=$(now_us)
		"$lab" down "$id-x" >/dev/null || { echo "down failed" >&2; return 1; }
		t2=$(now_us)
		ups+=($((t1 - t0))); downs+=($((t2 - t1))); tots+=($((t2 - t0)))
	done
	med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
	echo "$(med "${ups[@]}") $(med "${downs[@]}") $(med "${tots[@]}")"
}

report() { # label target_ms up down total
	local verdict=meets
	awk -v t="$5" -v g="$2" 'BEGIN { exit !(t < g) }' || verdict=MISSES
	printf '%-22s up %8s ms  down %7s ms  up+down %8s ms  target < %5s ms  %s (%.2fx of target)\n' \
		"$1" "$3" "$4" "$5" "$2" "$verdict" "$(awk -v t="$5" -v g="$2" 'BEGIN{print t/g}')"
}

echo "median of $runs runs, wall clock of the mptcp-lab processes"
read -r u d t < <(measure "$top/topologies/simple.topo") || exit 1
report "simple (2 nodes)" 150 "$u" "$d" "$t"
read -r u d t < <(measure "$tmp/chain50.topo") || exit 1
report "chain (50 nodes)" 3000 "$u" "$d" "$t"
