/* pm_msg.h: mptcp_pm generic-netlink requests and replies as messages.
 *
 * Pure code, no sockets: builds SET_LIMITS, GET_LIMITS and ADD_ADDR
 * requests into a libnl message (genlmsg_put, nla_put_*) and parses a
 * GET_LIMITS reply (attrs.h). pm_config.c sends what is built here through
 * nlreq; tests check the bytes. */
#ifndef LAB_PM_MSG_H
#define LAB_PM_MSG_H

#include <linux/netlink.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "topo/topo.h"

/* Each builder writes one request into msg, empty from nlmsg_alloc()
 * (nlmsg_type family_id, flags NLM_F_REQUEST | NLM_F_ACK, seq and port 0
 * so the sender fills them). Returns 0, -ENOMEM if msg is NULL, -ENOSPC
 * if it is too small (nlmsg_alloc_size), -EINVAL for an endpoint without
 * an IPv4/IPv6 address. */
int pm_msg_set_limits(struct nl_msg *msg, int family_id, uint32_t subflows,
		      uint32_t add_addr_accepted);
int pm_msg_get_limits(struct nl_msg *msg, int family_id);
int pm_msg_add_addr(struct nl_msg *msg, int family_id,
		    const struct topo_endpoint *ep, int ifindex);

/* A GET_LIMITS reply: 0, or -EINVAL if malformed or a limit is missing. */
int pm_msg_parse_limits(const struct nlmsghdr *nlh, uint32_t *subflows,
			uint32_t *add_addr_accepted);

#endif
