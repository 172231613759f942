/* pm_monitor.c: MPTCP event subscription in one namespace, and the check
 * that a namespace can run MPTCP tests at all (see pm_monitor.h).
 *
 * libnl is used only to resolve the family and its multicast group; the
 * events are read with recv() on the raw fd and decoded by pm_events.c,
 * so an overrun (ENOBUFS) is seen instead of being hidden by a library. */
#include "kernel/pm_monitor.h"
#include "kernel/netns.h"
#include "kernel/nlreq.h"
#include "kernel/pm_config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netlink/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

/* Events come in bursts (every subflow of every connection); 4 MiB holds
 * tens of thousands, so a slow reader does not lose any. */
#define PM_MON_RCVBUF (4 << 20)
#define PM_MON_READBUF (64 << 10)

struct pm_monitor {
	struct nlreq *r;
	int fd;
	int family;
	uint8_t *buf;
	unsigned malformed;
};

struct mon_args {
	struct pm_monitor *m;
	struct lab_err *e;
};

/* Resolve the family and the events group on sk: -ENOENT names which one
 * is missing. Returns the group id. */
static int resolve(struct nl_sock *sk, int *family, struct lab_err *e)
{
	int rc = pm_family_resolve(sk, e);

	if (rc < 0)
		return rc;
	*family = rc;
	rc = genl_ctrl_resolve_grp(sk, MPTCP_PM_NAME, MPTCP_PM_EV_GRP_NAME);
	if (rc < 0)
		return lab_errf(e, -ENOENT,
				"the kernel's %s family has no multicast group %s (no MPTCP events)",
				MPTCP_PM_NAME, MPTCP_PM_EV_GRP_NAME);
	return rc;
}

static int mon_open_here(void *arg)
{
	struct mon_args *a = arg;
	struct pm_monitor *m = a->m;
	int size = PM_MON_RCVBUF, grp, rc;

	rc = nlreq_open(&m->r, NETLINK_GENERIC, a->e);
	if (rc < 0)
		return a->e ? lab_err_prefix(a->e, "mptcp events") : rc;
	/* Events carry sequence number 0, not that of a request. */
	nl_socket_disable_seq_check(m->r->sk);
	grp = resolve(m->r->sk, &m->family, a->e);
	if (grp < 0)
		return grp;
	rc = nl_socket_add_membership(m->r->sk, grp);
	if (rc < 0)
		return lab_errf(a->e, -EIO, "mptcp events: join group %s: %s",
				MPTCP_PM_EV_GRP_NAME, nl_geterror(rc));
	m->fd = nl_socket_get_fd(m->r->sk);
	/* FORCE needs CAP_NET_ADMIN; without it take what rmem_max allows. */
	if (setsockopt(m->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(m->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (fcntl(m->fd, F_SETFL, fcntl(m->fd, F_GETFL) | O_NONBLOCK) < 0)
		return lab_errf(a->e, -errno, "mptcp events: non-blocking: %m");
	return 0;
}

int pm_monitor_open(int nsfd, struct pm_monitor **out, struct lab_err *e)
{
	struct pm_monitor *m = calloc(1, sizeof(*m));
	struct mon_args a = { m, e };
	int rc;

	*out = NULL;
	if (!m)
		return lab_errf(e, -ENOMEM, "mptcp events: out of memory");
	m->fd = -1;
	m->buf = malloc(PM_MON_READBUF);
	if (!m->buf) {
		free(m);
		return lab_errf(e, -ENOMEM, "mptcp events: out of memory");
	}
	rc = netns_run(nsfd, mon_open_here, &a, e);
	if (rc < 0) {
		pm_monitor_close(m);
		return rc;
	}
	*out = m;
	return 0;
}

int pm_monitor_fd(const struct pm_monitor *m)
{
	return m->fd;
}

/* Decode every whole message of one datagram; messages of other types
 * (control, NOOP) are skipped, malformed ones counted and skipped.
 * Returns the events passed to cb. */
static int dispatch(struct pm_monitor *m, size_t n,
		    void (*cb)(const struct mptcp_event *ev, void *arg),
		    void *arg)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)m->buf;
	int len = (int)n, count = 0;
	struct mptcp_event ev;

	for (; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
		if (nlh->nlmsg_type != m->family)
			continue;
		if (mptcp_event_decode(nlh, m->family, &ev) < 0) {
			m->malformed++;
			continue;
		}
		count++;
		if (cb)
			cb(&ev, arg);
	}
	return count;
}

int pm_monitor_read(struct pm_monitor *m,
		    void (*cb)(const struct mptcp_event *ev, void *arg),
		    void *arg, struct lab_err *e)
{
	int total = 0;

	for (;;) {
		ssize_t n = recv(m->fd, m->buf, PM_MON_READBUF, MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return total;
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS)
				return lab_errf(e, -ENOBUFS,
						"mptcp events were lost: the receive buffer overflowed");
			return lab_errf(e, -errno, "mptcp events: recv: %m");
		}
		if (n == 0)
			return total;
		total += dispatch(m, (size_t)n, cb, arg);
	}
}

unsigned pm_monitor_malformed(const struct pm_monitor *m)
{
	return m->malformed;
}

void pm_monitor_close(struct pm_monitor *m)
{
	if (!m)
		return;
	nlreq_close(m->r);
	free(m->buf);
	free(m);
}

static int mptcp_socket_check(struct lab_err *e)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	switch (errno) {
	case EPROTONOSUPPORT:
	case EINVAL:
	case ESOCKTNOSUPPORT:
		return lab_errf(e, -EPROTONOSUPPORT,
				"the kernel has no MPTCP (needs CONFIG_MPTCP=y)");
	case ENOPROTOOPT:
		return lab_errf(e, -ENOPROTOOPT,
				"MPTCP is disabled: net.mptcp.enabled=0 (enable with: sysctl -w net.mptcp.enabled=1)");
	}
	return lab_errf(e, -errno, "cannot create an MPTCP socket: %m");
}

static int feature_here(void *arg)
{
	struct lab_err *e = arg;
	struct nlreq *r;
	int family, rc;

	rc = mptcp_socket_check(e);
	if (rc < 0)
		return rc;
	rc = nlreq_open(&r, NETLINK_GENERIC, e);
	if (rc < 0)
		return e ? lab_err_prefix(e, "generic netlink") : rc;
	rc = resolve(r->sk, &family, e);
	nlreq_close(r);
	return rc < 0 ? rc : 0;
}

int pm_feature_check(int nsfd, struct lab_err *e)
{
	return netns_run(nsfd, feature_here, e, e);
}
