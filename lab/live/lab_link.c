/* lab_link.c: lab_link_configure(): an interface that something inside a
 * node creates after lab_up() (a VPN's TAP device) is waited for, then
 * enslaved, addressed and brought up. The wait listens to the node's link
 * notifications instead of sleeping. */
#include "live/lab_priv.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/socket.h>

#include "kernel/netns.h"
#include "kernel/rt_addr.h"
#include "kernel/rt_link.h"
#include "kernel/nlreq.h"
#include "util/clock.h"

/* A socket joined to RTNLGRP_LINK, opened in the current namespace. */
static struct nl_sock *link_watch(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk)
		return NULL;
	nl_socket_disable_seq_check(sk);
	if (nl_connect(sk, NETLINK_ROUTE) < 0 ||
	    nl_socket_add_membership(sk, RTNLGRP_LINK) < 0 ||
	    nl_socket_set_nonblocking(sk) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	return sk;
}

/* Wait until NAME exists; any link notification triggers a new look. */
static int wait_link(struct nlreq *r, struct nl_sock *watch,
		     const char *name, double deadline, struct lab_err *e)
{
	char buf[8192];

	for (;;) {
		int idx = rt_link_index(r, name, e);

		if (idx != -ENODEV)
			return idx;
		if (lab_stop_requested)
			return lab_errf(e, -EINTR, "interrupted by a signal");
		double left = deadline - now_mono();

		if (left <= 0)
			return lab_errf(e, -ETIMEDOUT,
					"interface %s did not appear in time", name);
		struct pollfd p = { .fd = nl_socket_get_fd(watch), .events = POLLIN };

		/* Wake at least every 100 ms to notice a stop request. */
		if (poll(&p, 1, left > 0.1 ? 100 : (int)(left * 1000) + 1) > 0)
			while (recv(p.fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
				;
	}
}

static int configure(struct nlreq *r, const struct topo_step *st, int idx,
		     struct lab_err *e)
{
	int err, midx;

	if (st->master[0]) {
		midx = rt_link_index(r, st->master, e);
		if (midx == -ENODEV)
			return lab_errf(e, -ENODEV, "no bridge %s for %s",
					st->master, st->ifname);
		if (midx < 0 || (err = rt_link_set(r, idx, midx, false, e)))
			return midx < 0 ? midx : err;
	}
	for (int a = 0; a < st->naddrs; a++)
		if ((err = rt_addr_add(r, idx, &st->addrs[a], e)))
			return err;
	return st->up ? rt_link_set(r, idx, 0, true, e) : 0;
}

struct link_socks {
	struct nlreq *r;
	struct nl_sock *watch;
	struct lab_err *e;
};

/* Both sockets are opened inside the node, so they act and listen there. */
static int open_here(void *arg)
{
	struct link_socks *s = arg;
	int err = nlreq_open(&s->r, NETLINK_ROUTE, s->e);

	if (!err && !(s->watch = link_watch()))
		err = lab_errf(s->e, -EIO, "link notifications: cannot subscribe");
	return err;
}

int lab_link_configure(const struct lab *lab, const struct topo_step *st,
		       double deadline, struct lab_err *e)
{
	struct link_socks s = { NULL, NULL, e };
	int err, idx;

	if (st->node < 0 || !lab->nsfd || lab->nsfd[st->node] < 0)
		return lab_errf(e, -EINVAL, "link %s: node not open", st->ifname);
	err = netns_run(lab->nsfd[st->node], open_here, &s, e);
	if (!err && (idx = wait_link(s.r, s.watch, st->ifname, deadline, e)) < 0)
		err = idx;
	if (!err)
		err = configure(s.r, st, idx, e);
	nl_socket_free(s.watch);
	nlreq_close(s.r);
	if (err && st->loc.file)
		lab_err_prefix(e, "%s:%d:%d: link %s", st->loc.file,
			       st->loc.line, st->loc.col, st->ifname);
	return err;
}
