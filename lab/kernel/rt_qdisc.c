/* rt_qdisc.c: link properties as tbf and netem qdiscs (see rt_qdisc.h). */
#include "kernel/rt_qdisc.h"

#include <errno.h>
#include <string.h>
#include <linux/pkt_sched.h>
#include <netlink/errno.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/tc.h>
#include <netlink/route/qdisc/netem.h>
#include <netlink/route/qdisc/tbf.h>

#define ROOT_HANDLE	TC_HANDLE(1, 0)
#define CHILD_HANDLE	TC_HANDLE(10, 0)
#define PKT_BYTES	1514	/* a full Ethernet frame, for tbf's byte limit */
#define QUEUE_SECS	0.1	/* tbf queues 100 ms worth when no limit is set */

uint32_t rt_qdisc_tbf_burst(uint64_t rate)
{
	uint64_t b = rate / 8 / 100;

	return b < 32768 ? 32768 : b > (1u << 30) ? (1u << 30) : (uint32_t)b;
}

static struct rtnl_qdisc *qdisc_new(int ifindex, uint32_t parent,
				    uint32_t handle, const char *kind)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();

	if (!q)
		return NULL;
	rtnl_tc_set_ifindex(TC_CAST(q), ifindex);
	rtnl_tc_set_parent(TC_CAST(q), parent);
	rtnl_tc_set_handle(TC_CAST(q), handle);
	if (rtnl_tc_set_kind(TC_CAST(q), kind) < 0) {
		rtnl_qdisc_put(q);
		return NULL;
	}
	return q;
}

static int qdisc_add(struct nlreq *r, struct rtnl_qdisc *q, const char *what,
		     struct lab_err *e)
{
	int err;

	nlreq_begin(r);
	err = rtnl_qdisc_add(r->sk, q, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_qdisc_put(q);
	return err < 0 ? nlreq_fail(r, err, e, what) : 0;
}

static int add_tbf(struct nlreq *r, int ifindex, uint32_t parent,
		   uint32_t handle, const struct topo_shape *s, bool netem_too,
		   struct lab_err *e)
{
	struct rtnl_qdisc *q = qdisc_new(ifindex, parent, handle, "tbf");
	uint32_t burst = rt_qdisc_tbf_burst(s->rate);
	uint64_t limit;

	if (!q)
		return lab_errf(e, -ENOMEM, "tbf: out of memory");
	if (s->limit && !netem_too)
		limit = (uint64_t)s->limit * PKT_BYTES;
	else
		limit = (uint64_t)(s->rate / 8.0 * QUEUE_SECS);
	limit += burst;
	if (limit > INT32_MAX)
		limit = INT32_MAX;
	rtnl_qdisc_tbf_set_rate(q, (int)(s->rate / 8), (int)burst, 0);
	rtnl_qdisc_tbf_set_limit(q, (int)limit);
	return qdisc_add(r, q, "add qdisc tbf", e);
}

/* netem takes loss as a fraction of UINT32_MAX, delay in microseconds
 * (libnl converts to the kernel's ticks). */
static int add_netem(struct nlreq *r, int ifindex, const struct topo_shape *s,
		     struct lab_err *e)
{
	struct rtnl_qdisc *q = qdisc_new(ifindex, TC_H_ROOT, ROOT_HANDLE, "netem");
	uint32_t loss = (uint32_t)((double)s->loss_ppm / 1e6 * UINT32_MAX);

	if (!q)
		return lab_errf(e, -ENOMEM, "netem: out of memory");
	rtnl_netem_set_delay(q, (int)s->delay_us);
	rtnl_netem_set_jitter(q, (int)s->jitter_us);
	rtnl_netem_set_loss(q, (int)loss);
	rtnl_netem_set_limit(q, s->limit ? (int)s->limit : 1000);
	return qdisc_add(r, q, "add qdisc netem", e);
}

int rt_qdisc_clear(struct nlreq *r, int ifindex, struct lab_err *e)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();
	int err;

	if (!q)
		return lab_errf(e, -ENOMEM, "out of memory");
	rtnl_tc_set_ifindex(TC_CAST(q), ifindex);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	nlreq_begin(r);
	err = rtnl_qdisc_delete(r->sk, q);
	rtnl_qdisc_put(q);
	/* nothing to delete: the kernel says ENOENT (or EINVAL for the
	 * default qdisc of a fresh link) */
	if (err < 0 && r->last_errno != ENOENT && r->last_errno != EINVAL)
		return nlreq_fail(r, err, e, "delete root qdisc");
	return 0;
}

int rt_qdisc_apply(struct nlreq *r, int ifindex, const struct topo_shape *s,
		   struct lab_err *e)
{
	unsigned k = topo_shape_kinds(s);
	int err;

	if ((err = rt_qdisc_clear(r, ifindex, e)) || !k)
		return err;
	/* netem at the root with tbf as its child, as tc-netem(8) pairs
	 * them: packets are delayed and dropped, then paced */
	if (k & TOPO_NEEDS_NETEM && (err = add_netem(r, ifindex, s, e)))
		return err;
	if (k & TOPO_NEEDS_TBF)
		return add_tbf(r, ifindex, k & TOPO_NEEDS_NETEM ?
			       TC_HANDLE(1, 1) : TC_H_ROOT,
			       k & TOPO_NEEDS_NETEM ? CHILD_HANDLE : ROOT_HANDLE,
			       s, k & TOPO_NEEDS_NETEM, e);
	return 0;
}
