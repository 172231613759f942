/* rt_route.c: static routes (see rt_route.h). */
#include "kernel/rt_route.h"

#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/route/route.h>
#include <netlink/route/nexthop.h>

#include "kernel/rt_addr.h"

static int add_nexthop(struct rtnl_route *route, const struct topo_route *rt,
		       int i, int oif)
{
	const struct topo_nexthop *nh = &rt->nh[i];
	struct rtnl_nexthop *rnh = rtnl_route_nh_alloc();

	if (!rnh)
		return -ENOMEM;
	if (nh->via.family) {
		struct nl_addr *gw = rt_addr_from_topo(&nh->via);

		if (!gw) {
			rtnl_route_nh_free(rnh);
			return -ENOMEM;
		}
		nl_addr_set_prefixlen(gw, nh->via.family == AF_INET6 ? 128 : 32);
		rtnl_route_nh_set_gateway(rnh, gw);
		nl_addr_put(gw);
	}
	if (oif > 0)
		rtnl_route_nh_set_ifindex(rnh, oif);
	if (rt->multipath)
		rtnl_route_nh_set_weight(rnh, rt_route_hops(nh->weight));
	rtnl_route_add_nexthop(route, rnh);	/* route owns rnh now */
	return 0;
}

/* Like iproute2: a route with no gateway at all is scope link (IPv4). */
static int route_scope(const struct topo_route *rt)
{
	if (rt->dst.family == AF_INET6)
		return RT_SCOPE_UNIVERSE;
	for (int i = 0; i < rt->nnh; i++)
		if (rt->nh[i].via.family)
			return RT_SCOPE_UNIVERSE;
	return RT_SCOPE_LINK;
}

static int build(struct rtnl_route *route, const struct topo_route *rt,
		 const int *oif)
{
	struct nl_addr *dst = rt_addr_from_topo(&rt->dst);
	int err = 0;

	if (!dst)
		return -ENOMEM;
	rtnl_route_set_family(route, rt->dst.family);
	rtnl_route_set_table(route, RT_TABLE_MAIN);
	rtnl_route_set_protocol(route, RTPROT_BOOT);
	rtnl_route_set_type(route, RTN_UNICAST);
	rtnl_route_set_scope(route, route_scope(rt));
	if (rtnl_route_set_dst(route, dst) < 0)
		err = -EINVAL;
	nl_addr_put(dst);
	if (!err && rt->has_metric)
		rtnl_route_set_priority(route, rt->metric);
	if (!err && rt->src.family) {
		struct nl_addr *src = rt_addr_from_topo(&rt->src);

		if (!src)
			return -ENOMEM;
		nl_addr_set_prefixlen(src, rt->src.family == AF_INET6 ? 128 : 32);
		if (rtnl_route_set_pref_src(route, src) < 0)
			err = -EINVAL;
		nl_addr_put(src);
	}
	for (int i = 0; !err && i < rt->nnh; i++)
		err = add_nexthop(route, rt, i, oif[i]);
	return err;
}

int rt_route_add(struct nlreq *r, const struct topo_route *rt,
		 const int *oif, struct lab_err *e)
{
	struct rtnl_route *route = rtnl_route_alloc();
	char what[96], txt[64];
	int err;

	snprintf(what, sizeof(what), "add route %s",
		 rt->is_default ? "default" :
		 topo_addr_str(&rt->dst, true, txt, sizeof(txt)));
	if (!route)
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	err = build(route, rt, oif);
	if (err < 0) {
		rtnl_route_put(route);
		return lab_errf(e, err, "%s: cannot build the request", what);
	}
	nlreq_begin(r);
	err = rtnl_route_add(r->sk, route, NLM_F_EXCL);
	rtnl_route_put(route);
	return err < 0 ? nlreq_fail(r, err, e, what) : 0;
}
