/* topo_check_mptcp.c: semantic checks of MPTCP endpoints: the address is
 * the node's (on the named device, if any), the device exists, addresses
 * and ids are unique per node. Limits and flag combinations are checked
 * by the parser, where the words are. */
#include "topo/topo_int.h"

#include <stdio.h>
#include <string.h>

/* Is a on dev of node: on that member interface, or on a port of that
 * bridge (the lab moves port addresses to the bridge)? */
static bool addr_on_dev(const struct topo *t, int node, const char *dev,
			const struct topo_addr *a, char *list, size_t len)
{
	bool found = false;
	char s[64];

	list[0] = '\0';
	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];
		int b = topo_bridge_of_port(t, node, f->ifname);

		if (f->node != node || (strcmp(f->ifname, dev) &&
					(b < 0 || strcmp(t->bridges[b].name, dev))))
			continue;
		for (int j = 0; j < f->naddrs; j++) {
			found |= topo_addr_eq(&f->addrs[j], a);
			snprintf(list + strlen(list), len - strlen(list), "%s%s",
				 list[0] ? ", " : "",
				 topo_addr_str(&f->addrs[j], false, s, sizeof(s)));
		}
	}
	if (!list[0])
		snprintf(list, len, "none");
	return found;
}

static int check_endpoint(const struct topo *t, int i, struct topo_error *err)
{
	const struct topo_endpoint *ep = &t->endpoints[i];
	const char *node = t->nodes[ep->node].name;
	char as[64], list[512];

	topo_addr_str(&ep->addr, false, as, sizeof(as));
	if (!topo_node_has_addr(t, ep->node, &ep->addr))
		return topo_errf_loc(err, &ep->addr_loc,
				     "endpoint address not on the node: '%s', expected an address of node %s (%s)",
				     as, node, topo_node_addrs_str(t, ep->node, list, sizeof(list)));
	if (topo_check_dev(t, ep->node, ep->dev, &ep->dev_loc, err) < 0)
		return -1;
	if (ep->dev[0] && !addr_on_dev(t, ep->node, ep->dev, &ep->addr, list, sizeof(list)))
		return topo_errf_loc(err, &ep->addr_loc,
				     "endpoint address not on its device: '%s', expected an address of %s (%s)",
				     as, ep->dev, list);
	for (int j = 0; j < i; j++) {
		const struct topo_endpoint *o = &t->endpoints[j];

		if (o->node != ep->node)
			continue;
		if (topo_addr_eq(&o->addr, &ep->addr))
			return topo_errf_loc(err, &ep->addr_loc,
					     "duplicate endpoint: '%s', expected one endpoint per address (first at line %d)",
					     as, o->loc.line);
		if (ep->id && o->id == ep->id)
			return topo_errf_loc(err, &ep->id_loc,
					     "duplicate endpoint id: '%d', expected ids unique in the node (first at line %d)",
					     ep->id, o->loc.line);
	}
	return 0;
}

int topo_check_mptcp(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nendpoints; i++)
		if (check_endpoint(t, i, err) < 0)
			return -1;
	return 0;
}
