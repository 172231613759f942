#!/usr/bin/env bash
# 15-proxy-fallback: a plain-TCP client talks straight to the server-mode
# proxy's MPTCP listener (works, counted as a fallback), an MPTCP client
# does the same (counted as MPTCP), and a client-mode proxy whose remote
# speaks only TCP falls back and counts it. --disable-mptcp relays plain
# TCP; with net.mptcp.enabled=0 the proxy refuses to start (one line,
# exit 3) unless --disable-mptcp.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair || { bad "backend and proxy pair start"; pl_end; }

out=$(pl_client -r "$PL_SADDR:$PL_SPORT" --up 4M --down 4M -v --timeout 30)
echo "$out"
check "plain TCP client -> server-mode proxy: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "server proxy counts it as a fallback (fallback=1 mptcp=0)" \
	test "$(stat_field "$ss" fallback)" = 1 -a "$(stat_field "$ss" mptcp)" = 0

out=$(pl_client -r "$PL_SADDR:$PL_SPORT" --mptcp --up 4M --down 4M -v --timeout 30)
echo "$out"
check "MPTCP client -> server-mode proxy: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "server proxy counts it as MPTCP (fallback=1 mptcp=1)" \
	test "$(stat_field "$ss" fallback)" = 1 -a "$(stat_field "$ss" mptcp)" = 1

# A remote that is a plain TCP server.
pl_bg "$PL_NSS" "$PL_DIR/plain.log" "$TOOLS/xfer" server -l 0.0.0.0:7100
pl_wait_listen "$PL_NSS" 7100
pl_bg "$PL_NSC" "$PL_DIR/cproxy-plain.log" "$PROXY" -m client -l 127.0.0.1:5556 -r "$PL_SADDR:7100"
cpl=$PL_LAST
pl_wait_listen "$PL_NSC" 5556
out=$(pl_client -r 127.0.0.1:5556 --up 4M --down 4M -v --timeout 30)
echo "$out"
check "client-mode proxy -> plain TCP server: 4 MiB each way verified" grep -q '^client: PASS' <<<"$out"
cs=$(pl_stats "$cpl" "$PL_DIR/cproxy-plain.log"); echo "client proxy $cs"
check "client proxy counts it as a fallback (fallback=1 mptcp=0)" \
	test "$(stat_field "$cs" fallback)" = 1 -a "$(stat_field "$cs" mptcp)" = 0
# --disable-mptcp: plain TCP on both sides, no MPTCP handshake seen.
cap0=$(pl_nstat "$PL_NSS" MPTcpExtMPCapableSYNRX)
pl_bg "$PL_NSC" "$PL_DIR/cproxy-tcp.log" "$PROXY" -m client -l 127.0.0.1:5557 -r "$PL_SADDR:$PL_SPORT" --disable-mptcp
ctcp=$PL_LAST
pl_wait_listen "$PL_NSC" 5557
out=$(pl_client -r 127.0.0.1:5557 --up 4M --down 4M -v --timeout 30)
echo "$out"
check "--disable-mptcp client proxy relays 4 MiB each way" grep -q '^client: PASS' <<<"$out"
cs=$(pl_stats "$ctcp" "$PL_DIR/cproxy-tcp.log"); echo "client proxy $cs"
cap1=$(pl_nstat "$PL_NSS" MPTcpExtMPCapableSYNRX)
check "--disable-mptcp: no MPTCP handshake (MPCapableSYNRX ${cap0:-0} -> ${cap1:-0}, mptcp=$(stat_field "$cs" mptcp))" \
	test "${cap1:-0}" = "${cap0:-0}" -a "$(stat_field "$cs" mptcp)" = 0

# MPTCP switched off in the client namespace.
nsx "$PL_NSC" sysctl -qw net.mptcp.enabled=0
msg=$(nsx "$PL_NSC" timeout 5 "$PROXY" -m client -l 127.0.0.1:5560 -r "$PL_SADDR:$PL_SPORT" 2>&1); rc=$?
echo "net.mptcp.enabled=0: exit $rc: $msg"
check "net.mptcp.enabled=0: the proxy exits 3 at start-up" test $rc = 3
check "net.mptcp.enabled=0: with one line that names the sysctl" \
	test "$(grep -c . <<<"$msg")" = 1 -a -n "$(grep -F net.mptcp.enabled <<<"$msg")"
pl_bg "$PL_NSC" "$PL_DIR/cproxy-off.log" "$PROXY" -m client -l 127.0.0.1:5561 -r "$PL_SADDR:7100" --disable-mptcp
pl_wait_listen "$PL_NSC" 5561
out=$(pl_client -r 127.0.0.1:5561 --up 1M --down 1M --timeout 30)
echo "$out"
check "net.mptcp.enabled=0: with --disable-mptcp it starts and relays" grep -q '^client: PASS' <<<"$out"
pl_end
