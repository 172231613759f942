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
for f in */*.[ch]; do
	dir=${f%%/*}
	me=${rank[$dir]:-}
	[ -n "$me" ] || { problem "$f" "folder '$dir' is not a layer ($layers)"; continue; }
	echo "$f $f" >>"$edges"	# every file is a node, even without edges
	while IFS=: read -r line inc; do
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
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		 sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
done
# tsort orders "A B" (A before B) and names the files of each loop.
if ! tsort "$edges" >/dev/null 2>"$edges.err"; then
	echo "lab/: include cycle among: $(grep -v 'input contains a loop' "$edges.err" |
		sed 's/^tsort: //' | tr '\n' ' ')"
	bad=1
fi
[ $bad -eq 0 ] && echo "layers: lab/ includes only downwards, no cycles"
exit $bad
