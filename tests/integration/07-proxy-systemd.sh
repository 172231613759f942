#!/usr/bin/env bash
# 07-proxy-systemd: deploying mptcp-proxy under systemd.
# `make install` into a scratch prefix installs the unit
# mptcp-proxy@.service and an example config; `systemd-analyze verify`
# finds nothing to say about the unit (and does about a broken copy, so the
# check can fail). The installed proxy, run as the unit runs it (an
# unprivileged user, no capabilities, no new privileges), reports READY=1
# to NOTIFY_SOCKET once it listens, RELOADING=1 then READY=1 on SIGHUP,
# STOPPING=1 on SIGTERM; one that cannot start reports no READY=1. Without
# capabilities --mark and -t (IP_TRANSPARENT) are refused with the reason;
# with CAP_NET_ADMIN (what the TPROXY drop-in grants) they start.
. "$(dirname "$0")/lib.sh"
need_root
[ -x "$PROXY" ] || skip "no $PROXY (build it first)"
[ -x "$TOOLS/notify_recv" ] || skip "no $TOOLS/notify_recv (build it first)"
command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed"
command -v setpriv >/dev/null || skip "setpriv is not installed"
ns=$T_ID-sd
dir=$(mktemp -d "/tmp/$T_ID.XXXXXX")
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$dir"

make -s -C "$TOP" install BUILD="$BUILD" PREFIX="$dir/usr" SYSCONFDIR="$dir/etc" >"$dir/install.log" 2>&1
check "make install succeeds" test $? = 0
unit=$dir/usr/lib/systemd/system/mptcp-proxy@.service
check "make install puts mptcp-proxy@.service in PREFIX/lib/systemd/system" test -f "$unit"
check "... and an example config in SYSCONFDIR/mptcp-proxy" test -f "$dir/etc/mptcp-proxy/example.conf"
check "the unit starts the installed binary with the config's arguments" \
	grep -qF "ExecStart=$dir/usr/bin/mptcp-proxy \$MPTCP_PROXY_ARGS" "$unit"
for k in Type=notify DynamicUser=yes NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
	"EnvironmentFile=$dir/etc/mptcp-proxy/%i.conf" "CapabilityBoundingSet=$"; do
	check "the unit has $k" grep -q "^$k" "$unit"
done

# verify UNIT_DIR: systemd-analyze's verdict on mptcp-proxy@example in it;
# true only if it exits 0 and prints nothing.
verify() {
	local out
	out=$(SYSTEMD_UNIT_PATH="$1": systemd-analyze verify --man=no mptcp-proxy@example.service 2>&1)
	local rc=$?
	echo "systemd-analyze verify ($1): exit $rc${out:+: $out}"
	[ $rc = 0 ] && [ -z "$out" ]
}
check "systemd-analyze verify passes on the installed unit" verify "$(dirname "$unit")"
mkdir -p "$dir/broken"
sed 's/^Type=notify/Type=notifyy/' "$unit" >"$dir/broken/mptcp-proxy@.service"
fails() { ! "$@"; }
check "... and fails on a copy with a typo (the check can fail)" fails verify "$dir/broken"

ip netns add "$ns" && ip -n "$ns" link set lo up || { bad "namespace"; cleanup; finish; }
# unpriv [CAPS] -- ARGS...: exec the installed proxy as the unit runs it.
unpriv() {
	local caps=-all bound=-all
	if [ "$1" != -- ]; then caps=+$1 bound=-all,+$1; shift; fi
	shift
	exec ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps="$caps" --ambient-caps="$caps" --bounding-set="$bound" --no-new-privs \
		"$dir/usr/bin/mptcp-proxy" "$@"
}
# start NAME [CAPS] -- ARGS...: run it with its own NOTIFY_SOCKET; the
# messages go to $dir/NAME.msgs, its output to $dir/NAME.log.
start() {
	local name=$1; shift
	"$TOOLS/notify_recv" "$dir/$name.sock" >"$dir/$name.msgs" 2>&1 &
	pids+=($!)
	wait_for 2 test -S "$dir/$name.sock" && chmod 666 "$dir/$name.sock"
	(export NOTIFY_SOCKET=$dir/$name.sock; unpriv "$@") >"$dir/$name.log" 2>&1 &
	PID=$!	# the proxy itself: every step execs the next
	pids+=($PID)
}
listens() { [ -n "$(ip netns exec "$ns" ss -Hltn "sport = :$1")" ]; }

start main -- -m client -l 127.0.0.1:5700 -r 127.0.0.1:5701 --disable-mptcp
main=$PID
wait_for 5 grep -q '^READY=1' "$dir/main.msgs"
check "READY=1 arrives" grep -q '^READY=1 STATUS=listening on 127.0.0.1:5700' "$dir/main.msgs"
check "... when the listener is open" listens 5700
kill -HUP "$main"
wait_for 3 bash -c "[ \$(grep -c '^READY=1' '$dir/main.msgs') = 2 ]"
cat "$dir/main.msgs"
check "SIGHUP: RELOADING=1, then READY=1 again" \
	bash -c "grep -v '^STATUS' '$dir/main.msgs' | cut -d' ' -f1 | tr '\n' ' ' | grep -q 'READY=1 RELOADING=1 READY=1'"
start second -- -m client -l 127.0.0.1:5700 -r 127.0.0.1:5701 --disable-mptcp
wait "$PID"; rc=$?
check "a proxy that cannot listen exits 1 (was $rc) ..." test $rc = 1
check "... without READY=1" bash -c "! grep -q READY=1 '$dir/second.msgs'"
kill -TERM "$main"
wait "$main"; rc=$?
check "SIGTERM: STOPPING=1 and exit 0 (was $rc)" \
	eval '[ $rc = 0 ] && grep -q "^STOPPING=1" "$dir/main.msgs"'

start mark -- -m client -t -p 5702 --mark 77 --disable-mptcp
wait "$PID"; rc=$?
cat "$dir/mark.log"
check "without capabilities, --mark is refused, saying why (exit $rc)" \
	eval '[ $rc = 1 ] && grep -q "CAP_NET_ADMIN or CAP_NET_RAW" "$dir/mark.log"'
start tp -- -m client -t -p 5703 --disable-mptcp
wait "$PID"; rc=$?
cat "$dir/tp.log"
check "without capabilities, -t (IP_TRANSPARENT) is refused, saying why (exit $rc)" \
	eval '[ $rc = 1 ] && grep -q "IP_TRANSPARENT (needs CAP_NET_ADMIN)" "$dir/tp.log"'
start tpcap net_admin -- -m client -t -p 5704 --mark 77 --disable-mptcp
tpcap=$PID
wait_for 5 grep -q '^READY=1' "$dir/tpcap.msgs"
cat "$dir/tpcap.log"
check "with CAP_NET_ADMIN alone, -t --mark starts and reports READY=1" grep -q '^READY=1' "$dir/tpcap.msgs"
kill -TERM "$tpcap"; wait "$tpcap"
cleanup; trap - EXIT
check_clean "$T_ID" "namespaces"
finish
