/* topo_util.c: error formatting, array growth and lookups on struct topo
 * (see topo.h and topo_int.h). */
#define TOPO_ERR_IMPL	/* no analyzer model of topo_errf here (topo_int.h) */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void verrf(struct topo_error *err, const char *file, int line,
		  int col, const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int topo_errf(struct topo_error *err, const char *file, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	verrf(err, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int topo_errf_loc(struct topo_error *err, const struct topo_loc *loc,
		  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	va_start(ap, fmt);
	verrf(err, loc->file, loc->line, loc->col, fmt, ap);
	va_end(ap);
	return -1;
}

void topo_error_format(const struct topo_error *e, char *buf, size_t len)
{
	if (e->line > 0)
		snprintf(buf, len, "%s:%d:%d: %s", e->file, e->line, e->col,
			 e->msg);
	else
		snprintf(buf, len, "%s: %s", e->file, e->msg);
}

size_t topo_capacity(int n)
{
	size_t c = 1;

	while (c < (size_t)n)
		c *= 2;
	return n > 0 ? c : 0;
}

/* The array holds topo_capacity(*n) elements: it grows by doubling when
 * *n reaches a power of two, so n pushes copy O(n) elements, not O(n * n)
 * (one realloc per element was quadratic wherever realloc moves the
 * block: 100 000 members took minutes under ASan). */
void *topo_push(void *arr, int *n, size_t sz)
{
	void **p = arr;
	size_t cap = topo_capacity(*n + 1);
	char *na = *p;

	if (cap > topo_capacity(*n) || !na) {
		na = realloc(*p, cap * sz);
		if (!na)
			return NULL;
		*p = na;
	}
	memset(na + (size_t)*n * sz, 0, sz);
	return na + (size_t)(*n)++ * sz;
}

const char *topo_file_stem(const char *file, size_t *len)
{
	const char *b = strrchr(file, '/');
	size_t n;

	b = b ? b + 1 : file;
	n = strlen(b);
	if (n > 5 && !strcmp(b + n - 5, ".topo"))
		n -= 5;
	*len = n;
	return b;
}

int topo_node_find(const struct topo *t, const char *name)
{
	if (t->index)
		return topo_map_gets(&t->index->nodes, 0, name);
	for (int i = 0; i < t->nnodes; i++)
		if (!strcmp(t->nodes[i].name, name))
			return i;
	return -1;
}

int topo_net_find(const struct topo *t, const char *name)
{
	if (t->index)
		return topo_map_gets(&t->index->nets, 0, name);
	for (int i = 0; i < t->nnets; i++)
		if (!strcmp(t->nets[i].name, name))
			return i;
	return -1;
}

int topo_iface_find(const struct topo *t, int node, const char *ifname)
{
	if (t->index && t->index->built)
		return topo_map_gets(&t->index->ifaces, node, ifname);
	for (int i = 0; i < t->nifaces; i++)
		if (t->ifaces[i].node == node &&
		    !strcmp(t->ifaces[i].ifname, ifname))
			return i;
	return -1;
}

bool topo_node_has_dev(const struct topo *t, int node, const char *dev)
{
	if (!strcmp(dev, "lo") || topo_iface_find(t, node, dev) >= 0)
		return true;
	if (t->index && t->index->built)
		return topo_map_gets(&t->index->bridges, node, dev) >= 0;
	for (int i = 0; i < t->nbridges; i++)
		if (t->bridges[i].node == node &&
		    !strcmp(t->bridges[i].name, dev))
			return true;
	return false;
}

bool topo_node_has_addr(const struct topo *t, int node,
			const struct topo_addr *a)
{
	unsigned char key[TOPO_ADDR_KEY];

	if (t->index && t->index->built)
		return topo_map_get(&t->index->addrs, node, key,
				    topo_addr_key(a, 0, key)) >= 0;
	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];

		if (f->node != node)
			continue;
		for (int j = 0; j < f->naddrs; j++)
			if (topo_addr_eq(&f->addrs[j], a))
				return true;
	}
	return false;
}
