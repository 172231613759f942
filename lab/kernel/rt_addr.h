/* rt_addr.h: interface addresses through rtnetlink (rtnl_addr). */
#ifndef LAB_RT_ADDR_H
#define LAB_RT_ADDR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "kernel/nlreq.h"
#include "topo/topo.h"

/* Add a->bytes/a->plen to ifindex in r's namespace. IPv6 addresses get
 * IFA_F_NODAD: usable at once, no 1-2 s of "tentative". */
int rt_addr_add(struct nlreq *r, int ifindex, const struct topo_addr *a,
		struct lab_err *e);

/* A libnl address from a topo address (prefix length kept); NULL if out
 * of memory. Caller puts it. */
struct nl_addr *rt_addr_from_topo(const struct topo_addr *a);

#endif
