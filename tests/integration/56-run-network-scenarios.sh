#!/usr/bin/env bash
# The network scenarios of topologies/ (docs/network-scenarios.md):
# aggregation, failover and backup pass; lossy passes where the kernel has
# netem and is a named SKIP (exit 4) where it has not. Each run's
# measured figures are printed. Nothing is left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/run_lib.sh"
need_root; need_mptcp; need_binaries
trap 'cleanup_run_lib; rm -rf "$d"' EXIT
d=$(mktemp -d)

for s in aggregation failover backup lossy; do
	lab_run "$d/out" "$d/err" run "$TOP/topologies/$s.topo" --name "${T_ID}${s:0:3}"
	if [ "$s" = lossy ] && [ $rc -eq 4 ]; then
		check "lossy: skipped, naming netem" grep -q 'the kernel lacks netem' "$d/out"
	elif [ $rc -eq 0 ]; then
		ok "$s passes"
	else
		bad "$s: exit $rc"; cat "$d/out" "$d/err"
	fi
	grep -B1 'measured:' "$d/out" | grep -v '^--' | sed "s/^/    $s: /"
done
check_run_clean "scenarios"
finish
