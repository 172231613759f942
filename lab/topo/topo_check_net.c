/* topo_check_net.c: semantic checks of the layer-2/3 layout: interface
 * names per node, member addresses against their subnets, addresses
 * unique in the lab, bridges inside nodes. Also the "node has ..." text
 * helpers the other checks use in their messages. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* Append s to buf as a ", "-separated list. */
static void list_add(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n ? ", " : "", s);
}

/* "eth0, br0, lo": the devices of a node, for error messages. */
static const char *node_devs_str(const struct topo *t, int node, char *buf,
				 size_t len)
{
	buf[0] = '\0';
	for (int i = 0; i < t->nifaces; i++)
		if (t->ifaces[i].node == node)
			list_add(buf, len, t->ifaces[i].ifname);
	for (int i = 0; i < t->nbridges; i++)
		if (t->bridges[i].node == node)
			list_add(buf, len, t->bridges[i].name);
	list_add(buf, len, "lo");
	return buf;
}

const char *topo_node_addrs_str(const struct topo *t, int node, char *buf,
				size_t len)
{
	char a[64];

	buf[0] = '\0';
	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];

		for (int j = 0; f->node == node && j < f->naddrs; j++)
			list_add(buf, len, topo_addr_str(&f->addrs[j], false,
							 a, sizeof(a)));
	}
	if (!buf[0])
		snprintf(buf, len, "none");
	return buf;
}

static const char *net_subnets_str(const struct topo_net *n, char *buf,
				   size_t len)
{
	char a[64];

	buf[0] = '\0';
	if (n->subnet4.family)
		list_add(buf, len, topo_addr_str(&n->subnet4, true, a, sizeof(a)));
	if (n->subnet6.family)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			 buf[0] ? " or " : "",
			 topo_addr_str(&n->subnet6, true, a, sizeof(a)));
	return buf;
}

/* "all" and "default" name the per-namespace defaults of every interface
 * in the kernel's sysctl tree (net.ipv4.conf.all, net.ipv6.conf.default,
 * registered by net/ipv4/devinet.c and net/ipv6/addrconf.c for every
 * device); the kernel refuses to create a device of either name (`ip
 * link add all type veth ...`: EINVAL on 6.1 to 6.18). */
static bool ifname_reserved(const char *name)
{
	return !strcmp(name, "all") || !strcmp(name, "default");
}

static int reserved_name(const char *name, const struct topo_loc *loc,
			 const char *another, struct topo_error *err)
{
	if (!strcmp(name, "lo"))
		return topo_errf_loc(err, loc,
				     "reserved interface name: 'lo', expected %s (lo is the node's loopback)",
				     another);
	if (ifname_reserved(name))
		return topo_errf_loc(err, loc,
				     "reserved interface name: '%s', expected %s (the kernel refuses it: net.ipv4.conf.%s is every interface's setting)",
				     name, another, name);
	return 0;
}

int topo_check_ifaces(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];

		if (reserved_name(f->ifname, &f->ifname_loc, "another name", err) < 0)
			return -1;
		int j = topo_iface_find(t, f->node, f->ifname);

		if (j >= 0 && j < i)
			return topo_errf_loc(err, &f->ifname_loc,
					     "duplicate interface: '%s', node %s already has it (line %d)",
					     f->ifname, t->nodes[f->node].name,
					     t->ifaces[j].loc.line);
	}
	return 0;
}

/* One member address against its network's subnet. */
/* Unspecified, loopback and multicast addresses on an interface: IPv6
 * refuses them (ipv6_add_addr() in net/ipv6/addrconf.c: EADDRNOTAVAIL /
 * "Cannot assign loopback address on this device"); IPv4 takes them but
 * never routes them (ip_route_input_slow() in net/ipv4/route.c drops
 * martian sources and destinations), so no traffic could use them. */
static int special_addr(const struct topo_addr *a, const struct topo_loc *loc,
			struct topo_error *err)
{
	const char *what = topo_addr_special(a);
	char as[64];

	if (!what)
		return 0;
	return topo_errf_loc(err, loc,
			     "%s: '%s', expected a unicast address an interface can have",
			     what, topo_addr_str(a, false, as, sizeof(as)));
}

/* A link step's address with its prefix: the rules of member addresses
 * (the subnet is the one its prefix length makes). */
