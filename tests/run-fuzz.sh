#!/usr/bin/env bash
# Run the topology fuzzer (tests/fuzz/fuzz_topo.c) for SECONDS on a corpus
# seeded with every file of tests/good, tests/bad and topologies/. New
# inputs it finds stay in FUZZ_BUILD/corpus for the next run; a crash is
# saved as FUZZ_BUILD/crash-* and fails the run.
# usage: run-fuzz.sh FUZZ_BUILD SECONDS
set -u
build=$1; secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$build/corpus
mkdir -p "$corpus"
cp "$here"/good/* "$here"/bad/*.topo "$here"/../topologies/*.topo "$corpus"/ 2>/dev/null
echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus, $secs s"
"$build/fuzz_topo" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 -artifact_prefix="$build/" \
	-dict="$here/fuzz/topo.dict" "$corpus" 2>"$build/fuzz.log"
rc=$?
tail -20 "$build/fuzz.log"
if [ $rc -ne 0 ]; then
	echo "fuzz: FAILED (exit $rc); the input is in $build/crash-* (or leak-*, timeout-*)"
	exit 1
fi
echo "fuzz: passed"
