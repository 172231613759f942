#!/usr/bin/env bash
# 14-proxy-errors: a backend that refuses connections and an unreachable
# remote: the client sees its connection closed at once (within 1 s, or
# within --connect-timeout when the remote never answers), the failures are
# counted, and the proxies keep serving everyone else. A remote given as a
# host name with an IPv4 and an IPv6 address reaches a backend that listens
# on only one of the two: every resolved address is tried in turn. A name
# that moves to another address is followed: every --resolve-every, and
# after a connection found no address answering.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

# A second pair whose server proxy forwards to a port nothing listens on.
pl_bg "$PL_NSS" "$PL_DIR/sproxy-refused.log" "$PROXY" -m server -p 4445 -r 127.0.0.1:7999
sref=$PL_LAST
pl_wait_listen "$PL_NSS" 4445
pl_bg "$PL_NSC" "$PL_DIR/cproxy-refused.log" "$PROXY" -m client -l 127.0.0.1:5556 -r "$PL_SADDR:4445"
cref=$PL_LAST
pl_wait_listen "$PL_NSC" 5556
out=$(pl_client -r 127.0.0.1:5556 -n 5 -c 5 --up 100 --down 100 --expect close --within 1000 --timeout 10)
echo "$out"
check "backend refuses -> 5 clients see the close within 1 s" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$sref" "$PL_DIR/sproxy-refused.log"); echo "server proxy $ss"
check "server proxy counts 5 failed connects" test "$(stat_field "$ss" failed)" = 5

# No route to the remote: connect fails at once.
pl_bg "$PL_NSC" "$PL_DIR/cproxy-noroute.log" "$PROXY" -m client -l 127.0.0.1:5557 -r 10.231.9.9:4444 --connect-timeout 1s
cnr=$PL_LAST
pl_wait_listen "$PL_NSC" 5557
out=$(pl_client -r 127.0.0.1:5557 -n 3 -c 3 --up 100 --down 100 --expect close --within 1000 --timeout 10)
echo "$out"
check "remote without a route -> clients see the close within 1 s" grep -q '^client: PASS' <<<"$out"

# An on-link address nobody owns: no answer at all, --connect-timeout 1s.
pl_bg "$PL_NSC" "$PL_DIR/cproxy-silent.log" "$PROXY" -m client -l 127.0.0.1:5558 -r 10.231.1.99:4444 --connect-timeout 1s
csi=$PL_LAST
pl_wait_listen "$PL_NSC" 5558
out=$(pl_client -r 127.0.0.1:5558 -n 3 -c 3 --up 100 --down 100 --expect close --within 2000 --timeout 10)
echo "$out"
check "silent remote -> clients see the close after the 1 s connect timeout (< 2 s)" grep -q '^client: PASS' <<<"$out"
for p in "$cnr:cproxy-noroute" "$csi:cproxy-silent"; do
	s=$(pl_stats "${p%%:*}" "$PL_DIR/${p#*:}.log"); echo "${p#*:}: $s"
	check "${p#*:} counts 3 failed connects, none open" test "$(stat_field "$s" failed)" = 3 -a "$(stat_field "$s" active)" = 0
done

# -r NAME:PORT where NAME has an IPv4 and an IPv6 address (an /etc/hosts of
# the server namespace's own, which `ip netns exec` mounts), and the backend
# listens on only one of them: whichever comes first, the other is tried.
pl_etc "$PL_NSS" hosts "127.0.0.1 backend.test
::1 backend.test"
echo "backend.test resolves to: $(nsx "$PL_NSS" getent ahostsv4 backend.test | awk 'NR==1{print $1}') $(nsx "$PL_NSS" getent ahostsv6 backend.test | awk 'NR==1{print $1}')"
pl_bg "$PL_NSS" "$PL_DIR/backend4.log" "$TOOLS/xfer" server -l 127.0.0.1:7201 -v
pl_bg "$PL_NSS" "$PL_DIR/backend6.log" "$TOOLS/xfer" server -l "[::1]:7206" -v
pl_wait_listen "$PL_NSS" 7201 && pl_wait_listen "$PL_NSS" 7206 || bad "IPv4-only and IPv6-only backends start"
for port in 7201 7206; do
	pl_bg "$PL_NSS" "$PL_DIR/sproxy-name$port.log" "$PROXY" -m server -l "$PL_SADDR:$((port - 2000))" -r "backend.test:$port"
	pl_wait_listen "$PL_NSS" $((port - 2000))
	out=$(pl_client -r "$PL_SADDR:$((port - 2000))" --mptcp --up 1M --down 1M -v --timeout 20)
	echo "$out"
	check "-r backend.test:$port (IPv4 and IPv6) reaches the backend that listens only on $([ $port = 7201 ] && echo 127.0.0.1 || echo ::1)" \
		grep -q '^client: PASS' <<<"$out"
