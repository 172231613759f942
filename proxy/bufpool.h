/* bufpool.h: a per-worker pool of copy buffers.
 *
 * Flows that copy (recv/send) instead of splicing hold a buffer only while
 * data is queued; an empty buffer goes back to the pool, so idle
 * connections hold none and busy ones do not malloc/free per burst. Like
 * the pipe pool, spares unused for a trim period are freed. */
#ifndef PROXY_BUFPOOL_H
#define PROXY_BUFPOOL_H

#include <stdint.h>

struct buf_pool {
	char **spare;
	int n, max;
	int low;		/* fewest spares since the last trim */
	uint32_t size;
};

int buf_pool_init(struct buf_pool *p, int max, uint32_t size);
char *buf_pool_get(struct buf_pool *p);		/* NULL when out of memory */
void buf_pool_put(struct buf_pool *p, char *buf);
void buf_pool_trim(struct buf_pool *p);
void buf_pool_destroy(struct buf_pool *p);

#endif
