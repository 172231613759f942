/* lab_shape.c: link properties in a live lab: the build stage that puts
 * each member's shape on its interface (recorded in the journal as
 * "qdisc NAMESPACE IFNAME"), the undo of such a record, and
 * lab_iface_set(), which the run engine's `set` steps call to bring an
 * interface down or up or change its properties mid-run. */
#include "live/lab_priv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "live/journal.h"
#include "kernel/netns.h"
#include "kernel/rt_link.h"
#include "kernel/rt_qdisc.h"
#include "kernel/nlreq.h"

int up_qdiscs(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	char arg[128];
	int err, idx;

	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];

		if (!topo_shape_kinds(&f->shape))
			continue;
		if ((err = up_check_stop(e)))
			return err;
		snprintf(arg, sizeof(arg), "%s %s", u->lab->nsname[f->node],
			 f->ifname);
		if ((err = journal_add(u->lab->journal, J_QDISC, arg, e)))
			return err;
		idx = up_ifindex(u, f->node, f->ifname, e);
		if (idx < 0)
			return idx;
		if ((err = rt_qdisc_apply(u->n[f->node].rt, idx, &f->shape, e))) {
			lab_err_prefix(e, "%s:%d:%d: %s %s", f->loc.file,
				       f->loc.line, f->loc.col,
				       t->nodes[f->node].name, f->ifname);
			return err;
		}
	}
	return 0;
}

struct open_arg {
	struct nlreq *r;
	struct lab_err *e;
};

static int open_route(void *arg)
{
	struct open_arg *a = arg;

	return nlreq_open(&a->r, NETLINK_ROUTE, a->e);
}

/* Run fn with a route socket opened inside namespace fd. */
static int in_ns(int fd, const char *ifname,
		 int (*fn)(struct nlreq *, int, const void *, struct lab_err *),
		 const void *arg, struct lab_err *e)
{
	struct open_arg o = { NULL, e };
	int err, idx;

	if ((err = netns_run(fd, open_route, &o, e)))
		return err;
	idx = rt_link_index(o.r, ifname, e);
	if (idx == -ENODEV)
		err = lab_errf(e, -ENODEV, "no interface %s", ifname);
	else
		err = idx < 0 ? idx : fn(o.r, idx, arg, e);
	nlreq_close(o.r);
	return err;
}

static int clear_fn(struct nlreq *r, int idx, const void *arg,
		    struct lab_err *e)
{
	(void)arg;
	return rt_qdisc_clear(r, idx, e);
}

int lab_qdisc_undo(const char *arg, struct lab_err *e)
{
	char ns[64], ifname[IFNAMSIZ];
	int fd, err;

	if (sscanf(arg, "%63s %15s", ns, ifname) != 2)
		return 0;	/* not ours to understand: leave it */
	fd = netns_open(ns);
	if (fd < 0)
		return 0;	/* the namespace is gone, and the qdisc with it */
	err = in_ns(fd, ifname, clear_fn, NULL, e);
	close(fd);
	return err == -ENODEV ? 0 : err;
}

struct set_arg {
	int updown;
	const struct topo_shape *shape;
};

static int set_fn(struct nlreq *r, int idx, const void *arg,
		  struct lab_err *e)
{
	const struct set_arg *a = arg;
	int err = 0;

	if (a->shape)
		err = rt_qdisc_apply(r, idx, a->shape, e);
	if (!err && a->updown)
		err = rt_link_set_state(r, idx, a->updown > 0, e);
	return err;
}

int lab_iface_set(struct lab *lab, int node, const char *ifname, int updown,
		  const struct topo_shape *shape, struct lab_err *e)
{
	struct set_arg a = { updown, shape };
	char arg[128];
	int err;

	if (node < 0 || !lab->nsfd || lab->nsfd[node] < 0)
		return lab_errf(e, -EINVAL, "%s: node not open", ifname);
	if (shape && topo_shape_kinds(shape)) {
		snprintf(arg, sizeof(arg), "%s %s", lab->nsname[node], ifname);
		if ((err = lab_journal_add(lab, J_QDISC, arg, e)))
			return err;
	}
	return in_ns(lab->nsfd[node], ifname, set_fn, &a, e);
}
