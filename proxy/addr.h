/* addr.h: HOST:PORT parsing, resolution and printing of socket addresses.
 *
 * Parsing is pure (no system calls) so it can be unit-tested; only
 * addr_resolve() asks the resolver. Accepted forms:
 *   1.2.3.4:80   [2001:db8::1]:80   [fe80::1%eth0]:80   name.example:80
 *   :80   *:80
 * The last two (and an empty host) mean "all addresses". A link-local
 * IPv6 address needs its zone (the interface), and only it takes one. */
#ifndef PROXY_ADDR_H
#define PROXY_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define ADDR_HOST_MAX 256
#define ADDR_LIST_MAX 16

struct addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

struct addr_list {
	int n;
	struct addr a[ADDR_LIST_MAX];
};

/* Split "HOST:PORT" / "[V6]:PORT". On error returns -1 and sets *why to a
 * static text saying what was expected. host may come back empty. */
int addr_split(const char *s, char *host, size_t hostlen, uint16_t *port,
	       const char **why);

/* A decimal port 1..65535; -1 otherwise. */
int addr_parse_port(const char *s, uint16_t *port);

/* Whether host is an IPv4 or IPv6 literal (no brackets; IPv6 with its
 * %zone when link-local). Pure: the zone's interface is not looked up.
 * When false, *why may say what was wrong (else NULL). */
bool addr_is_literal(const char *host, const char **why);

/* Whether host is a well-formed host name to look up (not a literal). */
bool addr_is_hostname(const char *host);

/* An IPv4 or IPv6 literal (no brackets) into *out: 0, -EINVAL if not a
 * literal, -ENODEV if its zone names no interface (the one system call:
 * if_nametoindex; a number is taken as an interface index). */
int addr_from_literal(const char *host, uint16_t port, struct addr *out);

/* "host:port", or "[host]:port" for an IPv6 literal; returns buf. */
const char *addr_host_port(const char *host, uint16_t port, char *buf,
			   size_t len);

/* Resolve host (literal or name) for a TCP connect; every address in the
 * resolver's order. Returns 0, or -1 with err filled in. */
int addr_resolve(const char *host, uint16_t port, struct addr_list *out,
		 char *err, size_t errlen);

/* "1.2.3.4:80", "[::1]:80" or "[fe80::1%eth0]:80" into buf; returns buf. */
const char *addr_str(const struct sockaddr *sa, char *buf, size_t len);
#define ADDR_STR_MAX 80

/* Same family, address and port (v4-mapped IPv6 equals its IPv4 form;
 * link-local addresses also the same interface). */
bool addr_equal(const struct sockaddr *a, const struct sockaddr *b);

/* Same addresses in the same order (the order connects try them). */
bool addr_list_equal(const struct addr_list *a, const struct addr_list *b);

/* The wildcard address of sa's family (0.0.0.0 / ::). */
bool addr_is_any(const struct sockaddr *sa);

uint16_t addr_port(const struct sockaddr *sa);

#endif
