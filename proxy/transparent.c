/* transparent.c: original destination of redirected connections. */
#include "transparent.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/* From linux/netfilter_ipv4.h and netfilter_ipv6/ip6_tables.h, which
 * clash with glibc's netinet/in.h. */
#ifndef SO_ORIGINAL_DST
#define SO_ORIGINAL_DST 80
#endif
#ifndef IP6T_SO_ORIGINAL_DST
#define IP6T_SO_ORIGINAL_DST 80
#endif
#ifndef IP_TRANSPARENT
#define IP_TRANSPARENT 19
#endif
#ifndef IPV6_TRANSPARENT
#define IPV6_TRANSPARENT 75
#endif

enum tp_kind transparent_classify(const struct sockaddr *orig,
				  const struct sockaddr *local,
				  const struct sockaddr *listener)
{
	/* conntrack answers for un-NATed connections too, with the local
	 * address itself: only a different address means REDIRECT. */
	if (orig && !addr_equal(orig, local))
		return TP_REDIRECT;
	if (addr_port(local) != addr_port(listener))
		return TP_TPROXY;
	if (!addr_is_any(listener) && !addr_equal(local, listener))
		return TP_TPROXY;
	return TP_NONE;
}

static int original_dst(int fd, int family, struct addr *out)
{
	memset(out, 0, sizeof(*out));
	out->len = sizeof(out->ss);
	if (family == AF_INET6)
		return getsockopt(fd, SOL_IPV6, IP6T_SO_ORIGINAL_DST, &out->ss,
				  &out->len);
	return getsockopt(fd, SOL_IP, SO_ORIGINAL_DST, &out->ss, &out->len);
}

enum tp_kind transparent_dst(int fd, const struct sockaddr *listener,
			     struct addr *dst)
{
	struct addr local, orig;
	bool have_orig;
	enum tp_kind k;

	local.len = sizeof(local.ss);
	if (getsockname(fd, (struct sockaddr *)&local.ss, &local.len) < 0)
		return TP_NONE;
	have_orig = original_dst(fd, local.ss.ss_family, &orig) == 0 &&
		    (orig.ss.ss_family == AF_INET || orig.ss.ss_family == AF_INET6);
	k = transparent_classify(have_orig ? (struct sockaddr *)&orig.ss : NULL,
				 (struct sockaddr *)&local.ss, listener);
	if (k == TP_REDIRECT)
		*dst = orig;
	else if (k == TP_TPROXY)
		*dst = local;
	return k;
}

int transparent_listener(int fd, int family)
{
	int one = 1;
	int rc = family == AF_INET6 ?
		setsockopt(fd, SOL_IPV6, IPV6_TRANSPARENT, &one, sizeof(one)) :
		setsockopt(fd, SOL_IP, IP_TRANSPARENT, &one, sizeof(one));

	return rc < 0 ? -errno : 0;
}
