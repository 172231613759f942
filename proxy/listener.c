/* listener.c: SO_REUSEPORT listening sockets (see listener.h). */
#include "listener.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "args.h"
#include "conn.h"
#include "transparent.h"

int listen_spec_from_config(const struct config *cfg, struct listen_spec *ls,
			    char *err, size_t errlen)
{
	int rc;

	memset(ls, 0, sizeof(*ls));
	if (cfg->listen_any) {
		addr_from_literal("0.0.0.0", cfg->listen_port, &ls->addr[0]);
		addr_from_literal("::", cfg->listen_port, &ls->addr[1]);
		ls->v6only[1] = true;
		ls->n = 2;
		return 0;
	}
	rc = addr_from_literal(cfg->listen_host, cfg->listen_port, &ls->addr[0]);
	if (rc == -ENODEV) {
		snprintf(err, errlen, "cannot listen on '%s': no interface '%s' on this host",
			 cfg->listen_host, strchr(cfg->listen_host, '%') + 1);
		return -1;
	}
	if (rc < 0) {
		snprintf(err, errlen, "'%s' is not an IP address", cfg->listen_host);
		return -1;
	}
	ls->n = 1;
	return 0;
}

static int set_int(int fd, int level, int opt, int v)
{
	return setsockopt(fd, level, opt, &v, sizeof(v));
}

int listener_open(struct listener *l, const struct addr *a, bool v6only,
		  bool first, const struct listen_opts *o, char *err,
		  size_t errlen)
{
	int family = a->ss.ss_family, fd, e;
	const char *step = "socket";
	char as[ADDR_STR_MAX];

	l->kind = EV_LISTENER;
	l->fd = -1;
	l->proto = o->proto;
	l->v6only = family == AF_INET6 && v6only;
	l->addr = *a;
	fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, o->proto);
	if (fd < 0)
		goto fail;
	step = "SO_REUSEPORT";
	if (set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0 ||
	    (!first && set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) < 0))
		goto fail;
	step = "TCP_NODELAY";	/* accepted sockets inherit it */
	if (set_int(fd, IPPROTO_TCP, TCP_NODELAY, 1) < 0)
		goto fail;
	/* Accepted sockets inherit the buffer sizes too; set before
	 * listen() so that the window scale offered fits them. */
	step = "SO_SNDBUF";
	if (o->sndbuf && set_int(fd, SOL_SOCKET, SO_SNDBUF, o->sndbuf) < 0)
		goto fail;
	step = "SO_RCVBUF";
	if (o->rcvbuf && set_int(fd, SOL_SOCKET, SO_RCVBUF, o->rcvbuf) < 0)
		goto fail;
	step = "IPV6_V6ONLY";
	if (family == AF_INET6 &&
	    set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, v6only) < 0)
		goto fail;
	step = "IP_TRANSPARENT (needs CAP_NET_ADMIN)";
	if (o->transparent && (errno = -transparent_listener(fd, family)) != 0)
		goto fail;
	step = "bind";
	if (bind(fd, (const struct sockaddr *)&a->ss, a->len) < 0)
		goto fail;
	step = "SO_REUSEPORT";
	if (first && set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1) < 0)
		goto fail;
	step = "listen";
	if (listen(fd, o->backlog) < 0)
		goto fail;
	l->fd = fd;
	return 0;
fail:
	e = errno;
	if (e == EADDRINUSE && strcmp(step, "bind") == 0)
		snprintf(err, errlen, "cannot listen on %s: address already in use (another program listens there)",
			 addr_str((const struct sockaddr *)&a->ss, as, sizeof(as)));
	else
		snprintf(err, errlen, "cannot listen on %s: %s: %s",
			 addr_str((const struct sockaddr *)&a->ss, as, sizeof(as)),
			 step, strerror(e));
	if (fd >= 0)
		close(fd);
	return -e;
}