done

# A name that moves: moving.test is 127.0.0.1, then 127.0.0.2; a backend
# listens on each. With --resolve-every 1s new connections follow the
# move. With --resolve-every 0 the name is looked up again only after a
# connection found its address dead (127.0.0.3: nothing listens there).
srv_conns() { grep -c '^srv conn=' "$PL_DIR/$1.log"; }
served() { [ "$(srv_conns moveA)" = "$1" ] && [ "$(srv_conns moveB)" = "$2" ]; }
two_listen() { [ "$(nsx "$PL_NSS" ss -Hltn 'sport = :7301' | wc -l)" -ge 2 ]; }
pl_bg "$PL_NSS" "$PL_DIR/moveA.log" "$TOOLS/xfer" server -l 127.0.0.1:7301 -v
pl_bg "$PL_NSS" "$PL_DIR/moveB.log" "$TOOLS/xfer" server -l 127.0.0.2:7301 -v
wait_for 5 two_listen || bad "the two backends of moving.test start"
pl_etc "$PL_NSS" hosts "127.0.0.1 moving.test"
pl_bg "$PL_NSS" "$PL_DIR/sproxy-move.log" "$PROXY" -m server -l "$PL_SADDR:5301" -r moving.test:7301 --resolve-every 1s
smove=$PL_LAST
pl_wait_listen "$PL_NSS" 5301
move_client() { pl_client -r "$PL_SADDR:$1" --mptcp --up 10K --down 10K --timeout 10 "${@:2}"; }
out=$(move_client 5301); echo "$out"
check "moving.test at 127.0.0.1: the backend there served it" wait_for 3 served 1 0
pl_etc "$PL_NSS" hosts "127.0.0.2 moving.test"
wait_for 5 grep -q "now resolves to 127.0.0.2:7301 (was 127.0.0.1:7301)" "$PL_DIR/sproxy-move.log"
check "--resolve-every 1s: the proxy logs the move within $(tscale 5) s" \
	grep -q "now resolves to 127.0.0.2:7301" "$PL_DIR/sproxy-move.log"
out=$(move_client 5301); echo "$out"
check "after the move, the new connection reaches 127.0.0.2" wait_for 3 served 1 1

pl_etc "$PL_NSS" hosts "127.0.0.3 moving.test"
pl_bg "$PL_NSS" "$PL_DIR/sproxy-move0.log" "$PROXY" -m server -l "$PL_SADDR:5302" -r moving.test:7301 --resolve-every 0
smove0=$PL_LAST
pl_wait_listen "$PL_NSS" 5302
pl_etc "$PL_NSS" hosts "127.0.0.1 moving.test"
sleep 1.5	# longer than any lookup gap: nothing may look it up by itself
check "--resolve-every 0: no lookup before a failure" \
	bash -c "! grep -q 'now resolves' '$PL_DIR/sproxy-move0.log'"
out=$(move_client 5302 --expect close --within 1000); echo "$out"
check "the dead address: the client sees the close" grep -q '^client: PASS' <<<"$out"
wait_for 5 grep -q "now resolves to 127.0.0.1:7301 (was 127.0.0.3:7301)" "$PL_DIR/sproxy-move0.log"
check "the failure made the proxy look the name up again" \
	grep -q "now resolves to 127.0.0.1:7301" "$PL_DIR/sproxy-move0.log"
out=$(move_client 5302); echo "$out"
check "the next connection reaches the name's new address" wait_for 3 served 2 1

check "every proxy still runs" kill -0 "$smove" "$smove0" "$sref" "$cref" "$cnr" "$csi" "$PL_CPROXY_PID" "$PL_SPROXY_PID"
out=$(pl_client -r "$PL_CLISTEN" -n 10 -c 10 --up 1M --down 1M --timeout 30)
echo "$out"
check "the working pair still relays after all that" grep -q '^client: PASS' <<<"$out"
pl_end
