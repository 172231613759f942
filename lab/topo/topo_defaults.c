/* topo_defaults.c: defaults that depend on the whole file, filled by
 * topo_check() after the checks: service names, and the layer-4
 * multipath hash in nodes with multipath routes. Safe to run twice. */
#include "topo/topo_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static bool name_taken(const struct topo *t, int upto, int node,
		       const char *name)
{
	for (int i = 0; i < t->nservices; i++)
		if (i != upto && t->services[i].node == node &&
		    t->services[i].name[0] && !strcmp(t->services[i].name, name))
			return true;
	return false;
}

/* basename of argv[0], then "-2", "-3"... until unique in the node. */
static void default_service_name(struct topo *t, int i)
{
	struct topo_service *s = &t->services[i];
	const char *b = strrchr(s->argv[0], '/');
	char cand[TOPO_NAME_MAX + 16];

	b = b && b[1] ? b + 1 : s->argv[0];
	/* 27 characters leave room for "-NNN" */
	snprintf(cand, sizeof(cand), "%.27s", b);
	for (int n = 2; name_taken(t, i, s->node, cand) && n < 1000; n++)
		snprintf(cand, sizeof(cand), "%.27s-%d", b, n);
	memcpy(s->name, cand, TOPO_NAME_MAX - 1);
	s->name[TOPO_NAME_MAX - 1] = '\0';
}

static int add_hash_policy(struct topo *t, const struct topo_route *r,
			   const char *key, struct topo_error *err)
{
	struct topo_sysctl *s;
	int node = r->node;
	struct topo_loc loc = r->loc;

	for (int i = 0; i < t->nsysctls; i++)
		if (t->sysctls[i].node == node && !strcmp(t->sysctls[i].key, key))
			return 0;
	s = topo_push(&t->sysctls, &t->nsysctls, sizeof(*s));
	if (!s)
		return topo_errf_loc(err, &loc, "out of memory");
	s->node = node;
	s->loc = loc;
	s->key = strdup(key);
	s->value = strdup("1");
	if (!s->key || !s->value)
		return topo_errf_loc(err, &loc, "out of memory");
	return 0;
}

int topo_fill_defaults(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nservices; i++)
		if (!t->services[i].name[0])
			default_service_name(t, i);
	for (int i = 0; i < t->nroutes; i++) {
		const struct topo_route *r = &t->routes[i];
		const char *key = r->dst.family == AF_INET6 ?
				  "net.ipv6.fib_multipath_hash_policy" :
				  "net.ipv4.fib_multipath_hash_policy";

		/* t->routes does not move when sysctls grow: r stays valid */
		if (r->multipath && r->nnh > 1 && add_hash_policy(t, r, key, err) < 0)
			return -1;
	}
	return 0;
}
