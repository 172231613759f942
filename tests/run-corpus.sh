#!/usr/bin/env bash
# The topology corpus: every tests/bad/*.topo must make `mptcp-lab check`
# exit 2 and print exactly the line in the matching .err file to stderr
# (and nothing to stdout); every topologies/*.topo and tests/good/*.topo
# must pass with exit 0, and `graph` must turn them into DOT that
# Graphviz's dot accepts (when dot is installed).
# usage: run-corpus.sh BUILD   (prints "corpus: N passed, N failed" last)
set -u
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
lab=$build/mptcp-lab
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# same FILE1 FILE2: the same text, compared without starting a program
# (the kernel matrix runs the corpus in emulated guests, where each
# program started costs tens of milliseconds).
same() {
	local a b
	IFS= read -r -d '' a <"$1"; IFS= read -r -d '' b <"$2"
	[ "$a" = "$b" ]
}

bad() { # NAME.topo, run from tests/bad so messages carry the bare name
	local f=$1 want=${1%.topo}.err rc
	if [ ! -f "$want" ]; then
		echo "FAIL bad/$f: no ${want}"; fail=$((fail + 1)); return
	fi
	"$lab" check "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && same "$want" "$tmp/err"; then
		pass=$((pass + 1)); return
	fi
	fail=$((fail + 1))
	echo "FAIL bad/$f (exit $rc, expected 2)"
	echo "    expected: $(cat "$want")"
	echo "    got:      $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && echo "    stdout:   $(cat "$tmp/out")"
}

good() { # PATH: check passes, graph gives DOT that Graphviz accepts
	local f=$1 rc first=
	"$lab" check "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
	read -r first <"$tmp/out"
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ] || [[ $first != "$f: ok ("* ]]; then
		fail=$((fail + 1))
		echo "FAIL $f (exit $rc, expected 0): $(cat "$tmp/err")"
		return
	fi
	"$lab" graph "$f" >"$tmp/dot" 2>"$tmp/err"; rc=$?
	first=
	read -r first <"$tmp/dot"
	if [ $rc -ne 0 ] || [[ $first != "graph "* ]] ||
	   { command -v dot >/dev/null && ! dot -Tsvg "$tmp/dot" >/dev/null 2>>"$tmp/err"; }; then
		fail=$((fail + 1))
		echo "FAIL graph $f (exit $rc): $(cat "$tmp/err")"
		return
	fi
	pass=$((pass + 1))
}

usage() { # the verbs' own errors: exit 2 and exactly this text
	local want=$1 rc; shift
	if [ "$1" = timeout ]; then
		"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	else
		"$lab" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	fi
	if [ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "$want" ]; then
		pass=$((pass + 1)); return
	fi
	fail=$((fail + 1))
	echo "FAIL mptcp-lab $* (exit $rc, expected 2): $(cat "$tmp/err")"
}

if [ ! -x "$lab" ]; then
	echo "corpus: $lab not built"
	echo "corpus: 0 passed, 1 failed"
	exit 1
fi
cd "$here" || exit 1
usage "mptcp-lab check: expected one topology FILE
usage: mptcp-lab check FILE" check
usage "mptcp-lab graph: expected one topology FILE
usage: mptcp-lab graph FILE" graph a b
usage "no-such.topo: cannot open: No such file or directory" check no-such.topo
usage "no-such.topo: cannot open: No such file or directory" graph no-such.topo
usage "bad/addr-bad.topo:3:12: bad address: '10.0.0.300', expected an address (10.0.0.2, fd00::2) or a short host part (.2, ::2)" \
	graph bad/addr-bad.topo
# What is not a regular file is refused at once (a FIFO used to block
# check forever: the timeout turns a hang into a failure).
mkfifo "$tmp/fifo.topo" && mkdir "$tmp/dir.topo" && cd "$tmp" || exit 1
usage "fifo.topo: not a regular file: expected a topology file" \
	timeout 10 "$lab" check fifo.topo
usage "dir.topo: not a regular file: expected a topology file" check dir.topo
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
