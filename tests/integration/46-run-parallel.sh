#!/usr/bin/env bash
# Two runs of simple.topo at the same time (same addresses, same ports,
# different labs) both pass and leave nothing behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)
"$LAB" run "$TOP/topologies/simple.topo" --name "${T_ID}p1" --json >"$d/1" 2>"$d/1.err" &
p1=$!
"$LAB" run "$TOP/topologies/simple.topo" --name "${T_ID}p2" --json >"$d/2" 2>"$d/2.err" &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
for i in 1 2; do
	eval "rc=\$rc$i"
	if [ "$rc" -eq 0 ]; then ok "run $i passes"; else bad "run $i: exit $rc"; cat "$d/$i" "$d/$i.err"; fi
	check "run $i: client CREATED=2 SF_ESTABLISHED=2" jqe '.events.client.CREATED == 2 and .events.client.SF_ESTABLISHED == 2' "$d/$i"
done
check "the two runs had different labs" sh -c "[ \"\$(jq -r .lab '$d/1')\" != \"\$(jq -r .lab '$d/2')\" ]"
check_run_clean "two runs"
finish
