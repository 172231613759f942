#!/usr/bin/env bash
# 19-proxy-transparent: client-mode proxy with -t, IPv4 and IPv6.
# REDIRECT: nftables in the client namespace redirects local applications'
# connections to the proxy, which relays each to its original destination
# with MPTCP; its own connections (every subflow too, via --mark) stay out
# of the redirect. A connection straight to the proxy's port, with no -r,
# is closed. A redirect rule that also catches connections to the proxy's
# own port (and no mark to exempt the proxy) would send such a connection
# back into the proxy forever: it is closed at once, after one accept.
# So is, without the --mark exemption, the proxy's own connection to an
# original destination, redirected back into it: recognised as its own
# (its source and destination are those of a socket the proxy connected),
# closed after one round instead of chaining until descriptors run out.
# TPROXY: a third namespace (the application's) routes through the client
# namespace, where an nftables tproxy rule hands its connections to the
# proxy's IP_TRANSPARENT listener unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
command -v nft >/dev/null || skip "nft is not installed"
pl_setup && pl_setup_v6 || { bad "two-path topology set up"; pl_end; }

# The real servers speak MPTCP themselves: 7100 (IPv4), 7106 (IPv6).
pl_bg "$PL_NSS" "$PL_DIR/server4.log" "$TOOLS/xfer" server -l 0.0.0.0:7100 --mptcp -v
pl_bg "$PL_NSS" "$PL_DIR/server6.log" "$TOOLS/xfer" server -l "[::]:7106" --mptcp -v
pl_wait_listen "$PL_NSS" 7100 && pl_wait_listen "$PL_NSS" 7106 || { bad "servers start"; pl_end; }
nsx "$PL_NSC" nft -f - <<'NFT' || skip "nftables NAT is not available in this kernel"
table inet a2proxy {
	chain output {
		type nat hook output priority -100; policy accept;
		meta mark 77 return
		ip daddr 127.0.0.0/8 return
		ip6 daddr ::1 return
		tcp dport { 7100, 7106 } redirect to :5555
	}
}
NFT
pl_bg "$PL_NSC" "$PL_DIR/cproxy.log" "$PROXY" -m client -t -p 5555 --mark 77
PL_CPROXY_PID=$PL_LAST
pl_wait_listen "$PL_NSC" 5555 || { bad "transparent proxy starts"; pl_end; }

join0=$(pl_nstat "$PL_NSS" MPTcpExtMPJoinSynRx)
out=$(pl_client -r "$PL_SADDR:7100" --up 8M --down 8M -v --timeout 30)
echo "$out"
check "IPv4 connection to $PL_SADDR:7100, redirected, 8 MiB each way verified" grep -q '^client: PASS' <<<"$out"
out=$(pl_client -r "[$PL_SADDR6]:7106" --up 8M --down 8M -v --timeout 30)
echo "$out"
check "IPv6 connection to [$PL_SADDR6]:7106, redirected, 8 MiB each way verified" grep -q '^client: PASS' <<<"$out"
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
check "both went through the proxy with MPTCP (total=2 mptcp=2)" \
	test "$(stat_field "$cs" total)" = 2 -a "$(stat_field "$cs" mptcp)" = 2
check "each real server saw exactly its connection" \
	test "$(grep -c 'end=ok' "$PL_DIR/server4.log")$(grep -c 'end=ok' "$PL_DIR/server6.log")" = 11
join1=$(pl_nstat "$PL_NSS" MPTcpExtMPJoinSynRx)
check "the proxy's extra subflows escaped the redirect (MPJoinSynRx ${join0:-0} -> ${join1:-0})" \
	test "${join1:-0}" -ge $(( ${join0:-0} + 2 ))
out=$(pl_client -r 127.0.0.1:5555 --up 10 --down 10 --expect close --within 1000 --timeout 10)
echo "$out"
check "a connection straight to the proxy's port (no -r) is closed" grep -q '^client: PASS' <<<"$out"

# The loop: a second proxy (-t -p 5575, no --mark) behind a rule that
# redirects every connection to port 5575, its own connections included.
# A connection to 10.231.1.1:5575 (the client namespace's own address) has
# that original destination, which is the proxy's own wildcard listener.
# (At most 4096 descriptors, in case it loops.)
nsx "$PL_NSC" nft -f - <<'NFT' || bad "nft loop table"
table inet a2loop {
	chain output {
		type nat hook output priority -100; policy accept;
		ip daddr 127.0.0.0/8 return
		tcp dport 5575 redirect to :5575
	}
}
NFT
pl_bg "$PL_NSC" "$PL_DIR/cproxy-loop.log" prlimit --nofile=4096:4096 "$PROXY" -m client -t -p 5575
lpx=$PL_LAST
pl_wait_listen "$PL_NSC" 5575 || bad "the looping setup's proxy starts"
out=$(pl_client -r 10.231.1.1:5575 --up 10 --down 10 --expect close --within 1000 --timeout 10)
echo "$out"
check "a connection redirected to the proxy's own listener is closed within 1 s" grep -q '^client: PASS' <<<"$out"
sleep 0.3
ls=$(pl_stats "$lpx" "$PL_DIR/cproxy-loop.log"); echo "loop proxy $ls"
check "... after one accept, not a chain of them (total=$(stat_field "$ls" total))" test "$(stat_field "$ls" total)" = 1
check "... and the proxy says why" grep -q "own listener (a redirect loop)" "$PL_DIR/cproxy-loop.log"
nsx "$PL_NSC" nft delete table inet a2loop

