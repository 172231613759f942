#!/usr/bin/env bash
# 10-proxy: mptcp-proxy against direct MPTCP and plain TCP on the same
# two-path topology as the integration tests (tests/integration/proxy-lib.sh):
#   - single-stream iperf3, forward and reverse (-R): through the proxy pair,
#     direct MPTCP (mptcpize on both ends), plain TCP over one path;
#   - connection rate (connect + 64-byte echo + close) at 1 and 50
#     concurrent clients for the same three, with the kernel's listen
#     overflow counters;
#   - each proxy's RSS at start-up and with 2000 idle connections.
# Prints figures and the ratios against the targets; never fails on a target.
# Each figure is the best of BENCH_ROUNDS (3) interleaved runs, which damps
# the noise of other work on a 2-core machine; BENCH_SECS, BENCH_RATE_SECS
# set the run lengths.
# Run as root: bench/run.sh BUILD 10-proxy (make bench).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/integration/lib.sh"
PL_SOCKBUF_MAX=	# the kernel's default socket buffers, as users have them
. "$here/../tests/integration/proxy-lib.sh"
LOAD=$BUILD/bench/proxy-load
SECS=${BENCH_SECS:-4}		# iperf3 seconds per run (plus 1 s omitted)
RATE_SECS=${BENCH_RATE_SECS:-3}
ROUNDS=${BENCH_ROUNDS:-3}	# every figure is the best of ROUNDS interleaved runs

[ "$(id -u)" -eq 0 ] || { echo "10-proxy: needs root, skipped"; exit 0; }
for x in "$PROXY" "$LOAD"; do [ -x "$x" ] || { echo "10-proxy: no $x (make first)"; exit 1; }; done
for x in iperf3 mptcpize jq nstat; do
	command -v $x >/dev/null || { echo "10-proxy: $x is not installed"; exit 1; }
done
pl_setup || { echo "10-proxy: topology setup failed"; exit 1; }

# Servers, all in the server namespace:
#   5201 iperf3 (plain), 5202 iperf3 under mptcpize;
#   7000 echo (plain), 7001 echo (MPTCP);
#   4444 proxy -> 127.0.0.1:5201, 4445 proxy -> 127.0.0.1:7000.
# Client namespace: 5555 proxy -> :4444, 5556 proxy -> :4445.
pl_bg "$PL_NSS" "$PL_DIR/iperf-tcp.log" iperf3 -s -p 5201
pl_bg "$PL_NSS" "$PL_DIR/iperf-mptcp.log" mptcpize run iperf3 -s -p 5202
pl_bg "$PL_NSS" "$PL_DIR/echo-tcp.log" "$LOAD" echo -l 0.0.0.0:7000
pl_bg "$PL_NSS" "$PL_DIR/echo-mptcp.log" "$LOAD" echo -l 0.0.0.0:7001 --mptcp
pl_bg "$PL_NSS" "$PL_DIR/sproxy-iperf.log" "$PROXY" -q -m server -p 4444 -r 127.0.0.1:5201
pl_bg "$PL_NSS" "$PL_DIR/sproxy-echo.log" "$PROXY" -q -m server -p 4445 -r 127.0.0.1:7000
SECHO=$PL_LAST
pl_bg "$PL_NSC" "$PL_DIR/cproxy-iperf.log" "$PROXY" -q -m client -l 127.0.0.1:5555 -r "$PL_SADDR:4444"
pl_bg "$PL_NSC" "$PL_DIR/cproxy-echo.log" "$PROXY" -q -m client -l 127.0.0.1:5556 -r "$PL_SADDR:4445"
CECHO=$PL_LAST
for p in 5201 5202 7000 7001 4444 4445; do pl_wait_listen "$PL_NSS" $p || exit 1; done
for p in 5555 5556; do pl_wait_listen "$PL_NSC" $p || exit 1; done

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mib() { echo "scale=1; $1 / 1024" | bc | sed "s/^\(-*\)\./\10./"; }
gbps() { echo "scale=2; ${1:-0} / 1000000000" | bc | sed "s/^\./0./"; }
ratio() { [ -n "$2" ] && [ "$(echo "$2 > 0" | bc)" = 1 ] && echo "scale=2; $1 / $2" | bc | sed 's/^\./0./' || echo "-"; }

# --- RSS at start-up and with 2000 idle connections (fresh processes) ---
c_rss0=$(rss_kib "$CECHO"); s_rss0=$(rss_kib "$SECHO")
pl_bg "$PL_NSC" "$PL_DIR/idle.log" "$LOAD" idle -r 127.0.0.1:5556 -n 2000
idle=$PL_LAST
for i in $(seq 300); do grep -q '^idle:' "$PL_DIR/idle.log" && break; sleep 0.1; done
sleep 0.5
c_rss1=$(rss_kib "$CECHO"); s_rss1=$(rss_kib "$SECHO")
idle_line=$(cat "$PL_DIR/idle.log")
kill -TERM "$idle"; pl_wait_gone "$idle" 5

