# proxy-lib.sh: the two-path topology and process handling shared by the
# proxy integration tests (10-proxy-*.sh ... 19-*.sh) and bench/10-proxy.sh.
# Source it after lib.sh.
#
#   client ns $PL_NSC                      server ns $PL_NSS
#     p1 10.231.1.1/24  <---- veth ---->  p1 10.231.1.2/24
#     p2 10.231.2.1/24  <---- veth ---->  p2 10.231.2.2/24 (MPTCP signal)
#
# Both namespaces: MPTCP limits subflow 2 add_addr_accepted 2. The client
# connects to 10.231.1.2; the server announces 10.231.2.2, so every MPTCP
# connection gets a second subflow over p2. Addresses exist only inside the
# two namespaces, so concurrent runs do not collide.
#
# pl_setup; pl_pair [cproxy args] -- [sproxy args]; ...; pl_teardown; finish
# The EXIT trap tears down whatever is left if the test dies early.

PL_NSC=$T_ID-pc
PL_NSS=$T_ID-ps
PL_SADDR=10.231.1.2
PL_SADDR2=10.231.2.2
PL_BACKEND=127.0.0.1:7000	# backend, inside the server ns
PL_SPORT=4444			# server-mode proxy: -p 4444 (all addresses)
PL_CLISTEN=127.0.0.1:5555	# client-mode proxy, inside the client ns
# Socket buffer ceiling (tcp_rmem/tcp_wmem max) in both namespaces; empty:
# the kernel's defaults. TCP memory is accounted host-wide: 1000 busy
# connections with this host's 32 MiB default ceiling push it past tcp_mem's
# pressure mark, and then the kernel prunes and drops and connections stall
# for many seconds (seen here with plain TCP and MPTCP, without the proxy),
# so 11-proxy-many sets 256 KiB. Not lower, and not for single bulk
# transfers: MPTCP needs room to reorder across subflows (256 MiB over one
# MPTCP connection took 3.3 s with 256 KiB, 0.2 s with 4 MiB or more).
PL_SOCKBUF_MAX=${PL_SOCKBUF_MAX-}
PL_DIR=
PL_EXTRA_NS=()			# more namespaces a test adds, torn down too
PL_PIDS=()
PL_DOWN=0
PL_BACKEND_PID= PL_SPROXY_PID= PL_CPROXY_PID=

pl_need() {
	need_root
	need_mptcp
	[ -x "$PROXY" ] || skip "no $PROXY (build it first)"
	[ -x "$TOOLS/xfer" ] || skip "no $TOOLS/xfer (build it first)"
	"$PROXY" --help >/dev/null 2>&1 || skip "$PROXY does not run (--help fails)"
}

# nsx NS CMD...: run a command inside a namespace.
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

pl_setup() {
	PL_DIR=$(mktemp -d "/tmp/$T_ID.XXXXXX")
	trap pl_teardown EXIT
	trap 'exit 130' INT TERM
	ulimit -n "$(ulimit -Hn)" 2>/dev/null
	ip netns add "$PL_NSC" && ip netns add "$PL_NSS" || return 1
	ip link add p1 netns "$PL_NSC" type veth peer name p1 netns "$PL_NSS" || return 1
	ip link add p2 netns "$PL_NSC" type veth peer name p2 netns "$PL_NSS" || return 1
	local ns side
	for ns in "$PL_NSC" "$PL_NSS"; do
		[ "$ns" = "$PL_NSC" ] && side=1 || side=2
		ip -n "$ns" link set lo up
		ip -n "$ns" addr add "10.231.1.$side/24" dev p1
		ip -n "$ns" addr add "10.231.2.$side/24" dev p2
		ip -n "$ns" link set p1 up
		ip -n "$ns" link set p2 up
		ip -n "$ns" mptcp limits set subflow 2 add_addr_accepted 2
		# Many short connections: let connectors reuse TIME_WAIT ports,
		# from a range above every fixed port the tests listen on.
		nsx "$ns" sysctl -qw net.ipv4.tcp_tw_reuse=1 net.ipv4.ip_local_port_range="10000 65535"
		[ -z "$PL_SOCKBUF_MAX" ] || nsx "$ns" sysctl -qw \
			net.ipv4.tcp_rmem="4096 131072 $PL_SOCKBUF_MAX" \
			net.ipv4.tcp_wmem="4096 16384 $PL_SOCKBUF_MAX"
	done
	ip -n "$PL_NSS" mptcp endpoint add "$PL_SADDR2" dev p2 signal || return 1
	# Re-announce quickly if the first ADD_ADDR is lost (6.1 can lose it:
	# it rides a pure ACK that may arrive after the first data).
	nsx "$PL_NSS" sysctl -qw net.mptcp.add_addr_timeout=1
	pl_wait_ping || return 1
}

