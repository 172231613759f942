/* relay.h: moving bytes for one connection.
 *
 * relay_pump() runs one flow's state machine (flow.h) against the real
 * sockets until it has to wait, finishes, fails, or uses up its budget.
 * Splice goes socket -> pipe -> socket; a source or destination that
 * refuses splice (EINVAL), or a worker out of fds for a pipe, switches
 * that flow to a bounded copy buffer for good, after reading out through
 * it what the pipe already holds. MPTCP sources copy from the start (see
 * session.c). Pipes and buffers are held only while data is queued. */
#ifndef PROXY_RELAY_H
#define PROXY_RELAY_H

#include <stdint.h>

#include "bufpool.h"
#include "conn.h"
#include "pipes.h"

#define RELAY_COPY_BUF (128 * 1024)
#define RELAY_READ_BUDGET 16	/* reads per pump call, for fairness */
#define RELAY_BYTE_BUDGET (256 * 1024)	/* ... and bytes: one pipe's worth */

/* A worker's spare pipes and copy buffers. */
struct relay_pools {
	struct pipe_pool pipes;
	struct buf_pool bufs;
};

enum relay_result {
	RELAY_WAIT,	/* parked until epoll reports the side again */
	RELAY_MORE,	/* budget used up: call again soon */
	RELAY_DONE,	/* EOF delivered, nothing left in this direction */
	RELAY_ABORT,	/* reset or error: reset the connection */
};

void relay_init_dir(struct dir *d, uint32_t pipe_size);
/* Pump flow di of c; *moved gets the bytes written to the destination. */
enum relay_result relay_pump(struct conn *c, int di, struct relay_pools *pools,
			     uint64_t *moved);
/* Give back pipes and buffers (at close). */
void relay_release(struct conn *c, struct relay_pools *pools);

#endif
