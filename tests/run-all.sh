#!/usr/bin/env bash
# The whole suite: unit tests, the bad-topology corpus, integration tests.
# usage: run-all.sh BUILD
set -u
build=$1
here=$(cd "$(dirname "$0")" && pwd)
total_p=0; total_f=0; total_s=0
tally() { # parse "WHAT: N passed, N failed[, N skipped]" from a log
	local line
	line=$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
	set -- $(sed -E 's/^[a-z]+: ([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/' <<<"$line")
	total_p=$((total_p + ${1:-0})); total_f=$((total_f + ${2:-1})); total_s=$((total_s + ${3:-0}))
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$here/run-unit.sh" "$build" "$build"/tests/test_* | tee "$tmp/unit"; tally "$tmp/unit"
if [ -x "$here/run-corpus.sh" ]; then
	"$here/run-corpus.sh" "$build" | tee "$tmp/corpus"; tally "$tmp/corpus"
fi
"$here/run-integration.sh" "$build" | tee "$tmp/integ"; tally "$tmp/integ"
echo "total: $total_p passed, $total_f failed, $total_s skipped"
[ $total_f -eq 0 ]
