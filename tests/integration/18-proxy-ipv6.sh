#!/usr/bin/env bash
# 18-proxy-ipv6: the whole pair over IPv6: the client proxy listens on
# [::1], reaches the server proxy at [fd00:231:1::2] with MPTCP (second
# subflow over fd00:231:2::/64), the server proxy forwards to [::1].
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup && pl_setup_v6 || { bad "two-path IPv6 topology set up"; pl_end; }
PL_BACKEND='[::1]:7000'
PL_CLISTEN='[::1]:5555'
PL_REMOTE="[$PL_SADDR6]:$PL_SPORT"
pl_pair || { bad "backend and proxy pair start"; pl_end; }

join0=$(pl_nstat "$PL_NSS" MPTcpExtMPJoinSynRx)
out=$(pl_client -r "$PL_CLISTEN" --up 64M --down 64M -v --timeout 60)
echo "$out"
check "64 MiB each way over IPv6, every byte verified" grep -q '^client: PASS' <<<"$out"
out=$(pl_client -r "$PL_CLISTEN" -n 50 -c 50 --up-max 1M --down-max 1M --timeout 60)
echo "$out"
check "50 concurrent IPv6 connections, every byte verified" grep -q '^client: PASS' <<<"$out"
sleep 0.2
cs=$(pl_stats "$PL_CPROXY_PID" "$PL_DIR/cproxy.log"); echo "client proxy $cs"
ss=$(pl_stats "$PL_SPROXY_PID" "$PL_DIR/sproxy.log"); echo "server proxy $ss"
check "client proxy: 51 connections, all MPTCP" test "$(stat_field "$cs" mptcp)" = 51
check "server proxy: 51 connections, all MPTCP" test "$(stat_field "$ss" mptcp)" = 51
join1=$(pl_nstat "$PL_NSS" MPTcpExtMPJoinSynRx)
check "IPv6 second subflows joined (MPJoinSynRx ${join0:-0} -> ${join1:-0})" test "${join1:-0}" -gt "${join0:-0}"
pl_end
