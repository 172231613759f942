/* topo_defaults.c: defaults that depend on the whole file, filled by
 * topo_check() after the checks: service names (checked like written
 * ones, unique in a node at any count), and the layer-4
 * multipath hash in nodes with multipath routes. Safe to run twice. */
#include "topo/topo_int.h"
#include "topo/topo_map.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define DEFAULT_BASE_MAX 27	/* characters of the basename kept */

/* The base of a default name: the last component of the command's
 * path, characters a name may not hold made '_'. The name becomes a file
 * name in the run directory, so it obeys the rules of written names
 * (topo_name_ok()); a command ending in '/' or '..' must not reach it. */
static int default_base(const char *cmd, char out[TOPO_NAME_MAX])
{
	size_t len = strlen(cmd), n = 0;
	const char *b;

	while (len > 0 && cmd[len - 1] == '/')
		len--;
	b = memrchr(cmd, '/', len);
	b = b ? b + 1 : cmd;
	len -= (size_t)(b - cmd);
	for (size_t i = 0; i < len && n < DEFAULT_BASE_MAX; i++)
		out[n++] = isalnum((unsigned char)b[i]) || b[i] == '-' ?
			   b[i] : '_';
	out[n] = '\0';
	return topo_name_ok(out) ? 0 : -1;
}

/* base, then base-2, base-3... (base shortened to fit) until no service
 * of the node has it. next remembers the last number tried per base, so
 * n services of one command cost n tries, not n * n. */
static int default_service_name(struct topo *t, int i, struct topo_map *names,
				struct topo_map *next, struct topo_error *err)
{
	struct topo_service *s = &t->services[i];
	char base[TOPO_NAME_MAX], cand[TOPO_NAME_MAX];
	int k, rc;

	if (default_base(s->argv[0], base) < 0)
		return topo_errf_loc(err, &s->loc,
				     "no default name for service: '%.64s', expected 'name NAME' (its command's basename is no name: 1-%d letters, digits, '-' or '_', starting with a letter)",
				     s->argv[0], TOPO_NAME_MAX - 1);
	k = topo_map_gets(next, s->node, base);
	memcpy(cand, base, sizeof(cand));
	for (k = k < 0 ? 1 : k; ; k++) {
		if (k > 1) {
			char suf[16];
			int sl = snprintf(suf, sizeof(suf), "-%d", k);

			snprintf(cand, sizeof(cand), "%.*s%s",
				 TOPO_NAME_MAX - 1 - sl, base, suf);
		}
		rc = topo_map_puts(names, s->node, cand, i);
		if (rc == TOPO_MAP_NOMEM)
			return topo_errf_loc(err, &s->loc, "out of memory");
		if (rc == -1)
			break;
	}
	rc = topo_map_puts(next, s->node, base, k + 1);
	if (rc == TOPO_MAP_NOMEM)
		return topo_errf_loc(err, &s->loc, "out of memory");
	if (rc >= 0)
		topo_map_set(next, s->node, base, strlen(base), k + 1);
	memcpy(s->name, cand, sizeof(cand));
	return 0;
}

static int fill_service_names(struct topo *t, struct topo_error *err)
{
	struct topo_map names = { 0 }, next = { 0 };
	int rc = 0;

	for (int i = 0; i < t->nservices && !rc; i++)
		if (t->services[i].name[0] &&
		    topo_map_puts(&names, t->services[i].node,
				  t->services[i].name, i) == TOPO_MAP_NOMEM)
			rc = topo_errf_loc(err, &t->services[i].loc, "out of memory");
	for (int i = 0; i < t->nservices && !rc; i++)
		if (!t->services[i].name[0])
			rc = default_service_name(t, i, &names, &next, err);
	topo_map_free(&names);
	topo_map_free(&next);
	return rc;
}

/* key for r's node, unless the file (or an earlier route) set it. */
static int add_hash_policy(struct topo *t, const struct topo_route *r,
			   const char *key, struct topo_map *keys,
			   struct topo_error *err)
{
	struct topo_sysctl *s;
	int node = r->node;
	struct topo_loc loc = r->loc;
	int rc = topo_map_puts(keys, node, key, t->nsysctls);

	if (rc == TOPO_MAP_NOMEM)
		return topo_errf_loc(err, &loc, "out of memory");
	if (rc >= 0)
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

static int fill_hash_policies(struct topo *t, struct topo_error *err)
{
	struct topo_map keys = { 0 };
	int rc = 0;

	for (int i = 0; i < t->nsysctls && !rc; i++)
		if (topo_map_puts(&keys, t->sysctls[i].node, t->sysctls[i].key, i) ==
		    TOPO_MAP_NOMEM)
			rc = topo_errf_loc(err, &t->sysctls[i].loc, "out of memory");
	for (int i = 0; i < t->nroutes && !rc; i++) {
		const struct topo_route *r = &t->routes[i];
		const char *key = r->dst.family == AF_INET6 ?
				  "net.ipv6.fib_multipath_hash_policy" :
				  "net.ipv4.fib_multipath_hash_policy";

		/* t->routes does not move when sysctls grow: r stays valid */
		if (r->multipath && r->nnh > 1)
			rc = add_hash_policy(t, r, key, &keys, err);
	}
	topo_map_free(&keys);
	return rc;
}

int topo_fill_defaults(struct topo *t, struct topo_error *err)
{
	if (fill_service_names(t, err) < 0 || fill_hash_policies(t, err) < 0)
		return -1;
	return 0;
}