static int check_link_addr(const struct topo_addr *a,
			   const struct topo_loc *loc, struct topo_error *err)
{
	char as[64], ss[64];
	struct topo_addr sub = *a;
	const char *what = NULL;

	for (int i = a->plen; i < topo_addr_bits(a); i++)
		sub.bytes[i / 8] &= ~(0x80 >> (i % 8));
	if (a->plen == 0)
		what = "bad prefix length";
	else if (a->plen < topo_addr_bits(a) - 1 && topo_addr_host_zero(a, a->plen))
		what = "network address";
	else if (a->family == AF_INET && a->plen < 31 &&
		 topo_addr_host_ones(a, a->plen))
		what = "broadcast address";
	if (!what)
		return special_addr(a, loc, err);
	return topo_errf_loc(err, loc, "%s: '%s', expected a host address in %s",
			     what, topo_addr_str(a, true, as, sizeof(as)),
			     a->plen ? topo_addr_str(&sub, true, ss, sizeof(ss)) :
			     "a prefix of 1 or more bits");
}

static int check_member_addr(const struct topo *t, const struct topo_iface *f,
			     int k, struct topo_error *err)
{
	const struct topo_net *n = &t->nets[f->net];
	const struct topo_addr *a = &f->addrs[k];
	const struct topo_addr *sub = a->family == AF_INET ? &n->subnet4 :
							   &n->subnet6;
	const char *what;
	char as[64], ss[128];

	if (!topo_addr_in(a, sub))
		what = "outside";
	else if (sub->plen < topo_addr_bits(a) - 1 &&
		 topo_addr_host_zero(a, sub->plen))
		what = "network address";
	else if (a->family == AF_INET && sub->plen < 31 &&
		 topo_addr_host_ones(a, sub->plen))
		what = "broadcast address";
	else if (topo_addr_special(a))
		return special_addr(a, &f->addr_loc[k], err);
	else
		return 0;
	/* the text only for the error: this runs for every address */
	topo_addr_str(a, false, as, sizeof(as));
	net_subnets_str(n, ss, sizeof(ss));
	if (!strcmp(what, "outside"))
		return topo_errf_loc(err, &f->addr_loc[k],
				     "address outside subnet: '%s', expected an address in %s (network %s)",
				     as, ss, n->name);
	return topo_errf_loc(err, &f->addr_loc[k],
			     "%s: '%s', expected a host address in %s", what, as, ss);
}

/* Every address the lab puts on an interface, and where it was written;
 * idx is the order in the file (member lines, then link steps). */
struct addr_use {
	const struct topo_addr *a;
	const struct topo_loc *loc;
	int node;
	const char *ifname;
	int idx;
};

static int addr_use_cmp(const void *x, const void *y)
{
	const struct addr_use *u = x, *v = y;
	int c = u->a->family - v->a->family;

	if (!c)
		c = memcmp(u->a->bytes, v->a->bytes, sizeof(u->a->bytes));
	return c ? c : u->idx - v->idx;
}

/* All addresses of the lab, sorted so that equal ones are neighbours. */
static struct addr_use *addr_uses(const struct topo *t, int *n)
{
	struct addr_use *u;
	int k = 0;

	*n = 0;
	for (int i = 0; i < t->nifaces; i++)
		*n += t->ifaces[i].naddrs;
	for (int i = 0; i < t->nsteps; i++)
		*n += t->steps[i].naddrs;
	u = calloc(*n + 1, sizeof(*u));
	if (!u)
		return NULL;
	for (int i = 0; i < t->nifaces; i++)
		for (int j = 0; j < t->ifaces[i].naddrs; j++, k++)
			u[k] = (struct addr_use){ &t->ifaces[i].addrs[j],
						  &t->ifaces[i].addr_loc[j],
						  t->ifaces[i].node, t->ifaces[i].ifname, k };
	for (int i = 0; i < t->nsteps; i++)
		for (int j = 0; j < t->steps[i].naddrs; j++, k++)
			u[k] = (struct addr_use){ &t->steps[i].addrs[j],
						  &t->steps[i].addr_loc[j],
						  t->steps[i].node, t->steps[i].ifname, k };
	qsort(u, *n, sizeof(*u), addr_use_cmp);
	return u;
}

/* The same address twice in the lab; the error names the repetition
 * that comes first in the file. */
static int check_dup_addrs(const struct topo *t, struct topo_error *err)
{
	const struct addr_use *dup = NULL, *first = NULL;
	struct addr_use *u;
	char as[64];
	int n;

	u = addr_uses(t, &n);
	if (!u)
		return topo_errf(err, t->file, 0, 0, "out of memory");
	for (int i = 1; i < n; i++) {
		int f = i - 1;

		if (!topo_addr_eq(u[i].a, u[f].a))
			continue;
		while (f > 0 && topo_addr_eq(u[f - 1].a, u[i].a))
			f--;	/* the first of the run is the original */
		if (!dup || u[i].idx < dup->idx) {
			dup = &u[i];
			first = &u[f];
		}
	}
	if (dup)
		topo_errf_loc(err, dup->loc,
			      "duplicate address: '%s', already on %s %s (line %d)",
			      topo_addr_str(dup->a, false, as, sizeof(as)),
			      t->nodes[first->node].name, first->ifname,
			      first->loc->line);
	free(u);
	return dup ? -1 : 0;
}

