/* topo_check_misc.c: semantic checks of what is per node but not network
 * layout: sysctls and mounts set once, service names unique in a node,
 * link steps naming a bridge the node has, one expectation per event. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"
#include "util/event_names.h"

#include <stdio.h>
#include <string.h>

/* The first object before the one at (node, key) with the same key, or
 * -1; -2 out of memory. */
static int first_dup(struct topo_map *seen, int node, const void *key,
		     size_t len, int i)
{
	return topo_map_put(seen, node, key, len, i);
}

static int check_sysctls(const struct topo *t, struct topo_map *seen,
			 struct topo_error *err)
{
	for (int i = 0; i < t->nsysctls; i++) {
		const struct topo_sysctl *s = &t->sysctls[i];
		int j = first_dup(seen, s->node, s->key, strlen(s->key), i);

		if (j == TOPO_MAP_NOMEM)
			return topo_errf_loc(err, &s->loc, "out of memory");
		if (j >= 0)
			return topo_errf_loc(err, &s->loc,
					     "duplicate sysctl: '%s', expected each key once per node (first at line %d)",
					     s->key, t->sysctls[j].loc.line);
	}
	return 0;
}

static int check_mounts(const struct topo *t, struct topo_map *seen,
			struct topo_error *err)
{
	for (int i = 0; i < t->nmounts; i++) {
		const struct topo_mount *m = &t->mounts[i];
		int j = first_dup(seen, m->node, m->path, strlen(m->path), i);

		if (j == TOPO_MAP_NOMEM)
			return topo_errf_loc(err, &m->loc, "out of memory");
		if (j >= 0)
			return topo_errf_loc(err, &m->loc,
					     "duplicate mount: '%s', expected each path once per node (first at line %d)",
					     m->path, t->mounts[j].loc.line);
	}
	return 0;
}

static int check_services(const struct topo *t, struct topo_map *seen,
			  struct topo_error *err)
{
	for (int i = 0; i < t->nservices; i++) {
		const struct topo_service *s = &t->services[i];
		int j;

		if (!s->name_loc.line)
			continue;	/* defaulted: unique by construction */
		j = first_dup(seen, s->node, s->name, strlen(s->name), i);
		if (j == TOPO_MAP_NOMEM)
			return topo_errf_loc(err, &s->loc, "out of memory");
		if (j >= 0)
			return topo_errf_loc(err, &s->name_loc,
					     "duplicate service: '%s', expected names unique in a node (first at line %d)",
					     s->name, t->services[j].loc.line);
	}
	return 0;
}

static int check_links(const struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nsteps; i++) {
		const struct topo_step *s = &t->steps[i];
		char list[512] = "";
		bool found = false;

		if (s->kind != TOPO_STEP_LINK || !s->master[0] ||
		    (t->index && t->index->built &&
		     topo_map_gets(&t->index->bridges, s->node, s->master) >= 0))
			continue;
		for (int b = 0; b < t->nbridges; b++) {
			if (t->bridges[b].node != s->node)
				continue;
			found |= !strcmp(t->bridges[b].name, s->master);
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%s", list[0] ? ", " : "", t->bridges[b].name);
		}
		if (!found)
			return topo_errf_loc(err, &s->master_loc,
					     "undefined bridge: '%s', expected a bridge of node %s (%s)",
					     s->master, t->nodes[s->node].name,
					     list[0] ? list : "it has none");
	}
	return 0;
}

static int check_expects(const struct topo *t, struct topo_map *seen,
			 struct topo_error *err)
{
	for (int i = 0; i < t->nexpects; i++) {
		const struct topo_expect *e = &t->expects[i];
		int j = first_dup(seen, e->node, &e->event, sizeof(e->event), i);

		if (j == TOPO_MAP_NOMEM)
			return topo_errf_loc(err, &e->loc, "out of memory");
		if (j >= 0)
			return topo_errf_loc(err, &e->loc,
					     "duplicate expectation: '%s', expected one per event and node (first at line %d)",
					     event_name(e->event), t->expects[j].loc.line);
	}
	return 0;
}

int topo_check_misc(struct topo *t, struct topo_error *err)
{
	struct topo_map seen[4] = { { 0 } };
	int rc = 0;

	if (check_sysctls(t, &seen[0], err) < 0 ||
	    check_mounts(t, &seen[1], err) < 0 ||
	    check_services(t, &seen[2], err) < 0 || check_links(t, err) < 0 ||
	    check_expects(t, &seen[3], err) < 0)
		rc = -1;
	for (int i = 0; i < 4; i++)
		topo_map_free(&seen[i]);
	return rc;
}
