#!/usr/bin/env bash
# `mptcp-lab run topologies/sevpn.topo`: the wall time of a whole run
# (target < 15 s; ~5 s is achievable on 2 cores) and where it goes, from
# the run's own --json timings. Runs it RUNS times (default 3); prints
# each phase's median.
. "$(dirname "$0")/run_lib.sh"
RUNS=${RUNS:-3}
for c in vpnserver vpnclient vpncmd ping; do
	command -v $c >/dev/null || { echo "no $c (scripts/install-deps.sh): skipped"; exit 0; }
done
unit=s width=48
time_runs "$TOP/topologies/sevpn.topo" "$RUNS"

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
