/* topo_check_mptcp.c: semantic checks of MPTCP endpoints: the address is
 * the node's (on the named device, if any), the device exists, addresses
 * and ids are unique per node. Limits and flag combinations are checked
 * by the parser, where the words are. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Is a on dev of node: on that member interface, or on a port of that
 * bridge (the lab moves port addresses to the bridge)? Lists dev's
 * addresses for the message (scanning: only for the error). */
static bool list_dev_addrs(const struct topo *t, int node, const char *dev,
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

/* The same in O(1): the member that has a is dev or a port of it. */
static bool addr_on_dev(const struct topo *t, int node, const char *dev,
			const struct topo_addr *a)
{
	unsigned char key[TOPO_ADDR_KEY];
	int f, b;

	if (!t->index || !t->index->built) {
		char buf[8];

		return list_dev_addrs(t, node, dev, a, buf, sizeof(buf));
	}
	f = topo_map_get(&t->index->addrs, node, key, topo_addr_key(a, 0, key));
	if (f < 0)
		return false;
	if (!strcmp(t->ifaces[f].ifname, dev))
		return true;
	b = topo_bridge_of_port(t, node, t->ifaces[f].ifname);
	return b >= 0 && !strcmp(t->bridges[b].name, dev);
}

/* Endpoints of one node: unique addresses, unique ids. */
struct ep_seen {
	struct topo_map addrs;	/* (node, address) -> endpoint */
	struct topo_map ids;	/* (node, id) -> endpoint */
};

static int check_endpoint(const struct topo *t, int i, struct ep_seen *seen,
			  struct topo_error *err)
{
	unsigned char key[TOPO_ADDR_KEY];
	int j;
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
	if (ep->dev[0] && !addr_on_dev(t, ep->node, ep->dev, &ep->addr) &&
	    !list_dev_addrs(t, ep->node, ep->dev, &ep->addr, list, sizeof(list)))
		return topo_errf_loc(err, &ep->addr_loc,
				     "endpoint address not on its device: '%s', expected an address of %s (%s)",
				     as, ep->dev, list);
	j = topo_map_put(&seen->addrs, ep->node, key,
			 topo_addr_key(&ep->addr, 0, key), i);
	if (j >= 0)
		return topo_errf_loc(err, &ep->addr_loc,
				     "duplicate endpoint: '%s', expected one endpoint per address (first at line %d)",
				     as, t->endpoints[j].loc.line);
	if (j == -1 && ep->id)
		j = topo_map_put(&seen->ids, ep->node, &ep->id, sizeof(ep->id), i);
	if (j >= 0)
		return topo_errf_loc(err, &ep->id_loc,
				     "duplicate endpoint id: '%d', expected ids unique in the node (first at line %d)",
				     ep->id, t->endpoints[j].loc.line);
	if (j == TOPO_MAP_NOMEM)
		return topo_errf_loc(err, &ep->loc, "out of memory");
	return 0;
}

/* The in-kernel path manager keeps at most MPTCP_PM_ADDR_MAX (8)
 * endpoints per namespace (net/mptcp/pm_netlink.c: the ninth gives
 * ERANGE, "too many addresses or duplicate one"; checked on 6.18). */
#define PM_ADDR_MAX 8

int topo_check_mptcp(struct topo *t, struct topo_error *err)
{
	struct ep_seen seen = { 0 };
	int *count = calloc(t->nnodes ? t->nnodes : 1, sizeof(*count));
	int rc = count ? 0 : topo_errf(err, t->file, 0, 0, "out of memory");

	for (int i = 0; i < t->nendpoints && !rc; i++) {
		const struct topo_endpoint *ep = &t->endpoints[i];
		char as[64];

		rc = check_endpoint(t, i, &seen, err);
		if (!rc && ++count[ep->node] > PM_ADDR_MAX)
			rc = topo_errf_loc(err, &ep->addr_loc,
					   "too many endpoints: '%s', expected at most %d in a node (the kernel's path manager keeps %d)",
					   topo_addr_str(&ep->addr, false, as, sizeof(as)),
					   PM_ADDR_MAX, PM_ADDR_MAX);
	}
	free(count);
	topo_map_free(&seen.addrs);
	topo_map_free(&seen.ids);
	return rc;
}
