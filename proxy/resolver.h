/* resolver.h: keeping the remote host name's addresses current.
 *
 * The Go proxy this replaces resolved -r at every connection, so a DNS
 * change (a failover, a rescheduled service) reached new connections at
 * once. We resolve once at start-up and then, for a host name (never for
 * a literal), in a background thread every --resolve-every, and within a
 * second of a worker finding that no address answered. getaddrinfo() may
 * block for seconds, so it never runs in a worker or in the thread that
 * takes signals.
 *
 * Workers keep their own copy of the list: remote_sync() costs one atomic
 * load per loop pass and copies under the lock only after a change, so no
 * list is ever freed while a worker reads it. A failed lookup keeps the
 * last good list. */
#ifndef PROXY_RESOLVER_H
#define PROXY_RESOLVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "addr.h"

#define RESOLVE_WANT_GAP_MS 1000	/* lookups asked by workers, at most */

struct remote_src {
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* CLOCK_MONOTONIC */
	struct addr_list list;		/* newest; under lock */
	_Atomic uint64_t gen;		/* bumped (under lock) at each change */
	bool wanted;			/* a worker asked for a lookup */
	bool stop;
	bool failing;			/* the last lookup failed (logged once) */
	char host[ADDR_HOST_MAX];
	uint16_t port;
	int every_ms;			/* 0: only when wanted */
};

/* Start the thread with the start-up list `first`. r must live until the
 * process exits: the thread is detached, so that a lookup stuck in the
 * resolver never delays shutdown. 0 or -errno. */
int remote_src_start(struct remote_src *r, const char *host, uint16_t port,
		     int every_ms, const struct addr_list *first);
/* Ask for no more lookups; a running one is finished and dropped. */
void remote_src_stop(struct remote_src *r);
/* A worker tried every address and none answered: look up again soon. */
void remote_src_want(struct remote_src *r);
/* If the list changed since *gen, copy it to *out, update *gen and return
 * true. Cheap when nothing changed. */
bool remote_sync(struct remote_src *r, uint64_t *gen, struct addr_list *out);

/* Whether host is a name to look up again (not an IP literal). */
bool remote_is_name(const char *host);

#endif
