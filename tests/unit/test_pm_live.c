/* test_pm_live.c: pm_config and pm_monitor against the running kernel.
 *
 * Runs only as root on a kernel with MPTCP (skipped otherwise): the whole
 * process moves into a fresh, unnamed network namespace first, so nothing
 * outside it changes and nothing is left when the process exits. The
 * kernel state is read back with `ip mptcp` as an independent witness. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kernel/pm_config.h"
#include "kernel/pm_monitor.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static bool live;

/* The output of a shell command, or "" if it failed. */
static const char *sh(const char *cmd)
{
	static char out[4096];
	FILE *f = popen(cmd, "r");
	size_t n = 0;

	out[0] = '\0';
	if (!f)
		return out;
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	pclose(f);
	return out;
}

static int setup(void **state)
{
	struct lab_err e = { 0 };

	(void)state;
	if (geteuid() != 0 || unshare(CLONE_NEWNET) < 0)
		return 0;
	if (system("ip link set lo up") != 0)
		return 0;
	live = pm_feature_check(-1, &e) == 0;
	if (!live)
		fprintf(stderr, "skipping live tests: %s\n", e.msg);
	return 0;
}

static struct pm_sock *open_or_skip(void)
{
	struct lab_err e = { 0 };
	struct pm_sock *ps;

	if (!live)
		skip();
	assert_int_equal(pm_open(-1, &ps, &e), 0);
	return ps;
}

static void test_limits(void **state)
{
	struct pm_sock *ps = open_or_skip();
	struct lab_err e = { 0 };
	int sf, aa;

	(void)state;
	assert_int_equal(pm_set_limits(ps, 3, 4, &e), 0);
	assert_int_equal(pm_get_limits(ps, &sf, &aa, &e), 0);
	assert_int_equal(sf, 3);
	assert_int_equal(aa, 4);
	assert_non_null(strstr(sh("ip mptcp limits show"),
			       "add_addr_accepted 4 subflows 3"));
	/* -1 keeps the current value. */
	assert_int_equal(pm_set_limits(ps, -1, 1, &e), 0);
	assert_non_null(strstr(sh("ip mptcp limits show"),
			       "add_addr_accepted 1 subflows 3"));
	pm_close(ps);
}

/* A refusal carries the kernel's own text, and changes nothing. */
static void test_limits_refused(void **state)
{
	struct pm_sock *ps = open_or_skip();
	struct lab_err e = { 0 };
	int sf, aa;

	(void)state;
	assert_int_equal(pm_set_limits(ps, 2, 2, &e), 0);
	assert_int_equal(pm_set_limits(ps, 9, 0, &e), -EINVAL);
	assert_int_equal(e.code, -EINVAL);
	assert_non_null(strstr(e.msg, "mptcp_pm: SET_LIMITS subflows 9"));
	assert_non_null(strstr(e.msg, "Invalid argument (kernel: "));
	assert_int_equal(pm_get_limits(ps, &sf, &aa, &e), 0);
	assert_int_equal(sf, 2);
	assert_int_equal(aa, 2);
	pm_close(ps);
}

static struct topo_endpoint endpoint(int af, const char *addr, int id,
				     uint32_t flags)
{
	struct topo_endpoint ep;

	memset(&ep, 0, sizeof(ep));
	ep.addr.family = af;
	assert_int_equal(inet_pton(af, addr, ep.addr.bytes), 1);
	ep.id = id;
	ep.flags = flags;
	return ep;
}

static void test_endpoints(void **state)
{
	struct pm_sock *ps = open_or_skip();
	struct lab_err e = { 0 };
	struct topo_endpoint ep;
	const char *out;

	(void)state;
	ep = endpoint(AF_INET, "10.0.0.9", 5, MPTCP_PM_ADDR_FLAG_SIGNAL);
	assert_int_equal(pm_add_endpoint(ps, &ep, 1, &e), 0);
	ep = endpoint(AF_INET6, "fd00::9", 0,
		      MPTCP_PM_ADDR_FLAG_SUBFLOW | MPTCP_PM_ADDR_FLAG_BACKUP);
	assert_int_equal(pm_add_endpoint(ps, &ep, 0, &e), 0);
	out = sh("ip mptcp endpoint show");
	assert_non_null(strstr(out, "10.0.0.9 id 5 signal dev lo"));
	assert_non_null(strstr(out, "fd00::9 id 6 subflow backup"));
	pm_close(ps);
}

static void test_endpoint_refused(void **state)
{
	struct pm_sock *ps = open_or_skip();
	struct lab_err e = { 0 };
	struct topo_endpoint ep;

	(void)state;
	ep = endpoint(AF_INET, "10.0.0.10", 0,
		      MPTCP_PM_ADDR_FLAG_SIGNAL | MPTCP_PM_ADDR_FLAG_FULLMESH);
	assert_int_equal(pm_add_endpoint(ps, &ep, 0, &e), -EINVAL);
	assert_non_null(strstr(e.msg, "mptcp_pm: ADD_ADDR 10.0.0.10: "
			       "Invalid argument (kernel: "));
	assert_null(strstr(sh("ip mptcp endpoint show"), "10.0.0.10"));
	pm_close(ps);
}

