#!/usr/bin/env bash
# A refused MPTCP connect makes the kernel send CLOSED for a token that
# never had CREATED. That is no connection: `expect a CLOSED=0` holds, and
# the report names the node and the number of such events.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries; need_mptcp
command -v python3 >/dev/null || skip "no python3"
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
cat >"$d/o.topo" <<'TOPO'
node a
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
# port 9 of b has no listener: the MPTCP connect is refused (exit 1)
run a exit 1 -- python3 -c "import socket; s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262); s.connect(('10.9.0.2', 9))"
expect a CREATED=0 CLOSED=0
TOPO
lab_run "$d/out" "$d/err" run "$d/o.topo" --name "${T_ID}o" --json
if [ $rc -eq 0 ]; then ok "refused connect: run passes"; else bad "refused connect: exit $rc"; cat "$d/out" "$d/err"; fi
check "the note names node a and one orphan CLOSED" \
	grep -q 'events of a: 1 CLOSED without CREATED, not counted' "$d/out"
check_run_clean "orphan CLOSED"
finish
