#!/usr/bin/env bash
# A state directory on overlayfs (a VM's writable root, a container's
# filesystem): `down` removes the lab's state completely. On overlayfs a
# file reports another device number than its directory, which made a
# walk that stays on one device skip every file ("Directory not empty").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need
tmp=$(mktemp -d)
ovl=$tmp/merged
cleanup() {
	"$LAB" down --all --state-dir "$ovl/state" >/dev/null 2>&1
	umount "$ovl" 2>/dev/null
	umount "$tmp/rw" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
# The writable layer on a tmpfs and the lower one elsewhere, as in a VM
# (read-only root shared from the host, a tmpfs on top): with layers on
# two filesystems, overlayfs reports each file's own device number.
mkdir -p "$tmp/lower/state" "$tmp/rw" "$ovl"
mount -t tmpfs tmpfs "$tmp/rw" && mkdir "$tmp/rw/upper" "$tmp/rw/work" ||
	skip "cannot mount a tmpfs here"
mount -t overlay overlay -o "lowerdir=$tmp/lower,upperdir=$tmp/rw/upper,workdir=$tmp/rw/work" "$ovl" ||
	skip "cannot mount overlayfs here"
sd=$ovl/state
simple=$TOP/topologies/simple.topo

check "up with the state dir on overlayfs" "$LAB" up "$simple" --name "$T_ID-o" --state-dir "$sd"
check "its state is there" test -d "$sd/$T_ID-o"
out=$("$LAB" down "$T_ID-o" --state-dir "$sd" 2>&1); rc=$?
echo "$out"
check "down on overlayfs: exit 0" test $rc -eq 0
check "down on overlayfs: no error" test -z "$(grep -i 'not empty' <<<"$out")"
check "down on overlayfs: the lab's state is gone" test ! -e "$sd/$T_ID-o"
check "down on overlayfs: nothing left in the state dir" test -z "$(ls -A "$sd")"
check_clean "$T_ID" "overlay"
finish
