/* addr.c: HOST:PORT parsing and socket address helpers. */
#include "addr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int addr_parse_port(const char *s, uint16_t *port)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

int addr_split(const char *s, char *host, size_t hostlen, uint16_t *port,
	       const char **why)
{
	const char *colon, *hend, *hstart = s;

	if (s[0] == '[') {
		hstart = s + 1;
		hend = strchr(hstart, ']');
		if (!hend || hend[1] != ':') {
			*why = "[IPv6]:PORT";
			return -1;
		}
		colon = hend + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon) {
			*why = "HOST:PORT";
			return -1;
		}
		hend = colon;
		if (memchr(s, ':', (size_t)(colon - s))) {
			*why = "an IPv6 address in brackets: [IPv6]:PORT";
			return -1;
		}
	}
	if ((size_t)(hend - hstart) >= hostlen) {
		*why = "a shorter host name";
		return -1;
	}
	if (addr_parse_port(colon + 1, port) < 0) {
		*why = "a port number from 1 to 65535 after ':'";
		return -1;
	}
	memcpy(host, hstart, (size_t)(hend - hstart));
	host[hend - hstart] = '\0';
	if (s[0] == '[') {
		const char *lit_why = NULL;

		if (!strchr(host, ':') || !addr_is_literal(host, &lit_why)) {
			*why = lit_why ? lit_why : "an IPv6 address inside [ ]";
			return -1;
		}
	}
	if (strcmp(host, "*") == 0)
		host[0] = '\0';
	return 0;
}

/* "fe80::1%eth0": the address part into *a6 and the zone (or "") into
 * zone; false if not an IPv6 literal. */
static bool split_zone(const char *host, struct in6_addr *a6, char *zone)
{
	const char *pct = strchr(host, '%');
	char ip[INET6_ADDRSTRLEN];
	size_t n = pct ? (size_t)(pct - host) : strlen(host);

	zone[0] = '\0';
	if (n >= sizeof(ip))
		return false;
	memcpy(ip, host, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET6, ip, a6) != 1)
		return false;
	if (pct) {
		/* An interface name: at most IFNAMSIZ-1 bytes, no '/' or
		 * white space (the kernel's dev_valid_name()). */
		if (!pct[1] || strlen(pct + 1) >= IF_NAMESIZE ||
		    strpbrk(pct + 1, "/: \t\n"))
			return false;
		strcpy(zone, pct + 1);
	}
	return true;
}

bool addr_is_literal(const char *host, const char **why)
{
	struct in6_addr a6;
	struct in_addr a4;
	char zone[IF_NAMESIZE];

	*why = NULL;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return true;
	if (!split_zone(host, &a6, zone))
		return false;
	if (zone[0] && !IN6_IS_ADDR_LINKLOCAL(&a6)) {
		*why = "a zone (%IFACE) only after a link-local fe80:: address";
		return false;
	}
	if (!zone[0] && IN6_IS_ADDR_LINKLOCAL(&a6)) {
		*why = "the interface of a link-local address: [fe80::1%IFACE]:PORT";
		return false;
	}
	return true;
}

/* RFC 1123 host names (letters, digits, '-' inside labels of 1-63
 * bytes, 253 in all, one trailing dot allowed), plus '_', which DNS
 * names of services carry. A last label of digits only is meant as an
 * IPv4 address (RFC 3696 section 2), so 999.1.1.1 is refused here rather
 * than sent to the resolver. */
bool addr_is_hostname(const char *host)
{
	size_t len = strlen(host), label = 0;
	bool digits_only = true;

	if (len && host[len - 1] == '.')
		len--;
	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? host[i] : '.';

		if (c == '.') {
			if (label == 0 || label > 63 || host[i - 1] == '-')
				return false;
			if (i < len)
				digits_only = true;
			label = 0;
			continue;
		}
		if (label == 0 && c == '-')
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
		if (c < '0' || c > '9')
			digits_only = false;
		label++;
	}
	return !digits_only;
}

int addr_from_literal(const char *host, uint16_t port, struct addr *out)
{
	struct sockaddr_in *s4 = (struct sockaddr_in *)&out->ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;
	char zone[IF_NAMESIZE];
	char *end;

	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		out->len = sizeof(*s4);
		return 0;
	}
	if (!split_zone(host, &s6->sin6_addr, zone))
		return -EINVAL;
	s6->sin6_family = AF_INET6;
	s6->sin6_port = htons(port);
	out->len = sizeof(*s6);
	if (zone[0]) {
		unsigned long idx = strtoul(zone, &end, 10);

		/* A number is an interface index, as in getaddrinfo(). */
		s6->sin6_scope_id = *end ? if_nametoindex(zone) : (uint32_t)idx;
		if (s6->sin6_scope_id == 0)
			return -ENODEV;
	}
	return 0;
}

