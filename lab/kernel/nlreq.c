/* nlreq.c: the netlink request path and its extended-ACK parser (see
 * nlreq.h). */
#include "kernel/nlreq.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/socket.h>
#include <netlink/errno.h>

const char *nlreq_ext_ack(const struct nlmsghdr *nlh)
{
	static struct nla_policy policy[NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	};
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const struct nlmsgerr *err;
	size_t head = sizeof(*err);

	if (nlh->nlmsg_type != NLMSG_ERROR ||
	    !(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*err))
		return NULL;
	err = nlmsg_data(nlh);
	/* The TLVs follow struct nlmsgerr and, unless the kernel capped it
	 * (we ask for NETLINK_CAP_ACK), the payload of the echoed request. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < NLMSG_HDRLEN ||
		    err->msg.nlmsg_len > nlh->nlmsg_len)
			return NULL;
		head += err->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	/* libnl only reads the message; NLA_STRING means NUL-terminated. */
	if (nlmsg_parse((struct nlmsghdr *)nlh, (int)head, tb,
			NLMSGERR_ATTR_MAX, policy) < 0 ||
	    !tb[NLMSGERR_ATTR_MSG])
		return NULL;
	return nla_data(tb[NLMSGERR_ATTR_MSG]);
}

/* Called by libnl for every NLMSG_ERROR that reports an error. */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct nlreq *r = arg;
	const char *text = nlreq_ext_ack(
		(const struct nlmsghdr *)((char *)err - NLMSG_HDRLEN));

	(void)who;
	r->last_errno = -err->error;
	snprintf(r->ack, sizeof(r->ack), "%s", text ? text : "");
	return NL_STOP;
}

int nlreq_open(struct nlreq **out, int protocol, struct lab_err *e)
{
	struct nlreq *r = calloc(1, sizeof(*r));
	int one = 1, err;

	if (!r)
		return lab_errf(e, -ENOMEM, "out of memory");
	r->sk = nl_socket_alloc();
	if (!r->sk) {
		free(r);
		return lab_errf(e, -ENOMEM, "netlink socket: out of memory");
	}
	err = nl_connect(r->sk, protocol);
	if (err < 0) {
		nl_socket_free(r->sk);
		free(r);
		return lab_errf(e, -EIO, "netlink socket: %s", nl_geterror(err));
	}
	/* Best effort: old kernels lack these and still work. CAP_ACK keeps
	 * the kernel from echoing the whole request back with an error. */
	setsockopt(nl_socket_get_fd(r->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(r->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl_socket_modify_err_cb(r->sk, NL_CB_CUSTOM, on_error, r);
	*out = r;
	return 0;
}

void nlreq_close(struct nlreq *r)
{
	if (!r)
		return;
	nl_socket_free(r->sk);
	free(r);
}

int nlreq_fail(struct nlreq *r, int nlerr, struct lab_err *e,
	       const char *what)
{
	int code = r->last_errno > 0 ? r->last_errno : EIO;

	if (r->last_errno > 0 && r->ack[0])
		return lab_errf(e, -code, "%s: %s (kernel: %s)", what,
				strerror(code), r->ack);
	if (r->last_errno > 0)
		return lab_errf(e, -code, "%s: %s", what, strerror(code));
	return lab_errf(e, -code, "%s: %s", what, nl_geterror(nlerr));
}

static int on_done(struct nl_msg *msg, void *arg)
{
	(void)msg;
	*(bool *)arg = true;
	return NL_STOP;
}

int nlreq_query(struct nlreq *r, struct nl_msg *msg,
		nl_recvmsg_msg_cb_t on_reply, void *arg, struct lab_err *e,
		const char *what)
{
	struct nl_cb *own = nl_socket_get_cb(r->sk);
	struct nl_cb *cb = nl_cb_clone(own);	/* keeps on_error */
	bool done = false;
	int err;

	nl_cb_put(own);
	nlreq_begin(r);
	if (!cb)
		return lab_errf(e, -ENOMEM, "%s: out of memory", what);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &done);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &done);
	if (on_reply)
		nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_reply, arg);
	err = nl_send_auto(r->sk, msg);
	/* An answer and the ACK after it come in separate datagrams, and
	 * nl_recvmsgs() returns after each one that is not multipart. */
	while (err >= 0 && !done)
		err = nl_recvmsgs(r->sk, cb);
	nl_cb_put(cb);
	return err < 0 ? nlreq_fail(r, err, e, what) : 0;
}

int nlreq_send(struct nlreq *r, struct nl_msg *msg, struct lab_err *e,
	       const char *what)
{
	return nlreq_query(r, msg, NULL, NULL, e, what);
}
