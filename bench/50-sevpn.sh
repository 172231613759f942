#!/usr/bin/env bash
# `mptcp-lab run topologies/sevpn.topo`: the wall time of a whole run
# (target < 15 s; ~5 s is achievable on 2 cores) and where it goes, from
# the run's own --json timings. Runs it RUNS times (default 3); prints
# each phase's median.
set -u
BUILD=${BUILD:-$(cd "$(dirname "$0")/../build" && pwd)}
TOP=$(cd "$(dirname "$0")/.." && pwd)
LAB=$BUILD/mptcp-lab
RUNS=${RUNS:-3}
[ "$(id -u)" -eq 0 ] || { echo "needs root: skipped"; exit 0; }
[ -x "$LAB" ] || { echo "no $LAB"; exit 1; }
for c in vpnserver vpnclient vpncmd ping; do
	command -v $c >/dev/null || { echo "no $c (scripts/install-deps.sh): skipped"; exit 0; }
done
id=v$(printf '%04x' $$)
export MPTCP_LAB_STATE_DIR=/run/mptcp-lab-$id MPTCP_LAB_RUN_DIR=/var/tmp/mptcp-lab-$id
d=$(mktemp -d)
trap 'rm -rf "$d" "$MPTCP_LAB_RUN_DIR"; rmdir "$MPTCP_LAB_STATE_DIR" 2>/dev/null' EXIT

fails=0
for i in $(seq "$RUNS"); do
	start=$(date +%s.%N)
	if ! "$LAB" run "$TOP/topologies/sevpn.topo" --name "$id-$i" --json >"$d/$i.json" 2>/dev/null; then
		fails=$((fails + 1))
		jq -r '"run \($i) failed: " + ([.tests[] | select(.result == "fail") | .name + ": " + (.detail // "" | split("\n")[0])] | join("; "))' \
			--arg i "$i" "$d/$i.json"
	fi
	end=$(date +%s.%N)
	jq --argjson wall "$(echo "$end - $start" | bc)" '. + {wall: $wall}' "$d/$i.json" >"$d/$i.j" && mv "$d/$i.j" "$d/$i.json"
done
[ "$fails" -eq 0 ] || echo "note: $fails of $RUNS runs did not pass (figures still shown)"

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
secs() { awk '{printf "%7.2f s", $1}'; }
phase() { # label jq-filter-of-one-run
	printf '  %-48s %s\n' "$1" "$(for j in "$d"/*.json; do jq "$2" "$j"; done | median | secs)"
}
# Sum of the steps whose name matches a regex.
steps() { echo "[.tests[] | select(.kind == \"step\" and (.name | test(\"$1\"))) | .seconds] | add // 0"; }

echo "run sevpn.topo, $RUNS runs, medians:"
phase "wall time, whole run (target < 15 s)" '.wall'
phase "  lab up" '[.tests[] | select(.name | startswith("lab up")) | .seconds] | add // 0'
phase "  services ready (proxies, vpnserver, vpnclient)" '[.tests[] | select(.kind == "service") | .seconds] | add // 0'
phase "  VPN server setup (vpncmd /SERVER)" "$(steps '^run server-vpn: vpncmd')"
phase "    of which ListenerDelete x3" "$(steps 'ListenerDelete')"
phase "  VPN client setup (vpncmd /CLIENT)" "$(steps '^run client-vpn: vpncmd .*(NicCreate|Account(Create|PasswordSet|DetailSet|Connect) )')"
phase "  bridge + session up (wait, link)" '[.tests[] | select(.kind == "step" and (.name | test("^(link |wait (server-vpn|client-vpn))"))) | .seconds] | add // 0'
phase "  ping -c 5 -i 0.2 through the tunnel" "$(steps '^run client-vpn: ping')"
phase "  QoS connection's 2nd subflow (wait)" "$(steps '^wait client-proxy: .*dst 10')"
phase "  stop services" '[.tests[] | select(.name | startswith("stop")) | .seconds] | add // 0'
phase "  connections closed + lab down" '[.tests[] | select(.name == "connections closed" or .name == "lab down") | .seconds] | add // 0'
phase "  the rest (exec, parse, run dir)" '.wall - ([.tests[].seconds] | add)'
