/* lab_endpoint.c: lab_endpoint_change(), a timeline's `endpoint` step on
 * a live lab: add an endpoint the way lab_up() adds the file's
 * (pm_config.h), delete one, or set or clear its backup flag
 * (pm_endpoint.h). */
#include "live/lab_priv.h"

#include <errno.h>

#include "kernel/netns.h"
#include "kernel/rt_link.h"
#include "kernel/nlreq.h"
#include "kernel/pm_config.h"
#include "kernel/pm_endpoint.h"

struct index_arg {
	const char *dev;
	int index;
	struct lab_err *e;
};

static int index_here(void *arg)
{
	struct index_arg *a = arg;
	struct nlreq *r;
	int rc = nlreq_open(&r, NETLINK_ROUTE, a->e);

	if (rc)
		return rc;
	a->index = rt_link_index(r, a->dev, a->e);
	nlreq_close(r);
	if (a->index == -ENODEV)
		return lab_errf(a->e, -ENODEV, "no interface %s", a->dev);
	return a->index < 0 ? a->index : 0;
}

static int add(int nsfd, const struct topo_endpoint *ep, struct lab_err *e)
{
	struct index_arg ia = { ep->dev, 0, e };
	struct pm_sock *ps;
	int rc;

	if (ep->dev[0] && (rc = netns_run(nsfd, index_here, &ia, e)))
		return rc;
	if ((rc = pm_open(nsfd, &ps, e)))
		return rc;
	rc = pm_add_endpoint(ps, ep, ia.index, e);
	pm_close(ps);
	return rc;
}

int lab_endpoint_change(struct lab *lab, const struct topo_step *st,
			struct lab_err *e)
{
	int nsfd;

	if (st->node < 0 || !lab->nsfd || (nsfd = lab->nsfd[st->node]) < 0)
		return lab_errf(e, -EINVAL, "endpoint: node not open");
	switch (st->ep_op) {
	case TOPO_EP_ADD: return add(nsfd, &st->ep, e);
	case TOPO_EP_DELETE: return pm_endpoint_delete(nsfd, &st->ep.addr, e);
	case TOPO_EP_BACKUP:
	case TOPO_EP_NOBACKUP:
		return pm_endpoint_backup(nsfd, &st->ep.addr,
					  st->ep_op == TOPO_EP_BACKUP, e);
	}
	return lab_errf(e, -EINVAL, "endpoint: unknown operation");
}