# pl_setup_v6: IPv6 on both paths too (fd00:231:1::/64, fd00:231:2::/64,
# no DAD so they are usable at once) and the server's second address as an
# MPTCP signal endpoint as well.
PL_SADDR6=fd00:231:1::2
pl_setup_v6() {
	local ns side
	for ns in "$PL_NSC" "$PL_NSS"; do
		[ "$ns" = "$PL_NSC" ] && side=1 || side=2
		ip -n "$ns" addr add "fd00:231:1::$side/64" dev p1 nodad || return 1
		ip -n "$ns" addr add "fd00:231:2::$side/64" dev p2 nodad || return 1
	done
	ip -n "$PL_NSS" mptcp endpoint add fd00:231:2::2 dev p2 signal || return 1
	wait_for 5 nsx "$PL_NSC" ping -6 -c1 -W1 -q "$PL_SADDR6" >/dev/null 2>&1 ||
		{ echo "IPv6 path does not answer ping"; return 1; }
}

# veth links come up asynchronously (DAD is not involved for IPv4, but the
# carrier is): wait until both paths answer.
pl_pings() {
	nsx "$PL_NSC" ping -c1 -W1 -q "$PL_SADDR" >/dev/null 2>&1 &&
		nsx "$PL_NSC" ping -c1 -W1 -q "$PL_SADDR2" >/dev/null 2>&1
}
pl_wait_ping() { wait_for 5 pl_pings || { echo "paths do not answer ping"; return 1; }; }

# pl_bg NS LOG CMD...: start CMD in NS in the background, remember its pid
# in PL_LAST. `ip netns exec` execs the command, so the pid is the command's.
pl_bg() {
	local ns=$1 log=$2; shift 2
	ip netns exec "$ns" "$@" >"$log" 2>&1 &
	PL_LAST=$!
	PL_PIDS+=("$PL_LAST")
}

# pl_wait_listen NS PORT: poll until a TCP listener on PORT exists in NS.
pl_listens() { [ -n "$(nsx "$1" ss -Hltn "sport = :$2")" ]; }
pl_wait_listen() { wait_for 5 pl_listens "$1" "$2" || { echo "nothing listens on port $2 in $1"; return 1; }; }

PL_BACKEND_ARGS=()		# extra xfer server arguments (e.g. --sha)
pl_backend() { # [xfer server args]
	pl_bg "$PL_NSS" "$PL_DIR/backend.log" "$TOOLS/xfer" server -l "$PL_BACKEND" -v \
		"${PL_BACKEND_ARGS[@]}" "$@"
	PL_BACKEND_PID=$PL_LAST
	pl_wait_listen "$PL_NSS" "${PL_BACKEND##*:}"
}

pl_sproxy() { # [extra args]: server-mode proxy, MPTCP in, TCP to the backend
	pl_bg "$PL_NSS" "$PL_DIR/sproxy.log" "$PROXY" -m server -p "$PL_SPORT" -r "$PL_BACKEND" "$@"
	PL_SPROXY_PID=$PL_LAST
	pl_wait_listen "$PL_NSS" "$PL_SPORT"
}

pl_cproxy() { # [extra args]: client-mode proxy, TCP in, MPTCP to the server
	pl_bg "$PL_NSC" "$PL_DIR/cproxy.log" "$PROXY" -m client -l "$PL_CLISTEN" -r "${PL_REMOTE:-$PL_SADDR:$PL_SPORT}" "$@"
	PL_CPROXY_PID=$PL_LAST
	pl_wait_listen "$PL_NSC" "${PL_CLISTEN##*:}"
}

# pl_pair [cproxy args] [-- sproxy args]: backend + both proxies.
pl_pair() {
	local c=() s=() seen=0 a
	for a in "$@"; do
		if [ "$a" = -- ]; then seen=1; continue; fi
		if [ $seen = 0 ]; then c+=("$a"); else s+=("$a"); fi
	done
	pl_backend && pl_sproxy "${s[@]}" && pl_cproxy "${c[@]}"
}

# pl_client ARGS...: xfer client inside the client ns (output to stdout).
# Its --timeout (a limit for the whole run, not something checked) is
# stretched by the time scale (lib.sh); --within, a check, is not.
pl_client() {
	local a=() prev= x
	for x in "$@"; do
		[ "$prev" = --timeout ] && x=$(tscale "$x")
		a+=("$x"); prev=$x
	done
	nsx "$PL_NSC" "$TOOLS/xfer" client "${a[@]}"
}

# pl_etc NS FILE TEXT: a file that `ip netns exec NS` mounts over /etc/FILE
# (e.g. hosts). Removed by pl_teardown, with /etc/netns itself if this test
# made it. (Not in a pipeline: it must run in the test's own shell.)
PL_MADE_ETC_NETNS=0
pl_etc() {
	[ -d /etc/netns ] || { mkdir /etc/netns && PL_MADE_ETC_NETNS=1; }
	mkdir -p "/etc/netns/$1" && printf '%s\n' "$3" >"/etc/netns/$1/$2"
}

