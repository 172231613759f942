#!/usr/bin/env bash
# check-layers.sh: the layering of lab/ (lab/README.md), checked from the
# #include lines. Fails (exit 1, one line per problem) when a file under
# lab/ includes
#   - a header of a layer above its own (util < topo < kernel < live <
#     run < cli),
#   - another folder's private header (*_int.h, *_priv.h),
#   - a header without its folder ("foo.h" instead of "topo/foo.h") or
#     one that does not exist,
# or when lab/ files include each other in a cycle.
# One awk reads every file: a process per file costs minutes in an
# emulated guest (the kernel matrix runs this test there too).
# usage: check-layers.sh [ROOT]   (ROOT: the repository, default: here)
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root/lab" || exit 2
layers="util topo kernel live run cli"
declare -A rank	# folder -> its position in $layers
i=0; for l in $layers; do rank[$l]=$i; i=$((i + 1)); done
bad=0
problem() { echo "lab/$1: $2"; bad=1; }
edges=$(mktemp); trap 'rm -f "$edges" "$edges.err"' EXIT
files=(*/*.[ch])
# "FILE" for every file, then "FILE LINE HEADER" for each #include "...".
includes=$(awk '
	FNR == 1 { print FILENAME }
	/^[[:space:]]*#[[:space:]]*include[[:space:]]*"/ {
		split($0, q, "\""); print FILENAME, FNR, q[2]
	}' "${files[@]}") || exit 2
while read -r f line inc; do
	dir=${f%%/*}
	me=${rank[$dir]:-}
	if [ -z "$line" ]; then
		[ -n "$me" ] || problem "$f" "folder '$dir' is not a layer ($layers)"
		echo "$f $f" >>"$edges"	# every file is a node, even without edges
		continue
	fi
	[ -n "$me" ] || continue
	case $inc in
	*/*) ;;
	*) problem "$f:$line" "#include \"$inc\" names no layer folder"; continue ;;
	esac
	[ -f "$inc" ] || { problem "$f:$line" "#include \"$inc\": no such file in lab/"; continue; }
	to=${inc%%/*}
	it=${rank[$to]:-}
	if [ -z "$it" ]; then
		problem "$f:$line" "#include \"$inc\": '$to' is not a layer"
	elif [ "$it" -gt "$me" ]; then
		problem "$f:$line" "#include \"$inc\": $dir may not include $to (a layer above it)"
	fi
	case ${inc##*/} in
	*_int.h|*_priv.h)
		[ "$to" = "$dir" ] || problem "$f:$line" "#include \"$inc\": private to lab/$to" ;;
	esac
	echo "$inc $f" >>"$edges"
done <<<"$includes"
# tsort orders "A B" (A before B) and names the files of each loop.
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
	echo "lab/: include cycle among: $(grep -v 'input contains a loop' "$edges.err" |
		sed 's/^tsort: //' | tr '\n' ' ')"
	bad=1
fi
[ $bad -eq 0 ] && echo "layers: lab/ includes only downwards, no cycles"
exit $bad
