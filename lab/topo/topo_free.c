/* topo_free.c: release a struct topo and everything it owns. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdlib.h>

static void free_services(struct topo *t)
{
	for (int i = 0; i < t->nservices; i++) {
		topo_argv_free(t->services[i].argv);
		topo_argv_free(t->services[i].ready_argv);
		free(t->services[i].ready_match);
	}
	free(t->services);
}

static void free_steps(struct topo *t)
{
	for (int i = 0; i < t->nsteps; i++) {
		topo_argv_free(t->steps[i].argv);
		free(t->steps[i].match);
	}
	free(t->steps);
}

void topo_free(struct topo *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nsysctls; i++) {
		free(t->sysctls[i].key);
		free(t->sysctls[i].value);
	}
	for (int i = 0; i < t->nbridges; i++) {
		free(t->bridges[i].ports);
		free(t->bridges[i].port_locs);
	}
	for (int i = 0; i < t->nmounts; i++)
		free(t->mounts[i].path);
	free_services(t);
	free_steps(t);
	free(t->nodes);
	free(t->nets);
	free(t->ifaces);
	free(t->bridges);
	free(t->routes);
	free(t->sysctls);
	free(t->limits);
	free(t->endpoints);
	free(t->mounts);
	free(t->expects);
	free(t->asserts);
	free(t->file);
	free(t->name);
	topo_index_free(t->index);
	free(t);
}
