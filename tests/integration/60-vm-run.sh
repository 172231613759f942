#!/usr/bin/env bash
# 60-vm-run: scripts/vm-run boots Debian's 6.1 kernel and runs a command
# as root in the current directory: its stdout and stderr arrive apart,
# its exit status is vm-run's, the host's files are read-only underneath
# (a write stays in the guest), the lab's modules are loaded, /dev/fd
# works, the console log is kept on failure. Ctrl-C in the middle (of
# vm-run, and of the matrix running a guest) and a --timeout leave no
# qemu and no temporary directory behind.
# Needs the kernel in the cache (scripts/vm-run --fetch 6.1 downloads it,
# .ci/run does); not run inside a vm-run guest (no nested emulation).
. "$(dirname "$0")/lib.sh"
VMRUN=$TOP/scripts/vm-run
[ -e /run/vm-run/env ] && skip "inside a vm-run guest"
# `make asan` (SAN=1) runs the suite again on a sanitized build: this test
# runs none of its code, and two emulated boots cost the machine minutes.
[ -n "${SAN:-}" ] && skip "runs no code of a sanitized build (the plain suite runs it)"
command -v qemu-system-x86_64 >/dev/null || skip "no qemu-system-x86_64 (scripts/install-deps.sh)"
kdir=$("$VMRUN" -q --fetch 6.1 --offline 2>/dev/null) ||
	skip "kernel 6.1 not fetched yet (scripts/vm-run --fetch 6.1)"
rel=$(ls "$kdir/lib/modules")

d=$(mktemp -d "$BUILD/$T_ID.XXXXXX")
export TMPDIR=$d/tmp	# vm-run's temporary files: must be empty at the end
mkdir "$TMPDIR" "$d/cwd"
pg=
cleanup() {
	[ -n "$pg" ] && kill -KILL -- "-$pg" 2>/dev/null
	rm -rf "$d"
}
trap cleanup EXIT

# Nothing of a vm-run of ours is left: no process naming our directory
# (qemu names its temporary files), nothing in its TMPDIR.
nothing_left() { # what
	local procs
	procs=$(pgrep -af -- "$d" | grep -v "^$$ ")
	check "$1: no qemu or helper left${procs:+ ($procs)}" test -z "$procs"
	check "$1: no temporary file left" test -z "$(ls -A "$TMPDIR")"
}

cat >"$d/guest.sh" <<'EOF'
uname -r
pwd
echo "to stderr" >&2
cat <(echo "process substitution")
touch written-in-guest && echo "wrote a file"
for m in veth bridge sch_tbf sch_htb sch_netem tun nf_tables; do
	grep -q "^$m " /proc/modules || echo "module $m missing"
done
ip netns add vmrun-test && ip netns list && ip netns del vmrun-test
echo "uid $(id -u)"
exit 7
EOF
start=$(date +%s.%N)
(cd "$d/cwd" && "$VMRUN" --console "$d/console.log" 6.1 -- bash "$d/guest.sh") >"$d/out" 2>"$d/err"
rc=$?
echo "one boot and run: $(echo "$(date +%s.%N) - $start" | bc) s"
sed 's/^/    out: /' "$d/out"; sed 's/^/    err: /' "$d/err"
check "exit status of the command (7, got $rc)" test $rc = 7
check "runs the kernel asked for ($rel)" test "$(sed -n 1p "$d/out")" = "$rel"
check "runs in the current directory" test "$(sed -n 2p "$d/out")" = "$d/cwd"
check "stderr arrives on stderr" grep -qx "to stderr" "$d/err"
check "stdout carries no stderr" sh -c "! grep -q 'to stderr' '$d/out'"
check "/dev/fd works (process substitution)" grep -qx "process substitution" "$d/out"
check "the guest can write where the host's files are" grep -qx "wrote a file" "$d/out"
check "the write stayed in the guest" test ! -e "$d/cwd/written-in-guest"
check "the lab's modules are loaded" sh -c "! grep -q 'module .* missing' '$d/out'"
check "network namespaces can be made" grep -qx "vmrun-test" "$d/out"
check "runs as root" grep -qx "uid 0" "$d/out"
check "on failure the console log is kept and named" grep -q "guest console log: $d/console.log" "$d/err"
check "the console log shows the boot" grep -q "Linux version $rel" "$d/console.log"
nothing_left "after a run"

