#!/usr/bin/env bash
# 01-lint-layers: scripts/check-layers.sh (make lint) passes on the tree
# and fails on a copy of lab/ with one planted violation of each kind: an
# upward include, another folder's private header, an include without its
# folder, an include cycle.
. "$(dirname "$0")/lib.sh"
check=$TOP/scripts/check-layers.sh
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

check "the tree's lab/ passes" "$check" "$TOP"

# plant NAME FILE LINE: a copy of lab/ with LINE added to FILE; the check
# must fail and name FILE.
plant() {
	local name=$1 file=$2 line=$3 d=$tmp/$1
	mkdir -p "$d" && cp -r "$TOP/lab" "$d/"
	printf '%s\n' "$line" >>"$d/lab/$file"
	if "$check" "$d" >"$d.out" 2>&1; then
		bad "$name: passed"
	elif grep -q "lab/$file" "$d.out"; then
		ok "$name: $(head -1 "$d.out")"
	else
		bad "$name: failed without naming lab/$file"; cat "$d.out"
	fi
}
plant upward topo/graph.c '#include "run/run.h"'
plant private cli/cmd_run.c '#include "run/run_int.h"'
plant no-folder topo/expect.c '#include "graph.h"'
plant missing util/err.c '#include "util/nonesuch.h"'

# A cycle: two headers of one layer that include each other.
d=$tmp/cycle; mkdir -p "$d" && cp -r "$TOP/lab" "$d/"
echo '#include "topo/cyc_b.h"' >"$d/lab/topo/cyc_a.h"
echo '#include "topo/cyc_a.h"' >"$d/lab/topo/cyc_b.h"
if "$check" "$d" >"$d.out" 2>&1; then
	bad "cycle: passed"
elif grep -q "cycle.*topo/cyc_a.h" "$d.out"; then
	ok "cycle: $(cat "$d.out")"
else
	bad "cycle: failed without naming the cycle"; cat "$d.out"
fi
exit $((t_fails > 0))
