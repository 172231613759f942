/* session.h: a connection's life inside a worker.
 *
 * accept -> (transparent destination) -> non-blocking connect, trying the
 * remote's addresses in turn -> relay both flows -> close, or reset when a
 * side was reset. Called only from the worker's own thread. */
#ifndef PROXY_SESSION_H
#define PROXY_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "conn.h"
#include "listener.h"
#include "worker.h"

#define ACCEPT_BUDGET 64	/* accepts per pass, then serve the others */
#define ACCEPT_PAUSE_MS 100	/* after EMFILE/ENFILE, or at --max-conns */
#define RETRY_FIRST_MS 2	/* a stalled MPTCP write is retried after */
#define RETRY_MAX 5		/* 2, 4, 8, 16, 32 ms, then only epoll */
#define KICK_EVERY_MS 500	/* retry quiet MPTCP sides this often... */
#define KICK_UNTIL_MS 10000	/* ...for this long after the last data */

/* Accept until EAGAIN, the budget, or a limit. */
void session_accept(struct worker *w, struct listener *l);
/* epoll reported events on one side of a connection: a connect finishes
 * at once; relaying connections are noted and queued for session_serve. */
void session_event(struct worker *w, struct side *s, uint32_t events);
/* Pump both flows. */
void session_pump(struct worker *w, struct conn *c);
/* Pump connections from the ready queue, first in first out, until it is
 * empty, w->pass_bytes reaches max_bytes or time_left() says no; always
 * at least one. */
void session_serve(struct worker *w, uint64_t max_bytes,
		   bool (*time_left)(struct worker *w));
/* Early retries of MPTCP writes that returned EAGAIN (see session.c). */
void session_retry(struct worker *w);
/* Forget a connection being freed from the worker's ready/retry lists. */
void session_unlist(struct worker *w, struct conn *c);
/* Connect deadlines, idle timeouts, and kicks for quiet MPTCP sockets. */
void session_sweep(struct worker *w);
/* Close (reset: abortive, RST to both peers). */
void session_close(struct worker *w, struct conn *c, bool reset);

#endif
