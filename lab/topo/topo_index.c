/* topo_index.c: lookup tables over a struct topo (see topo_index.h). */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct topo_index *topo_index_get(struct topo *t)
{
	if (!t->index)
		t->index = calloc(1, sizeof(*t->index));
	return t->index;
}

static void free_built(struct topo_index *x)
{
	topo_map_free(&x->ifaces);
	topo_map_free(&x->bridges);
	topo_map_free(&x->ports);
	topo_map_free(&x->addrs);
	topo_map_free(&x->subnets);
	memset(x->plen4, 0, sizeof(x->plen4));
	memset(x->plen6, 0, sizeof(x->plen6));
	x->built = false;
}

void topo_index_free(struct topo_index *x)
{
	if (!x)
		return;
	free_built(x);
	topo_map_free(&x->nodes);
	topo_map_free(&x->nets);
	topo_map_free(&x->limits);
	free(x);
}

/* a with its host bits (beyond plen) cleared, as key bytes. */
static size_t prefix_key(const struct topo_addr *a, int plen,
			 unsigned char key[TOPO_ADDR_KEY])
{
	struct topo_addr p = *a;

	for (int i = plen; i < topo_addr_bits(&p); i++)
		p.bytes[i / 8] &= ~(0x80 >> (i % 8));
	return topo_addr_key(&p, plen, key);
}

static int add_subnet(struct topo_index *x, int node, int member,
		      const struct topo_addr *sub)
{
	unsigned char key[TOPO_ADDR_KEY];

	if (!sub->family)
		return 0;
	if (sub->family == AF_INET)
		x->plen4[sub->plen] = true;
	else
		x->plen6[sub->plen] = true;
	prefix_key(sub, sub->plen, key);
	return topo_map_put(&x->subnets, node, key, sizeof(key), member);
}

static int build_members(const struct topo *t, struct topo_index *x)
{
	unsigned char key[TOPO_ADDR_KEY];

	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];
		const struct topo_net *n = &t->nets[f->net];

		if (topo_map_puts(&x->ifaces, f->node, f->ifname, i) == TOPO_MAP_NOMEM ||
		    add_subnet(x, f->node, i, &n->subnet4) == TOPO_MAP_NOMEM ||
		    add_subnet(x, f->node, i, &n->subnet6) == TOPO_MAP_NOMEM)
			return -1;
		for (int k = 0; k < f->naddrs; k++)
			if (topo_map_put(&x->addrs, f->node, key,
					 topo_addr_key(&f->addrs[k], 0, key), i) ==
			    TOPO_MAP_NOMEM)
				return -1;
	}
	return 0;
}

static int build_bridges(const struct topo *t, struct topo_index *x)
{
	for (int b = 0; b < t->nbridges; b++) {
		const struct topo_bridge *br = &t->bridges[b];

		if (topo_map_puts(&x->bridges, br->node, br->name, b) == TOPO_MAP_NOMEM)
			return -1;
		for (int p = 0; p < br->nports; p++)
			if (topo_map_puts(&x->ports, br->node, br->ports[p], b) ==
			    TOPO_MAP_NOMEM)
				return -1;
	}
	return 0;
}

/* The parser keeps these as it goes; a struct topo made otherwise (or
 * changed since) gets them here. */
static int build_names(const struct topo *t, struct topo_index *x)
{
	if (x->nodes.n != (size_t)t->nnodes) {
		topo_map_free(&x->nodes);
		for (int i = 0; i < t->nnodes; i++)
			if (topo_map_puts(&x->nodes, 0, t->nodes[i].name, i) == TOPO_MAP_NOMEM)
				return -1;
	}
	if (x->nets.n != (size_t)t->nnets) {
		topo_map_free(&x->nets);
		for (int i = 0; i < t->nnets; i++)
			if (topo_map_puts(&x->nets, 0, t->nets[i].name, i) == TOPO_MAP_NOMEM)
				return -1;
	}
	return 0;
}

int topo_index_build(struct topo *t)
{
	struct topo_index *x = topo_index_get(t);

	if (!x)
		return -1;
	free_built(x);
	if (build_names(t, x) < 0 || build_members(t, x) < 0 ||
	    build_bridges(t, x) < 0) {
		free_built(x);
		return -1;
	}
	x->built = true;
	return 0;
}

int topo_index_subnet_plen(const struct topo *t, int node,
			   const struct topo_addr *a)
{
	const struct topo_index *x = t->index;
	const bool *plens = a->family == AF_INET ? x->plen4 : x->plen6;
	unsigned char key[TOPO_ADDR_KEY];

	/* at most 129 lookups, whatever the number of networks */
	for (int plen = topo_addr_bits(a); plen >= 0; plen--)
		if (plens[plen] &&
		    topo_map_get(&x->subnets, node, key,
				 prefix_key(a, plen, key)) >= 0)
			return plen;
	return -1;
}

bool topo_index_connected(const struct topo *t, int node,
			  const struct topo_addr *a)
{
	return topo_index_subnet_plen(t, node, a) >= 0;
}

int topo_index_member_on(const struct topo *t, int node,
			 const struct topo_addr *p)
{
	unsigned char key[TOPO_ADDR_KEY];

	return topo_map_get(&t->index->subnets, node, key,
			    prefix_key(p, p->plen, key));
}
