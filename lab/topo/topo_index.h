/* topo_index.h: lookup tables over a struct topo (private to lab/topo).
 *
 * The parser keeps node and network names in one (every member line and
 * step looks its node up); topo_check() builds the rest before its
 * checks, so that each lookup is O(1) on average: interfaces and bridges by
 * (node, name), bridge ports, the node owning an address, and the
 * subnets each node is connected to. A struct topo built by hand has no
 * index; the lookups in topo_util.c then scan the arrays. */
#ifndef LAB_TOPO_INDEX_H
#define LAB_TOPO_INDEX_H

#include <stdbool.h>

#include "topo/topo.h"
#include "topo/topo_map.h"

struct topo_index {
	struct topo_map nodes;		/* (0, name) -> node */
	struct topo_map nets;		/* (0, name) -> network */
	struct topo_map limits;		/* (node, "") -> its mptcp limits */
	/* filled by topo_index_build() */
	bool built;
	struct topo_map ifaces;		/* (node, ifname) -> first member */
	struct topo_map bridges;	/* (node, name) -> first bridge */
	struct topo_map ports;		/* (node, port) -> first bridge with it */
	struct topo_map addrs;		/* (node, address) -> first member */
	struct topo_map subnets;	/* (node, subnet) -> a member on it */
	bool plen4[33], plen6[129];	/* subnet lengths in the file */
};

/* t->index, created empty if there is none; NULL if memory ran out. */
struct topo_index *topo_index_get(struct topo *t);
/* (Re)build the tables topo_check() uses. 0, or -1 out of memory. */
int topo_index_build(struct topo *t);
void topo_index_free(struct topo_index *x);

/* Is a on a subnet node is connected to (any device)? */
bool topo_index_connected(const struct topo *t, int node,
			  const struct topo_addr *a);
/* The prefix length of the longest subnet of node that holds a, or -1. */
int topo_index_subnet_plen(const struct topo *t, int node,
			   const struct topo_addr *a);
/* A member of node on a network whose subnet is exactly p, or -1. */
int topo_index_member_on(const struct topo *t, int node,
			 const struct topo_addr *p);

#endif