int topo_check_addrs(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nifaces; i++)
		for (int k = 0; k < t->ifaces[i].naddrs; k++)
			if (check_member_addr(t, &t->ifaces[i], k, err) < 0)
				return -1;
	for (int i = 0; i < t->nsteps; i++)
		for (int k = 0; k < t->steps[i].naddrs; k++)
			if (check_link_addr(&t->steps[i].addrs[k],
					    &t->steps[i].addr_loc[k], err) < 0)
				return -1;
	return check_dup_addrs(t, err);
}

static int check_bridge_name(const struct topo *t, int b, struct topo_error *err)
{
	const struct topo_bridge *br = &t->bridges[b];
	int f = topo_iface_find(t, br->node, br->name);

	if (reserved_name(br->name, &br->name_loc, "another bridge name", err) < 0)
		return -1;
	if (f >= 0)
		return topo_errf_loc(err, &br->name_loc,
				     "duplicate interface: '%s', node %s already has it (line %d)",
				     br->name, t->nodes[br->node].name,
				     t->ifaces[f].loc.line);
	f = topo_map_gets(&t->index->bridges, br->node, br->name);
	if (f >= 0 && f < b)
		return topo_errf_loc(err, &br->name_loc,
				     "duplicate interface: '%s', node %s already has it (line %d)",
				     br->name, t->nodes[br->node].name,
				     t->bridges[f].loc.line);
	return 0;
}

/* Each port in one bridge: the first bridge that names it owns it. */
static int check_ports(const struct topo *t, struct topo_map *seen,
		       struct topo_error *err)
{
	char devs[512];

	for (int b = 0; b < t->nbridges; b++) {
		const struct topo_bridge *br = &t->bridges[b];

		if (check_bridge_name(t, b, err) < 0)
			return -1;
		for (int p = 0; p < br->nports; p++) {
			int o;

			if (topo_iface_find(t, br->node, br->ports[p]) < 0)
				return topo_errf_loc(err, &br->port_locs[p],
						     "undefined interface: '%s', expected a network interface of node %s (%s)",
						     br->ports[p], t->nodes[br->node].name,
						     node_devs_str(t, br->node, devs, sizeof(devs)));
			o = topo_map_puts(seen, br->node, br->ports[p], b);
			if (o == TOPO_MAP_NOMEM)
				return topo_errf_loc(err, &br->loc, "out of memory");
			if (o >= 0)
				return topo_errf_loc(err, &br->port_locs[p],
						     "bridge port used twice: '%s', expected each interface in at most one bridge (first at line %d)",
						     br->ports[p], t->bridges[o].loc.line);
		}
	}
	return 0;
}

int topo_check_bridges(struct topo *t, struct topo_error *err)
{
	struct topo_map seen = { 0 };
	int rc = check_ports(t, &seen, err);

	topo_map_free(&seen);
	return rc;
}

int topo_check_dev(const struct topo *t, int node, const char *dev,
		   const struct topo_loc *loc, struct topo_error *err)
{
	char devs[512];
	int b;

	if (!dev[0])
		return 0;
	if (!topo_node_has_dev(t, node, dev))
		return topo_errf_loc(err, loc,
				     "undefined interface: '%s', expected an interface of node %s (%s)",
				     dev, t->nodes[node].name,
				     node_devs_str(t, node, devs, sizeof(devs)));
	b = topo_bridge_of_port(t, node, dev);
	if (b >= 0)
		return topo_errf_loc(err, loc,
				     "bridge port as device: '%s', expected the bridge %s it belongs to",
				     dev, t->bridges[b].name);
	return 0;
}

/* The bridge of node that has ifname as a port, or -1. */
int topo_bridge_of_port(const struct topo *t, int node, const char *ifname)
{
	if (t->index && t->index->built)
		return topo_map_gets(&t->index->ports, node, ifname);
	for (int b = 0; b < t->nbridges; b++)
		for (int p = 0; t->bridges[b].node == node && p < t->bridges[b].nports; p++)
			if (!strcmp(t->bridges[b].ports[p], ifname))
				return b;
	return -1;
}
