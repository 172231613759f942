#!/usr/bin/env bash
# 18-proxy-linklocal: scoped IPv6 link-local addresses in -l and -r. The
# server proxy listens on the fe80:: address the kernel gave its veth p1
# (-l '[fe80::...%p1]:4444'), the client proxy connects to it over its own
# p1 (-r '[fe80::...%p1]:4444'); 1 MiB each way verified, MPTCP
# negotiated, and both print the address with its interface.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }

# ll NS: the link-local address of p1 in NS, once DAD is done with it.
ll() { nsx "$1" ip -6 -o addr show dev p1 scope link | awk '!/tentative/ {sub("/.*", "", $4); print $4; exit}'; }
has_ll() { [ -n "$(ll "$1")" ]; }
wait_for 10 has_ll "$PL_NSS" && wait_for 10 has_ll "$PL_NSC" || { bad "p1 has link-local addresses"; pl_end; }
sll=$(ll "$PL_NSS")
echo "server p1: $sll, client p1: $(ll "$PL_NSC")"

pl_backend || bad "backend starts"
pl_bg "$PL_NSS" "$PL_DIR/sproxy.log" "$PROXY" -m server -l "[$sll%p1]:4444" -r "$PL_BACKEND"
PL_SPROXY_PID=$PL_LAST
pl_wait_listen "$PL_NSS" 4444 || { bad "server proxy listens on [$sll%p1]:4444"; pl_end; }
PL_REMOTE="[$sll%p1]:4444" pl_cproxy || { bad "client proxy with -r [$sll%p1]:4444 starts"; pl_end; }
out=$(pl_client -r "$PL_CLISTEN" --up 1M --down 1M -v --timeout 20)
echo "$out"
check "1 MiB each way through the pair over the link-local address, verified" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "the server proxy accepted it with MPTCP (total=1 mptcp=1)" \
	test "$(stat_field "$ss" total)" = 1 -a "$(stat_field "$ss" mptcp)" = 1
check "the server proxy says it listens on [$sll%p1]:4444" \
	grep -qF "listening on [$sll%p1]:4444" "$PL_DIR/sproxy.log"
check "the client proxy says its remote is [$sll%p1]:4444" \
	grep -qF "remote [$sll%p1]:4444" "$PL_DIR/cproxy.log"
pl_bg "$PL_NSC" "$PL_DIR/noif.log" "$PROXY" -m client -l 127.0.0.1:5556 -r "[$sll%nosuchif0]:4444"
wait "$PL_LAST"; rc=$?
cat "$PL_DIR/noif.log"
check "an interface that does not exist: exit 1, named (was $rc)" \
	eval '[ $rc = 1 ] && grep -q "no interface .nosuchif0." "$PL_DIR/noif.log"'
pl_end
