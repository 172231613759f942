#!/usr/bin/env bash
# `mptcp-lab run topologies/simple.topo`: wall time minus traffic time
# (target < 0.5 s), and where that time goes, from the run's own --json
# timings. Runs the topology RUNS times (default 5); prints each phase's
# median.
set -u
BUILD=${BUILD:-$(cd "$(dirname "$0")/../build" && pwd)}
TOP=$(cd "$(dirname "$0")/.." && pwd)
LAB=$BUILD/mptcp-lab
RUNS=${RUNS:-5}
[ "$(id -u)" -eq 0 ] || { echo "needs root: skipped"; exit 0; }
[ -x "$LAB" ] || { echo "no $LAB"; exit 1; }
id=b$(printf '%04x' $$)
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$id MPTCP_LAB_RUN_DIR=/var/tmp/mptcp-lab-$id
d=$(mktemp -d)
trap 'rm -rf "$d" "$MPTCP_LAB_RUN_DIR"; rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null' EXIT

fails=0
for i in $(seq "$RUNS"); do
	start=$(date +%s.%N)
	"$LAB" run "$TOP/topologies/simple.topo" --name "$id-$i" --json >"$d/$i.json" 2>/dev/null || fails=$((fails + 1))
	end=$(date +%s.%N)
	# wall time as the shell sees it (process start-up and parsing too)
	jq --argjson wall "$(echo "$end - $start" | bc)" '. + {wall: $wall}' "$d/$i.json" >"$d/$i.j" && mv "$d/$i.j" "$d/$i.json"
done
[ "$fails" -eq 0 ] || echo "note: $fails of $RUNS runs did not pass (figures still shown)"

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ms() { awk '{printf "%8.1f ms", $1 * 1000}'; }
phase() { # label jq-filter-of-one-run
	local label=$1 f=$2
	printf '  %-34s %s\n' "$label" "$(for j in "$d"/*.json; do jq "$f" "$j"; done | median | ms)"
}
echo "run simple.topo, $RUNS runs, medians:"
phase "wall time (shell)" '.wall'
phase "traffic (steps)" '.step_seconds'
phase "wall minus traffic (target < 500)" '.wall - .step_seconds'
phase "  lab up" '[.tests[] | select(.name | startswith("lab up")) | .seconds] | add // 0'
phase "  watch events" '[.tests[] | select(.name | startswith("watch")) | .seconds] | add // 0'
phase "  services ready" '[.tests[] | select(.kind == "service") | .seconds] | add // 0'
phase "  traffic settled" '[.tests[] | select(.name == "traffic settled") | .seconds] | add // 0'
phase "  stop services" '[.tests[] | select(.name | startswith("stop")) | .seconds] | add // 0'
phase "  connections closed" '[.tests[] | select(.name == "connections closed") | .seconds] | add // 0'
phase "  lab down" '[.tests[] | select(.name == "lab down") | .seconds] | add // 0'
phase "  the rest (exec, parse, run dir)" '.wall - ([.tests[].seconds] | add)'
