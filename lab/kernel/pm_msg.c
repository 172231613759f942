/* pm_msg.c: mptcp_pm requests and replies (see pm_msg.h). */
#include "kernel/pm_msg.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <linux/mptcp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kernel/attrs.h"

static int start(struct nl_msg *msg, int family_id, uint8_t cmd)
{
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd, MPTCP_PM_VER))
		return -ENOSPC;
	return 0;
}

int pm_msg_set_limits(struct nl_msg *msg, int family_id, uint32_t subflows,
		      uint32_t add_addr_accepted)
{
	int err = start(msg, family_id, MPTCP_PM_CMD_SET_LIMITS);

	if (err)
		return err;
	if (nla_put_u32(msg, MPTCP_PM_ATTR_RCV_ADD_ADDRS, add_addr_accepted) < 0 ||
	    nla_put_u32(msg, MPTCP_PM_ATTR_SUBFLOWS, subflows) < 0)
		return -ENOSPC;
	return 0;
}

int pm_msg_get_limits(struct nl_msg *msg, int family_id)
{
	return start(msg, family_id, MPTCP_PM_CMD_GET_LIMITS);
}

/* The nested MPTCP_PM_ATTR_ADDR the kernel expects (NLA_F_NESTED set, as
 * its strict policy wants): family and address always; id, port, flags
 * and if_idx only when set, as `ip mptcp endpoint add` sends them. The
 * port is host order (the kernel converts). */
int pm_msg_add_addr(struct nl_msg *msg, int family_id,
		    const struct topo_endpoint *ep, int ifindex)
{
	bool v4 = ep->addr.family == AF_INET;
	struct nlattr *nest;
	int err;

	if (!v4 && ep->addr.family != AF_INET6)
		return -EINVAL;
	if ((err = start(msg, family_id, MPTCP_PM_CMD_ADD_ADDR)))
		return err;
	if (!(nest = nla_nest_start(msg, MPTCP_PM_ATTR_ADDR | NLA_F_NESTED)) ||
	    nla_put_u16(msg, MPTCP_PM_ADDR_ATTR_FAMILY, ep->addr.family) < 0 ||
	    nla_put(msg, v4 ? MPTCP_PM_ADDR_ATTR_ADDR4 : MPTCP_PM_ADDR_ATTR_ADDR6,
		    v4 ? 4 : 16, ep->addr.bytes) < 0 ||
	    (ep->id > 0 && nla_put_u8(msg, MPTCP_PM_ADDR_ATTR_ID, ep->id) < 0) ||
	    (ep->port > 0 &&
	     nla_put_u16(msg, MPTCP_PM_ADDR_ATTR_PORT, ep->port) < 0) ||
	    (ep->flags &&
	     nla_put_u32(msg, MPTCP_PM_ADDR_ATTR_FLAGS, ep->flags) < 0) ||
	    (ifindex > 0 &&
	     nla_put_u32(msg, MPTCP_PM_ADDR_ATTR_IF_IDX, (uint32_t)ifindex) < 0) ||
	    nla_nest_end(msg, nest) < 0)
		return -ENOSPC;
	return 0;
}

int pm_msg_parse_limits(const struct nlmsghdr *nlh, uint32_t *subflows,
			uint32_t *add_addr_accepted)
{
	static struct nla_policy policy[MPTCP_PM_ATTR_MAX + 1] = {
		[MPTCP_PM_ATTR_RCV_ADD_ADDRS] = { .type = NLA_U32, .maxlen = 4 },
		[MPTCP_PM_ATTR_SUBFLOWS] = { .type = NLA_U32, .maxlen = 4 },
	};
	struct nlattr *tb[MPTCP_PM_ATTR_MAX + 1];

	if (attrs_genl_parse(nlh, tb, MPTCP_PM_ATTR_MAX, policy) < 0 ||
	    !tb[MPTCP_PM_ATTR_SUBFLOWS] || !tb[MPTCP_PM_ATTR_RCV_ADD_ADDRS])
		return -EINVAL;
	*subflows = nla_get_u32(tb[MPTCP_PM_ATTR_SUBFLOWS]);
	*add_addr_accepted = nla_get_u32(tb[MPTCP_PM_ATTR_RCV_ADD_ADDRS]);
	return 0;
}
