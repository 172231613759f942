/* pm_config.h: MPTCP path-manager configuration through the generic
 * netlink family "mptcp_pm" (linux/mptcp.h), inside one namespace.
 *
 * A struct pm_sock is a genl socket (nlreq.h) opened inside a node's
 * network namespace (settings are per namespace). Refusals carry the
 * kernel's extended-ACK text in the lab_err message. The requests are
 * built by pm_msg.c (pure, unit-tested). */
#ifndef LAB_PM_CONFIG_H
#define LAB_PM_CONFIG_H

#include <netlink/socket.h>

#include "util/err.h"
#include "topo/topo.h"

struct pm_sock;

/* Open a socket in the namespace nsfd (-1: the caller's) and resolve the
 * family. -ENOENT: the kernel has no mptcp_pm family (no MPTCP). */
int pm_open(int nsfd, struct pm_sock **out, struct lab_err *e);
void pm_close(struct pm_sock *ps);

/* -1 leaves a limit as it is (the current value is read first, so the
 * request always carries both). A refusal: "mptcp_pm: SET_LIMITS ...:
 * <strerror> (kernel: <extended-ACK text>)". */
int pm_set_limits(struct pm_sock *ps, int subflows, int add_addr_accepted,
		  struct lab_err *e);
int pm_get_limits(struct pm_sock *ps, int *subflows, int *add_addr_accepted,
		  struct lab_err *e);

/* The number of the mptcp_pm family on sk (a generic-netlink socket),
 * or -ENOENT with e saying the kernel has no MPTCP path manager. */
int pm_family_resolve(struct nl_sock *sk, struct lab_err *e);

/* Add one endpoint; ifindex 0 = no device (ep->dev resolved by caller). */
int pm_add_endpoint(struct pm_sock *ps, const struct topo_endpoint *ep,
		    int ifindex, struct lab_err *e);

#endif