# No mark rule at all: port 7101 (nothing behind it) is redirected to a
# proxy (-t -p 5585, no --mark), whose own connection to 10.231.1.2:7101
# is redirected back to it. The client's connection ends at once.
nsx "$PL_NSC" nft -f - <<'NFT' || bad "nft unmarked table"
table inet a2nomark {
	chain output {
		type nat hook output priority -100; policy accept;
		ip daddr 127.0.0.0/8 return
		tcp dport 7101 redirect to :5585
	}
}
NFT
pl_bg "$PL_NSC" "$PL_DIR/cproxy-nomark.log" prlimit --nofile=4096:4096 "$PROXY" -m client -t -p 5585
npx=$PL_LAST
pl_wait_listen "$PL_NSC" 5585 || bad "the unmarked proxy starts"
out=$(pl_client -r "$PL_SADDR:7101" --up 10 --down 10 --expect close --within 1000 --timeout 10)
echo "$out"
check "no mark rule: the client's connection to $PL_SADDR:7101 is closed within 1 s" grep -q '^client: PASS' <<<"$out"
sleep 0.3
ns_=$(pl_stats "$npx" "$PL_DIR/cproxy-nomark.log"); echo "unmarked proxy $ns_"
check "... after one round: the client's connection and the proxy's own, returned (total=$(stat_field "$ns_" total))" \
	test "$(stat_field "$ns_" total)" = 2
check "... and the proxy says why" grep -q "this proxy's own, redirected back" "$PL_DIR/cproxy-nomark.log"
nsx "$PL_NSC" nft delete table inet a2nomark

# TPROXY: application namespace A -- a0 -- client namespace (gateway).
nsa=$T_ID-pa
PL_EXTRA_NS+=("$nsa")
ip netns add "$nsa" &&
ip link add a0 netns "$nsa" type veth peer name a0 netns "$PL_NSC" &&
ip -n "$nsa" link set lo up &&
ip -n "$nsa" addr add 10.232.0.1/24 dev a0 &&
ip -n "$nsa" addr add fd00:232::1/64 dev a0 nodad &&
ip -n "$nsa" link set a0 up &&
ip -n "$nsa" route add default via 10.232.0.2 &&
ip -n "$nsa" -6 route add default via fd00:232::2 &&
ip -n "$PL_NSC" addr add 10.232.0.2/24 dev a0 &&
ip -n "$PL_NSC" addr add fd00:232::2/64 dev a0 nodad &&
ip -n "$PL_NSC" link set a0 up &&
ip -n "$PL_NSC" rule add fwmark 1 lookup 100 &&
ip -n "$PL_NSC" route add local 0.0.0.0/0 dev lo table 100 &&
ip -n "$PL_NSC" -6 rule add fwmark 1 lookup 100 &&
ip -n "$PL_NSC" -6 route add local ::/0 dev lo table 100 ||
	{ bad "application namespace and TPROXY routing set up"; pl_end; }
nsx "$PL_NSC" nft -f - <<'NFT' || skip "nftables tproxy is not available in this kernel"
table inet a2tproxy {
	chain prerouting {
		type filter hook prerouting priority mangle; policy accept;
		meta l4proto tcp socket transparent 1 meta mark set 1 accept
		iifname "a0" meta nfproto ipv4 meta l4proto tcp tproxy ip to :5565 meta mark set 1 accept
		iifname "a0" meta nfproto ipv6 meta l4proto tcp tproxy ip6 to :5565 meta mark set 1 accept
	}
}
NFT
pl_bg "$PL_NSC" "$PL_DIR/cproxy-tproxy.log" "$PROXY" -m client -t -p 5565 --mark 77
tpx=$PL_LAST
pl_wait_listen "$PL_NSC" 5565 || { bad "TPROXY proxy starts"; pl_end; }
out=$(nsx "$nsa" "$TOOLS/xfer" client -r "$PL_SADDR:7100" --up 8M --down 8M -v --timeout 30)
echo "$out"
check "TPROXY IPv4: 10.232.0.1 -> $PL_SADDR:7100 through the gateway's proxy, verified" grep -q '^client: PASS' <<<"$out"
out=$(nsx "$nsa" "$TOOLS/xfer" client -r "[$PL_SADDR6]:7106" --up 8M --down 8M -v --timeout 30)
echo "$out"
check "TPROXY IPv6: fd00:232::1 -> [$PL_SADDR6]:7106 through the gateway's proxy, verified" grep -q '^client: PASS' <<<"$out"
ts=$(pl_stats "$tpx" "$PL_DIR/cproxy-tproxy.log"); echo "TPROXY proxy $ts"
check "both went through the TPROXY proxy with MPTCP (total=2 mptcp=2)" \
	test "$(stat_field "$ts" total)" = 2 -a "$(stat_field "$ts" mptcp)" = 2
pl_end
