/* topo_check_route.c: semantic checks of routes: devices the node has,
 * gateways on a subnet connected to the node (through that device if one
 * is named), preferred sources the node owns, no duplicate routes. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdio.h>
#include <string.h>

/* Is member interface f reachable as dev ("" = any device)? A bridge
 * reaches the networks of its ports. */
static bool iface_on_dev(const struct topo *t, const struct topo_iface *f,
			 const char *dev)
{
	int b;

	if (!dev[0] || !strcmp(f->ifname, dev))
		return true;
	b = topo_bridge_of_port(t, f->node, f->ifname);
	return b >= 0 && !strcmp(t->bridges[b].name, dev);
}

/* Is a in a subnet of a network node is on (through dev)? Lists those
 * subnets in buf for the message (scanning: only for the error). */
static bool list_connected_subnets(const struct topo *t, int node,
				const char *dev, const struct topo_addr *a,
				char *buf, size_t len)
{
	bool found = false;
	char s[64];

	buf[0] = '\0';
	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];
		const struct topo_net *n = &t->nets[f->net];
		const struct topo_addr *sub = a->family == AF_INET ?
					      &n->subnet4 : &n->subnet6;

		if (f->node != node || !sub->family || !iface_on_dev(t, f, dev))
			continue;
		if (topo_addr_in(a, sub))
			found = true;
		topo_addr_str(sub, true, s, sizeof(s));
		if (!strstr(buf, s))
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
				 buf[0] ? ", " : "", s);
	}
	return found;
}

/* The same without the list, in O(1): through dev, the subnets of
 * that member or of the ports of that bridge; without, any subnet of the
 * node (topo_index_connected()). */
static bool on_connected_subnet(const struct topo *t, int node,
				const char *dev, const struct topo_addr *a)
{
	int f, b;

	if (!t->index || !t->index->built) {
		char buf[8];

		return list_connected_subnets(t, node, dev, a, buf, sizeof(buf));
	}
	if (!dev[0])
		return topo_index_connected(t, node, a);
	f = topo_iface_find(t, node, dev);
	if (f >= 0) {
		const struct topo_net *n = &t->nets[t->ifaces[f].net];

		return topo_addr_in(a, a->family == AF_INET ? &n->subnet4 : &n->subnet6);
	}
	b = topo_map_gets(&t->index->bridges, node, dev);
	for (int p = 0; b >= 0 && p < t->bridges[b].nports; p++) {
		const struct topo_net *n;

		f = topo_iface_find(t, node, t->bridges[b].ports[p]);
		n = f >= 0 ? &t->nets[t->ifaces[f].net] : NULL;
		if (n && topo_addr_in(a, a->family == AF_INET ? &n->subnet4 : &n->subnet6))
			return true;
	}
	return false;
}

/* A gateway is a neighbour's address: not the network or broadcast
 * address of its subnet (no member may have those: topo_check_addrs()),
 * nor a special one. The kernel refuses an IPv4 gateway whose route is
 * not unicast, the subnet broadcast among them (fib_check_nh_v4_gw() in
 * net/ipv4/fib_semantics.c: "Nexthop has invalid gateway"). */
static int check_gw_host(const struct topo *t, const struct topo_route *r,
			 const struct topo_nexthop *nh, const char *as,
			 struct topo_error *err)
{
	const struct topo_addr *a = &nh->via;
	const char *what = topo_addr_special(a);
	int plen = t->index && t->index->built ?
		   topo_index_subnet_plen(t, r->node, a) : -1;

	if (!what && plen >= 0 && plen < topo_addr_bits(a) - 1 &&
	    topo_addr_host_zero(a, plen))
		what = "network address";
	else if (!what && plen >= 0 && a->family == AF_INET && plen < 31 &&
		 topo_addr_host_ones(a, plen))
		what = "broadcast address";
	if (!what)
		return 0;
	return topo_errf_loc(err, &nh->via_loc,
			     "gateway is a %s: '%s', expected a neighbour's address",
			     what, as);
}

/* The kernel adds a route to the subnet of every address it is given
 * (fib_add_ifaddr(): IPv4, metric 0; addrconf_prefix_route(): IPv6,
 * metric 256, IP6_RT_PRIO_ADDRCONF). A route to the same prefix at the
 * same metric is refused with EEXIST (fib_table_insert(),
 * fib6_add_rt2node() with NLM_F_EXCL). IPv6 routes without a metric get
 * 1024 (IP6_RT_PRIO_USER). */
