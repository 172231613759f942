/* conn.h: one relayed connection: two sockets, two flows.
 *
 * Side 0 is the accepted socket, side 1 the socket we connected to the
 * remote. Flow d[i] moves bytes from side i to side 1-i. The sides are
 * what epoll hands back (event.data.ptr), tagged with EV_SIDE. */
#ifndef PROXY_CONN_H
#define PROXY_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "flow.h"

enum ev_kind {
	EV_SIDE = 1,
	EV_LISTENER,
	EV_WAKE,
};

enum { SIDE_ACCEPTED = 0, SIDE_REMOTE = 1 };

struct conn;
struct own_entry;

struct side {
	uint8_t kind;		/* EV_SIDE; first, like every epoll source */
	uint8_t idx;
	bool mptcp;		/* an MPTCP socket (see session_sweep) */
	int fd;
	struct conn *c;
};

struct dir {
	struct flow f;
	int pipe[2];		/* -1 while no data is queued */
	char *buf;		/* copy mode only; NULL while empty */
	uint32_t off;		/* queued bytes start at buf + off */
};

enum conn_state {
	CONN_CONNECTING,
	CONN_RELAYING,
	CONN_DEAD,		/* closed; freed after the event batch */
};

struct conn {
	struct side s[2];
	struct dir d[2];
	struct conn *prev, *next;	/* the worker's list of connections */
	struct conn *ready_next;	/* waiting on the worker's ready queue */
	struct conn *retry_next;	/* an MPTCP write to retry soon */
	uint64_t retry_at;
	uint64_t last_ms;		/* last activity, for --idle-timeout */
	uint64_t deadline_ms;		/* connect deadline; then next kick */
	uint8_t state;
	bool on_ready;
	uint8_t rq;			/* which ready queue (readyq.h) */
	uint32_t recent;		/* decayed bytes per pump (readyq.h) */
	bool on_retry;
	uint8_t retry_n;		/* retries since the write stalled */
	bool has_dst;			/* transparent destination below */
	uint8_t tries;			/* remote addresses tried */
	uint8_t addr_idx;		/* remote address being tried */
	int err;			/* errno that ended it, for the log */
	struct own_entry *own;		/* -t: the outgoing socket registered */
	struct addr dst;
};

#endif
