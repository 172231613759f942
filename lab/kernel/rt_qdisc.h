/* rt_qdisc.h: link properties as queueing disciplines, through
 * libnl-route's rtnl_qdisc (never by running tc).
 *
 * A shape (topo.h) becomes, on the egress of one interface: netem at the
 * root (handle 1:) for delay, jitter and loss; tbf for a rate, at the
 * root or, under netem, as its child (handle 10:, parent 1:1), the pair
 * tc-netem(8) describes: packets are delayed and dropped, then paced. A queue limit
 * goes to netem (packets) or, without netem, to tbf (limit * 1514 bytes).
 * Every function acts in the namespace of the socket r was opened in.
 * Whether the kernel has tbf and netem at all is kernel/kfeat.h's. */
#ifndef LAB_RT_QDISC_H
#define LAB_RT_QDISC_H

#include <stdint.h>

#include "util/err.h"
#include "kernel/nlreq.h"
#include "topo/topo.h"

/* Replace whatever root qdisc ifindex has with what s asks for; a shape
 * that asks for nothing removes the root qdisc (the default returns). */
int rt_qdisc_apply(struct nlreq *r, int ifindex, const struct topo_shape *s,
		   struct lab_err *e);

/* Remove the root qdisc of ifindex; none there is not an error. */
int rt_qdisc_clear(struct nlreq *r, int ifindex, struct lab_err *e);

/* tbf's bucket for a rate in bit/s: 10 ms worth, at least 32 KiB (a veth
 * hands over GSO packets of up to 64 KiB; tbf splits bigger ones but
 * paces best when the bucket holds a few MTU-size packets). Pure. */
uint32_t rt_qdisc_tbf_burst(uint64_t rate);

#endif
