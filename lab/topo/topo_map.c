/* topo_map.c: keys to ints on tsearch(3) (see topo_map.h). */
#include "topo/topo_map.h"

#include <search.h>
#include <stdlib.h>
#include <string.h>

struct map_entry {
	int a;
	int val;
	size_t len;
	const unsigned char *s;	/* a lookup's bytes, or data below */
	unsigned char data[];
};

static int cmp(const void *x, const void *y)
{
	const struct map_entry *p = x, *q = y;
	int c;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	c = memcmp(p->s, q->s, p->len < q->len ? p->len : q->len);
	if (c)
		return c;
	return p->len < q->len ? -1 : p->len > q->len;
}

int topo_map_put(struct topo_map *m, int a, const void *s, size_t len,
		 int val)
{
	struct map_entry *e = malloc(sizeof(*e) + len), **slot;

	if (!e)
		return TOPO_MAP_NOMEM;
	e->a = a;
	e->val = val;
	e->len = len;
	memcpy(e->data, s, len);
	e->s = e->data;
	slot = tsearch(e, &m->root, cmp);
	if (!slot) {
		free(e);
		return TOPO_MAP_NOMEM;
	}
	if (*slot != e) {
		free(e);
		return (*slot)->val;
	}
	m->n++;
	return -1;
}

static struct map_entry **find(const struct topo_map *m, int a, const void *s,
			   size_t len)
{
	struct map_entry key = { .a = a, .len = len, .s = s };

	return tfind(&key, &m->root, cmp);
}

int topo_map_get(const struct topo_map *m, int a, const void *s, size_t len)
{
	struct map_entry **slot = find(m, a, s, len);

	return slot ? (*slot)->val : -1;
}

void topo_map_set(struct topo_map *m, int a, const void *s, size_t len,
		  int val)
{
	struct map_entry **slot = find(m, a, s, len);

	if (slot)
		(*slot)->val = val;
}

void topo_map_free(struct topo_map *m)
{
	tdestroy(m->root, free);
	m->root = NULL;
	m->n = 0;
}

int topo_map_puts(struct topo_map *m, int a, const char *s, int val)
{
	return topo_map_put(m, a, s, strlen(s), val);
}

int topo_map_gets(const struct topo_map *m, int a, const char *s)
{
	return topo_map_get(m, a, s, strlen(s));
}

size_t topo_addr_key(const struct topo_addr *a, int plen,
		     unsigned char buf[TOPO_ADDR_KEY])
{
	memset(buf, 0, TOPO_ADDR_KEY);
	buf[0] = (unsigned char)a->family;
	buf[1] = (unsigned char)(plen < 0 ? a->plen : plen);
	memcpy(buf + 2, a->bytes, 16);
	return TOPO_ADDR_KEY;
}
