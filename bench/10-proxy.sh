#!/usr/bin/env bash
# 10-proxy: mptcp-proxy against a haproxy pair, direct MPTCP and plain TCP
# on the same two-path topology as the integration tests
# (tests/integration/proxy-lib.sh):
#   - single-stream iperf3, forward and reverse (-R): through the proxy pair,
#     through a haproxy pair under mptcpize (the peer, same shape and
#     backends), direct MPTCP (mptcpize on both ends), plain TCP over one
#     path, and TCP on loopback inside the server namespace (forward only:
#     both ends are on one host, so -R measures the same thing);
#   - connection rate (connect + 64-byte echo + close) at 1 and 50
#     concurrent clients for the same (TCP on loopback: 50 only), with the
#     kernel's listen overflow counters;
#   - the machine's busy CPU time during every one of those runs
#     (/proc/stat), as CPU-seconds per GB moved and CPU-microseconds per
#     connection, with the idle share of the run;
#   - the ceiling of any relay pair on this machine, from the direct MPTCP
#     and TCP loopback figures of the same run (see ceiling below);
#   - each proxy's RSS at start-up and with 2000 idle connections;
#   - latency under load: the p50/p99/max time of a connect + 64-byte echo
#     probe (every 20 ms) while BENCH_LOAD_STREAMS (50) bulk uploads run
#     through the same path, for the proxy pair, the haproxy pair and
#     direct MPTCP (the median of the rounds), with the bulk throughput.
# Prints figures and the ratios against the targets; never fails on a target.
# Each figure is the best of BENCH_ROUNDS (3) interleaved runs, which damps
# the noise of other work on a 2-core machine, and its CPU cost is the one
# of that same run; BENCH_SECS, BENCH_RATE_SECS set the run lengths.
# HAPROXY names the haproxy binary (default: the one on PATH); without one
# the haproxy column shows "-" and the reason.
# Run as root: bench/run.sh BUILD 10-proxy (make bench).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../tests/integration/lib.sh"
PL_SOCKBUF_MAX=	# the kernel's default socket buffers, as users have them
. "$here/../tests/integration/proxy-lib.sh"
LOAD=$BUILD/bench/proxy-load
SECS=${BENCH_SECS:-4}		# iperf3 seconds per run (plus 1 s omitted)
RATE_SECS=${BENCH_RATE_SECS:-3}
LOAD_SECS=${BENCH_LOAD_SECS:-5}		# probing seconds per latency-under-load run
LOAD_STREAMS=${BENCH_LOAD_STREAMS:-50}	# bulk streams during those runs
ROUNDS=${BENCH_ROUNDS:-3}	# every figure is the best of ROUNDS interleaved runs
HAPROXY=${HAPROXY-$(command -v haproxy)}
TW_MAX=5000			# tcp_max_tw_buckets in the bench namespaces (below)
NCPU=$(nproc)

[ "$(id -u)" -eq 0 ] || { echo "10-proxy: needs root, skipped"; exit 0; }
for x in "$PROXY" "$LOAD"; do [ -x "$x" ] || { echo "10-proxy: no $x (make first)"; exit 1; }; done
for x in iperf3 mptcpize jq nstat bc; do
	command -v $x >/dev/null || { echo "10-proxy: $x is not installed"; exit 1; }
done

# --- CPU accounting ----------------------------------------------------------------
# The whole machine's CPU time from /proc/stat (all CPUs, jiffies of
# USER_HZ=100): "busy idle total", busy = user+nice+system+irq+softirq,
# idle = idle+iowait, total adds steal. Whole machine, because the clients,
# both relays, the backend and the kernel's softirq work of a run are all
# its cost; so is other work running at the same time, which the best-of
# rounds damp.
cpu_now() { awk '/^cpu / {print $2+$3+$4+$7+$8, $5+$6, $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat; }
# cpu_cost BEFORE AFTER PER SCALE FMT: busy seconds * SCALE / PER, then the
# idle share of the interval: "COST IDLE%".
cpu_cost() {
	awk -v a="$1" -v b="$2" -v per="$3" -v k="$4" -v f="$5" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		busy = y[1] - x[1]; idle = y[2] - x[2]; tot = y[3] - x[3]
		if (per <= 0 || tot <= 0) exit
		printf f " %.0f%%\n", busy / 100 * k / per, 100 * idle / tot }'
}

