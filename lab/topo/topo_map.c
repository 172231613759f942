/* topo_map.c: keys to ints in an open-addressing hash table (see
 * topo_map.h). Keys are copied into one growing buffer, so a map costs
 * two allocations however many keys it holds, and freeing it is O(1).
 * (tsearch(3) was tried first: a 100 000-link file spent most of its
 * check time in the tree's comparisons, allocations and tdestroy.) */
#include "topo/topo_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct topo_map_slot {
	uint64_t hash;		/* 0: empty */
	size_t off;		/* of the key bytes in m->keys */
	size_t len;
	int a;
	int val;
};

/* FNV-1a over a and the bytes; never 0 (0 marks an empty slot). */
static uint64_t hash(int a, const unsigned char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < sizeof(a); i++) {
		h ^= (unsigned char)(a >> (8 * i));
		h *= 0x100000001b3ULL;
	}
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h | 1;
}

static struct topo_map_slot *lookup(const struct topo_map *m, uint64_t h,
				    int a, const void *s, size_t len)
{
	size_t mask = m->cap - 1;

	if (!m->cap)
		return NULL;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct topo_map_slot *e = &m->slots[i];

		if (!e->hash || (e->hash == h && e->a == a && e->len == len &&
				 !memcmp(m->keys + e->off, s, len)))
			return e;
	}
}

static int grow(struct topo_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct topo_map_slot *old = m->slots, *ns = calloc(cap, sizeof(*ns));

	if (!ns)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		size_t j = old[i].hash & (cap - 1);

		if (!old[i].hash)
			continue;
		while (ns[j].hash)
			j = (j + 1) & (cap - 1);
		ns[j] = old[i];
	}
	free(old);
	m->slots = ns;
	m->cap = cap;
	return 0;
}

static int keep_key(struct topo_map *m, const void *s, size_t len, size_t *off)
{
	if (!m->keys || m->keys_len + len > m->keys_cap) {	/* empty keys too */
		size_t cap = m->keys_cap ? m->keys_cap : 1024;
		unsigned char *nk;

		while (cap < m->keys_len + len)
			cap *= 2;
		nk = realloc(m->keys, cap);
		if (!nk)
			return -1;
		m->keys = nk;
		m->keys_cap = cap;
	}
	memcpy(m->keys + m->keys_len, s, len);
	*off = m->keys_len;
	m->keys_len += len;
	return 0;
}

int topo_map_put(struct topo_map *m, int a, const void *s, size_t len,
		 int val)
{
	uint64_t h = hash(a, s, len);
	struct topo_map_slot *e;

	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return TOPO_MAP_NOMEM;
	e = lookup(m, h, a, s, len);
	if (e->hash)
		return e->val;
	if (keep_key(m, s, len, &e->off) < 0)
		return TOPO_MAP_NOMEM;
	e->hash = h;
	e->len = len;
	e->a = a;
	e->val = val;
	m->n++;
	return -1;
}

int topo_map_get(const struct topo_map *m, int a, const void *s, size_t len)
{
	struct topo_map_slot *e = lookup(m, hash(a, s, len), a, s, len);

	return e && e->hash ? e->val : -1;
}

void topo_map_set(struct topo_map *m, int a, const void *s, size_t len,
		  int val)
{
	struct topo_map_slot *e = lookup(m, hash(a, s, len), a, s, len);

	if (e && e->hash)
		e->val = val;
}

void topo_map_free(struct topo_map *m)
{
	free(m->slots);
	free(m->keys);
	memset(m, 0, sizeof(*m));
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
