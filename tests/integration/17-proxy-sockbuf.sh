#!/usr/bin/env bash
# 17-proxy-sockbuf: --sndbuf/--rcvbuf bound the kernel memory of every
# relayed connection. Both proxies run with --sndbuf 48K --rcvbuf 48K; 20
# clients upload 2 MiB each into a backend that stops reading for 2 s.
# While it does, every socket of both proxies (accepted and outgoing, TCP
# and MPTCP, listeners too) has exactly the buffers asked for (the kernel
# doubles the value: 98304, and stops autotuning it), and afterwards every
# byte arrives.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/proxy-lib.sh"
pl_need
pl_setup || { bad "two-path topology set up"; pl_end; }
pl_pair --sndbuf 48K --rcvbuf 48K -- --sndbuf 48K --rcvbuf 48K ||
	{ bad "backend and proxy pair with --sndbuf/--rcvbuf start"; pl_end; }
pl_bg "$PL_NSC" "$PL_DIR/client.log" "$TOOLS/xfer" client -r "$PL_CLISTEN" -n 20 -c 20 --up 2M --down 10K --srv-pause --timeout 60
client=$PL_LAST
sleep 1.2	# inside the backend's 2 s pause: every buffer on the way fills

# skmem NS: "rb tb r w" of each socket of the proxies in NS (ss -t: TCP and
# MPTCP subflows' owner; ss -M: MPTCP sockets).
skmem() {
	{ nsx "$1" ss -Htanmp; nsx "$1" ss -HManmp; } 2>/dev/null |
		awk '/"mptcp-proxy"/ { p = 1 } /skmem:/ && p { p = 0
			match($0, /skmem:\([^)]*\)/); s = substr($0, RSTART, RLENGTH)
			gsub(/[a-z:(),]+/, " ", s); print s }'
}
for ns in "$PL_NSC" "$PL_NSS"; do
	mem=$(skmem "$ns")
	echo "$ns proxy sockets (r rb t tb f w o bl d):"; echo "$mem" | sort | uniq -c
	n=$(grep -c . <<<"$mem")
	check "$ns: the proxy's sockets are seen ($n)" test "$n" -ge 20
	check "$ns: every one has rb=tb=98304 (48K doubled)" \
		test -z "$(awk '$2 != 98304 || $4 != 98304' <<<"$mem")"
done
wait "$client"; rc=$?
tail -3 "$PL_DIR/client.log"
check "all 20 uploads arrive whole after the pause (exit $rc)" grep -q '^client: PASS' "$PL_DIR/client.log"
pl_end
