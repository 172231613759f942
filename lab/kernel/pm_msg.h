/* pm_msg.h: mptcp_pm generic-netlink requests and replies as messages.
 *
 * Pure code, no sockets: builds requests into a libnl message
 * (genlmsg_put, nla_put_*) and parses replies (attrs.h). pm_config.c and
 * pm_endpoint.c send what is built here through nlreq; tests check the
 * bytes. */
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
/* DEL_ADDR: the address and (if > 0) the id the kernel deletes by. */
int pm_msg_del_addr(struct nl_msg *msg, int family_id,
		    const struct topo_addr *a, int id);
/* SET_FLAGS: the address and its new flags (0 clears them). */
int pm_msg_set_flags(struct nl_msg *msg, int family_id,
		     const struct topo_addr *a, uint32_t flags);
/* GET_ADDR as a dump of every endpoint (NLM_F_REQUEST | NLM_F_DUMP). */
int pm_msg_get_addrs(struct nl_msg *msg, int family_id);

/* A GET_LIMITS reply: 0, or -EINVAL if malformed or a limit is missing. */
int pm_msg_parse_limits(const struct nlmsghdr *nlh, uint32_t *subflows,
			uint32_t *add_addr_accepted);

/* One endpoint of a GET_ADDR answer: its address (plen 32/128) and id.
 * 0, or -EINVAL if malformed or the address or id is missing. */
int pm_msg_parse_addr(const struct nlmsghdr *nlh, struct topo_addr *a,
		      int *id);

#endif
