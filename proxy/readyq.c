/* readyq.c: light and bulk ready queues (see readyq.h). */
#include "readyq.h"

#include <stddef.h>

void readyq_push(struct readyq *q, struct conn *c)
{
	int k = c->recent < RQ_LIGHT_BYTES ? RQ_LIGHT : RQ_BULK;

	if (c->on_ready)
		return;
	c->on_ready = true;
	c->rq = (uint8_t)k;
	c->ready_next = NULL;
	if (q->tail[k])
		q->tail[k]->ready_next = c;
	else
		q->head[k] = c;
	q->tail[k] = c;
}

struct conn *readyq_pop(struct readyq *q, int k)
{
	struct conn *c = q->head[k];

	if (!c)
		return NULL;
	q->head[k] = c->ready_next;
	if (!q->head[k])
		q->tail[k] = NULL;
	c->on_ready = false;
	return c;
}

void readyq_unlink(struct readyq *q, struct conn *c)
{
	int k = c->rq;
	struct conn *prev = NULL;

	if (!c->on_ready)
		return;
	for (struct conn *p = q->head[k]; p; prev = p, p = p->ready_next) {
		if (p != c)
			continue;
		if (prev)
			prev->ready_next = c->ready_next;
		else
			q->head[k] = c->ready_next;
		if (q->tail[k] == c)
			q->tail[k] = prev;
		break;
	}
	c->on_ready = false;
}
