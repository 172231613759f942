/* test_lab_nl_live.c: the lab's rtnetlink helpers (nlreq, rt_link,
 * rt_addr, rt_route) against the running kernel.
 *
 * Runs only as root (skipped otherwise). The process moves into a fresh,
 * unnamed network namespace ("A") and makes a second one ("B") the same
 * way, so nothing outside changes and both vanish when the process exits.
 * Checked: netns_run() enters a namespace and comes back, a veth born with its peer in B, the peer brought up from B,
 * ENODEV for a missing link, the kernel's extended-ACK text on a refused
 * address (when the kernel sends one: iproute2 is asked too), a multipath route whose weights read back as written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/rtnetlink.h>
#include <netlink/route/route.h>
#include <netlink/route/nexthop.h>

#include "kernel/netns.h"
#include "kernel/rt_addr.h"
#include "kernel/rt_link.h"
#include "kernel/nlreq.h"
#include "kernel/rt_route.h"

static bool live;
static int fd_a = -1, fd_b = -1;
static struct nlreq *ra, *rb;

static int setup(void **state)
{
	struct lab_err e = { 0 };

	(void)state;
	if (geteuid() != 0 || unshare(CLONE_NEWNET) < 0)
		return 0;
	fd_a = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (nlreq_open(&ra, NETLINK_ROUTE, &e) < 0 || unshare(CLONE_NEWNET) < 0)
		return 0;
	fd_b = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (nlreq_open(&rb, NETLINK_ROUTE, &e) < 0 || setns(fd_a, CLONE_NEWNET) < 0)
		return 0;
	live = fd_a >= 0 && fd_b >= 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nlreq_close(ra);
	nlreq_close(rb);
	return 0;
}

static struct topo_addr addr(const char *s, int plen)
{
	struct topo_addr a = { .plen = plen };

	a.family = strchr(s, ':') ? AF_INET6 : AF_INET;
	inet_pton(a.family, s, a.bytes);
	return a;
}

static ino_t ns_ino(int fd)
{
	struct stat st;

	if (fd >= 0)
		assert_int_equal(fstat(fd, &st), 0);
	else
		assert_int_equal(stat("/proc/thread-self/ns/net", &st), 0);
	return st.st_ino;
}

static int where(void *arg)
{
	*(ino_t *)arg = ns_ino(-1);
	return 42;
}

/* fn runs in the namespace given, its result comes back, and so does the
 * thread; a namespace that cannot be entered runs nothing. */
static void test_netns_run(void **state)
{
	struct lab_err e = { 0 };
	ino_t seen = 0;

	(void)state;
	if (!live)
		skip();
	assert_int_equal(ns_ino(-1), ns_ino(fd_a));
	assert_int_equal(netns_run(fd_b, where, &seen, &e), 42);
	assert_int_equal(seen, ns_ino(fd_b));
	assert_int_equal(ns_ino(-1), ns_ino(fd_a));
	assert_int_equal(netns_run(-1, where, &seen, &e), 42);
	assert_int_equal(seen, ns_ino(fd_a));
	seen = 0;
	assert_int_equal(netns_run(1000, where, &seen, &e), -EBADF);
	assert_int_equal(seen, 0);
	assert_non_null(strstr(e.msg, "setns"));
	assert_int_equal(ns_ino(-1), ns_ino(fd_a));
}

static void test_veth_across(void **state)
{
	struct lab_err e = { 0 };

	(void)state;
	if (!live)
		skip();
	assert_int_equal(rt_link_veth(ra, "va0", 0, "vb0", fd_b, &e), 0);
	assert_true(rt_link_index(ra, "va0", &e) > 0);
	assert_int_equal(rt_link_index(ra, "vb0", &e), -ENODEV);	/* not here */
	assert_true(rt_link_index(rb, "vb0", &e) > 0);			/* there */
	assert_int_equal(rt_link_up_name(rb, "vb0", &e), 0);
	/* A second pair with the same names is refused, with a reason. */
	assert_int_equal(rt_link_veth(ra, "va0", 0, "vb9", fd_b, &e), -EEXIST);
	assert_non_null(strstr(e.msg, "add veth va0/vb9"));
}

/* Whether the kernel explains refusing an IPv6 multicast address, as
 * iproute2 (a witness of its own) shows it: "Error: <the kernel's text>".
 * 6.1 sends no text for it, only the errno. Runs in this namespace (A). */
static bool kernel_explains_multicast(void)
{
	char line[256] = "";
	FILE *p = popen("ip -6 addr add ff00::3/64 dev lo 2>&1", "r");

	assert_non_null(p);
	if (!fgets(line, sizeof(line), p))
		line[0] = 0;
	pclose(p);
	return !strncmp(line, "Error:", 6);
}

static void test_ext_ack_text(void **state)
{
	struct topo_addr mc = addr("ff00::2", 64);
	struct lab_err e = { 0 };
	int idx;

	(void)state;
	if (!live)
		skip();
	idx = rt_link_index(ra, "lo", &e);
	assert_true(idx > 0);
	assert_true(rt_addr_add(ra, idx, &mc, &e) < 0);
	if (kernel_explains_multicast()) {
		/* The kernel's own words, not only strerror. */
		assert_non_null(strstr(e.msg, "kernel:"));
		assert_non_null(strstr(e.msg, "multicast"));
	} else {
		/* Nothing more to show than the errno (6.1). */
		print_message("the kernel sends no extended-ACK text for this refusal\n");
		assert_non_null(strstr(e.msg, "Cannot assign requested address"));
	}
}

static void test_multipath_weights(void **state)
{
	struct topo_route rt = { .multipath = true, .nnh = 2 };
	struct topo_addr a1 = addr("10.77.0.1", 24);
	struct lab_err e = { 0 };
	struct rtnl_route *got = NULL;
	struct nl_cache *cache;
	int idx, oif[2] = { 0, 0 }, w[2] = { 0, 0 }, n = 0;

	(void)state;
	if (!live)
		skip();
	idx = rt_link_index(ra, "va0", &e);
	assert_true(idx > 0);
	assert_int_equal(rt_link_set(ra, idx, 0, true, &e), 0);
	assert_int_equal(rt_addr_add(ra, idx, &a1, &e), 0);
	rt.dst = addr("10.88.0.0", 16);
	rt.nh[0].via = addr("10.77.0.2", 32);
	rt.nh[0].weight = 3;
	rt.nh[1].via = addr("10.77.0.3", 32);
	rt.nh[1].weight = 7;
	assert_int_equal(rt_route_add(ra, &rt, oif, &e), 0);
	assert_int_equal(rtnl_route_alloc_cache(ra->sk, AF_INET, 0, &cache), 0);
	for (struct nl_object *o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_route *r = (struct rtnl_route *)o;

		if (nl_addr_get_prefixlen(rtnl_route_get_dst(r)) == 16)
			got = r;
	}
	assert_non_null(got);
	for (int i = 0; i < rtnl_route_get_nnexthops(got) && n < 2; i++)
		w[n++] = rtnl_route_nh_get_weight(rtnl_route_nexthop_n(got, i));
	nl_cache_free(cache);
	assert_int_equal(n, 2);
	/* rtnh_hops as the kernel stores them: weight - 1. */
	assert_int_equal(w[0], 2);
	assert_int_equal(w[1], 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_netns_run),
		cmocka_unit_test(test_veth_across),
		cmocka_unit_test(test_ext_ack_text),
		cmocka_unit_test(test_multipath_weights),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
