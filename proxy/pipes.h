/* pipes.h: a per-worker pool of splice pipes.
 *
 * A relay direction holds a pipe only while data sits in it; an empty pipe
 * goes back to the pool, so idle connections hold no pipe (no fds, no
 * kernel pages) and busy ones reuse pipes without pipe2()/close() calls.
 * The pool keeps at most `max` spare pipes and closes the rest; spares
 * that stay unused for a trim period are closed too. */
#ifndef PROXY_PIPES_H
#define PROXY_PIPES_H

#include <stdint.h>

struct pipe_pool {
	int (*spare)[2];
	int n, max;
	int low;		/* fewest spares since the last trim */
	uint32_t size;		/* bytes per pipe (F_SETPIPE_SZ result) */
	uint32_t want;
};

/* want: the pipe size to ask for; returns 0 or -errno. */
int pipe_pool_init(struct pipe_pool *p, int max, uint32_t want);
/* fds[0] read end, fds[1] write end; 0 or -errno (EMFILE...). */
int pipe_pool_get(struct pipe_pool *p, int fds[2]);
/* Make sure one spare pipe is there (for the next connection): 0 or
 * -errno (EMFILE...). */
int pipe_pool_reserve(struct pipe_pool *p);
/* Give back an EMPTY pipe. */
void pipe_pool_put(struct pipe_pool *p, int fds[2]);
/* Close the spares that were not needed since the last call: called
 * periodically, it lets an idle worker go back to no pipes at all. */
void pipe_pool_trim(struct pipe_pool *p);
void pipe_pool_destroy(struct pipe_pool *p);

#endif
