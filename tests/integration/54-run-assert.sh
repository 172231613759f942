#!/usr/bin/env bash
# Assertions, each kind passing and failing: throughput of a step as a
# floor, a ceiling and a ratio to another step (iperf3 -J through links
# shaped to 20 mbit); a verified transfer (mptcp-lab xfer) intact, and
# one against a server that sends the wrong bytes; a MIB counter's change
# over the run; an interface's share of its node's bytes in a window
# bounded by a step. The figures measured are in the report.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
command -v socat >/dev/null || skip "no socat"
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

head_topo() {
	cat <<'TOPO'
node a
    mptcp limits subflows 2 add_addr_accepted 2
    mptcp endpoint 10.9.1.1 dev eth1 signal
    service ready tcp 5201 -- mptcpize run iperf3 -s
    service ready tcp 5000 -- mptcp-lab xfer server 5000 --mptcp
    service ready tcp 5001 -- socat TCP-LISTEN:5001,fork,reuseaddr SYSTEM:'head -c 2000 /dev/zero'
node b
    mptcp limits subflows 2 add_addr_accepted 2
network n 10.9.0.0/24 rate 20mbit
    a eth0 .1
    b eth0 .2
network m 10.9.1.0/24 rate 20mbit
    a eth1 .1
    b eth1 .2
run b name tcp -- iperf3 -c 10.9.0.1 -t 3 -J
run b name mp -- mptcpize run iperf3 -c 10.9.0.1 -t 3 -J
run b name x -- mptcp-lab xfer client 10.9.0.1:5000 --mptcp --bytes 2M
run b name bad exit 1 -- mptcp-lab xfer client 10.9.0.1:5001 --bytes 1000
TOPO
}

{ head_topo; cat <<'TOPO'
assert throughput tcp >= 12mbit
assert throughput tcp <= 22mbit
assert throughput mp >= 1.5 x tcp
assert intact x
assert mib b MPTcpExtMPJoinSynAckRx>=1
assert mib a MPTcpExtMPFailTx=0
assert share b eth1 <= 1% until mp
assert share b eth1 >= 20% from mp
TOPO
} >"$d/pass.topo"
lab_run "$d/out" "$d/err" run "$d/pass.topo" --name "${T_ID}p"
if [ $rc -eq 0 ]; then ok "all hold: exit 0"; else bad "all hold: exit $rc"; cat "$d/out" "$d/err"; fi
for a in 'throughput tcp >= 12mbit' 'throughput tcp <= 22mbit' 'throughput mp >= 1.5 x tcp' \
	 'intact x' 'mib b MPTcpExtMPJoinSynAckRx>=1' 'mib a MPTcpExtMPFailTx=0' \
	 'share b eth1 <= 1% until mp' 'share b eth1 >= 20% from mp'; do
	check "holds: $a" grep -qF "ok    assert $a" "$d/out"
done
check "figures: mbit/s" grep -q 'measured: [0-9.]* mbit/s' "$d/out"
check "figures: the ratio" grep -q 'measured: [0-9.]* x (' "$d/out"
check "figures: bytes verified" grep -q 'measured: 2097152 bytes up, 2097152 down, every byte verified' "$d/out"
grep -E 'measured|assert' "$d/out" | sed 's/^/    /'
check_run_clean "assertions hold"

{ head_topo; cat <<'TOPO'
assert throughput tcp >= 30mbit
assert throughput tcp <= 10mbit
assert throughput tcp >= 1.5 x mp
assert intact bad
assert mib b MPTcpExtMPJoinSynAckRx=0
assert mib b MPTcpExtNoSuchCounter>=0
assert share b eth1 >= 50% until mp
TOPO
} >"$d/fail.topo"
lab_run "$d/out" "$d/err" run "$d/fail.topo" --name "${T_ID}f"
if [ $rc -eq 1 ]; then ok "none holds: exit 1"; else bad "none holds: exit $rc"; cat "$d/out" "$d/err"; fi
for a in 'throughput tcp >= 30mbit' 'throughput tcp <= 10mbit' 'throughput tcp >= 1.5 x mp' \
	 'intact bad' 'mib b MPTcpExtMPJoinSynAckRx=0' 'mib b MPTcpExtNoSuchCounter>=0' \
	 'share b eth1 >= 50% until mp'; do
	check "fails: $a" grep -qF "FAIL  assert $a" "$d/out"
done
check "says why: floor" grep -q 'tcp measured .* mbit/s, expected at least 30.00 mbit/s' "$d/out"
check "says why: intact" grep -q 'NOT intact' "$d/out"
check "says why: counter" grep -q 'MPTcpExtNoSuchCounter: this kernel has no such counter' "$d/out"
check "the steps passed" sh -c "! grep -q 'FAIL  run' '$d/out'"
check_run_clean "assertions fail" kept
finish
