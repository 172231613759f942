#!/usr/bin/env bash
# The topology corpus: every tests/bad/*.topo must make `mptcp-lab check`
# exit 2 and print exactly the line in the matching .err file to stderr
# (and nothing to stdout); every topologies/*.topo and tests/good/*.topo
# must pass with exit 0.
# usage: run-corpus.sh BUILD   (prints "corpus: N passed, N failed" last)
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
lab=$build/mptcp-lab
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

bad() { # NAME.topo, run from tests/bad so messages carry the bare name
	local f=$1 want=${1%.topo}.err rc
	if [ ! -f "$want" ]; then
		echo "FAIL bad/$f: no ${want}"; fail=$((fail + 1)); return
	fi
	"$lab" check "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$want" "$tmp/err"; then
		pass=$((pass + 1)); return
	fi
	fail=$((fail + 1))
	echo "FAIL bad/$f (exit $rc, expected 2)"
	echo "    expected: $(cat "$want")"
	echo "    got:      $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && echo "    stdout:   $(cat "$tmp/out")"
}

good() { # PATH
	local f=$1 rc
	"$lab" check "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
		pass=$((pass + 1)); return
	fi
	fail=$((fail + 1))
	echo "FAIL $f (exit $rc, expected 0): $(cat "$tmp/err")"
}

if [ ! -x "$lab" ]; then
	echo "corpus: $lab not built"
	echo "corpus: 0 passed, 1 failed"
	exit 1
fi
cd "$here/bad" || exit 1
for f in *.topo; do bad "$f"; done
for f in *.err; do
	[ -f "${f%.err}.topo" ] || { echo "FAIL bad/$f: no .topo"; fail=$((fail + 1)); }
done
cd "$here/.." || exit 1
for f in topologies/*.topo tests/good/*.topo; do
	[ -e "$f" ] && good "$f"
done
echo "corpus: $pass passed, $fail failed"
[ $fail -eq 0 ]
