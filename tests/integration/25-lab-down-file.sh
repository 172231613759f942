#!/usr/bin/env bash
# down FILE finds the labs brought up from that file even after it was
# deleted (by relative or absolute name), says which it took down, and
# leaves other labs alone: those of other files and those another user
# built from the same file (named as left alone); --if-exists makes a
# second down a success;
# status reports a namespace that vanished; down by name works after the
# file changed; down --all takes the rest.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lab_lib.sh"
lab_need mptcp

tmp=$(mktemp -d)
cp "$TOP/topologies/simple.topo" "$tmp/copy.topo"
cp "$TOP/topologies/routing.topo" "$tmp/other.topo"
check "up a from the copy" "$LAB" up "$tmp/copy.topo" --name "$T_ID-a"
check "up b from the copy (relative path)" bash -c "cd '$tmp' && '$LAB' up copy.topo --name '$T_ID-b'"
check "up c from another file" "$LAB" up "$tmp/other.topo" --name "$T_ID-c"
# As root through sudo, the lab is recorded as built by $SUDO_UID: here a
# user that is not us.
check "up o from the copy as another user" env SUDO_UID=4242424 "$LAB" up "$tmp/copy.topo" --name "$T_ID-o"
check "status lists 4 labs" test "$("$LAB" status --json | jq '.labs | length')" = 4

rm "$tmp/copy.topo"
out=$(cd "$tmp" && "$LAB" down ./copy.topo); echo "$out"
check "down FILE took a, saying so" grep -q "lab $T_ID-a (from ./copy.topo) is down" <<<"$out"
check "down FILE took b, saying so" grep -q "lab $T_ID-b (from ./copy.topo) is down" <<<"$out"
check "down FILE names the other user's lab it left" grep -q "lab $T_ID-o (from ./copy.topo) left alone: another user built it" <<<"$out"
check "a gone" lab_gone "$T_ID-a"
check "b gone" lab_gone "$T_ID-b"
check "c still up" test "$(ip netns list | grep -c "^$T_ID-c-")" = 3
check "the other user's lab still up" test "$(ip netns list | grep -c "^$T_ID-o-")" = 2
check "down FILE again finds nothing: exit 2" bash -c "'$LAB' down '$tmp/copy.topo' 2>/dev/null; test \$? = 2"
check "down --if-exists FILE again: exit 0" "$LAB" down --if-exists "$tmp/copy.topo"
check "down --if-exists of a gone NAME: exit 0" "$LAB" down "$T_ID-a" --if-exists
check "down of a gone NAME: exit 2" bash -c "'$LAB' down '$T_ID-a' 2>/dev/null; test \$? = 2"
check "that user's own down FILE takes it" env SUDO_UID=4242424 "$LAB" down "$tmp/copy.topo"
check "o gone" lab_gone "$T_ID-o"

echo "garbage that does not parse" >>"$tmp/other.topo"
ip netns del "$T_ID-c-router"
st=$("$LAB" status "$T_ID-c" --json)
check "status marks the vanished namespace" test "$(jq -r '.labs[0].namespaces[] | select(.node=="router") | .exists' <<<"$st")" = false
check "status keeps the others" test "$(jq '[.labs[0].namespaces[] | select(.exists)] | length' <<<"$st")" = 2
check "down --all after the file changed" "$LAB" down --all
check "c gone" lab_gone "$T_ID-c"
check "state dir empty" test -z "$(ls -A "$MPTCP_LAB_STATE_DIR" 2>/dev/null)"
rm -rf "$tmp"
check_clean "$T_ID"
finish
