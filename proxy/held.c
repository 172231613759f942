/* held.c: data a connection still holds (see held.h). */
#include "held.h"

#include <linux/sockios.h>
#include <sys/ioctl.h>

bool conn_holds_queued(const struct conn *c)
{
	return !flow_empty(&c->d[0].f) || !flow_empty(&c->d[1].f);
}

/* Unread bytes, or bytes not yet acknowledged by the peer. */
static bool sock_holds(int fd)
{
	int n = 0;

	if (fd < 0)
		return false;
	if (ioctl(fd, SIOCINQ, &n) == 0 && n > 0)
		return true;
	n = 0;
	return ioctl(fd, SIOCOUTQ, &n) == 0 && n > 0;
}

bool conn_holds_data(const struct conn *c)
{
	return conn_holds_queued(c) || sock_holds(c->s[0].fd) ||
	       sock_holds(c->s[1].fd);
}
