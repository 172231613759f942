/* worker.h: one thread, one epoll loop, its own listeners and connections.
 *
 * Workers share nothing but the read-only struct proxy, one atomic
 * counter for --max-conns and the resolver's list, which each copies. All sockets are registered once, edge-triggered
 * for both directions (EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET), and never
 * modified again: back-pressure lives in the flow state (flow.h), so no
 * epoll_ctl() is needed per event. The main thread asks a worker to stop
 * through an eventfd; the worker then drains within --grace. */
#ifndef PROXY_WORKER_H
#define PROXY_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "args.h"
#include "conn.h"
#include "listener.h"
#include "log.h"
#include "ownconns.h"
#include "readyq.h"
#include "relay.h"
#include "resolver.h"
#include "stats.h"

#define WORKER_MAX_LISTENERS 2

/* Shared, read-only after start-up (but for the atomic). */
struct proxy {
	const struct config *cfg;
	struct addr_list remote;	/* -r at start-up; may be empty with -t */
	struct remote_src *rsrc;	/* newer lookups of a -r name, or NULL */
	int connect_proto;		/* IPPROTO_MPTCP or IPPROTO_TCP */
	bool detect_mptcp_accepted;	/* server mode with MPTCP */
	bool detect_mptcp_connected;	/* client mode with MPTCP */
	_Atomic int open_conns;		/* for --max-conns */
	struct own_conns own;		/* -t: our outgoing sockets */
};

enum worker_stop {
	STOP_NONE,
	STOP_DRAIN,	/* stop accepting, let connections finish */
	STOP_NOW,	/* close everything */
};

struct worker {
	int id;
	int epfd;
	int wake_fd;
	uint8_t wake_kind;		/* EV_WAKE: the eventfd's epoll tag */
	struct listener ls[WORKER_MAX_LISTENERS];
	int nls;
	struct proxy *px;
	struct conn *conns;		/* all live connections */
	struct readyq rq;		/* connections to pump */
	uint64_t pass_bytes;		/* moved in this loop pass */
	uint64_t pass_end_ns;		/* its time budget ends (monotonic) */
	struct conn *retry;		/* MPTCP writes to retry early */
	struct conn *dead;		/* freed after the event batch */
	int nconns;
	struct relay_pools pools;
	struct stats st;
	struct addr_list remote;	/* this worker's copy of the -r list */
	uint64_t remote_gen;		/* ... as of this remote_src gen */
	int remote_pref;		/* the remote address that worked last */
	uint64_t now;			/* ms, refreshed once per loop pass */
	uint64_t accept_resume_ms;
	int spare_fd;			/* next outgoing socket (reserve.h) */
	int spare_family;
	uint64_t next_trim;		/* next pipe pool trim */
	struct log_rl rl_connect;	/* "cannot connect" lines */
	struct log_rl rl_accept;	/* accept error lines */
	uint64_t drain_deadline;
	bool accept_paused;
	bool accept_more;
	bool draining;
	_Atomic int stop;
	pthread_t thr;
	_Atomic bool done;		/* the thread has left its loop */
	int exit_err;
};

/* Prepare w (epoll, eventfd, pipe pool); listeners must be in w->ls.
 * 0 or -errno. */
int worker_init(struct worker *w, int id, struct proxy *px);
int worker_start(struct worker *w);
void worker_request_stop(struct worker *w, enum worker_stop how);
void worker_join(struct worker *w);
void worker_destroy(struct worker *w);

#endif
