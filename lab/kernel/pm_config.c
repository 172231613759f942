/* pm_config.c: MPTCP limits and endpoints through the generic-netlink
 * family mptcp_pm (see pm_config.h). Requests are built as bytes by
 * pm_msg.c; this file only opens the socket, sends and reads the answer,
 * keeping the kernel's extended-ACK text when it refuses. */
#include "kernel/pm_config.h"
#include "kernel/netns.h"
#include "kernel/pm_msg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/mptcp.h>
#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct pm_sock {
	struct nl_sock *sk;
	int family;
};

struct open_args {
	struct pm_sock *ps;
	struct lab_err *e;
};

static int open_here(void *arg)
{
	struct open_args *a = arg;
	int one = 1, fd, rc;

	a->ps->sk = nl_socket_alloc();
	if (!a->ps->sk)
		return lab_errf(a->e, -ENOMEM, "mptcp_pm: out of memory");
	rc = genl_connect(a->ps->sk);
	if (rc < 0)
		return lab_errf(a->e, -EIO, "mptcp_pm: genl connect: %s",
				nl_geterror(rc));
	fd = nl_socket_get_fd(a->ps->sk);
	/* The kernel's reason for a refusal comes only with EXT_ACK;
	 * CAP_ACK keeps it from echoing our request back. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	rc = genl_ctrl_resolve(a->ps->sk, MPTCP_PM_NAME);
	if (rc < 0)
		return lab_errf(a->e, -ENOENT,
				"the kernel has no generic-netlink family %s (no MPTCP path manager)",
				MPTCP_PM_NAME);
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
	if (ps->sk)
		nl_socket_free(ps->sk);
	free(ps);
}

/* What one request/answer exchange collected. */
struct xfer {
	int done;
	int error;		/* negative errno from the kernel, or 0 */
	char kmsg[512];		/* extended-ACK text, "" if none */
	uint32_t subflows, add_addr_accepted;
	int got_limits;
};

static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	const struct nlmsghdr *nlh =
		(const struct nlmsghdr *)((const char *)err - NLMSG_HDRLEN);
	struct xfer *x = arg;
	const char *m = pm_msg_ext_ack(nlh);

	(void)nla;
	x->done = 1;
	x->error = err->error;
	if (m)
		snprintf(x->kmsg, sizeof(x->kmsg), "%s", m);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct xfer *x = arg;

	(void)msg;
	x->done = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct xfer *x = arg;

	if (!pm_msg_parse_limits(nlmsg_hdr(msg), &x->subflows,
				 &x->add_addr_accepted))
		x->got_limits = 1;
	return NL_OK;
}

/* Send one request built by pm_msg_* and read until its ACK or error.
 * what names the request in messages ("SET_LIMITS ..."). */
static int pm_xfer(struct pm_sock *ps, void *buf, int len, struct xfer *x,
		   const char *what, struct lab_err *e)
{
	struct nl_msg *msg;
	struct nl_cb *cb;
	int rc;

	memset(x, 0, sizeof(*x));
	if (len < 0)
		return lab_errf(e, len, "mptcp_pm: %s: cannot build request",
				what);
	msg = nlmsg_convert(buf);
	cb = nl_cb_alloc(NL_CB_CUSTOM);
	if (!msg || !cb) {
		nlmsg_free(msg);
		nl_cb_put(cb);
		return lab_errf(e, -ENOMEM, "mptcp_pm: out of memory");
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_err, x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, x);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, x);
	rc = nl_send_auto(ps->sk, msg);
	nlmsg_free(msg);
	while (rc >= 0 && !x->done)
		rc = nl_recvmsgs(ps->sk, cb);
	nl_cb_put(cb);
	if (x->error) {
		errno = -x->error;
		if (x->kmsg[0])
			return lab_errf(e, x->error,
					"mptcp_pm: %s: %m (kernel: %s)", what,
					x->kmsg);
		return lab_errf(e, x->error, "mptcp_pm: %s: %m", what);
	}
	if (!x->done)
		return lab_errf(e, -EIO, "mptcp_pm: %s: %s", what,
				nl_geterror(rc));
	return 0;
}

int pm_get_limits(struct pm_sock *ps, int *subflows, int *add_addr_accepted,
		  struct lab_err *e)
{
	uint8_t buf[PM_MSG_MAX];
	struct xfer x;
	int rc;

	rc = pm_xfer(ps, buf, pm_msg_get_limits(buf, sizeof(buf), ps->family),
		     &x, "GET_LIMITS", e);
	if (rc < 0)
		return rc;
	if (!x.got_limits)
		return lab_errf(e, -EPROTO,
				"mptcp_pm: GET_LIMITS: no limits in the answer");
	*subflows = (int)x.subflows;
	*add_addr_accepted = (int)x.add_addr_accepted;
	return 0;
}

int pm_set_limits(struct pm_sock *ps, int subflows, int add_addr_accepted,
		  struct lab_err *e)
{
	uint8_t buf[PM_MSG_MAX];
	char what[96];
	struct xfer x;
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
	return pm_xfer(ps, buf,
		       pm_msg_set_limits(buf, sizeof(buf), ps->family,
					 subflows, add_addr_accepted),
		       &x, what, e);
}

int pm_add_endpoint(struct pm_sock *ps, const struct topo_endpoint *ep,
		    int ifindex, struct lab_err *e)
{
	uint8_t buf[PM_MSG_MAX];
	char what[96], addr[INET6_ADDRSTRLEN] = "?";
	struct xfer x;

	inet_ntop(ep->addr.family, ep->addr.bytes, addr, sizeof(addr));
	snprintf(what, sizeof(what), "ADD_ADDR %s", addr);
	return pm_xfer(ps, buf,
		       pm_msg_add_addr(buf, sizeof(buf), ps->family, ep,
				       ifindex),
		       &x, what, e);
}
