/* topo_check_misc.c: semantic checks of what is per node but not network
 * layout: sysctls and mounts set once, service names unique in a node,
 * link steps naming a bridge the node has, one expectation per event. */
#include "topo/topo_int.h"
#include "util/event_names.h"

#include <stdio.h>
#include <string.h>

static int check_sysctls(const struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nsysctls; i++)
		for (int j = 0; j < i; j++)
			if (t->sysctls[j].node == t->sysctls[i].node &&
			    !strcmp(t->sysctls[j].key, t->sysctls[i].key))
				return topo_errf_loc(err, &t->sysctls[i].loc,
						     "duplicate sysctl: '%s', expected each key once per node (first at line %d)",
						     t->sysctls[i].key,
						     t->sysctls[j].loc.line);
	return 0;
}

static int check_mounts(const struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nmounts; i++)
		for (int j = 0; j < i; j++)
			if (t->mounts[j].node == t->mounts[i].node &&
			    !strcmp(t->mounts[j].path, t->mounts[i].path))
				return topo_errf_loc(err, &t->mounts[i].loc,
						     "duplicate mount: '%s', expected each path once per node (first at line %d)",
						     t->mounts[i].path, t->mounts[j].loc.line);
	return 0;
}

static int check_services(const struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nservices; i++) {
		const struct topo_service *s = &t->services[i];

		if (!s->name_loc.line)
			continue;	/* defaulted: unique by construction */
		for (int j = 0; j < i; j++)
			if (t->services[j].node == s->node &&
			    t->services[j].name_loc.line &&
			    !strcmp(t->services[j].name, s->name))
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

		if (s->kind != TOPO_STEP_LINK || !s->master[0])
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

static int check_expects(const struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nexpects; i++)
		for (int j = 0; j < i; j++)
			if (t->expects[j].node == t->expects[i].node &&
			    t->expects[j].event == t->expects[i].event)
				return topo_errf_loc(err, &t->expects[i].loc,
						     "duplicate expectation: '%s', expected one per event and node (first at line %d)",
						     event_name(t->expects[i].event),
						     t->expects[j].loc.line);
	return 0;
}

int topo_check_misc(struct topo *t, struct topo_error *err)
{
	if (check_sysctls(t, err) < 0 || check_mounts(t, err) < 0 ||
	    check_services(t, err) < 0 || check_links(t, err) < 0 ||
	    check_expects(t, err) < 0)
		return -1;
	return 0;
}
