/* pm_int.h: private to lab/kernel's pm_*.c: the inside of a struct
 * pm_sock and the one exchange every mptcp_pm request goes through. */
#ifndef LAB_PM_INT_H
#define LAB_PM_INT_H

#include <netlink/handlers.h>
#include <netlink/msg.h>

#include "util/err.h"
#include "kernel/nlreq.h"

struct pm_sock {
	struct nlreq *r;
	int family;		/* the nlmsg_type of mptcp_pm messages */
};

/* Send the request a pm_msg_* builder made in msg (built: what the
 * builder returned) and wait for its ACK or the dump's end; every answer
 * goes to on_reply (NULL: none expected). Frees msg. what names the
 * request in messages: "mptcp_pm: WHAT: strerror (kernel: text)". */
int pm_xfer(struct pm_sock *ps, struct nl_msg *msg, int built,
	    nl_recvmsg_msg_cb_t on_reply, void *arg, const char *what,
	    struct lab_err *e);

#endif