/* pm_open/pm_feature_check given a real namespace fd (our own) enter it
 * with netns_run() and land back where they were. */
static void test_in_netns_fd(void **state)
{
	struct lab_err e = { 0 };
	struct pm_sock *ps;
	int fd, sf, aa;

	(void)state;
	if (!live)
		skip();
	fd = open("/proc/self/ns/net", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(pm_open(fd, &ps, &e), 0);
	/* The socket answers: the family was resolved in that namespace. */
	assert_int_equal(pm_get_limits(ps, &sf, &aa, &e), 0);
	pm_close(ps);
	assert_int_equal(pm_feature_check(fd, &e), 0);
	close(fd);
}

struct seen {
	int n[32];
	int server_created;
};

static void count(const struct mptcp_event *ev, void *arg)
{
	struct seen *s = arg;

	if (ev->type >= 0 && ev->type < 32)
		s->n[ev->type]++;
	if (ev->type == MPTCP_EVENT_CREATED && ev->server_side)
		s->server_created++;
}

/* One MPTCP connection over loopback: both ends are in this namespace,
 * so the monitor sees CREATED/ESTABLISHED twice, once server side. */
static void test_monitor_connection(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t slen = sizeof(sa);
	struct lab_err e = { 0 };
	struct pm_monitor *m;
	struct seen s = { { 0 }, 0 };
	int l, c, a;

	(void)state;
	if (!live)
		skip();
	assert_int_equal(pm_monitor_open(-1, &m, &e), 0);
	l = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);
	assert_true(l >= 0);
	assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(l, 1), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&sa, &slen), 0);
	c = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);
	assert_int_equal(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	a = accept(l, NULL, NULL);
	assert_true(a >= 0);
	assert_int_equal(write(c, "x", 1), 1);
	close(c);
	close(a);
	close(l);
	usleep(100 * 1000);
	assert_true(pm_monitor_read(m, count, &s, &e) >= 6);
	assert_int_equal(s.n[MPTCP_EVENT_CREATED], 2);
	assert_int_equal(s.n[MPTCP_EVENT_ESTABLISHED], 2);
	assert_int_equal(s.n[MPTCP_EVENT_CLOSED], 2);
	assert_int_equal(s.server_created, 1);
	/* Nothing more queued: a second read returns 0 at once. */
	assert_int_equal(pm_monitor_read(m, count, &s, &e), 0);
	pm_monitor_close(m);
}

/* A reader that falls behind is told, not left with silent gaps. */
static void test_monitor_overrun(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct lab_err e = { 0 };
	struct pm_monitor *m;
	int small = 1, rc, i;

	(void)state;
	if (!live)
		skip();
	assert_int_equal(pm_monitor_open(-1, &m, &e), 0);
	/* The kernel rounds this up to its minimum, a few KiB. */
	setsockopt(pm_monitor_fd(m), SOL_SOCKET, SO_RCVBUFFORCE, &small,
		   sizeof(small));
	for (i = 0; i < 500; i++) {
		int l = socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP);

		bind(l, (struct sockaddr *)&sa, sizeof(sa));
		listen(l, 1);
		close(l);
	}
	rc = pm_monitor_read(m, NULL, NULL, &e);
	if (rc == 0) {	/* nothing to overflow the socket with */
		print_message("skip: the kernel lacks listener-events "
			      "(LISTENER_CREATED, Linux 6.2 and later)\n");
		pm_monitor_close(m);
		skip();
	}
	assert_int_equal(rc, -ENOBUFS);
	assert_non_null(strstr(e.msg, "lost"));
	pm_monitor_close(m);
}

/* net.mptcp.enabled is per namespace: turning it off here is seen, with
 * the fix in the message, and the family itself stays usable. */
static void test_feature_disabled(void **state)
{
	struct lab_err e = { 0 };
	FILE *f;

	(void)state;
	if (!live)
		skip();
	f = fopen("/proc/sys/net/mptcp/enabled", "w");
	assert_non_null(f);
	fputs("0\n", f);
	fclose(f);
	assert_int_equal(pm_feature_check(-1, &e), -ENOPROTOOPT);
	assert_non_null(strstr(e.msg, "net.mptcp.enabled=0"));
	assert_null(strchr(e.msg, '\n'));
	f = fopen("/proc/sys/net/mptcp/enabled", "w");
	assert_non_null(f);
	fputs("1\n", f);
	fclose(f);
	assert_int_equal(pm_feature_check(-1, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_limits_refused),
		cmocka_unit_test(test_endpoints),
		cmocka_unit_test(test_endpoint_refused),
		cmocka_unit_test(test_in_netns_fd),
		cmocka_unit_test(test_monitor_connection),
		cmocka_unit_test(test_monitor_overrun),
		cmocka_unit_test(test_feature_disabled),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
