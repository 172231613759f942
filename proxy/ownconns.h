/* ownconns.h: our own outgoing connections, recognised when they return.
 *
 * In transparent mode a REDIRECT rule in OUTPUT that does not exempt the
 * proxy's own connections (no rule for its --mark) sends each of them
 * back into the proxy with the same original destination; the proxy
 * would connect there again, and again, until the descriptors run out.
 * Such a returning connection's peer is one of our own outgoing sockets:
 * its (source, original destination) is the (local, remote) pair of a
 * socket we connected, and that pair is unique on the host. So with -t
 * every outgoing socket is registered here from before its connect()
 * until it closes, and an accepted, redirected connection found here is
 * closed at once. Over loopback the connection can be accepted by another
 * worker before connect() has even returned, so a socket is registered
 * (pending, local address not yet known) before connect(), and a lookup
 * reads the local address of pending sockets itself. One lock for all
 * workers, taken only with -t: twice per outgoing socket, once per
 * redirected accept. */
#ifndef PROXY_OWNCONNS_H
#define PROXY_OWNCONNS_H

#include <pthread.h>
#include <stdbool.h>

#include "addr.h"

#define OWN_BUCKETS 1024

struct own_entry;

struct own_conns {
	pthread_mutex_t lock;
	struct own_entry *bucket[OWN_BUCKETS];	/* by local port */
	struct own_entry *pending;		/* local address not read yet */
};

void own_init(struct own_conns *o);
/* Register socket fd, about to connect to remote; NULL without memory
 * (not fatal: the connection is merely not recognised). fd must stay
 * open until own_del(). */
struct own_entry *own_add(struct own_conns *o, int fd,
			  const struct addr *remote);
/* After connect(): read its local address and file it by that. */
void own_settle(struct own_conns *o, struct own_entry *e);
void own_del(struct own_conns *o, struct own_entry *e);
/* Whether (local, remote) is one of ours. */
bool own_has(struct own_conns *o, const struct sockaddr *local,
	     const struct sockaddr *remote);

#endif
