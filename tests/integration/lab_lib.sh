# lab_lib.sh: sourced by the lab tests (20-29) after lib.sh. Reads what a
# topology file asks for with awk (independently of mptcp-lab's parser) and
# compares it with what `ip` and `sysctl` show inside the namespaces.
# Handles the subset the shipped topologies use: IPv4 subnets with short
# (.N) or full host parts, routes with via/dev/src/metric/nexthop/weight,
# mptcp limits/endpoints, forwarding and sysctl lines.

# lab_need [mptcp]: skip unless root, jq and a built mptcp-lab (and, with
# "mptcp", a kernel with MPTCP) are there.
lab_need() {
	need_root
	[ "${1:-}" != mptcp ] || need_mptcp
	command -v jq >/dev/null || skip "no jq"
	[ -x "$LAB" ] || skip "no $LAB (build first)"
}

# topo_facts FILE: one fact per line:
#   addr NODE IF ADDR/PLEN
#   route NODE DST via=GW src=S metric=M        (single path; fields may be empty)
#   nh NODE DST GW WEIGHT                         (one per multipath nexthop)
#   limits NODE KEY VALUE
#   endpoint NODE ADDR FLAGS-AND-DEV-WORDS...
#   sysctl NODE KEY VALUE
topo_facts() {
	awk '
	function ip2n(s,  a) { split(s, a, "."); return ((a[1]*256 + a[2])*256 + a[3])*256 + a[4] }
	function n2ip(n) { return int(n/16777216) "." int(n/65536)%256 "." int(n/256)%256 "." n%256 }
	{ line = acc $0; if (line ~ /\\$/) { acc = substr(line, 1, length(line) - 1) " "; next }
	  acc = ""; $0 = line; sub(/#.*/, ""); if (NF == 0) next }
	$1 == "node" { node = $2; net = ""; next }
	$1 == "network" { net = $2; split($3, s, "/"); base = ip2n(s[1]); plen = s[2]; node = ""; next }
	$1 ~ /^(run|wait|link|expect)$/ { node = ""; net = ""; next }
	net != "" {
		for (i = 3; i <= NF; i++) {
			a = $i
			if (a ~ /^\.[0-9]+$/) a = n2ip(base + substr(a, 2))
			if (a ~ /^[0-9.]+$/) print "addr", $1, $2, a "/" plen
		}
		next
	}
	node != "" && $1 == "forwarding" {
		print "sysctl", node, "net.ipv4.ip_forward", 1
		print "sysctl", node, "net.ipv6.conf.all.forwarding", 1
		next
	}
	node != "" && $1 == "sysctl" { split($2, kv, "="); print "sysctl", node, kv[1], kv[2]; next }
	node != "" && $1 == "mptcp" && $2 == "limits" {
		for (i = 3; i < NF; i += 2) print "limits", node, $i, $(i+1)
		next
	}
	node != "" && $1 == "mptcp" && $2 == "endpoint" {
		line = "endpoint " node " " $3
		for (i = 4; i <= NF; i++) if ($i != "id" && $(i-1) != "id") line = line " " $i
		print line; next
	}
	node != "" && $1 == "route" {
		dst = $2; via = ""; src = ""; metric = ""; mp = 0
		for (i = 3; i <= NF; i++) {
			if ($i == "nexthop") { mp = 1; gw = ""; w = 1; continue }
			if ($i == "via") { if (mp) gw = $(i+1); else via = $(i+1) }
			if ($i == "src") src = $(i+1)
			if ($i == "metric") metric = $(i+1)
			if ($i == "weight") w = $(i+1)
			if (mp && (i == NF || $(i+1) == "nexthop") && gw != "") print "nh", node, dst, gw, w
		}
		if (!mp) print "route", node, dst, "via=" via, "src=" src, "metric=" metric
		else multipath[node] = 1
		next
	}
	END { for (n in multipath) print "sysctl", n, "net.ipv4.fib_multipath_hash_policy", 1 }
	' "$1"
}

# lab_verify LAB FILE: every fact of FILE holds in lab LAB ("LAB-NODE").
lab_verify() {
	local lab=$1 file=$2 kind node a b c d got ns
	while read -r kind node a b c d; do
		ns=$lab-$node
		case $kind in
		addr)
			got=$(ip -n "$ns" -j addr show dev "$a" 2>/dev/null |
			      jq -r '.[0].addr_info[] | select(.family=="inet") | "\(.local)/\(.prefixlen)"')
			check "$node $a has $b" grep -qx -- "$b" <<<"$got"
			check "$node $a is up" test "$(ip -n "$ns" -j link show dev "$a" | jq -r '.[0].operstate')" = UP ;;
		route)
			# The entry with this route's metric (0 when none is written).
			got=$(ip -n "$ns" -j route show "$a" |
			      jq -c --argjson m "${d#metric=}0" '[.[] | select((.metric // 0) * 10 == $m)][0]')
			check "$node route $a${d#metric=:+ metric ${d#metric=}} exists" test "$got" != null
			[ "${b#via=}" ] && check "$node route $a via ${b#via=}" test "$(jq -r .gateway <<<"$got")" = "${b#via=}"
			[ "${c#src=}" ] && check "$node route $a src ${c#src=}" test "$(jq -r .prefsrc <<<"$got")" = "${c#src=}" ;;
		nh)
			got=$(ip -n "$ns" -j route show "$a" | jq -r '.[0].nexthops[]? | "\(.gateway) \(.weight)"')
			check "$node route $a nexthop $b weight $c" grep -qx -- "$b $c" <<<"$got" ;;
		limits)
			got=$(ip -n "$ns" mptcp limits show)
			check "$node mptcp limit $a $b" grep -qw -- "$a $b" <<<"$got" ;;
		endpoint)
			got=$(ip -n "$ns" mptcp endpoint show | grep -w -- "^$a")
			check "$node endpoint $a exists" test -n "$got"
			local w
			for w in $b $c $d; do
				check "$node endpoint $a: $w" grep -qw -- "$w" <<<"$got"
			done ;;
		sysctl)
			got=$(ip netns exec "$ns" sysctl -n "$a")
			check "$node $a = $b" test "$got" = "$b" ;;
		esac
	done < <(topo_facts "$file")
}

# lab_gone LAB: no namespace, netns mount or file, state dir or process of
# that lab remains; prints what it finds. (Host links: see host_links.)
lab_gone() {
	local lab=$1 found=0
	leftovers "$lab" || found=1
	if [ -e "$MPTCP_LAB_STATE_DIR/$lab" ]; then echo "leftover state dir $MPTCP_LAB_STATE_DIR/$lab"; found=1; fi
	# A process naming the lab (a stuck `mptcp-lab up --name LAB`, an
	# `ip netns exec LAB-node ...`).
	if pgrep -f -- "$lab" >/dev/null; then echo "leftover processes: $(pgrep -af -- "$lab" | tr '\n' ';')"; found=1; fi
	return $found
}

# host_links: names of links in the host namespace (to compare before/after).
host_links() { ip -j link show | jq -r '.[].ifname' | sort; }