# pl_usr1 PID LOG PATTERN: send SIGUSR1 and print the newest line matching
# PATTERN that the process writes to LOG in answer (2 s at most, scaled).
pl_usr1() {
	local pid=$1 log=$2 pat=$3 before
	before=$(grep -c -- "$pat" "$log")
	kill -USR1 "$pid" || return 1
	more() { [ "$(grep -c -- "$pat" "$log")" -gt "$before" ]; }
	wait_for 2 more
	grep -- "$pat" "$log" | tail -1
}
# pl_stats PID LOG: a proxy's statistics line (SIGUSR1).
pl_stats() { pl_usr1 "$1" "$2" 'stats:'; }
# stat_field LINE KEY: the value of KEY=N in a stats line.
stat_field() { sed -n "s/.*[ :]$2=\([0-9]*\).*/\1/p" <<<"$1"; }

# pl_nstat NS COUNTER: the kernel's absolute counter inside NS.
pl_nstat() { nsx "$1" nstat -saz "$2" 2>/dev/null | awk -v c="$2" '$1 == c {print $2}'; }

# pl_fds PID: number of open file descriptors of a process.
pl_fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }

# pl_wait_gone PID SECONDS: true if the process exits within SECONDS
# (scaled).
pl_gone() { ! kill -0 "$1" 2>/dev/null; }
pl_wait_gone() { wait_for "$2" pl_gone "$1"; }

# pl_check_mptcp: the connections through the pair really were MPTCP, with
# a second subflow joined over p2 (kernel counters in the server ns).
pl_check_mptcp() {
	local cap join
	cap=$(pl_nstat "$PL_NSS" MPTcpExtMPCapableSYNRX)
	join=$(pl_nstat "$PL_NSS" MPTcpExtMPJoinSynRx)
	check "server ns accepted MPTCP connections (MPCapableSYNRX=${cap:-0})" test "${cap:-0}" -gt 0
	check "second subflows joined over p2 (MPJoinSynRx=${join:-0})" test "${join:-0}" -gt 0
}

pl_show_logs() {
	local f
	for f in "$PL_DIR"/*.log; do
		[ -s "$f" ] || continue
		echo "--- $(basename "$f") (last 15 lines)"
		tail -15 "$f"
		# xfer's connections that did not end well, wherever they are.
		if grep -q ' end=' "$f" && grep -v ' end=ok' "$f" | grep -q ' end='; then
			echo "--- $(basename "$f"): connections that did not end ok (first 10)"
			grep ' end=' "$f" | grep -v ' end=ok' | head -10
		fi
	done
}

# pl_teardown: stop every process we started (TERM, then KILL), check none
# is left and no process runs in our namespaces, delete the namespaces and
# check nothing of ours remains. Safe to call twice.
pl_teardown() {
	local pid ns left
	[ "$PL_DOWN" = 1 ] && return 0
	PL_DOWN=1
	for pid in "${PL_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	for pid in "${PL_PIDS[@]}"; do pl_wait_gone "$pid" 3 || kill -KILL "$pid" 2>/dev/null; done
	wait 2>/dev/null
	left=
	for pid in "${PL_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && left="$left $pid"; done
	for ns in "$PL_NSC" "$PL_NSS" "${PL_EXTRA_NS[@]}"; do
		ip netns list | grep -q "^$ns\b" || continue
		left="$left $(ip netns pids "$ns" | tr '\n' ' ')"
		ip netns pids "$ns" | xargs -r kill -KILL 2>/dev/null
	done
	left=$(echo $left)
	check "no process of this test left${left:+ (pids: $left)}" test -z "$left"
	# An ASan/UBSan build reports into the logs (LeakSanitizer at exit).
	local san
	san=$(grep -l -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$PL_DIR"/*.log 2>/dev/null | xargs -r -n1 basename)
	check "no sanitizer report in any log${san:+ (see: $(echo $san))}" test -z "$san"
	for ns in "$PL_NSC" "$PL_NSS" "${PL_EXTRA_NS[@]}"; do
		ip netns list | grep -q "^$ns\b" && ip netns del "$ns"
		# per-namespace /etc files a test may have made (ip netns exec
		# mounts /etc/netns/NS/* over /etc/*)
		[ -d "/etc/netns/$ns" ] && rm -rf "/etc/netns/$ns"
	done
	[ "$PL_MADE_ETC_NETNS" = 1 ] && rmdir /etc/netns 2>/dev/null
	check_clean "$T_ID" "namespaces"
	check "no /etc/netns files of this test left" test ! -e "/etc/netns/$PL_NSC" -a ! -e "/etc/netns/$PL_NSS" \
		-a \( "$PL_MADE_ETC_NETNS" = 0 -o ! -e /etc/netns \)
	[ $t_fails -gt 0 ] && pl_show_logs
	rm -rf "$PL_DIR"
}

# pl_end: teardown, then the verdict (lib.sh's finish).
pl_end() { pl_teardown; finish; }