static int check_connected(const struct topo *t, const struct topo_route *r,
			   struct topo_error *err)
{
	uint32_t metric = r->metric, connected = 0;
	const struct topo_iface *f;
	bool has_addr = false;
	char as[64];
	int i;

	if (r->is_default || !t->index || !t->index->built)
		return 0;
	if (r->dst.family == AF_INET6) {
		metric = r->has_metric && r->metric ? r->metric : 1024;
		connected = 256;
	}
	i = topo_index_member_on(t, r->node, &r->dst);
	if (i < 0 || metric != connected)
		return 0;
	f = &t->ifaces[i];
	for (int k = 0; k < f->naddrs; k++)
		has_addr |= f->addrs[k].family == r->dst.family;
	if (!has_addr)
		return 0;
	return topo_errf_loc(err, &r->dst_loc,
			     "route duplicates a connected route: '%s', expected another destination or metric (the kernel adds this prefix for the address on %s at metric %u)",
			     topo_addr_str(&r->dst, true, as, sizeof(as)),
			     f->ifname, connected);
}

static int check_hop(const struct topo *t, const struct topo_route *r,
		     const struct topo_nexthop *nh, struct topo_error *err)
{
	char subs[512], as[64];

	if (topo_check_dev(t, r->node, nh->dev, &nh->dev_loc, err) < 0)
		return -1;
	if (!nh->via.family || (nh->dev[0] && topo_addr_is_linklocal6(&nh->via)))
		return 0;
	topo_addr_str(&nh->via, false, as, sizeof(as));
	if (topo_node_has_addr(t, r->node, &nh->via))
		return topo_errf_loc(err, &nh->via_loc,
				     "gateway is the node's own address: '%s', expected a neighbour's address",
				     as);
	if (!on_connected_subnet(t, r->node, nh->dev, &nh->via) &&
	    !list_connected_subnets(t, r->node, nh->dev, &nh->via, subs, sizeof(subs)))
		return topo_errf_loc(err, &nh->via_loc,
				     "gateway not on a subnet connected to the node: '%s', expected an address in %s",
				     as, subs[0] ? subs : nh->dev[0] ?
				     "a subnet of that device (it has none of this family)" :
				     "a subnet of the node (it has none of this family)");
	return check_gw_host(t, r, nh, as, err);
}

/* What makes two routes the same: node (the map's int), table (family),
 * destination and metric. */
static size_t route_key(const struct topo_route *r, unsigned char *key)
{
	struct topo_addr dst = r->dst;

	if (r->is_default) {	/* "default" is 0.0.0.0/0 or ::/0 */
		memset(dst.bytes, 0, sizeof(dst.bytes));
		dst.plen = 0;
	}
	topo_addr_key(&dst, dst.plen, key);
	memcpy(key + TOPO_ADDR_KEY, &r->metric, sizeof(r->metric));
	return TOPO_ADDR_KEY + sizeof(r->metric);
}

static int check_route(const struct topo *t, int i, struct topo_map *seen,
		       struct topo_error *err)
{
	unsigned char key[TOPO_ADDR_KEY + sizeof(uint32_t)];
	int j;
	const struct topo_route *r = &t->routes[i];
	char addrs[512], as[64];

	for (int k = 0; k < r->nnh; k++)
		if (check_hop(t, r, &r->nh[k], err) < 0)
			return -1;
	if (r->src.family && !topo_node_has_addr(t, r->node, &r->src))
		return topo_errf_loc(err, &r->src_loc,
				     "source address not on the node: '%s', expected an address of node %s (%s)",
				     topo_addr_str(&r->src, false, as, sizeof(as)),
				     t->nodes[r->node].name,
				     topo_node_addrs_str(t, r->node, addrs, sizeof(addrs)));
	if (check_connected(t, r, err) < 0)
		return -1;
	j = topo_map_put(seen, r->node, key, route_key(r, key), i);
	if (j == TOPO_MAP_NOMEM)
		return topo_errf_loc(err, &r->loc, "out of memory");
	if (j >= 0)
		return topo_errf_loc(err, &r->dst_loc,
				     "duplicate route: '%s', expected one route per destination and metric in a node (first at line %d)",
				     r->is_default ? "default" :
				     topo_addr_str(&r->dst, true, as, sizeof(as)),
				     t->routes[j].loc.line);
	return 0;
}

int topo_check_routes(struct topo *t, struct topo_error *err)
{
	struct topo_map seen = { 0 };
	int rc = 0;

	for (int i = 0; i < t->nroutes && !rc; i++)
		rc = check_route(t, i, &seen, err);
	topo_map_free(&seen);
	return rc;
}
