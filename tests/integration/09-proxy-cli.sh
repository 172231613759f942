#!/usr/bin/env bash
# 09-proxy-cli: mptcp-proxy's command line as users of the old Go proxy
# type it. Bundled short flags (-tv, -tm client) as its flag library
# accepted them; a remote that is neither an IP address nor a well-formed
# host name is a command-line error (exit 2) naming the word, not a
# failed lookup; IPv6 remotes are printed in brackets; the man page lists
# exactly the options of --help.
. "$(dirname "$0")/lib.sh"
need_root
[ -x "$PROXY" ] || skip "no $PROXY (build it first)"
ns=$T_ID-cli
dir=$(mktemp -d "/tmp/$T_ID.XXXXXX")
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$ns" && ip -n "$ns" link set lo up || { bad "namespace"; finish; }

# usage_error ARGS...: exit 2, one line that names the -r value. (In the
# namespace, and stopped after 3 s, in case a proxy accepts it and runs.)
usage_error() {
	local out rc
	out=$(timeout 3 ip netns exec "$ns" "$PROXY" "$@" 2>&1); rc=$?
	echo "$* -> exit $rc: $out"
	[ $rc = 2 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q "invalid value .* for -r" <<<"$out" &&
		! grep -q "resolve" <<<"$out"
}
check "-r 999.1.1.1:80 is a command-line error (exit 2)" usage_error -p 5555 -r 999.1.1.1:80
check "-r 'a b:80' is a command-line error (exit 2)" usage_error -p 5555 -r 'a b:80'
check "-r '[fe80::1]:80' (no interface) is a command-line error (exit 2)" usage_error -p 5555 -r '[fe80::1]:80'

# started NAME ARGS...: the proxy runs and listens on port 5555 of $ns;
# its log is $dir/NAME.log.
started() {
	local name=$1; shift
	ip netns exec "$ns" "$PROXY" "$@" >"$dir/$name.log" 2>&1 &
	pids+=($!)
	wait_for 5 bash -c "[ -n \"\$(ip netns exec $ns ss -Hltn 'sport = :5555')\" ]" || return 1
	kill -TERM "${pids[-1]}"; wait "${pids[-1]}"
}
check "-tv -m client -l ... starts (transparent, verbose)" \
	started tv -tv -m client -l 127.0.0.1:5555 --disable-mptcp
check "... and its start-up line says transparent" grep -q "client mode.*transparent" "$dir/tv.log"
check "-tm server -p 5555 -r [::1]:5201 starts" \
	started tm -tm server -p 5555 -r '[::1]:5201' --disable-mptcp
cat "$dir/tm.log"
check "... in server mode, the IPv6 remote printed as [::1]:5201" \
	grep -q "server mode.*remote \[::1\]:5201" "$dir/tm.log"

# The man page and --help name the same options.
help_opts=$("$PROXY" --help | grep -oE -- '--[a-z][a-z-]+|(^| )-[a-zA-Z],' | tr -d ' ,' | sort -u)
man_opts=$(sed 's/\\-/-/g; s/\\fB//g; s/\\fR//g' "$TOP/man/mptcp-proxy.8" | grep -oE -- '--[a-z][a-z-]+|^\.BR -[a-zA-Z] ' | sed 's/^\.BR //' | tr -d ' ' | sort -u)
diff <(echo "$help_opts") <(echo "$man_opts")
check "man page and --help list the same options" test "$help_opts" = "$man_opts"
cleanup; trap - EXIT
check_clean "$T_ID" "namespaces"
finish
