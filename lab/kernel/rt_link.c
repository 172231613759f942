/* rt_link.c: veth pairs, bridges, link flags (see rt_link.h).
 * Messages are built with libnl's nlmsg/nla API rather than rtnl_link
 * objects, because the peer's namespace fd must sit inside the nested
 * VETH_INFO_PEER header, which rtnl_link_veth does not expose. */
#include "kernel/rt_link.h"

#include <errno.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/route/link.h>

static struct nl_msg *newlink_msg(int flags, int ifindex, bool up)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
		.ifi_flags = up ? IFF_UP : 0,
		.ifi_change = up ? IFF_UP : 0,
	};
	struct nl_msg *m = nlmsg_alloc_simple(RTM_NEWLINK, flags);

	if (m && nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* IFLA_LINKINFO { KIND veth, DATA { VETH_INFO_PEER { ifinfomsg, IFNAME,
 * NET_NS_FD } } } */
static int put_veth_info(struct nl_msg *m, const char *peer, int peer_nsfd)
{
	/* The peer cannot be brought up here: veth_open() refuses
	 * (ENOTCONN) until both ends are tied, which happens after the peer
	 * is configured. The caller raises it with rt_link_up_name(). */
	struct ifinfomsg pifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *info, *data, *p;

	if (!(info = nla_nest_start(m, IFLA_LINKINFO)) ||
	    nla_put_string(m, IFLA_INFO_KIND, "veth") < 0 ||
	    !(data = nla_nest_start(m, IFLA_INFO_DATA)) ||
	    !(p = nla_nest_start(m, VETH_INFO_PEER)) ||
	    nlmsg_append(m, &pifi, sizeof(pifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(m, IFLA_IFNAME, peer) < 0 ||
	    (peer_nsfd >= 0 && nla_put_u32(m, IFLA_NET_NS_FD, peer_nsfd) < 0))
		return -ENOMEM;
	nla_nest_end(m, p);
	nla_nest_end(m, data);
	nla_nest_end(m, info);
	return 0;
}

int rt_link_veth(struct nlreq *r, const char *name, int master,
		 const char *peer, int peer_nsfd, struct lab_err *e)
{
	struct nl_msg *m = newlink_msg(NLM_F_CREATE | NLM_F_EXCL, 0, true);
	char what[64];
	int err;

	snprintf(what, sizeof(what), "add veth %s/%s", name, peer);
	if (!m || nla_put_string(m, IFLA_IFNAME, name) < 0 ||
	    (master > 0 && nla_put_u32(m, IFLA_MASTER, master) < 0) ||
	    put_veth_info(m, peer, peer_nsfd) < 0) {
		nlmsg_free(m);
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	}
	err = nlreq_send(r, m, e, what);
	nlmsg_free(m);
	return err;
}

int rt_link_bridge(struct nlreq *r, const char *name, struct lab_err *e)
{
	struct nl_msg *m = newlink_msg(NLM_F_CREATE | NLM_F_EXCL, 0, true);
	struct nlattr *info;
	char what[64];
	int err;

	snprintf(what, sizeof(what), "add bridge %s", name);
	if (!m || nla_put_string(m, IFLA_IFNAME, name) < 0 ||
	    !(info = nla_nest_start(m, IFLA_LINKINFO)) ||
	    nla_put_string(m, IFLA_INFO_KIND, "bridge") < 0) {
		nlmsg_free(m);
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	}
	nla_nest_end(m, info);
	err = nlreq_send(r, m, e, what);
	nlmsg_free(m);
	return err;
}

int rt_link_set(struct nlreq *r, int ifindex, int master, bool up,
		struct lab_err *e)
{
	struct nl_msg *m = newlink_msg(0, ifindex, up);
	char what[64];
	int err;

	snprintf(what, sizeof(what), "set link %d%s%s", ifindex,
		 master > 0 ? " master" : "", up ? " up" : "");
	if (!m || (master > 0 && nla_put_u32(m, IFLA_MASTER, master) < 0)) {
		nlmsg_free(m);
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	}
	err = nlreq_send(r, m, e, what);
	nlmsg_free(m);
	return err;
}

int rt_link_up_name(struct nlreq *r, const char *name, struct lab_err *e)
{
	struct nl_msg *m = newlink_msg(0, 0, true);
	char what[64];
	int err;

	snprintf(what, sizeof(what), "set link %s up", name);
	if (!m || nla_put_string(m, IFLA_IFNAME, name) < 0) {
		nlmsg_free(m);
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	}
	err = nlreq_send(r, m, e, what);
	nlmsg_free(m);
	return err;
}

int rt_link_index(struct nlreq *r, const char *name, struct lab_err *e)
{
	struct rtnl_link *link = NULL;
	int err, idx;
	char what[64];

	nlreq_begin(r);
	err = rtnl_link_get_kernel(r->sk, 0, name, &link);
	if (err < 0) {
		/* rtnl_link_get_kernel() installs its own error callback, so
		 * the answer comes back only as a libnl code. */
		if (err == -NLE_NODEV || err == -NLE_OBJ_NOTFOUND ||
		    r->last_errno == ENODEV)
			return -ENODEV;
		snprintf(what, sizeof(what), "look up link %s", name);
		return nlreq_fail(r, err, e, what);
	}
	idx = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return idx;
}

int rt_link_set_state(struct nlreq *r, int ifindex, bool up,
		      struct lab_err *e)
{
	struct nl_msg *m = newlink_msg(0, ifindex, up);
	struct ifinfomsg *ifi;
	char what[64];
	int err;

	if (!m)
		return lab_errf(e, -ENOMEM, "out of memory");
	/* IFF_UP in ifi_change with it clear in ifi_flags: down */
	ifi = nlmsg_data(nlmsg_hdr(m));
	ifi->ifi_change = IFF_UP;
	snprintf(what, sizeof(what), "set link %d %s", ifindex,
		 up ? "up" : "down");
	err = nlreq_send(r, m, e, what);
	nlmsg_free(m);
	return err;
}
