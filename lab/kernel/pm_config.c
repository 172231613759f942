/* pm_config.c: MPTCP limits and endpoints through the generic-netlink
 * family mptcp_pm (see pm_config.h). Requests are built by pm_msg.c and
 * sent through nlreq, which keeps the kernel's extended-ACK text when it
 * refuses; this file opens the socket and names each request. */
#include "kernel/pm_config.h"
#include "kernel/netns.h"
#include "kernel/nlreq.h"
#include "kernel/pm_int.h"
#include "kernel/pm_msg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mptcp.h>
#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>

int pm_family_resolve(struct nl_sock *sk, struct lab_err *e)
{
	int rc = genl_ctrl_resolve(sk, MPTCP_PM_NAME);

	if (rc < 0)
		return lab_errf(e, -ENOENT,
				"the kernel has no generic-netlink family %s (no MPTCP path manager)",
				MPTCP_PM_NAME);
	return rc;
}

struct open_args {
	struct pm_sock *ps;
	struct lab_err *e;
};

static int open_here(void *arg)
{
	struct open_args *a = arg;
	int rc = nlreq_open(&a->ps->r, NETLINK_GENERIC, a->e);

	if (rc < 0)
		return a->e ? lab_err_prefix(a->e, "mptcp_pm") : rc;
	rc = pm_family_resolve(a->ps->r->sk, a->e);
	if (rc < 0)
		return rc;
	a->ps->family = rc;
	return 0;
}

int pm_open(int nsfd, struct pm_sock **out, struct lab_err *e)
{
	struct pm_sock *ps = calloc(1, sizeof(*ps));
	struct open_args a = { ps, e };
	int rc;

	*out = NULL;
	if (!ps)
		return lab_errf(e, -ENOMEM, "mptcp_pm: out of memory");
	rc = netns_run(nsfd, open_here, &a, e);
	if (rc < 0) {
		pm_close(ps);
		return rc;
	}
	*out = ps;
	return 0;
}

void pm_close(struct pm_sock *ps)
{
	if (!ps)
		return;
	nlreq_close(ps->r);
	free(ps);
}

int pm_xfer(struct pm_sock *ps, struct nl_msg *msg, int built,
	    nl_recvmsg_msg_cb_t on_reply, void *arg, const char *what,
	    struct lab_err *e)
{
	char head[128];
	int rc;

	if (built < 0) {
		nlmsg_free(msg);
		return lab_errf(e, built,
				"mptcp_pm: %s: cannot build the request: %s",
				what, strerror(-built));
	}
	snprintf(head, sizeof(head), "mptcp_pm: %s", what);
	rc = nlreq_query(ps->r, msg, on_reply, arg, e, head);
	nlmsg_free(msg);
	return rc;
}

struct limits {
	uint32_t subflows, add_addr_accepted;
	bool got;
};

static int on_limits(struct nl_msg *msg, void *arg)
{
	struct limits *l = arg;

	if (!pm_msg_parse_limits(nlmsg_hdr(msg), &l->subflows,
				 &l->add_addr_accepted))
		l->got = true;
	return NL_OK;
}

int pm_get_limits(struct pm_sock *ps, int *subflows, int *add_addr_accepted,
		  struct lab_err *e)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct limits l = { 0, 0, false };
	int rc;

	rc = pm_xfer(ps, msg, pm_msg_get_limits(msg, ps->family), on_limits,
		     &l, "GET_LIMITS", e);
	if (rc < 0)
		return rc;
	if (!l.got)
		return lab_errf(e, -EPROTO,
				"mptcp_pm: GET_LIMITS: no limits in the answer");
	*subflows = (int)l.subflows;
	*add_addr_accepted = (int)l.add_addr_accepted;
	return 0;
}

int pm_set_limits(struct pm_sock *ps, int subflows, int add_addr_accepted,
		  struct lab_err *e)
{
	struct nl_msg *msg;
	char what[96];
	int cur_sf, cur_aa, rc;

	if (subflows < 0 || add_addr_accepted < 0) {
		rc = pm_get_limits(ps, &cur_sf, &cur_aa, e);
		if (rc < 0)
			return rc;
		if (subflows < 0)
			subflows = cur_sf;
		if (add_addr_accepted < 0)
			add_addr_accepted = cur_aa;
	}
	snprintf(what, sizeof(what), "SET_LIMITS subflows %d add_addr_accepted %d",
		 subflows, add_addr_accepted);
	msg = nlmsg_alloc();
	return pm_xfer(ps, msg,
		       pm_msg_set_limits(msg, ps->family, subflows,
					 add_addr_accepted),
		       NULL, NULL, what, e);
}

int pm_add_endpoint(struct pm_sock *ps, const struct topo_endpoint *ep,
		    int ifindex, struct lab_err *e)
{
	char what[96], addr[INET6_ADDRSTRLEN] = "?";
	struct nl_msg *msg = nlmsg_alloc();

	inet_ntop(ep->addr.family, ep->addr.bytes, addr, sizeof(addr));
	snprintf(what, sizeof(what), "ADD_ADDR %s", addr);
	return pm_xfer(ps, msg, pm_msg_add_addr(msg, ps->family, ep, ifindex),
		       NULL, NULL, what, e);
}
