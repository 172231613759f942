/* listener.h: listening sockets.
 *
 * Every worker gets its own listening socket per address, bound with
 * SO_REUSEPORT, so the kernel spreads new connections over the workers and
 * no accept lock is needed. -p PORT means 0.0.0.0:PORT plus [::]:PORT
 * (IPv6-only, so the two never clash); -l ADDR:PORT means that address. */
#ifndef PROXY_LISTENER_H
#define PROXY_LISTENER_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

struct listener {
	uint8_t kind;		/* EV_LISTENER; first, like every epoll source */
	int fd;
	int proto;		/* IPPROTO_TCP or IPPROTO_MPTCP */
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

/* One listening socket; 0 or -errno (err names the failing step). */
int listener_open(struct listener *l, const struct addr *a, bool v6only,
		  int proto, bool transparent, int backlog, char *err,
		  size_t errlen);

#endif
