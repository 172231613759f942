#!/usr/bin/env bash
# 62-ci-workflow: .github/workflows/kernel-matrix.yml is valid YAML (read
# with python3-yaml), has one job per kernel of the Makefile's default
# KERNELS, every `make` it runs names a target this Makefile has (make -n
# says so), each kernel's job runs `make matrix KERNELS=<that kernel>` and
# uploads the JUnit files make matrix writes. GitHub does not run here,
# so this is what keeps the file from rotting.
. "$(dirname "$0")/lib.sh"
wf=$TOP/.github/workflows/kernel-matrix.yml
python3 -c 'import yaml' 2>/dev/null || skip "no python3-yaml (scripts/install-deps.sh)"
[ -f "$wf" ] || { bad "$wf missing"; finish; }
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
# Run from make (make test, make asan), this shell inherits the outer
# make's MAKEFLAGS: its -w made `make -s` below print "Entering
# directory" lines into the kernel list, and its command-line variables
# (BUILD=, SAN=, KERNELS=) would override the Makefile's defaults this
# test reads. Our make calls see the Makefile as a user would.
# `make matrix KERNELS=host` also leaves KERNELS (and the other matrix
# variables) in the environment, where it overrides the Makefile's default.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES KERNELS MATRIX_TESTS MATRIX_JOBS MATRIX_OUT

# One line per job and kernel: KERNEL <tab> each run command (newlines
# joined), then "upload PATHS" lines; the strategy matrix expanded.
python3 - "$wf" >"$d/jobs" 2>"$d/err" <<'EOF'
import itertools, sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
on = wf.get("on", wf.get(True))         # YAML 1.1 reads a bare `on` as true
assert on is not None, "no 'on:' triggers"
for jname, job in wf["jobs"].items():
    axes = (job.get("strategy") or {}).get("matrix") or {}
    keys = [k for k in axes if isinstance(axes[k], list)]
    for combo in itertools.product(*[axes[k] for k in keys]) if keys else [()]:
        env = dict(zip(keys, combo))
        def expand(s):
            for k, v in env.items():
                s = s.replace("${{ matrix.%s }}" % k, str(v))
            return s.replace("${{ inputs.tests || 'all' }}", "all")
        kernel = env.get("kernel", "-")
        for step in job["steps"]:
            if "run" in step:
                print("run\t%s\t%s" % (kernel, " ; ".join(expand(step["run"]).splitlines())))
            if str(step.get("uses", "")).startswith("actions/upload-artifact"):
                print("upload\t%s\t%s" % (kernel, " ".join(step["with"]["path"].split())))
EOF
rc=$?
check "the workflow is YAML with jobs and steps" test $rc = 0
[ $rc = 0 ] || cat "$d/err"

want=$(make -s --no-print-directory -C "$TOP" -f - print-kernels <<'EOF'
include Makefile
print-kernels: ; @echo $(KERNELS)
EOF
)
got=$(awk -F'\t' '$1 == "run" && $3 ~ /make matrix/ {print $2}' "$d/jobs" | sort -u | tr '\n' ' ')
check "one job per kernel of the Makefile's KERNELS ($want; jobs: $got)" \
	test "$(tr ' ' '\n' <<<"$want" | sort -u | tr '\n' ' ')" = "$got"

while IFS=$'\t' read -r kind kernel cmd; do
	[ "$kind" = run ] || continue
	# Every make invocation: its target words (not VAR=value, not -options).
	grep -oE '(^|; |&& )make( [^;&|]*)?' <<<"$cmd" | sed -E 's/^(; |&& )//' | while read -r m; do
		eval "set -- ${m#make}"
		targets=()
		for w in "$@"; do
			case $w in -*|*=*) ;; *) targets+=("$w") ;; esac
		done
		[ ${#targets[@]} -gt 0 ] || targets=(all)
		for t in "${targets[@]}"; do
			if make -n -C "$TOP" "$t" >/dev/null 2>&1; then echo "ok $kernel make $t"
			else echo "bad $kernel make $t"; fi
		done
	done
done <"$d/jobs" >"$d/targets"
check "the jobs run make" test -s "$d/targets"
while read -r verdict kernel what; do
	check "job $kernel: '$what' is a Makefile target" test "$verdict" = ok
done <"$d/targets"

for k in $want; do
	check "job $k runs make matrix KERNELS=$k" \
		grep -qE "^run	$k	.*make matrix KERNELS=\"?$k\"?( |$)" "$d/jobs"
	check "job $k uploads build/matrix/junit-*.xml" \
		grep -qE "^upload	$k	.*build/matrix/junit-\*\.xml" "$d/jobs"
done
finish
