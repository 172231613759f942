/* attrs.c: strict parsing of generic-netlink attributes (see attrs.h). */
#include "kernel/attrs.h"

#include <errno.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

int attrs_genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		     int maxtype, const struct nla_policy *policy)
{
	/* libnl's parsers take a non-const message but only read it. */
	struct nlmsghdr *h = (struct nlmsghdr *)nlh;
	const struct genlmsghdr *g = nlmsg_data(h);
	const struct nlattr *a;
	int rem;

	if (genlmsg_parse(h, 0, tb, maxtype, policy) < 0)
		return -EINVAL;
	/* Walk again to see where libnl stopped: bytes left over mean an
	 * attribute header or payload was cut (the last attribute's padding
	 * may be missing: rem goes below 0 then). */
	nla_for_each_attr(a, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), rem)
		;
	return rem > 0 ? -EINVAL : 0;
}
