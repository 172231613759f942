/* nlreq.c: netlink sockets with extended-ACK messages (see nlreq.h). */
#include "kernel/nlreq.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/socket.h>
#include <netlink/errno.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Called by libnl for every NLMSG_ERROR (including the final ACK, error
 * 0). The TLVs follow struct nlmsgerr, after the echoed request unless the
 * kernel capped it (we ask for NETLINK_CAP_ACK, but both are handled). */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct nlreq *r = arg;
	struct nlmsghdr *h = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	size_t off = sizeof(*err);

	(void)who;
	r->last_errno = -err->error;
	r->ack[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off >= h->nlmsg_len)
		return NL_STOP;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	struct nlattr *head = (struct nlattr *)((char *)err + NLA_ALIGN(off));
	int len = (int)h->nlmsg_len - NLMSG_HDRLEN - (int)NLA_ALIGN(off);

	if (nla_parse(tb, NLMSGERR_ATTR_MAX, head, len, NULL) == 0 &&
	    tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(r->ack, tb[NLMSGERR_ATTR_MSG], sizeof(r->ack));
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
	/* Best effort: old kernels lack these and still work. */
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

int nlreq_send(struct nlreq *r, struct nl_msg *msg, struct lab_err *e,
		const char *what)
{
	int err;

	nlreq_begin(r);
	err = nl_send_auto(r->sk, msg);
	if (err >= 0)
		err = nl_wait_for_ack(r->sk);
	return err < 0 ? nlreq_fail(r, err, e, what) : 0;
}
