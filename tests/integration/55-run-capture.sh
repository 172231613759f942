#!/usr/bin/env bash
# Captures: `run --capture` writes one pcap per link side (NODE/IFNAME.pcap
# in the run directory), started before the first step and flushed
# before the verdict; read back with tcpdump -r they hold the MP_CAPABLE
# handshake on the first path and the MP_JOIN on the second. A network
# marked `capture` is captured without the option, and only it. The run
# directory is kept; no tcpdump is left running.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
command -v tcpdump >/dev/null || skip "no tcpdump (scripts/install-deps.sh installs it)"
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

topo() { # the network line's extra word for n
	cat <<TOPO
node a
    mptcp limits subflows 2 add_addr_accepted 2
    mptcp endpoint 10.9.1.1 dev eth1 signal
    service ready tcp 5000 -- mptcp-lab xfer server 5000 --mptcp
node b
    mptcp limits subflows 2 add_addr_accepted 2
network n 10.9.0.0/24 $1
    a eth0 .1
    b eth0 .2
network m 10.9.1.0/24
    a eth1 .1
    b eth1 .2
run b name x -- mptcp-lab xfer client 10.9.0.1:5000 --mptcp --bytes 1M
assert mib b MPTcpExtMPJoinSynAckRx>=1
TOPO
}

topo "" >"$d/all.topo"
lab_run "$d/out" "$d/err" run "$d/all.topo" --name "${T_ID}c" --capture
if [ $rc -eq 0 ]; then ok "run --capture passes"; else bad "run --capture: exit $rc"; cat "$d/out" "$d/err"; fi
rd=$MPTCP_LAB_RUN_DIR/${T_ID}c
check "run directory kept" test -d "$rd"
for f in a/eth0 b/eth0 a/eth1 b/eth1; do
	check "pcap $f" test -s "$rd/$f.pcap"
done
check "capture started before the steps" sh -c "grep -n 'capture 4 interfaces' '$d/out' | cut -d: -f1 | { read c; grep -n 'run b x' '$d/out' | cut -d: -f1 | { read s; [ \$c -lt \$s ]; }; }"
check "MP_CAPABLE on path A (b's side)" sh -c "tcpdump -r '$rd/b/eth0.pcap' -n 2>/dev/null | grep -q 'mptcp [0-9]* capable'"
check "MP_CAPABLE on path A (a's side)" sh -c "tcpdump -r '$rd/a/eth0.pcap' -n 2>/dev/null | grep -q 'mptcp [0-9]* capable'"
check "MP_JOIN on path B" sh -c "tcpdump -r '$rd/b/eth1.pcap' -n 2>/dev/null | grep -q 'mptcp [0-9]* join'"
check "no MP_JOIN on path A" sh -c "! tcpdump -r '$rd/b/eth0.pcap' -n 2>/dev/null | grep -q 'mptcp [0-9]* join'"
check "flushed: the last packets are in (FINs)" sh -c "tcpdump -r '$rd/b/eth0.pcap' -n 2>/dev/null | grep -q 'Flags \[F'"
check_run_clean "--capture" kept
if tagged_procs | grep -q tcpdump; then bad "a tcpdump is left"; else ok "no tcpdump left"; fi
rm -rf "$MPTCP_LAB_RUN_DIR"

topo capture >"$d/one.topo"
lab_run "$d/out" "$d/err" run "$d/one.topo" --name "${T_ID}o"
if [ $rc -eq 0 ]; then ok "network capture: passes"; else bad "network capture: exit $rc"; cat "$d/out" "$d/err"; fi
rd=$MPTCP_LAB_RUN_DIR/${T_ID}o
check "network n captured" test -s "$rd/b/eth0.pcap"
check "network m not captured" test ! -e "$rd/b/eth1.pcap"
check "MP_CAPABLE in n's pcap" sh -c "tcpdump -r '$rd/a/eth0.pcap' -n 2>/dev/null | grep -q 'mptcp [0-9]* capable'"
check_run_clean "network capture" kept
finish