const char *addr_host_port(const char *host, uint16_t port, char *buf,
			   size_t len)
{
	snprintf(buf, len, strchr(host, ':') ? "[%s]:%u" : "%s:%u", host, port);
	return buf;
}

int addr_resolve(const char *host, uint16_t port, struct addr_list *out,
		 char *err, size_t errlen)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_NUMERICSERV,
	};
	struct addrinfo *res, *ai;
	char service[8];
	int rc;

	out->n = 0;
	rc = addr_from_literal(host, port, &out->a[0]);
	if (rc == 0) {
		out->n = 1;
		return 0;
	}
	if (rc == -ENODEV) {
		snprintf(err, errlen, "'%s': no interface '%s' on this host",
			 host, strchr(host, '%') + 1);
		return -1;
	}
	snprintf(service, sizeof(service), "%u", port);
	rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "cannot resolve '%s': %s", host,
			 gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai && out->n < ADDR_LIST_MAX; ai = ai->ai_next) {
		if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
			continue;
		memcpy(&out->a[out->n].ss, ai->ai_addr, ai->ai_addrlen);
		out->a[out->n].len = ai->ai_addrlen;
		out->n++;
	}
	freeaddrinfo(res);
	if (out->n == 0) {
		snprintf(err, errlen, "'%s' has no IPv4 or IPv6 address", host);
		return -1;
	}
	return 0;
}

const char *addr_str(const struct sockaddr *sa, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];

	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;

		inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof(ip));
		snprintf(buf, len, "%s:%u", ip, ntohs(s4->sin_port));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		char zone[IF_NAMESIZE + 1] = "";

		inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof(ip));
		if (s6->sin6_scope_id) {
			zone[0] = '%';
			if (!if_indextoname(s6->sin6_scope_id, zone + 1))
				snprintf(zone + 1, IF_NAMESIZE, "%u", s6->sin6_scope_id);
		}
		snprintf(buf, len, "[%s%s]:%u", ip, zone, ntohs(s6->sin6_port));
	} else {
		snprintf(buf, len, "(family %d)", sa->sa_family);
	}
	return buf;
}

/* IPv4 address of sa (plain or v4-mapped), or false. */
static bool as_v4(const struct sockaddr *sa, struct in_addr *a, uint16_t *p)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const void *)sa;

		*a = s4->sin_addr;
		*p = s4->sin_port;
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)sa;

		if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {
			memcpy(&a->s_addr, &s6->sin6_addr.s6_addr[12], 4);
			*p = s6->sin6_port;
			return true;
		}
	}
	return false;
}

bool addr_equal(const struct sockaddr *a, const struct sockaddr *b)
{
	struct in_addr a4 = { 0 }, b4 = { 0 };
	uint16_t ap = 0, bp = 0;
	bool av4 = as_v4(a, &a4, &ap), bv4 = as_v4(b, &b4, &bp);

	if (av4 || bv4)
		return av4 && bv4 && ap == bp && a4.s_addr == b4.s_addr;
	if (a->sa_family != AF_INET6 || b->sa_family != AF_INET6)
		return false;
	const struct sockaddr_in6 *a6 = (const void *)a, *b6 = (const void *)b;

	/* fe80::1 on one link is not fe80::1 on another. */
	return a6->sin6_port == b6->sin6_port &&
	       IN6_ARE_ADDR_EQUAL(&a6->sin6_addr, &b6->sin6_addr) &&
	       (!IN6_IS_ADDR_LINKLOCAL(&a6->sin6_addr) ||
		a6->sin6_scope_id == b6->sin6_scope_id);
}

bool addr_is_any(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ((const struct sockaddr_in *)(const void *)sa)
			       ->sin_addr.s_addr == htonl(INADDR_ANY);
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(
			&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
	return false;
}

uint16_t addr_port(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	return 0;
}

bool addr_list_equal(const struct addr_list *a, const struct addr_list *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (!addr_equal((const struct sockaddr *)&a->a[i].ss,
				(const struct sockaddr *)&b->a[i].ss))
			return false;
	return true;
}
