/* topo_addr.c: address parsing, short host parts and prefix arithmetic
 * for topology files (see topo_int.h). */
#include "topo/topo_int.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int topo_addr_bits(const struct topo_addr *a)
{
	return a->family == AF_INET6 ? 128 : 32;
}

/* Parse a bare address, no prefix length. */
static int parse_bare(const char *s, struct topo_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (strchr(s, ':')) {
		if (inet_pton(AF_INET6, s, a->bytes) != 1)
			return -1;
		a->family = AF_INET6;
		a->plen = 128;
	} else {
		if (inet_pton(AF_INET, s, a->bytes) != 1)
			return -1;
		a->family = AF_INET;
		a->plen = 32;
	}
	return 0;
}

enum topo_addr_res topo_addr_parse_host(const char *s, struct topo_addr *a)
{
	const char *slash = strchr(s, '/');
	char buf[64];

	if (!slash)
		return parse_bare(s, a) < 0 ? TOPO_ADDR_BAD : TOPO_ADDR_OK;
	/* tell "an address with a /PLEN it must not have" from garbage */
	if ((size_t)(slash - s) >= sizeof(buf))
		return TOPO_ADDR_BAD;
	memcpy(buf, s, slash - s);
	buf[slash - s] = '\0';
	return parse_bare(buf, a) < 0 ? TOPO_ADDR_BAD : TOPO_ADDR_PLEN;
}

enum topo_addr_res topo_addr_parse_prefix(const char *s, bool net,
					  struct topo_addr *a)
{
	const char *slash = strchr(s, '/');
	char buf[64], *end;
	long plen;

	if (!slash)
		return parse_bare(s, a) < 0 ? TOPO_ADDR_BAD : TOPO_ADDR_NOPLEN;
	if ((size_t)(slash - s) >= sizeof(buf))
		return TOPO_ADDR_BAD;
	memcpy(buf, s, slash - s);
	buf[slash - s] = '\0';
	if (parse_bare(buf, a) < 0)
		return TOPO_ADDR_BAD;
	if (slash[1] < '0' || slash[1] > '9')
		return TOPO_ADDR_PLEN;
	plen = strtol(slash + 1, &end, 10);
	if (*end || plen > topo_addr_bits(a) || end - slash > 4)
		return TOPO_ADDR_PLEN;
	a->plen = (int)plen;
	if (net && !topo_addr_host_zero(a, a->plen))
		return TOPO_ADDR_HOSTBITS;
	return TOPO_ADDR_OK;
}

/* Bit i (0 = most significant) of a. */
static int bit(const struct topo_addr *a, int i)
{
	return (a->bytes[i / 8] >> (7 - i % 8)) & 1;
}

bool topo_addr_host_zero(const struct topo_addr *a, int plen)
{
	for (int i = plen; i < topo_addr_bits(a); i++)
		if (bit(a, i))
			return false;
	return true;
}

bool topo_addr_host_ones(const struct topo_addr *a, int plen)
{
	for (int i = plen; i < topo_addr_bits(a); i++)
		if (!bit(a, i))
			return false;
	return true;
}

bool topo_addr_eq(const struct topo_addr *a, const struct topo_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->bytes, b->bytes, topo_addr_bits(a) / 8);
}

bool topo_addr_in(const struct topo_addr *a, const struct topo_addr *p)
{
	if (a->family != p->family || !p->family)
		return false;
	for (int i = 0; i < p->plen; i++)
		if (bit(a, i) != bit(p, i))
			return false;
	return true;
}

const char *topo_addr_special(const struct topo_addr *a)
{
	static const uint8_t zero[16];
	const uint8_t *b = a->bytes;

	if (a->family == AF_INET) {
		if (!memcmp(b, zero, 4))
			return "unspecified address";
		if (b[0] == 127)
			return "loopback address";
		if ((b[0] & 0xf0) == 0xe0)
			return "multicast address";
		return NULL;
	}
	if (!memcmp(b, zero, 16))
		return "unspecified address";
	if (!memcmp(b, zero, 15) && b[15] == 1)
		return "loopback address";
	if (b[0] == 0xff)
		return "multicast address";
	return NULL;
}

bool topo_addr_is_linklocal6(const struct topo_addr *a)
{
	return a->family == AF_INET6 && a->bytes[0] == 0xfe &&
	       (a->bytes[1] & 0xc0) == 0x80;
}

int topo_addr_member(const char *s, const struct topo_net *net,
		     struct topo_addr *a, const char **why)
{
	const struct topo_addr *sub;
	struct topo_addr host;
	bool v4 = s[0] == '.', v6 = s[0] == ':' && s[1] == ':';

	if (!v4 && !v6) {
		if (topo_addr_parse_host(s, a) != TOPO_ADDR_OK) {
			*why = "bad";
			return -1;
		}
		sub = a->family == AF_INET ? &net->subnet4 : &net->subnet6;
		a->plen = sub->family ? sub->plen : topo_addr_bits(a);
		return 0;
	}
	if (v4) {
		char buf[32];

		/* ".2" is "0.0.0.2", ".1.2" is "0.0.1.2" */
		int dots = 0;

		for (const char *p = s; *p; p++)
			dots += *p == '.';
		if (dots > 3 || strlen(s) > 16)
			goto bad;
		snprintf(buf, sizeof(buf), "%s%s",
			 dots == 1 ? "0.0.0" : dots == 2 ? "0.0" : "0", s);
		if (parse_bare(buf, &host) < 0)
			goto bad;
	} else if (parse_bare(s, &host) < 0 || host.family != AF_INET6) {
		goto bad;
	}
	sub = host.family == AF_INET ? &net->subnet4 : &net->subnet6;
	if (!sub->family) {
		*why = "nosubnet";
		return -1;
	}
	for (int i = 0; i < sub->plen; i++)
		if (bit(&host, i)) {
			*why = "fit";
			return -1;
		}
	*a = *sub;
	for (int i = 0; i < 16; i++)
		a->bytes[i] |= host.bytes[i];
	return 0;
bad:
	*why = "bad";
	return -1;
}

const char *topo_addr_str(const struct topo_addr *a, bool with_plen,
			  char *buf, size_t len)
{
	char tmp[INET6_ADDRSTRLEN];

	if (!a->family) {
		snprintf(buf, len, "(none)");
		return buf;
	}
	inet_ntop(a->family, a->bytes, tmp, sizeof(tmp));
	if (with_plen)
		snprintf(buf, len, "%s/%d", tmp, a->plen);
	else
		snprintf(buf, len, "%s", tmp);
	return buf;
}
