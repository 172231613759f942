/* rt_route.h: static routes through rtnetlink (rtnl_route), single path
 * or multipath, in the main table, as `ip route add` makes them. */
#ifndef LAB_RT_ROUTE_H
#define LAB_RT_ROUTE_H

#include "util/err.h"
#include "kernel/nlreq.h"
#include "topo/topo.h"

/* Add rt in r's namespace. oif[i] is the ifindex of rt->nh[i].dev (0 if
 * the nexthop names no device), resolved by the caller inside the node.
 * Weights are given as `ip route ... weight N` takes them (1..256); the
 * kernel (and libnl's rtnl_route_nh_set_weight) want rtnh_hops = N - 1. */
int rt_route_add(struct nlreq *r, const struct topo_route *rt,
		 const int *oif, struct lab_err *e);

/* What `ip route weight N` becomes in rtnh_hops (pure; unit-tested). */
static inline int rt_route_hops(int weight)
{
	return weight > 0 ? weight - 1 : 0;
}

#endif
