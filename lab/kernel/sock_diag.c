/* sock_diag.c: TCP listeners from the kernel's socket table (see
 * sock_diag.h). */
#include "kernel/sock_diag.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netlink/msg.h>

#include "kernel/netns.h"
#include "kernel/nlreq.h"

struct open_arg {
	struct nlreq **r;
	struct lab_err *e;
};

/* A socket keeps the namespace it was opened in: only this runs there. */
static int open_here(void *arg)
{
	struct open_arg *a = arg;
	int rc = nlreq_open(a->r, NETLINK_SOCK_DIAG, a->e);

	return rc < 0 && a->e ? lab_err_prefix(a->e, "sock_diag") : rc;
}

struct wanted {
	int port;
	int found;
};

static int on_socket(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *h = nlmsg_hdr(msg);
	const struct inet_diag_msg *m = nlmsg_data(h);
	struct wanted *w = arg;

	if (nlmsg_datalen(h) >= (int)sizeof(*m) &&
	    ntohs(m->id.idiag_sport) == w->port)
		w->found = 1;
	return NL_OK;
}

/* Dump family's TCP listeners; 1 if one has port. */
static int dump_listeners(struct nlreq *r, int family, int port,
			  struct lab_err *e)
{
	struct inet_diag_req_v2 req = {
		.sdiag_family = family, .sdiag_protocol = IPPROTO_TCP,
		.idiag_states = 1u << TCP_LISTEN,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY,
						NLM_F_REQUEST | NLM_F_DUMP);
	struct wanted w = { port, 0 };
	int rc;

	if (!msg || nlmsg_append(msg, &req, sizeof(req), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return lab_errf(e, -ENOMEM, "sock_diag: out of memory");
	}
	rc = nlreq_query(r, msg, on_socket, &w, e,
			 family == AF_INET ? "sock_diag (IPv4 listeners)" :
					     "sock_diag (IPv6 listeners)");
	nlmsg_free(msg);
	return rc < 0 ? rc : w.found;
}

int sock_diag_tcp_listening(int nsfd, int port, struct lab_err *e)
{
	struct nlreq *r = NULL;
	struct open_arg a = { &r, e };
	int rc = netns_run(nsfd, open_here, &a, e);

	if (rc < 0)
		return rc;
	rc = dump_listeners(r, AF_INET, port, e);
	if (rc == 0)
		rc = dump_listeners(r, AF_INET6, port, e);
	nlreq_close(r);
	return rc;
}