# Others' work on the machine counts in every CPU figure: the idle share
# of one second before the start is printed with them.
c0=$(cpu_now); sleep 1
pre_idle=$(cpu_cost "$c0" "$(cpu_now)" 1 1 %.0f); pre_idle=${pre_idle#* }

pl_setup || { echo "10-proxy: topology setup failed"; exit 1; }
# A reader that goes away (bench/run.sh ... | head) must not cut the
# teardown short: without this, SIGPIPE kills the shell again in the middle
# of the EXIT trap's first message and the namespaces stay.
trap 'exec >/dev/null 2>&1; exit 141' PIPE
# Every short connection leaves a TIME_WAIT socket behind in a namespace
# (about 75000 per 50-client run), and they live 60 s. With ~110000 of them
# the bind() port search of each MPTCP connection's second subflow (in the
# PM worker, docs/proxy.md) got so slow that a later 1-client MPTCP run made
# 30 connections/s instead of 6000: whichever mode ran after the busy ones
# lost. Past tcp_max_tw_buckets the kernel closes a socket without
# TIME_WAIT (counted in TcpExtTCPTimeWaitOverflow), so every run starts
# with at most TW_MAX of them per namespace, whatever ran before it, and
# all modes pay the same. Per namespace: the host's setting is untouched.
for ns in "$PL_NSC" "$PL_NSS"; do nsx "$ns" sysctl -qw net.ipv4.tcp_max_tw_buckets=$TW_MAX; done

# Servers, all in the server namespace:
#   5201 iperf3 (plain), 5202 iperf3 under mptcpize;
#   7000 echo (plain), 7001 echo (MPTCP);
#   4444 proxy -> 127.0.0.1:5201, 4445 proxy -> 127.0.0.1:7000;
#   4446 haproxy -> 127.0.0.1:5201, 4447 haproxy -> 127.0.0.1:7000.
# Client namespace: 5555 proxy -> :4444, 5556 proxy -> :4445;
#   5557 haproxy -> :4446, 5558 haproxy -> :4447.
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

# --- the haproxy pair: the peer -------------------------------------------------
# The same shape as our pair: haproxy on 127.0.0.1 in the client namespace
# -> MPTCP -> haproxy in the server namespace -> the same backends. Debian
# 12's haproxy 2.6 has no MPTCP of its own, so both run under mptcpize,
# which makes every TCP socket they open MPTCP, the loopback legs' too:
# those fall back to TCP (the load client and the backends speak TCP), but
# the ones haproxy connects to the backends stay MPTCP sockets in fallback.
# 2 threads as our proxies have 2 workers; maxconn 9000 because haproxy
# sizes its fd need from it (2 per connection and some) and refuses to
# start above the fd limit (20000 here).
HA=0 HA_WHY=
haproxy_cfg() { # FILE NAME BIND SERVER [NAME BIND SERVER...]
	local f=$1; shift
	{
		printf 'global\n\tnbthread 2\n\tmaxconn 9000\n\n'
		printf 'defaults\n\tmode tcp\n\ttimeout connect 5s\n\ttimeout client 60s\n\ttimeout server 60s\n'
		while [ $# -ge 3 ]; do
			printf '\nlisten %s\n\tbind %s\n\tserver s1 %s\n' "$1" "$2" "$3"
			shift 3
		done
	} >"$f"
}
ha_start() { # sets HA=1, or HA_WHY
	local p
	if [ -z "$HAPROXY" ] || [ ! -x "$HAPROXY" ]; then
		HA_WHY="haproxy is not installed (HAPROXY=${HAPROXY:-}; scripts/install-deps.sh installs it)"
		return 1
	fi
	haproxy_cfg "$PL_DIR/haproxy-s.cfg" iperf :4446 127.0.0.1:5201 echo :4447 127.0.0.1:7000
	haproxy_cfg "$PL_DIR/haproxy-c.cfg" iperf 127.0.0.1:5557 "$PL_SADDR:4446" \
		echo 127.0.0.1:5558 "$PL_SADDR:4447"
	# foreground (-db): pl_bg's pid is haproxy's (mptcpize execs it), and
	# pl_teardown stops it like every other server
	pl_bg "$PL_NSS" "$PL_DIR/haproxy-s.log" mptcpize run "$HAPROXY" -f "$PL_DIR/haproxy-s.cfg" -db
	pl_bg "$PL_NSC" "$PL_DIR/haproxy-c.log" mptcpize run "$HAPROXY" -f "$PL_DIR/haproxy-c.cfg" -db
	for p in 4446 4447; do
		pl_wait_listen "$PL_NSS" $p >/dev/null ||
			{ HA_WHY="server-side haproxy does not listen: $(tail -1 "$PL_DIR/haproxy-s.log")"; return 1; }
	done
	for p in 5557 5558; do
		pl_wait_listen "$PL_NSC" $p >/dev/null ||
			{ HA_WHY="client-side haproxy does not listen: $(tail -1 "$PL_DIR/haproxy-c.log")"; return 1; }
	done
	HA=1
}
ha_start

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mib() { echo "scale=1; $1 / 1024" | bc | sed "s/^\(-*\)\./\10./"; }
gbps() { [ -n "${1:-}" ] && echo "scale=2; $1 / 1000000000" | bc | sed "s/^\./0./" || echo "-"; }
ratio() { [ -n "${1:-}" ] && [ -n "${2:-}" ] && [ "$(echo "$2 > 0" | bc)" = 1 ] &&
	echo "scale=2; $1 / $2" | bc | sed 's/^\./0./' || echo "-"; }

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
# Per key (MODE_fwd, MODE_rev): T = best received bits/s of the rounds;
# TC, TI = CPU-seconds per GB (10^9 bytes) and idle share of that same run.
# The CPU window covers iperf3's whole run, the omitted warm-up second too,
# so the bytes are .end.sum_received.bytes plus the warm-up's bytes.
declare -A T TC TI
iperf() { # KEY NS [PREFIX...] -- ARGS
	local key=$1 ns=$2 pre=() c0 c1 out bps bytes cost; shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do pre+=("$1"); shift; done
	shift
	c0=$(cpu_now)
	out=$(nsx "$ns" "${pre[@]}" iperf3 -J -t "$SECS" -O 1 "$@" 2>/dev/null)
	c1=$(cpu_now)
	read -r bps bytes < <(jq -r 'select(.end.sum_received.bytes != null) |
		"\(.end.sum_received.bits_per_second) \(.end.sum_received.bytes +
		([.intervals[] | select(.sum.omitted) | .sum.bytes] | add // 0))"' <<<"$out" 2>/dev/null)
	[ -n "${bps:-}" ] || return 0
	if [ -z "${T[$key]:-}" ] || [ "$(echo "$bps > ${T[$key]}" | bc)" = 1 ]; then
		T[$key]=$bps
		cost=$(cpu_cost "$c0" "$c1" "$(echo "$bytes / 1000000000" | bc -l)" 1 %.2f)
		TC[$key]=${cost% *} TI[$key]=${cost#* }
	fi
}
for r in $(seq "$ROUNDS"); do
	for d in fwd rev; do
		dir=(); [ $d = rev ] && dir=(-R)
		iperf proxy_$d "$PL_NSC" -- -c 127.0.0.1 -p 5555 "${dir[@]}"
		[ $HA = 1 ] && iperf haproxy_$d "$PL_NSC" -- -c 127.0.0.1 -p 5557 "${dir[@]}"
		iperf mptcp_$d "$PL_NSC" mptcpize run -- -c "$PL_SADDR" -p 5202 "${dir[@]}"
		iperf tcp_$d "$PL_NSC" -- -c "$PL_SADDR" -p 5201 "${dir[@]}"
	done
	iperf tcplo_fwd "$PL_NSS" -- -c 127.0.0.1 -p 5201
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
tw() { nsx "$1" ss -Htan state time-wait | wc -l; }
# Per key (MODE_CONC): R = best rate of the rounds, L = its errors and
# latency, RC, RI = CPU-microseconds per connection and idle share of that
# same run; O = listen overflows summed over the rounds; TW = the most
# TIME_WAIT sockets (both namespaces) any of its runs started with;
# MC, CN = MPTCP connections the server namespace accepted and exchanges
# made, summed (the pairs' middle leg must be MPTCP: MC ~ CN).
declare -A R L RC RI O TWS MC CN
mpcap() { pl_nstat "$PL_NSS" MPTcpExtMPCapableSYNRX; }
rate() { # KEY CONC NS ARGS...
	local key=$1 c=$2 ns=$3 before m0 c0 c1 line r n w cost; shift 3
	w=$(( $(tw "$PL_NSC") + $(tw "$PL_NSS") ))
	[ "$w" -gt "${TWS[$key]:-0}" ] && TWS[$key]=$w
	before=$(overflows); m0=$(mpcap)
	c0=$(cpu_now)
	line=$(nsx "$ns" "$LOAD" rate -c "$c" -d "$RATE_SECS" "$@")
	c1=$(cpu_now)
	MC[$key]=$(( ${MC[$key]:-0} + $(mpcap) - ${m0:-0} ))
	O[$key]=$(( ${O[$key]:-0} + $(overflows) - before ))
	r=$(sed -n 's/.* rate=\([0-9]*\).*/\1/p' <<<"$line")
	n=$(sed -n 's/^rate: conns=\([0-9]*\).*/\1/p' <<<"$line")
	CN[$key]=$(( ${CN[$key]:-0} + ${n:-0} ))
	if [ -n "$r" ] && [ "$r" -gt "${R[$key]:-0}" ]; then
		R[$key]=$r
		L[$key]=$(sed -n 's/.*\(errors=[0-9]*\).*\(p99-ms=[0-9.]*\) \(max-ms=[0-9.]*\).*/\1 \2 \3/p' <<<"$line")
		cost=$(cpu_cost "$c0" "$c1" "${n:-0}" 1000000 %.0f)
		RC[$key]=${cost% *} RI[$key]=${cost#* }
	fi
}
# 1 client before 50 in every round: the light runs never follow a heavy
# one directly in the same round (and TW_MAX bounds what is left anyway).
for r in $(seq "$ROUNDS"); do
	for c in 1 50; do
		rate proxy_$c $c "$PL_NSC" -r 127.0.0.1:5556
		[ $HA = 1 ] && rate haproxy_$c $c "$PL_NSC" -r 127.0.0.1:5558
		rate mptcp_$c $c "$PL_NSC" -r "$PL_SADDR:7001" --mptcp
		rate tcp_$c $c "$PL_NSC" -r "$PL_SADDR:7000"
	done
	rate tcplo_50 50 "$PL_NSS" -r 127.0.0.1:7000
done

# --- latency under load ----------------------------------------------------------
# Per mode: LOAD_STREAMS bulk uploads into the echo server's sink through
# the mode's echo path (for the pairs the same relay pair as the rate
# runs) and, after a 1 s warm-up, a connect + 64-byte echo + close probe
# every 20 ms for LOAD_SECS. LP50, LP99, LMAX, LBULK, LERR: one value per
# round (space separated); the report shows the median.
declare -A LP50 LP99 LMAX LBULK LERR
load() { # KEY NS ARGS...
	local key=$1 ns=$2 line; shift 2
	line=$(nsx "$ns" "$LOAD" load -c "$LOAD_STREAMS" -d "$LOAD_SECS" "$@")
	[ -n "$line" ] || return 0
	LP50[$key]+="$(sed -n 's/.* p50-ms=\([0-9.]*\).*/\1/p' <<<"$line") "
	LP99[$key]+="$(sed -n 's/.* p99-ms=\([0-9.]*\).*/\1/p' <<<"$line") "
	LMAX[$key]+="$(sed -n 's/.* max-ms=\([0-9.]*\).*/\1/p' <<<"$line") "
	LBULK[$key]+="$(sed -n 's/.* bulk-mbit=\([0-9]*\).*/\1/p' <<<"$line") "
	LERR[$key]+="$(sed -n 's/.* bulk-errors=\([0-9]*\) probes=[0-9]* errors=\([0-9]*\).*/\2/p' <<<"$line") "
}
for r in $(seq "$ROUNDS"); do
	load proxy "$PL_NSC" -r 127.0.0.1:5556
	[ $HA = 1 ] && load haproxy "$PL_NSC" -r 127.0.0.1:5558
	load mptcp "$PL_NSC" -r "$PL_SADDR:7001" --mptcp
done
median() { tr ' ' '\n' | awk 'NF' | sort -n | awk '{a[n++] = $1} END {if (n) print a[int((n - 1) / 2)]; else print "-"}'; }

# --- the ceiling of any relay pair -----------------------------------------------
# A relay pair, whoever wrote it, carries every connection and every byte
# over one MPTCP connection and two TCP loopback connections (app -> client
# relay, server relay -> backend), all on the same cores. With every mode
# CPU-bound at 50 clients, the costs per connection add up:
#   rate ceiling = 1 / (1/R_mptcp + 2/R_tcplo)
# and per byte:
#   throughput ceiling = ncpu / (CPU-s/GB mptcp + 2 * CPU-s/GB tcp lo).
# The relays' own work comes on top, so a pair stays below it; the
# throughput bound is approximate: a pair that splices skips the copies the
# loopback iperf3 ends make, so it can land slightly above.
ceil_rate() { # R_MPTCP R_LO
	[ -n "${1:-}" ] && [ -n "${2:-}" ] && [ "$1" -gt 0 ] && [ "$2" -gt 0 ] || return 0
	awk -v m="$1" -v l="$2" 'BEGIN {printf "%.0f\n", 1 / (1 / m + 2 / l)}'
}
ceil_rate_cpu() { # US_MPTCP US_LO: the same from the CPU-us per connection
	[ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0
	awk -v m="$1" -v l="$2" -v n="$NCPU" 'BEGIN {if (m + 2 * l > 0) printf "%.0f\n", n * 1e6 / (m + 2 * l)}'
}
ceil_bps() { # CPU_S_PER_GB_MPTCP CPU_S_PER_GB_LO: bits/s
	[ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0
	awk -v m="$1" -v l="$2" -v n="$NCPU" 'BEGIN {if (m + 2 * l > 0) printf "%.0f\n", n / (m + 2 * l) * 8e9}'
}

# --- report -------------------------------------------------------------------
MODES=(proxy haproxy mptcp tcp tcplo)
row() { printf '%-32s %11s %12s %12s %11s %9s %11s %13s %s\n' "$@"; }
cells() { # FMT-FUNCTION ARRAY SUFFIX: one cell per mode
	local m v
	for m in "${MODES[@]}"; do
		eval "v=\${$2[${m}_$3]:-}"
		"$1" "$v"
	done
}
plain() { echo "${1:--}"; }
echo "best of $ROUNDS rounds; iperf3 ${SECS}s single stream, connection rate ${RATE_SECS}s;" \
	"machine idle before the start: $pre_idle"
[ $HA = 1 ] || echo "haproxy pair: not measured: $HA_WHY"
echo "TCP lo: iperf3 and the load client inside the server namespace on 127.0.0.1 (forward, 50 clients only)"
row "" "proxy pair" "haproxy pair" "direct MPTCP" "TCP 1 path" "TCP lo" "pair/MPTCP" "pair/haproxy" "target"
for d in fwd rev; do
	row "iperf3 $d (Gbit/s)" $(cells gbps T $d) \
		"$(ratio "${T[proxy_$d]:-}" "${T[mptcp_$d]:-}")" "$(ratio "${T[proxy_$d]:-}" "${T[haproxy_$d]:-}")" ">= 0.80"
done
for c in 1 50; do
	row "connections/s, $c concurrent" $(cells plain R $c) \
		"$(ratio "${R[proxy_$c]:-}" "${R[mptcp_$c]:-}")" "$(ratio "${R[proxy_$c]:-}" "${R[haproxy_$c]:-}")" \
		"$([ $c = 50 ] && echo '>= 0.75')"
	row "  listen overflows+drops" $(cells plain O $c)
	for k in "${MODES[@]}"; do
		[ -n "${L[${k}_$c]:-}" ] && printf '%-32s %s\n' "  $k" "${L[${k}_$c]}"
	done
done
echo "CPU cost of the best run (whole machine, user+nice+system+irq+softirq) and idle share:"
for d in fwd rev; do
	row "  iperf3 $d, CPU-s per GB" $(cells plain TC $d)
	row "    idle" $(cells plain TI $d)
done
for c in 1 50; do
	row "  CPU-us per connection, $c conc" $(cells plain RC $c)
	row "    idle" $(cells plain RI $c)
done
printf 'middle leg: MPTCP connections accepted per exchange, all rounds: pair %s, haproxy %s\n' \
	"$(ratio "$(( ${MC[proxy_1]:-0} + ${MC[proxy_50]:-0} ))" "$(( ${CN[proxy_1]:-0} + ${CN[proxy_50]:-0} ))")" \
	"$(ratio "$(( ${MC[haproxy_1]:-0} + ${MC[haproxy_50]:-0} ))" "$(( ${CN[haproxy_1]:-0} + ${CN[haproxy_50]:-0} ))")"
tws=0; for k in "${!TWS[@]}"; do [ "${TWS[$k]}" -gt $tws ] && tws=${TWS[$k]}; done
echo "TIME_WAIT sockets at the start of a rate run: at most $tws, both namespaces together (tcp_max_tw_buckets=$TW_MAX each)"

echo "ceiling of any relay pair: it carries each connection and byte over 1 MPTCP + 2 TCP loopback"
echo "  connections on the same $NCPU cores: rate 1/(1/R_mptcp + 2/R_lo), bytes $NCPU/(CPU-s/GB mptcp + 2 x lo)"
for d in fwd rev; do
	cb=$(ceil_bps "${TC[mptcp_$d]:-}" "${TC[tcplo_fwd]:-}")
	printf '  %-30s %6s Gbit/s = %s of direct MPTCP (target 0.80); pair at %s of it, haproxy at %s\n' \
		"iperf3 $d" "$(gbps "$cb")" "$(ratio "$cb" "${T[mptcp_$d]:-}")" \
		"$(ratio "${T[proxy_$d]:-}" "$cb")" "$(ratio "${T[haproxy_$d]:-}" "$cb")"
done
cr=$(ceil_rate "${R[mptcp_50]:-}" "${R[tcplo_50]:-}")
printf '  %-30s %6s conn/s = %s of direct MPTCP (target 0.75); pair at %s of it, haproxy at %s\n' \
	"connections/s, 50 concurrent" "${cr:--}" "$(ratio "$cr" "${R[mptcp_50]:-}")" \
	"$(ratio "${R[proxy_50]:-}" "$cr")" "$(ratio "${R[haproxy_50]:-}" "$cr")"
printf '  %-30s %6s conn/s (the same from the CPU-us per connection)\n' "" \
	"$(ceil_rate_cpu "${RC[mptcp_50]:-}" "${RC[tcplo_50]:-}")"
p99() { sed -n 's/.*p99-ms=\([0-9.]*\).*/\1/p' <<<"${1:-}"; }
printf '  %-30s pair at %s of the ceiling (goal >= 0.90) with p99 %s ms; haproxy at %s with p99 %s ms\n' \
	"connections/s, 50 concurrent" "$(ratio "${R[proxy_50]:-}" "$cr")" "$(p99 "${L[proxy_50]:-}")" \
	"$(ratio "${R[haproxy_50]:-}" "$cr")" "$(p99 "${L[haproxy_50]:-}")"

echo "latency under load: $LOAD_STREAMS bulk uploads through the path, a connect + 64-byte echo probe"
echo "  every 20 ms for ${LOAD_SECS}s after 1 s of warm-up; median of $ROUNDS rounds"
lrow() { printf '  %-28s %12s %12s %12s\n' "$@"; }
lrow "" "proxy pair" "haproxy pair" "direct MPTCP"
for f in LP50:"probe p50 (ms)" LP99:"probe p99 (ms)" LMAX:"probe max (ms)" \
	 LERR:"probes failed" LBULK:"bulk meanwhile (Mbit/s)"; do
	a=${f%%:*}
	lrow "${f#*:}" $(for m in proxy haproxy mptcp; do eval "v=\${$a[$m]:-}"; median <<<"$v"; done)
done

echo "RSS with 2000 idle connections through the pair ($idle_line):"
printf '  %-18s start-up %6s MiB, 2000 idle %6s MiB, growth %6s MiB (target <= 4)\n' \
	"client-mode proxy" "$(mib "$c_rss0")" "$(mib "$c_rss1")" "$(mib $((c_rss1 - c_rss0)))" \
	"server-mode proxy" "$(mib "$s_rss0")" "$(mib "$s_rss1")" "$(mib $((s_rss1 - s_rss0)))"
pl_teardown >/dev/null
[ $t_fails -eq 0 ] || { echo "10-proxy: cleanup left something behind"; exit 1; }
