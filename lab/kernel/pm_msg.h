/* pm_msg.h: the bytes of mptcp_pm generic-netlink requests and replies.
 *
 * Pure code, no sockets and no libnl: builds SET_LIMITS, GET_LIMITS and
 * ADD_ADDR requests into a caller's buffer, parses a GET_LIMITS reply and
 * finds the kernel's extended-ACK text in an NLMSG_ERROR message.
 * pm_config.c sends what is built here; tests check the bytes. */
#ifndef LAB_PM_MSG_H
#define LAB_PM_MSG_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>

#include "topo/topo.h"

/* Big enough for any request built here. */
#define PM_MSG_MAX 256

/* Each builder writes one netlink message (nlmsg_type family_id, flags
 * NLM_F_REQUEST | NLM_F_ACK, seq and pid 0 so the sender fills them) and
 * returns its length, or -ENOSPC if buf is too small, -EINVAL for an
 * endpoint without an IPv4/IPv6 address. */
int pm_msg_set_limits(void *buf, size_t len, int family_id,
		      uint32_t subflows, uint32_t add_addr_accepted);
int pm_msg_get_limits(void *buf, size_t len, int family_id);
int pm_msg_add_addr(void *buf, size_t len, int family_id,
		    const struct topo_endpoint *ep, int ifindex);

/* A GET_LIMITS reply: 0, or -EINVAL if malformed or a limit is missing. */
int pm_msg_parse_limits(const struct nlmsghdr *nlh, uint32_t *subflows,
			uint32_t *add_addr_accepted);

/* The NLMSGERR_ATTR_MSG text of an NLMSG_ERROR message, or NULL if the
 * kernel sent none (or the message is malformed). Points into nlh. */
const char *pm_msg_ext_ack(const struct nlmsghdr *nlh);

#endif
