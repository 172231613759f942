/* kfeat.c: kernel feature detection (see kfeat.h). */
#include "kernel/kfeat.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/pkt_sched.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/tbf.h>

#include "kernel/nlreq.h"
#include "kernel/pm_monitor.h"
#include "kernel/sysctl.h"
#include "util/clock.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
#ifndef SOL_MPTCP
#define SOL_MPTCP 284
#endif
/* Not in Debian 12's uapi headers; the numbers are the kernel's. */
#define KF_TCP_IS_MPTCP 43
#define KF_MPTCP_FULL_INFO 4
#define KF_INFO_V1_SIZE 48	/* MPTCP_INFO of 6.1, before the counters */

#define PROBE_TIMEOUT 10.0	/* seconds for the whole child */

static void lo_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
}

static void saw_listener(const struct mptcp_event *ev, void *arg)
{
	if (ev->type == MPTCP_EVENT_LISTENER_CREATED)
		*(bool *)arg = true;
}

/* An MPTCP listener on loopback, watched by an event monitor: the kernel
 * sends LISTENER_CREATED from listen() itself if it knows the event. */
static void probe_mptcp(struct kfeat_set *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct pm_monitor *m = NULL;
	struct lab_err e = { 0 };
	char buf[512];
	socklen_t len = sizeof(buf);
	bool listener = false;
	int fd;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);
	if (fd < 0)
		return;
	s->present |= FEATURE_BIT(FEAT_MPTCP);
	if (getsockopt(fd, SOL_MPTCP, MPTCP_INFO, buf, &len) == 0) {
		s->info_size = (int)len;
		if (len > KF_INFO_V1_SIZE)
			s->present |= FEATURE_BIT(FEAT_INFO_COUNTERS);
	}
	memset(buf, 0, sizeof(buf));
	len = sizeof(buf);
	if (getsockopt(fd, SOL_MPTCP, KF_MPTCP_FULL_INFO, buf, &len) == 0)
		s->present |= FEATURE_BIT(FEAT_FULL_INFO);
	if (pm_monitor_open(-1, &m, &e) == 0) {
		s->present |= FEATURE_BIT(FEAT_PM_EVENTS);
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		    listen(fd, 1) == 0) {
			struct pollfd p = { pm_monitor_fd(m), POLLIN, 0 };

			if (poll(&p, 1, 200) > 0)
				pm_monitor_read(m, saw_listener, &listener, &e);
		}
		pm_monitor_close(m);
	}
	if (listener)
		s->present |= FEATURE_BIT(FEAT_LISTENER_EVENTS);
	close(fd);
}

static void probe_tcp(struct kfeat_set *s)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), v = 0;
	socklen_t len = sizeof(v);

	if (fd < 0)
		return;
	if (getsockopt(fd, IPPROTO_TCP, KF_TCP_IS_MPTCP, &v, &len) == 0)
		s->present |= FEATURE_BIT(FEAT_TCP_IS_MPTCP);
	close(fd);
}

/* tbf refuses to be added without a rate, and libnl will not send it
 * without one; the others take their defaults. */
static void qdisc_params(struct rtnl_qdisc *q, const char *kind)
{
	if (!strcmp(kind, "tbf")) {
		rtnl_qdisc_tbf_set_limit(q, 10000);
		rtnl_qdisc_tbf_set_rate(q, 125000, 10000, 0);
	}
}

/* Add `kind` as the root qdisc of lo: the kernel answers ENOENT ("qdisc
 * kind is unknown") when it neither has it built in nor can load it. */
static bool has_qdisc(struct nlreq *r, const char *kind)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();
	int rc;

	if (!q)
		return false;
	rtnl_tc_set_ifindex(TC_CAST(q), 1);
	rtnl_tc_set_parent(TC_CAST(q), TC_H_ROOT);
	rtnl_tc_set_handle(TC_CAST(q), TC_HANDLE(1, 0));
	if (rtnl_tc_set_kind(TC_CAST(q), kind) < 0) {
		rtnl_qdisc_put(q);
		return false;
	}
	qdisc_params(q, kind);
	nlreq_begin(r);
	rc = rtnl_qdisc_add(r->sk, q, NLM_F_CREATE | NLM_F_REPLACE);
	if (rc == 0)
		rtnl_qdisc_delete(r->sk, q);
	rtnl_qdisc_put(q);
	return rc == 0 || (r->last_errno && r->last_errno != ENOENT);
}

