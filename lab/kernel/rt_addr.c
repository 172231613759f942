/* rt_addr.c: interface addresses (see rt_addr.h). */
#include "kernel/rt_addr.h"

#include <errno.h>
#include <stdio.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <netlink/addr.h>
#include <netlink/route/addr.h>

struct nl_addr *rt_addr_from_topo(const struct topo_addr *a)
{
	int len = a->family == AF_INET6 ? 16 : 4;
	struct nl_addr *na = nl_addr_build(a->family, a->bytes, len);

	if (na)
		nl_addr_set_prefixlen(na, a->plen);
	return na;
}

int rt_addr_add(struct nlreq *r, int ifindex, const struct topo_addr *a,
		struct lab_err *e)
{
	struct rtnl_addr *ra = rtnl_addr_alloc();
	struct nl_addr *local = rt_addr_from_topo(a);
	char what[96], txt[64];
	int err;

	snprintf(what, sizeof(what), "add address %s",
		 topo_addr_str(a, true, txt, sizeof(txt)));
	if (!ra || !local) {
		err = lab_errf(e, -ENOMEM, "%s: out of memory", what);
		goto out;
	}
	rtnl_addr_set_ifindex(ra, ifindex);
	rtnl_addr_set_family(ra, a->family);
	err = rtnl_addr_set_local(ra, local);
	if (err < 0) {
		err = lab_errf(e, -EINVAL, "%s: %s", what, nl_geterror(err));
		goto out;
	}
	rtnl_addr_set_prefixlen(ra, a->plen);
	if (a->family == AF_INET6)
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
	nlreq_begin(r);
	err = rtnl_addr_add(r->sk, ra, NLM_F_EXCL);
	if (err < 0)
		err = nlreq_fail(r, err, e, what);
out:
	nl_addr_put(local);
	rtnl_addr_put(ra);
	return err;
}
