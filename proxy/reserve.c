/* reserve.c: descriptors held ready for the next connection (see
 * reserve.h). */
#include "reserve.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "worker.h"

static int out_socket(struct worker *w, int family)
{
	const struct config *cfg = w->px->cfg;
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			w->px->connect_proto), one = 1;

	if (fd < 0)
		return -errno;
	/* Best effort: a relay must not add Nagle delays of its own. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (cfg->mark)
		(void)setsockopt(fd, SOL_SOCKET, SO_MARK, &cfg->mark,
				 sizeof(cfg->mark));
	/* Before connect(), so that the window scale offered fits them
	 * (accepted sockets inherit the listener's). */
	if (cfg->sndbuf)
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &cfg->sndbuf,
				 sizeof(cfg->sndbuf));
	if (cfg->rcvbuf)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &cfg->rcvbuf,
				 sizeof(cfg->rcvbuf));
	return fd;
}

/* Transparent connections mostly go to an address of the listener's
 * family; others to the remote address that worked last. */
static int likely_family(const struct worker *w, const struct listener *l)
{
	if (w->px->cfg->transparent || w->remote.n == 0)
		return l->addr.ss.ss_family;
	return w->remote.a[w->remote_pref % w->remote.n].ss.ss_family;
}

int reserve_fill(struct worker *w, const struct listener *l)
{
	if (w->spare_fd < 0) {
		int family = likely_family(w, l), fd = out_socket(w, family);

		if (fd < 0)
			return fd;
		w->spare_fd = fd;
		w->spare_family = family;
	}
	return pipe_pool_reserve(&w->pools.pipes);
}

int reserve_take_socket(struct worker *w, int family)
{
	int fd = w->spare_fd;

	if (fd >= 0) {
		w->spare_fd = -1;
		if (w->spare_family == family)
			return fd;
		close(fd);	/* frees the descriptor socket() takes next */
	}
	return out_socket(w, family);
}

void reserve_release(struct worker *w)
{
	if (w->spare_fd >= 0)
		close(w->spare_fd);
	w->spare_fd = -1;
}
