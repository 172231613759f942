/* bufpool.c: the copy buffer pool (see bufpool.h). */
#include "bufpool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int buf_pool_init(struct buf_pool *p, int max, uint32_t size)
{
	p->n = p->low = 0;
	p->max = max;
	p->size = size;
	p->spare = calloc((size_t)max, sizeof(*p->spare));
	return p->spare ? 0 : -ENOMEM;
}

char *buf_pool_get(struct buf_pool *p)
{
	if (p->n > 0) {
		p->n--;
		if (p->n < p->low)
			p->low = p->n;
		return p->spare[p->n];
	}
	p->low = 0;
	return malloc(p->size);
}

void buf_pool_put(struct buf_pool *p, char *buf)
{
	if (!buf)
		return;
	if (p->n < p->max)
		p->spare[p->n++] = buf;
	else
		free(buf);
}

void buf_pool_trim(struct buf_pool *p)
{
	/* The bottom `low` spares sat unused for a whole period. */
	for (int i = 0; i < p->low; i++)
		free(p->spare[i]);
	if (p->low > 0) {
		memmove(p->spare, p->spare + p->low,
			(size_t)(p->n - p->low) * sizeof(*p->spare));
		p->n -= p->low;
	}
	p->low = p->n;
}

void buf_pool_destroy(struct buf_pool *p)
{
	while (p->n > 0)
		free(p->spare[--p->n]);
	free(p->spare);
	p->spare = NULL;
}
