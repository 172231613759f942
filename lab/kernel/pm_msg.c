/* pm_msg.c: mptcp_pm requests and replies (see pm_msg.h). */
#include "kernel/pm_msg.h"

#include <errno.h>
#include <string.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <linux/mptcp.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kernel/attrs.h"

static int start_flags(struct nl_msg *msg, int family_id, uint8_t cmd,
		       int flags)
{
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family_id, 0, flags,
			 cmd, MPTCP_PM_VER))
		return -ENOSPC;
	return 0;
}

static int start(struct nl_msg *msg, int family_id, uint8_t cmd)
{
	return start_flags(msg, family_id, cmd, NLM_F_REQUEST | NLM_F_ACK);
}

/* What goes into the nested MPTCP_PM_ATTR_ADDR besides the address. */
struct addr_extra {
	int id, port, ifindex;	/* each only when > 0 */
	bool with_flags;	/* SET_FLAGS sends 0 to clear */
	uint32_t flags;
};

/* The nested MPTCP_PM_ATTR_ADDR the kernel expects (NLA_F_NESTED set, as
 * its strict policy wants): family and address always, the rest only
 * when set, as `ip mptcp endpoint` sends them. The port is host order
 * (the kernel converts). */
static int put_addr(struct nl_msg *msg, const struct topo_addr *a,
		    const struct addr_extra *x)
{
	bool v4 = a->family == AF_INET;
	struct nlattr *nest;

	if (!(nest = nla_nest_start(msg, MPTCP_PM_ATTR_ADDR | NLA_F_NESTED)) ||
	    nla_put_u16(msg, MPTCP_PM_ADDR_ATTR_FAMILY, a->family) < 0 ||
	    nla_put(msg, v4 ? MPTCP_PM_ADDR_ATTR_ADDR4 : MPTCP_PM_ADDR_ATTR_ADDR6,
		    v4 ? 4 : 16, a->bytes) < 0 ||
	    (x->id > 0 && nla_put_u8(msg, MPTCP_PM_ADDR_ATTR_ID, x->id) < 0) ||
	    (x->port > 0 &&
	     nla_put_u16(msg, MPTCP_PM_ADDR_ATTR_PORT, x->port) < 0) ||
	    (x->with_flags &&
	     nla_put_u32(msg, MPTCP_PM_ADDR_ATTR_FLAGS, x->flags) < 0) ||
	    (x->ifindex > 0 &&
	     nla_put_u32(msg, MPTCP_PM_ADDR_ATTR_IF_IDX, x->ifindex) < 0) ||
	    nla_nest_end(msg, nest) < 0)
		return -ENOSPC;
	return 0;
}

static bool is_ip(const struct topo_addr *a)
{
	return a->family == AF_INET || a->family == AF_INET6;
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

int pm_msg_add_addr(struct nl_msg *msg, int family_id,
		    const struct topo_endpoint *ep, int ifindex)
{
	struct addr_extra x = { ep->id, ep->port, ifindex, ep->flags != 0,
				ep->flags };
	int err;

	if (!is_ip(&ep->addr))
		return -EINVAL;
	if ((err = start(msg, family_id, MPTCP_PM_CMD_ADD_ADDR)))
		return err;
	return put_addr(msg, &ep->addr, &x);
}

int pm_msg_del_addr(struct nl_msg *msg, int family_id,
		    const struct topo_addr *a, int id)
{
	struct addr_extra x = { .id = id };
	int err;

	if (!is_ip(a))
		return -EINVAL;
	if ((err = start(msg, family_id, MPTCP_PM_CMD_DEL_ADDR)))
		return err;
	return put_addr(msg, a, &x);
}

int pm_msg_set_flags(struct nl_msg *msg, int family_id,
		     const struct topo_addr *a, uint32_t flags)
{
	struct addr_extra x = { .with_flags = true, .flags = flags };
	int err;

	if (!is_ip(a))
		return -EINVAL;
	if ((err = start(msg, family_id, MPTCP_PM_CMD_SET_FLAGS)))
		return err;
	return put_addr(msg, a, &x);
}

int pm_msg_get_addrs(struct nl_msg *msg, int family_id)
{
	return start_flags(msg, family_id, MPTCP_PM_CMD_GET_ADDR,
			   NLM_F_REQUEST | NLM_F_DUMP);
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

int pm_msg_parse_addr(const struct nlmsghdr *nlh, struct topo_addr *a,
		      int *id)
{
	static struct nla_policy policy[MPTCP_PM_ATTR_MAX + 1] = {
		[MPTCP_PM_ATTR_ADDR] = { .type = NLA_NESTED },
	};
	static struct nla_policy addr_policy[MPTCP_PM_ADDR_ATTR_MAX + 1] = {
		[MPTCP_PM_ADDR_ATTR_FAMILY] = { .type = NLA_U16, .maxlen = 2 },
		[MPTCP_PM_ADDR_ATTR_ID] = { .type = NLA_U8, .maxlen = 1 },
		[MPTCP_PM_ADDR_ATTR_ADDR4] = { .minlen = 4, .maxlen = 4 },
		[MPTCP_PM_ADDR_ATTR_ADDR6] = { .minlen = 16, .maxlen = 16 },
	};
	struct nlattr *tb[MPTCP_PM_ATTR_MAX + 1];
	struct nlattr *ab[MPTCP_PM_ADDR_ATTR_MAX + 1];
	struct nlattr *bytes;

	memset(a, 0, sizeof(*a));
	if (attrs_genl_parse(nlh, tb, MPTCP_PM_ATTR_MAX, policy) < 0 ||
	    !tb[MPTCP_PM_ATTR_ADDR] ||
	    attrs_nested_parse(ab, MPTCP_PM_ADDR_ATTR_MAX,
			       tb[MPTCP_PM_ATTR_ADDR], addr_policy) < 0 ||
	    !ab[MPTCP_PM_ADDR_ATTR_FAMILY] || !ab[MPTCP_PM_ADDR_ATTR_ID])
		return -EINVAL;
	a->family = nla_get_u16(ab[MPTCP_PM_ADDR_ATTR_FAMILY]);
	bytes = ab[a->family == AF_INET ? MPTCP_PM_ADDR_ATTR_ADDR4 :
				      MPTCP_PM_ADDR_ATTR_ADDR6];
	if (!is_ip(a) || !bytes)
		return -EINVAL;
	memcpy(a->bytes, nla_data(bytes), nla_len(bytes));
	a->plen = a->family == AF_INET ? 32 : 128;
	*id = nla_get_u8(ab[MPTCP_PM_ADDR_ATTR_ID]);
	return 0;
}
