/* readyq.h: the connections a worker has work for, in serving order.
 *
 * Epoll events, finished connects and pumps that used up their budget put
 * a connection here; the worker pumps from here within each loop pass's
 * budget (worker.c), so no pass runs long. Two first-in-first-out queues:
 * light connections, which moved little lately (new ones, interactive
 * ones), are served before bulk ones, so a new connection's first bytes
 * wait neither for the bulk streams' data nor for a round over them; bulk
 * connections take turns among themselves, and every pass serves at least
 * one of them, so none starves (fq_codel treats sparse flows the same
 * way). */
#ifndef PROXY_READYQ_H
#define PROXY_READYQ_H

#include <stdbool.h>
#include <stdint.h>

#include "conn.h"

enum { RQ_LIGHT, RQ_BULK };

/* Decayed bytes per pump (conn->recent) below which a connection is
 * light: a bulk pump moves a pipe's worth (256 KiB). */
#define RQ_LIGHT_BYTES (64 * 1024)

struct readyq {
	struct conn *head[2], *tail[2];
};

/* Queue c at the tail of its class (no-op if queued already). */
void readyq_push(struct readyq *q, struct conn *c);
/* The head of queue `which`, taken off, or NULL. */
struct conn *readyq_pop(struct readyq *q, int which);
/* Take c off wherever it is queued. */
void readyq_unlink(struct readyq *q, struct conn *c);

static inline bool readyq_empty(const struct readyq *q)
{
	return !q->head[RQ_LIGHT] && !q->head[RQ_BULK];
}

/* One pump of c moved `moved` bytes: the history that makes it light or
 * bulk (halved at every pump, so a quiet connection turns light again). */
static inline void readyq_account(struct conn *c, uint64_t moved)
{
	uint64_t r = c->recent / 2 + moved;

	c->recent = r > UINT32_MAX ? UINT32_MAX : (uint32_t)r;
}

#endif
