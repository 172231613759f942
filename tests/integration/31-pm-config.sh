#!/usr/bin/env bash
# 31-pm-config: MPTCP limits and endpoints set by `mptcp-lab up` (through
# the mptcp_pm generic-netlink family) are what `ip mptcp` reads back; a
# kernel refusal shows the kernel's own message and leaves nothing; the
# monitor verb works on a lab's node by name.
. "$(dirname "$0")/lib.sh"
need_root
need_mptcp
[ -x "$LAB" ] || { echo "FAIL: $LAB not built"; exit 1; }

tmp=$(mktemp -d)
NAME=$T_ID-cfg BAD=$T_ID-bad
mon=
cleanup() {
	[ -n "$mon" ] && kill "$mon" 2>/dev/null && wait "$mon" 2>/dev/null
	"$LAB" down --all >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT


cat >"$tmp/cfg.topo" <<'EOF'
node a
    mptcp limits subflows 4 add_addr_accepted 3
    mptcp endpoint 10.31.1.1 dev eth0 id 10 signal
    mptcp endpoint 10.31.2.1 dev eth1 subflow backup
    mptcp endpoint fd31:2::1 dev eth1 subflow fullmesh
    mptcp endpoint 10.31.3.1 port 10001 signal backup
node b
    mptcp limits subflows 8
network n1 10.31.1.0/24 fd31:1::/64
    a eth0 .1 ::1
    b eth0 .2 ::2
network n2 10.31.2.0/24 fd31:2::/64
    a eth1 .1 ::1
    b eth1 .2 ::2
network n3 10.31.3.0/24
    a eth2 .1
    b eth2 .2
EOF

up() { "$LAB" up "$tmp/cfg.topo" --name "$NAME" >"$tmp/up.out" 2>&1; }
check "up with limits and endpoints" up || cat "$tmp/up.out"
A=$NAME-a B=$NAME-b

lim_a=$(ip -n "$A" mptcp limits show)
lim_b=$(ip -n "$B" mptcp limits show)
check "a: limits (ip says '$lim_a')" grep -q "add_addr_accepted 3 subflows 4" <<<"$lim_a"
# Only subflows set: add_addr_accepted keeps the namespace default, 0.
check "b: limits (ip says '$lim_b')" grep -q "add_addr_accepted 0 subflows 8" <<<"$lim_b"

ip -n "$A" mptcp endpoint show >"$tmp/ep_a"
has_ep() { grep -Eq "$1" "$tmp/ep_a" || { echo "  not in: $(tr '\n' '|' <"$tmp/ep_a")"; false; }; }
check "a: id 10 signal dev eth0" has_ep '^10\.31\.1\.1 id 10 signal dev eth0 *$'
check "a: subflow backup dev eth1" has_ep '^10\.31\.2\.1 id [0-9]+ subflow backup dev eth1 *$'
check "a: IPv6 subflow fullmesh" has_ep '^fd31:2::1 id [0-9]+ subflow fullmesh dev eth1 *$'
check "a: port 10001 signal backup" has_ep '^10\.31\.3\.1 port 10001 id [0-9]+ signal backup *$'
n=$(wc -l <"$tmp/ep_a")
check "a: exactly 4 endpoints (got $n)" [ "$n" -eq 4 ]
n=$(ip -n "$B" mptcp endpoint show | wc -l)
check "b: no endpoints (got $n)" [ "$n" -eq 0 ]

# monitor NAME NODE: by name, on the lab's namespace.
"$LAB" monitor "$NAME" a --json >"$tmp/mon.json" 2>"$tmp/mon.err" & mon=$!
check "monitor by lab and node subscribed" wait_for 5 grep -q listening "$tmp/mon.err"
if command -v mptcpize >/dev/null && command -v iperf3 >/dev/null; then
	# A connection inside node a (every kernel reports CREATED; 6.1 has
	# no listener events).
	ip netns exec "$A" mptcpize run iperf3 -s -1 -p 5999 >/dev/null 2>&1 & srv=$!
	listening() { ip netns exec "$A" ss -Hltn 'sport = :5999' | grep -q LISTEN; }
	check "iperf3 listens in node a" wait_for 5 listening
	ip netns exec "$A" mptcpize run iperf3 -c 127.0.0.1 -p 5999 -n 1K >/dev/null 2>&1
	wait "$srv" 2>/dev/null
	created() { grep -q '"event":"CREATED".*"sport":5999' "$tmp/mon.json"; }
	check "monitor sees a connection in node a" wait_for 5 created
fi
kill -INT "$mon"; wait "$mon"; rc=$?; mon=
check "monitor exits 0 on SIGINT (got $rc)" [ $rc -eq 0 ]
"$LAB" monitor "$NAME" nosuch >/dev/null 2>"$tmp/err"; rc=$?
check "monitor of an unknown node: exit 2 (got $rc)" [ $rc -eq 2 ]
check "  and names it" grep -q "nosuch" "$tmp/err"

down() { "$LAB" down "$NAME" >/dev/null 2>&1; }
check "down" down
check_clean "$NAME" "after down"

# Nine endpoints on one node: the kernel keeps at most 8, so check
# refuses the ninth before anything is built.
{
	echo "node x"
	for i in 1 11 21 31; do echo "    mptcp endpoint 10.32.0.$i subflow"; done
	for i in 1 11 21 31; do echo "    mptcp endpoint 10.32.1.$i subflow"; done
	echo "    mptcp endpoint 10.32.2.1 subflow"
	echo "node y"
	echo "network p 10.32.0.0/24"; echo "    x eth0 .1 .11 .21 .31"; echo "    y eth0 .2"
	echo "network q 10.32.1.0/24"; echo "    x eth1 .1 .11 .21 .31"; echo "    y eth1 .2"
	echo "network r 10.32.2.0/24"; echo "    x eth2 .1"; echo "    y eth2 .2"
} >"$tmp/nine.topo"
"$LAB" check "$tmp/nine.topo" >/dev/null 2>"$tmp/nine.err"; rc=$?
check "nine endpoints: check refuses them (exit $rc)" [ $rc -eq 2 ]
check "  at the ninth" grep -q "nine.topo:10:20: too many endpoints: '10.32.2.1', expected at most 8" "$tmp/nine.err"

# An explicit id the kernel already gave to an endpoint without one (it
# numbers those from 1 in the order they are added; check does not model
# that): the kernel refuses the request with its own message.
{
	echo "node x"
	echo "    mptcp endpoint 10.32.0.1 subflow"
	echo "    mptcp endpoint 10.32.0.11 id 1 subflow"
	echo "node y"
	echo "network p 10.32.0.0/24"; echo "    x eth0 .1 .11"; echo "    y eth0 .2"
} >"$tmp/bad.topo"
"$LAB" check "$tmp/bad.topo" >/dev/null 2>&1
check "the id clash passes the checker" [ $? -eq 0 ]
"$LAB" up "$tmp/bad.topo" --name "$BAD" >"$tmp/bad.out" 2>&1; rc=$?
check "up refused by the kernel: exit 3 (got $rc)" [ $rc -eq 3 ]
check "message names the request" grep -q "mptcp_pm: ADD_ADDR 10.32.0.11" "$tmp/bad.out"
check "message carries the kernel's text" grep -q "(kernel: " "$tmp/bad.out"
grep "kernel" "$tmp/bad.out" | sed 's/^/    /'
check_clean "$BAD" "after the refusal"

cleanup; trap - EXIT
check_clean "$T_ID"
finish
