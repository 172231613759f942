/* topo_map.h: a map from keys to ints for the parser and checker (private
 * to lab/topo), so that finding a name or a duplicate costs O(1) on average
 * instead of a scan of everything declared before: a file of 100 000
 * links is checked in well under a second.
 *
 * A key is an int (usually the node) and a byte string (a name, or an
 * address packed with topo_addr_key()). A hash table; the map keeps
 * copies of the bytes. */
#ifndef LAB_TOPO_MAP_H
#define LAB_TOPO_MAP_H

#include <stddef.h>

#include "topo/topo.h"

struct topo_map_slot;

struct topo_map {
	struct topo_map_slot *slots;
	size_t cap;		/* a power of two, at least 2 n */
	size_t n;
	unsigned char *keys;	/* the keys' bytes, one after another */
	size_t keys_len, keys_cap;
};

#define TOPO_MAP_NOMEM	(-2)

/* Add (a, s[0..len)) -> val unless the key is there. Returns -1 if it was
 * added, the value already stored if it was there (so the first of
 * several duplicates is what the map gives), TOPO_MAP_NOMEM if memory ran
 * out. */
int topo_map_put(struct topo_map *m, int a, const void *s, size_t len,
		 int val);
/* The value of (a, s[0..len)), or -1. */
int topo_map_get(const struct topo_map *m, int a, const void *s, size_t len);
/* Replace the value of a key that is there (put first). */
void topo_map_set(struct topo_map *m, int a, const void *s, size_t len,
		  int val);
void topo_map_free(struct topo_map *m);

/* The same with a NUL-terminated string. */
int topo_map_puts(struct topo_map *m, int a, const char *s, int val);
int topo_map_gets(const struct topo_map *m, int a, const char *s);

/* An address as key bytes: family, plen and the address; plen < 0 keeps
 * the address's own. Returns the length written to buf (TOPO_ADDR_KEY). */
#define TOPO_ADDR_KEY 18
size_t topo_addr_key(const struct topo_addr *a, int plen,
		     unsigned char buf[TOPO_ADDR_KEY]);

#endif
