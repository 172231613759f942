/* pipes.c: the splice pipe pool (see pipes.h). */
#include "pipes.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pipe_new(struct pipe_pool *p, int fds[2])
{
	int sz;

	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0)
		return -errno;
	/* A big pipe lets one splice move up to `want` bytes; pages are only
	 * allocated while data is in flight. Failure just keeps 64 KiB. */
	sz = fcntl(fds[1], F_SETPIPE_SZ, (int)p->want);
	if (sz < 0)
		sz = fcntl(fds[1], F_GETPIPE_SZ);
	if (sz > 0 && (p->size == 0 || (uint32_t)sz < p->size))
		p->size = (uint32_t)sz;
	return 0;
}

int pipe_pool_init(struct pipe_pool *p, int max, uint32_t want)
{
	int fds[2], rc;

	p->n = 0;
	p->max = max;
	p->want = want;
	p->size = 0;
	p->spare = calloc((size_t)max, sizeof(*p->spare));
	if (!p->spare)
		return -ENOMEM;
	/* Learn the size we really get now, so flows can be sized. */
	rc = pipe_new(p, fds);
	if (rc < 0)
		return rc;
	pipe_pool_put(p, fds);
	p->low = p->n;
	if (p->size == 0)
		p->size = 65536;
	return 0;
}

int pipe_pool_get(struct pipe_pool *p, int fds[2])
{
	if (p->n > 0) {
		p->n--;
		if (p->n < p->low)
			p->low = p->n;
		fds[0] = p->spare[p->n][0];
		fds[1] = p->spare[p->n][1];
		return 0;
	}
	p->low = 0;
	return pipe_new(p, fds);
}

int pipe_pool_reserve(struct pipe_pool *p)
{
	int fds[2], rc;

	if (p->n > 0)
		return 0;
	rc = pipe_new(p, fds);
	if (rc == 0)
		pipe_pool_put(p, fds);
	return rc;
}

void pipe_pool_put(struct pipe_pool *p, int fds[2])
{
	if (p->n < p->max) {
		p->spare[p->n][0] = fds[0];
		p->spare[p->n][1] = fds[1];
		p->n++;
	} else {
		close(fds[0]);
		close(fds[1]);
	}
	fds[0] = fds[1] = -1;
}

void pipe_pool_trim(struct pipe_pool *p)
{
	/* The bottom `low` spares sat unused for a whole period. */
	for (int i = 0; i < p->low; i++) {
		close(p->spare[i][0]);
		close(p->spare[i][1]);
	}
	if (p->low > 0) {
		memmove(p->spare, p->spare + p->low,
			(size_t)(p->n - p->low) * sizeof(*p->spare));
		p->n -= p->low;
	}
	p->low = p->n;
}

void pipe_pool_destroy(struct pipe_pool *p)
{
	while (p->n > 0) {
		p->n--;
		close(p->spare[p->n][0]);
		close(p->spare[p->n][1]);
	}
	free(p->spare);
	p->spare = NULL;
}
