#!/usr/bin/env bash
# `mptcp-lab exec NAME NODE -- CMD`: runs in the node's namespace with its
# private mounts and returns the command's exit status.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
cat >"$d/x.topo" <<'TOPO'
node a
    mount private /tmp
node b
network n 10.9.0.0/24
    a eth0 .1
    b eth0 .2
TOPO
name=${T_ID}x
"$LAB" up "$d/x.topo" --name "$name" >"$d/up" 2>&1 || { bad "up failed"; cat "$d/up"; finish; }
"$LAB" exec "$name" a -- sh -c 'exit 7'; rc=$?
if [ $rc -eq 7 ]; then ok "exit status passed through"; else bad "exit status $rc, expected 7"; fi
check "in the node's namespace" sh -c "'$LAB' exec '$name' a -- ip -4 -o addr show dev eth0 | grep -q 10.9.0.1/24"
check "reaches the other node" sh -c "'$LAB' exec '$name' b -- ping -c 1 -W 2 10.9.0.1 >/dev/null"
"$LAB" exec "$name" a -- sh -c "echo $T_ID > /tmp/x-$T_ID"
check "private /tmp shared by the node's processes" sh -c "'$LAB' exec '$name' a -- cat /tmp/x-$T_ID | grep -qx $T_ID"
check "but not seen by the host" test ! -e "/tmp/x-$T_ID"
check "nor by another node" sh -c "! '$LAB' exec '$name' b -- test -e /tmp/x-$T_ID"
"$LAB" exec "$name" nosuch -- true 2>"$d/err"; rc=$?
if [ $rc -eq 2 ]; then ok "unknown node: exit 2"; else bad "unknown node: exit $rc"; fi
check "unknown node named" grep -q "no node 'nosuch'" "$d/err"
"$LAB" exec "$name" a -- /nonexistent 2>/dev/null; rc=$?
if [ $rc -eq 127 ]; then ok "missing command: 127"; else bad "missing command: $rc"; fi
"$LAB" down "$name" >/dev/null 2>&1 || bad "down failed"
check_run_clean "exec"
finish
