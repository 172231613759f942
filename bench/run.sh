#!/usr/bin/env bash
# Run every bench/[0-9]*.sh (as root). Benchmarks print figures and ratios;
# they never fail on a target, only on an error.
# usage: run.sh BUILD [PATTERN]
set -u
build=$(cd "$1" && pwd); pat=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, Linux $(uname -r)"
rc=0
for b in "$here"/[0-9]*.sh; do
	name=$(basename "$b" .sh)
	[ -n "$pat" ] && [[ $name != *$pat* ]] && continue
	echo "== $name"
	BUILD=$build bash "$b" || { echo "bench $name: error"; rc=1; }
done
exit $rc
