#!/usr/bin/env bash
# 19-proxy-transparent: client-mode proxy with -t behind an nftables
# REDIRECT in the client namespace (IPv4 and IPv6): applications connect to
# the real server's address, the proxy relays to that original destination
# with MPTCP, and its own connections (every subflow too, via --mark) stay
# out of the redirect. A connection straight to the proxy's port, with no
# -r, is closed.
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
pl_end
