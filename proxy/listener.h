/* listener.h: listening sockets.
 *
 * Every worker gets its own listening socket per address, bound with
 * SO_REUSEPORT, so the kernel spreads new connections over the workers and
 * no accept lock is needed. -p PORT means 0.0.0.0:PORT plus [::]:PORT
 * (IPv6-only, so the two never clash); -l ADDR:PORT means that address.
 *
 * SO_REUSEPORT would also let a second proxy (or any program of the same
 * user) share the port and silently take a share of the connections. So
 * the first socket of each address is bound without it: that bind fails
 * with EADDRINUSE if anything listens there, and once it succeeds nobody
 * else can bind. Only then is SO_REUSEPORT turned on (before listen(),
 * where the kernel forms the reuseport group), and our other workers join
 * with it set from the start. A second mptcp-proxy therefore always meets
 * a socket it cannot share, with no window between a check and the bind. */
#ifndef PROXY_LISTENER_H
#define PROXY_LISTENER_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

struct listener {
	uint8_t kind;		/* EV_LISTENER; first, like every epoll source */
	int fd;
	int proto;		/* IPPROTO_TCP or IPPROTO_MPTCP */
	bool v6only;		/* an IPv6 listener that takes no IPv4 */
	struct addr addr;	/* what it is bound to */
};

struct listen_spec {
	struct addr addr[2];
	bool v6only[2];
	int n;
};

struct config;

/* The addresses to listen on for cfg; 0 or -1 with err set. */
int listen_spec_from_config(const struct config *cfg, struct listen_spec *ls,
			    char *err, size_t errlen);

struct listen_opts {
	int proto;		/* IPPROTO_TCP or IPPROTO_MPTCP */
	bool transparent;	/* IP_TRANSPARENT (TPROXY) */
	int backlog;
	int sndbuf, rcvbuf;	/* SO_SNDBUF/SO_RCVBUF; 0: the kernel's */
};

/* One listening socket; first: the first of its address (bound alone,
 * see above). 0 or -errno (err names the failing step). */
int listener_open(struct listener *l, const struct addr *a, bool v6only,
		  bool first, const struct listen_opts *o, char *err,
		  size_t errlen);

#endif
