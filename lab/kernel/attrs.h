/* attrs.h: the attributes of a generic-netlink message or of a nested
 * attribute, parsed by libnl (nla_parse: every attribute's size checked
 * against a policy), and refused when an attribute is cut short: libnl
 * alone stops quietly at one that runs past the end, as if it were not
 * there.
 *
 * Pure: works on any buffer, so decoders built on it are unit-tested on
 * messages made in the test, without a kernel. */
#ifndef LAB_ATTRS_H
#define LAB_ATTRS_H

#include <linux/netlink.h>
#include <netlink/attr.h>

/* Fill tb[0..maxtype] (NULL: absent; attributes above maxtype are
 * skipped). nlh->nlmsg_len bytes must be readable. 0, or -EINVAL for a
 * message too short for its headers, an attribute of the wrong size for
 * policy, or one cut short. */
int attrs_genl_parse(const struct nlmsghdr *nlh, struct nlattr **tb,
		     int maxtype, const struct nla_policy *policy);

/* The same for the attributes inside nest (a nested attribute that
 * attrs_genl_parse returned, so its own bounds are already checked). */
int attrs_nested_parse(struct nlattr **tb, int maxtype,
		       const struct nlattr *nest, const struct nla_policy *policy);

#endif