# Ctrl-C while the command runs: the whole process group gets SIGINT. (A
# background job of a script starts with SIGINT ignored; a terminal's
# foreground job does not: env restores that.)
setsid env --default-signal=INT "$VMRUN" 6.1 -- bash -c 'echo started; exec sleep 600' >"$d/out" 2>"$d/err" &
pg=$!
check "the guest command started" wait_for 120 grep -qx started "$d/out"
kill -INT -- "-$pg"
wait "$pg"; rc=$?; pg=
check "Ctrl-C: exit status 130 (got $rc)" test $rc = 130
nothing_left "after Ctrl-C"

# Ctrl-C in the middle of `make matrix` (scripts/matrix): a stand-in test
# that sleeps runs in the 6.1 guest; once the guest has started its column
# (it writes OUT/6.1/kernel), SIGINT to the whole process group stops the
# matrix with 130 and leaves no qemu and no temporary file.
mkdir "$d/t"
printf 'sleep 600\n' >"$d/t/01-sleeps.sh"
setsid env --default-signal=INT MPTCP_LAB_TEST_DIR="$d/t" KERNELS=6.1 MATRIX_TESTS=01-sleeps \
	MATRIX_OUT="$d/m" "$TOP/scripts/matrix" "$BUILD" >"$d/out" 2>"$d/err" &
pg=$!
check "matrix: the guest's column started" wait_for 120 test -s "$d/m/6.1/kernel"
kill -INT -- "-$pg"
wait "$pg"; rc=$?; pg=
check "matrix: Ctrl-C: exit status 130 (got $rc)" test $rc = 130
check "matrix: Ctrl-C: says so" grep -q "matrix: interrupted" "$d/err"
nothing_left "after Ctrl-C of the matrix"

# --timeout: the guest is stopped at the limit (here before it is up).
"$VMRUN" --timeout 1 --console "$d/console2.log" 6.1 -- true >"$d/out" 2>"$d/err"; rc=$?
check "--timeout: exit status 124 (got $rc)" test $rc = 124
check "--timeout: says so" grep -q "timed out after 1s" "$d/err"
nothing_left "after --timeout"

(cd /run && "$VMRUN" 6.1 -- true) >"$d/out" 2>"$d/err"; rc=$?
check "run from /run (the guest's own): exit 125 and a message (got $rc)" \
	sh -c "test $rc = 125 && grep -q 'has its own /run' '$d/err'"
# A checkout under /tmp (where a CI runner may clone) is the host's in the
# guest too, and a write there stays in the guest.
t=$(mktemp -d /tmp/vmrun-cwd.XXXXXX)
echo "$T_ID" >"$t/mark"
(cd "$t" && "$VMRUN" 6.1 -- sh -c 'cat mark && echo x >written') >"$d/out" 2>"$d/err"; rc=$?
check "run from a directory under /tmp: exit 0 (got $rc)" test $rc = 0
check "run from under /tmp: sees the host's files there" grep -qx "$T_ID" "$d/out"
check "run from under /tmp: the write stayed in the guest" test ! -e "$t/written"
rm -rf "$t"
"$VMRUN" nosuch-kernel -- true >"$d/out" 2>"$d/err"; rc=$?
check "an unknown kernel name: exit 125 and a message (got $rc)" \
	sh -c "test $rc = 125 && grep -q \"unknown kernel 'nosuch-kernel'\" '$d/err'"
finish