static void probe_qdiscs(struct kfeat_set *s)
{
	static const struct { const char *kind; enum feature f; } q[] = {
		{ "tbf", FEAT_TBF }, { "htb", FEAT_HTB }, { "netem", FEAT_NETEM },
	};
	struct nlreq *r;
	struct lab_err e = { 0 };

	if (nlreq_open(&r, NETLINK_ROUTE, &e) < 0)
		return;
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		if (has_qdisc(r, q[i].kind))
			s->present |= FEATURE_BIT(q[i].f);
	nlreq_close(r);
}

static bool key_exists(const char *key)
{
	char path[512];

	return sysctl_path(key, path, sizeof(path)) == 0 &&
	       access(path, F_OK) == 0;
}

static void probe_sysctls(struct kfeat_set *s, const char *const *keys,
			  int nkeys)
{
	static const struct { const char *key; enum feature f; } k[] = {
		{ "net.mptcp.add_addr_timeout", FEAT_ADD_ADDR_TIMEOUT },
		{ "net.mptcp.close_timeout", FEAT_CLOSE_TIMEOUT },
		{ "net.mptcp.scheduler", FEAT_SCHEDULER },
		{ "net.mptcp.path_manager", FEAT_PATH_MANAGER },
	};

	for (size_t i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (key_exists(k[i].key))
			s->present |= FEATURE_BIT(k[i].f);
	for (int i = 0; i < nkeys; i++)
		s->sysctl_ok[i] = key_exists(keys[i]);
}

static void child(int wfd, const char *const *keys, int nkeys)
{
	struct kfeat_set s = { 0 };

	if (unshare(CLONE_NEWNET) < 0)
		_exit(2);
	lo_up();
	probe_mptcp(&s);
	probe_tcp(&s);
	probe_qdiscs(&s);
	probe_sysctls(&s, keys, nkeys);
	_exit(write(wfd, &s, sizeof(s)) == (ssize_t)sizeof(s) ? 0 : 3);
}

/* Read the child's one struct, waiting at most until deadline. */
static int read_result(int fd, struct kfeat_set *s, double deadline)
{
	size_t got = 0;

	while (got < sizeof(*s)) {
		struct pollfd p = { fd, POLLIN, 0 };
		int ms = (int)((deadline - now_mono()) * 1000);
		ssize_t n;

		if (ms <= 0 || poll(&p, 1, ms) <= 0)
			return -ETIMEDOUT;
		n = read(fd, (char *)s + got, sizeof(*s) - got);
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		got += (size_t)n;
	}
	return 0;
}

int kfeat_probe(const char *const *keys, int nkeys, struct kfeat_set *s,
		struct lab_err *e)
{
	struct utsname u;
	int p[2], rc, status;
	pid_t pid;

	if (nkeys > KFEAT_SYSCTL_MAX)
		nkeys = KFEAT_SYSCTL_MAX;
	if (pipe2(p, O_CLOEXEC) < 0)
		return lab_errf(e, -errno, "kernel feature probe: pipe: %m");
	pid = fork();
	if (pid < 0) {
		rc = lab_errf(e, -errno, "kernel feature probe: fork: %m");
		close(p[0]);
		close(p[1]);
		return rc;
	}
	if (pid == 0) {
		close(p[0]);
		child(p[1], keys, nkeys);
	}
	close(p[1]);
	rc = read_result(p[0], s, now_mono() + PROBE_TIMEOUT * time_scale());
	close(p[0]);
	if (rc < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc < 0)
		return lab_errf(e, rc, "kernel feature probe: %s",
				WIFEXITED(status) && WEXITSTATUS(status) == 2 ?
				"cannot make a network namespace (not root?)" :
				strerror(-rc));
	if (uname(&u) == 0)
		snprintf(s->release, sizeof(s->release), "%s", u.release);
	return 0;
}
