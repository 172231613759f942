# run_lib.sh: sourced by the benchmarks that time `mptcp-lab run`. Gives
# LAB, TOP, a state and run dir of their own, and:
#   time_runs TOPO N PREFIX   run TOPO N times with --json into $d/I.json,
#                             each with the shell's wall time added as .wall
#   phase LABEL JQ-FILTER     the median over the runs of one figure, printed
#                             with $unit ("ms" or "s")
set -u
BUILD=${BUILD:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../build" && pwd)}
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$BUILD/mptcp-lab
[ "$(id -u)" -eq 0 ] || { echo "needs root: skipped"; exit 0; }
[ -x "$LAB" ] || { echo "no $LAB"; exit 1; }
id=b$(printf '%04x%04x' $$ $RANDOM)
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$id MPTCP_LAB_RUN_DIR=/var/tmp/mptcp-lab-$id
d=$(mktemp -d)
trap 'rm -rf "$d" "$MPTCP_LAB_RUN_DIR"; rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null' EXIT
unit=ms
width=34

time_runs() { # topo n
	local topo=$1 n=$2 i start end fails=0
	for i in $(seq "$n"); do
		start=$(date +%s.%N)
		if ! "$LAB" run "$topo" --name "$id-$i" --json >"$d/$i.json" 2>/dev/null; then
			fails=$((fails + 1))
			jq -r '"run \($i) failed: " + ([.tests[] | select(.result == "fail") | .name + ": " + (.detail // "" | split("\n")[0])] | join("; "))' \
				--arg i "$i" "$d/$i.json"
		fi
		end=$(date +%s.%N)
		# wall time as the shell sees it (process start-up and parsing too)
		jq --argjson wall "$(echo "$end - $start" | bc)" '. + {wall: $wall}' "$d/$i.json" >"$d/$i.j" &&
			mv "$d/$i.j" "$d/$i.json"
	done
	[ "$fails" -eq 0 ] || echo "note: $fails of $n runs did not pass (figures still shown)"
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
phase() { # label jq-filter-of-one-run
	local fmt='{printf "%8.1f ms", $1 * 1000}'
	[ "$unit" = s ] && fmt='{printf "%7.2f s", $1}'
	printf "  %-${width}s %s\n" "$1" "$(for j in "$d"/*.json; do jq "$2" "$j"; done | median | awk "$fmt")"
}
