/* selfloop.c: our own listeners as a destination (see selfloop.h). */
#include "selfloop.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* 0: bind() to the address works, else errno. */
static int try_bind(const struct sockaddr *sa)
{
	struct sockaddr_storage ss;
	socklen_t len = sa->sa_family == AF_INET6 ?
		sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	int fd = socket(sa->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0), e = 0;

	if (fd < 0)
		return errno;
	memcpy(&ss, sa, len);
	if (sa->sa_family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_port = 0;
	else
		((struct sockaddr_in *)&ss)->sin_port = 0;
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		e = errno;
	close(fd);
	return e;
}

bool selfloop_is_local(const struct sockaddr *sa)
{
	struct addr doc;

	if (try_bind(sa) != 0)
		return false;
	/* With net.ipv4/ipv6.ip_nonlocal_bind every bind() works: a
	 * documentation address (RFC 5737, RFC 3849) tells. Then we cannot
	 * know, and say no rather than refuse a good remote. */
	addr_from_literal(sa->sa_family == AF_INET6 ? "2001:db8::1" : "192.0.2.1",
			  0, &doc);
	return try_bind((const struct sockaddr *)&doc.ss) != 0;
}

/* Whether wildcard listener l takes connections to dst's family. */
static bool wildcard_covers(const struct listener *l,
			    const struct sockaddr *dst)
{
	const struct sockaddr_in6 *d6 = (const void *)dst;
	int lfam = l->addr.ss.ss_family;

	if (lfam == AF_INET)
		return dst->sa_family == AF_INET ||
		       (dst->sa_family == AF_INET6 &&
			IN6_IS_ADDR_V4MAPPED(&d6->sin6_addr));
	return dst->sa_family == AF_INET6 || !l->v6only;
}

bool selfloop_reaches(const struct listener *ls, int n,
		      const struct sockaddr *dst)
{
	bool local_known = false, local = false;

	for (int i = 0; i < n; i++) {
		const struct sockaddr *la = (const struct sockaddr *)&ls[i].addr.ss;

		if (addr_port(la) != addr_port(dst))
			continue;
		if (addr_equal(la, dst))
			return true;
		if (!addr_is_any(la) || !wildcard_covers(&ls[i], dst))
			continue;
		if (!local_known) {
			local = selfloop_is_local(dst);
			local_known = true;
		}
		if (local)
			return true;
	}
	return false;
}