# --- iperf3 ---------------------------------------------------------------
# iperf CLIENT_PREFIX... -- ARGS: received bits/s of one run.
iperf() {
	local pre=() a
	while [ $# -gt 0 ] && [ "$1" != -- ]; do pre+=("$1"); shift; done
	shift
	nsx "$PL_NSC" "${pre[@]}" iperf3 -J -t "$SECS" -O 1 "$@" 2>/dev/null |
		jq -r '.end.sum_received.bits_per_second // empty'
}
declare -A T
best() { # KEY VALUE: keep the larger
	[ -n "$2" ] || return 0
	if [ -z "${T[$1]:-}" ] || [ "$(echo "$2 > ${T[$1]}" | bc)" = 1 ]; then T[$1]=$2; fi
}
for r in $(seq "$ROUNDS"); do
	best proxy_fwd "$(iperf -- -c 127.0.0.1 -p 5555)"
	best proxy_rev "$(iperf -- -c 127.0.0.1 -p 5555 -R)"
	best mptcp_fwd "$(iperf mptcpize run -- -c "$PL_SADDR" -p 5202)"
	best mptcp_rev "$(iperf mptcpize run -- -c "$PL_SADDR" -p 5202 -R)"
	best tcp_fwd "$(iperf -- -c "$PL_SADDR" -p 5201)"
	best tcp_rev "$(iperf -- -c "$PL_SADDR" -p 5201 -R)"
done

# --- connection rate --------------------------------------------------------
overflows() { # sum of ListenOverflows + ListenDrops in both namespaces
	local n=0 ns c v
	for ns in "$PL_NSC" "$PL_NSS"; do
		for c in TcpExtListenOverflows TcpExtListenDrops; do
			v=$(pl_nstat "$ns" $c); n=$((n + ${v:-0}))
		done
	done
	echo $n
}
declare -A R O L
rate() { # KEY CONC ARGS...: best rate of the rounds; overflows summed
	local key=$1 c=$2 before line r; shift 2
	before=$(overflows)
	line=$(nsx "$PL_NSC" "$LOAD" rate -c "$c" -d "$RATE_SECS" "$@")
	r=$(sed -n 's/.* rate=\([0-9]*\).*/\1/p' <<<"$line")
	if [ -n "$r" ] && [ "$r" -gt "${R[$key]:-0}" ]; then
		R[$key]=$r
		L[$key]=$(sed -n 's/.*\(errors=[0-9]*\).*\(p99-ms=[0-9.]*\) \(max-ms=[0-9.]*\).*/\1 \2 \3/p' <<<"$line")
	fi
	O[$key]=$(( ${O[$key]:-0} + $(overflows) - before ))
}
for r in $(seq "$ROUNDS"); do
	for c in 1 50; do
		rate proxy_$c $c -r 127.0.0.1:5556
		rate mptcp_$c $c -r "$PL_SADDR:7001" --mptcp
		rate tcp_$c $c -r "$PL_SADDR:7000"
	done
done

# --- report -------------------------------------------------------------------
echo "best of $ROUNDS rounds; iperf3 ${SECS}s single stream, connection rate ${RATE_SECS}s"
printf '%-30s %12s %12s %12s %9s %s\n' "" "proxy pair" "direct MPTCP" "TCP 1 path" "pair/MPTCP" "target"
for d in fwd rev; do
	printf '%-30s %12s %12s %12s %9s %s\n' "iperf3 $d (Gbit/s)" \
		"$(gbps "${T[proxy_$d]}")" "$(gbps "${T[mptcp_$d]}")" "$(gbps "${T[tcp_$d]}")" \
		"$(ratio "${T[proxy_$d]:-0}" "${T[mptcp_$d]}")" ">= 0.80"
done
for c in 1 50; do
	printf '%-30s %12s %12s %12s %9s %s\n' "connections/s, $c concurrent" \
		"${R[proxy_$c]}" "${R[mptcp_$c]}" "${R[tcp_$c]}" \
		"$(ratio "${R[proxy_$c]:-0}" "${R[mptcp_$c]}")" "$([ $c = 50 ] && echo '>= 0.75')"
	printf '%-30s %12s %12s %12s\n' "  listen overflows+drops" "${O[proxy_$c]}" "${O[mptcp_$c]}" "${O[tcp_$c]}"
	for k in proxy mptcp tcp; do
		printf '%-30s %s\n' "  $k" "${L[${k}_$c]}"
	done
done
echo "RSS with 2000 idle connections through the pair ($idle_line):"
printf '  %-18s start-up %6s MiB, 2000 idle %6s MiB, growth %6s MiB (target <= 4)\n' \
	"client-mode proxy" "$(mib "$c_rss0")" "$(mib "$c_rss1")" "$(mib $((c_rss1 - c_rss0)))" \
	"server-mode proxy" "$(mib "$s_rss0")" "$(mib "$s_rss1")" "$(mib $((s_rss1 - s_rss0)))"
pl_teardown >/dev/null
[ $t_fails -eq 0 ] || { echo "10-proxy: cleanup left something behind"; exit 1; }
