#!/usr/bin/env bash
# Link properties: a rate on a member line and another on the network
# line shape the two directions of one link differently, each measured
# by iperf3 within 10 % of what the file says (payload: tbf paces whole
# frames, so 1448/1514 of the rate); `up` puts the qdiscs on
# the interfaces (tbf, as the journal records them) and `down` removes
# everything. delay/jitter/loss need sch_netem: where the kernel has it,
# ping measures the delay and the loss; where it has not, `run` is a
# SKIP naming netem (--strict: a failure) and builds nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

# b sends at the network's 8 mbit, a at its own 20 mbit. A server for
# each: iperf3 -s re-opens its listener after a test, and a client that
# came right after the first one was once reset by it.
cat >"$d/rate.topo" <<'TOPO'
node a
    service name up ready tcp 5201 -- iperf3 -s -p 5201
    service name down ready tcp 5202 -- iperf3 -s -p 5202
node b
network n 10.9.0.0/24 rate 8mbit
    a eth0 .1 rate 20mbit
    b eth0 .2
run b -- iperf3 -c 10.9.0.1 -p 5201 -t 4 -J
run b -- iperf3 -c 10.9.0.1 -p 5202 -t 4 -J -R
TOPO
lab_run "$d/out" "$d/err" run "$d/rate.topo" --name "${T_ID}r" --keep
if [ $rc -eq 0 ]; then ok "rate: run passes"; else bad "rate: exit $rc"; cat "$d/out" "$d/err"; fi
rd=$MPTCP_LAB_RUN_DIR/${T_ID}r
# within 10 % of the configured rate, as the receiver counted it
# An emulated CPU (a scripts/vm-run guest under TCG, which sets
# MPTCP_LAB_EMULATED) cannot push even these rates steadily: there the
# figure is printed, not judged. A merely slow build (make asan, a larger
# MPTCP_LAB_TIME_SCALE) is still judged: the kernel shapes the traffic.
emulated=${MPTCP_LAB_EMULATED:-0}
within() { # what file want_bps
	local got
	got=$(jq '.end.sum_received.bits_per_second' "$2" 2>/dev/null)
	if [ "$emulated" = 1 ]; then
		echo "note: $1: ${got:-no figure} bit/s on an emulated CPU, not compared with $3"
		return
	fi
	# tbf paces frames on the wire, iperf3 counts payload: 1448 of every
	# 1514 bytes of a full-size frame (timestamps on) are TCP payload
	if [ -n "$got" ] && awk -v g="$got" -v w="$3" 'BEGIN { w *= 1448 / 1514; exit !(g >= 0.9 * w && g <= 1.1 * w) }'; then
		ok "$1: $(awk -v g="$got" 'BEGIN { printf "%.2f", g / 1e6 }') mbit/s of payload, configured $(($3 / 1000000)) on the wire"
	else
		bad "$1: ${got:-no figure} bit/s of payload, expected $3 x 1448/1514 +- 10 %"
		# what iperf3 wrote instead (a figure missing once on the host)
		jq -c '{error, end_keys: (.end // {} | keys), intervals: (.intervals | length)}' "$2" 2>&1 | head -5
	fi
}
within "b -> a (network's rate)" "$rd/b/step-01.stdout" 8000000
within "a -> b (member's rate)" "$rd/b/step-02.stdout" 20000000
rm -rf "$rd"

# up: the qdisc is there, recorded; down removes it all.
lab_run "$d/out" "$d/err" up "$d/rate.topo" --name "${T_ID}u"
if [ $rc -eq 0 ]; then ok "up"; else bad "up: exit $rc"; cat "$d/err"; fi
check "a eth0 has tbf at 20Mbit" sh -c "ip netns exec ${T_ID}u-a tc qdisc show dev eth0 | grep -q 'tbf 1: root.*rate 20Mbit'"
check "b eth0 has tbf at 8Mbit" sh -c "ip netns exec ${T_ID}u-b tc qdisc show dev eth0 | grep -q 'tbf 1: root.*rate 8Mbit'"
check "journal records the qdiscs" grep -qx "qdisc ${T_ID}u-a eth0" "$MPTCP_LAB_STATE_DIR/${T_ID}u/journal"
lab_run "$d/out" "$d/err" down "${T_ID}u"
if [ $rc -eq 0 ]; then ok "down"; else bad "down: exit $rc"; cat "$d/err"; fi
check_clean "$T_ID" "after up/down"

# netem: delay and loss measured where the kernel has it, a named SKIP
# where it has not.
cat >"$d/netem.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24
    a eth0 .1 delay 40ms loss 20%
    b eth0 .2
run b -- ping -c 100 -i 0.01 -q 10.9.0.1
TOPO
lab_run "$d/out" "$d/err" run "$d/netem.topo" --name "${T_ID}n" --keep
if grep -q 'lacks netem' "$d/out" && [ $rc -eq 4 ]; then
	ok "netem missing: run is a SKIP (exit 4)"
	check "the skip says what is missing" grep -q '^the kernel lacks netem' "$d/out"
	check "nothing was built" sh -c "! grep -q 'lab up' '$d/out'"
	lab_run "$d/out2" "$d/err" run "$d/netem.topo" --name "${T_ID}s" --strict
	if [ $rc -eq 1 ]; then ok "--strict: exit 1"; else bad "--strict: exit $rc"; fi
	lab_run "$d/out2" "$d/err" check "$d/netem.topo"
	if [ $rc -eq 0 ]; then ok "check passes without netem"; else bad "check: exit $rc"; fi
else
	# ping -q: "... 23% packet loss ... rtt min/avg/max/mdev = 40.1/..."
	out=$MPTCP_LAB_RUN_DIR/${T_ID}n/b/step-01.stdout
	if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then ok "netem present: run went ahead"; else bad "netem run: exit $rc"; cat "$d/out"; fi
	loss=$(grep -o '[0-9.]*% packet loss' "$out" | cut -d% -f1)
	rtt=$(sed -n 's|.*= \([0-9.]*\)/\([0-9.]*\)/.*|\2|p' "$out")
	check "loss 20 %: measured ${loss:-?} % (5..45)" awk -v l="${loss:-0}" 'BEGIN { exit !(l >= 5 && l <= 45) }'
	# At least the delay; the time beyond it (40 ms here) is stretched on
	# a slow machine: an emulated 6.1 guest averaged 141 ms.
	hi=$(awk -v s="$(tscale 40)" 'BEGIN { print 40 + s }')
	check "delay 40 ms: average rtt ${rtt:-?} ms (40..$hi)" \
		awk -v r="${rtt:-0}" -v hi="$hi" 'BEGIN { exit !(r >= 40 && r <= hi) }'
fi
rm -rf "$MPTCP_LAB_RUN_DIR/${T_ID}n"
check_run_clean "shape"
finish
