/* nlreq.h: the one netlink request path of the lab, for rtnetlink and
 * generic netlink (mptcp_pm) alike, keeping the kernel's own error text.
 *
 * The kernel explains most refusals in an extended ACK (NLMSGERR_ATTR_MSG,
 * e.g. "Nexthop has invalid gateway"). libnl 3.7 drops that text, so a
 * struct nlreq wraps a struct nl_sock with NETLINK_EXT_ACK enabled and an
 * error callback that keeps the last message. Any libnl call made on
 * req->sk (rtnl_addr_add, genl_ctrl_resolve, ...) fills it; nlreq_fail()
 * turns a libnl error code into a lab_err naming the operation, the errno
 * text and the kernel's words. A socket belongs to the network namespace
 * it was opened in: open it inside netns_run() to act inside a node. */
#ifndef LAB_NLREQ_H
#define LAB_NLREQ_H

#include <linux/netlink.h>
#include <netlink/handlers.h>
#include <netlink/netlink.h>

#include "util/err.h"

struct nlreq {
	struct nl_sock *sk;
	int last_errno;		/* errno of the last NLMSG_ERROR, positive */
	char ack[512];		/* kernel's extended-ACK text, "" if none */
};

/* Open and connect a socket of protocol (NETLINK_ROUTE, NETLINK_GENERIC)
 * in the calling thread's current network namespace. */
int nlreq_open(struct nlreq **out, int protocol, struct lab_err *e);
void nlreq_close(struct nlreq *r);

/* Forget the previous error; call before a libnl request made directly on
 * r->sk (nlreq_send does it itself). */
static inline void nlreq_begin(struct nlreq *r)
{
	r->last_errno = 0;
	r->ack[0] = '\0';
}

/* Send msg (not freed) and wait for the kernel's ACK. Returns 0 or a
 * negative errno with e filled as "WHAT: strerror (kernel: text)". */
int nlreq_send(struct nlreq *r, struct nl_msg *msg, struct lab_err *e,
	       const char *what);

/* The same for a request that is answered: every answer (each message of
 * a dump too) goes to on_reply(answer, arg) until the ACK or the dump's
 * end. on_reply returns NL_OK to go on. */
int nlreq_query(struct nlreq *r, struct nl_msg *msg,
		nl_recvmsg_msg_cb_t on_reply, void *arg, struct lab_err *e,
		const char *what);

/* Turn a libnl return code (negative NLE_*) from a call on r->sk into a
 * negative errno and a message "WHAT: ..." in e. */
int nlreq_fail(struct nlreq *r, int nlerr, struct lab_err *e,
		const char *what);

/* The extended-ACK text (NLMSGERR_ATTR_MSG) of an NLMSG_ERROR message,
 * or NULL if the kernel sent none or the message is malformed; a pointer
 * into nlh, NUL-terminated. Pure: works on any buffer (unit-tested). */
const char *nlreq_ext_ack(const struct nlmsghdr *nlh);

#endif
