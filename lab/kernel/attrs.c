/* attrs.c: strict parsing of netlink attributes with libnl (see attrs.h). */
#include "kernel/attrs.h"

#include <errno.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

/* nla_parse, then a walk to see where libnl stopped: bytes left over mean
 * an attribute header or payload was cut short. The last attribute's
 * padding may be missing (rem goes below 0 then). */
static int parse_all(struct nlattr **tb, int maxtype, struct nlattr *head,
		     int len, const struct nla_policy *policy)
{
	const struct nlattr *a;
	int rem;

	if (nla_parse(tb, maxtype, head, len, policy) < 0)
		return -EINVAL;
	nla_for_each_attr(a, head, len, rem)
		;
	return rem > 0 ? -EINVAL : 0;
}

int attrs_genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		     int maxtype, const struct nla_policy *policy)
{
	/* libnl's parsers take a non-const message but only read it. */
	struct nlmsghdr *h = (struct nlmsghdr *)nlh;
	const struct genlmsghdr *g = nlmsg_data(h);

	if (!genlmsg_valid_hdr(h, 0))
		return -EINVAL;
	return parse_all(tb, maxtype, genlmsg_attrdata(g, 0),
			 genlmsg_attrlen(g, 0), policy);
}

int attrs_nested_parse(struct nlattr **tb, int maxtype,
		       const struct nlattr *nest, const struct nla_policy *policy)
{
	return parse_all(tb, maxtype, nla_data(nest), nla_len(nest), policy);
}
