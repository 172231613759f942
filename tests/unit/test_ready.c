/* test_ready.c: readiness probes (kernel/sock_diag.c, run/ready.c)
 * against real sockets in the test's own network namespace (no root
 * needed), and the helpers of proc.c and node_env.c that need no
 * namespace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kernel/sock_diag.h"
#include "live/node_env.h"
#include "live/proc.h"
#include "run/ready.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

/* A socket bound to an ephemeral port on loopback; returns the fd and the
 * port. listen_it: listen() or only bind(). */
static int bound(int family, int proto, bool listen_it, int *port)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in a4 = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr *sa = family == AF_INET ? (void *)&a4 : (void *)&a6;
	socklen_t len = family == AF_INET ? sizeof(a4) : sizeof(a6);
	int fd = socket(family, SOCK_STREAM, proto);

	if (fd < 0)
		return -1;
	if (bind(fd, sa, len) < 0 || (listen_it && listen(fd, 1) < 0) ||
	    getsockname(fd, sa, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(family == AF_INET ? a4.sin_port : a6.sin6_port);
	return fd;
}

static void check_listener(int family, int proto)
{
	struct lab_err e = { 0 };
	int port, fd = bound(family, proto, true, &port);

	if (fd < 0) {
		skip();	/* no IPv6 / no MPTCP here */
		return;
	}
	assert_int_equal(sock_diag_tcp_listening(-1, port, &e), 1);
	close(fd);
	assert_int_equal(sock_diag_tcp_listening(-1, port, &e), 0);
}

static void test_tcp4(void **state)
{
	(void)state;
	check_listener(AF_INET, IPPROTO_TCP);
}

static void test_tcp6(void **state)
{
	(void)state;
	check_listener(AF_INET6, IPPROTO_TCP);
}

static void test_mptcp(void **state)
{
	(void)state;
	check_listener(AF_INET, IPPROTO_MPTCP);
}

/* Bound but not listening is not ready. */
static void test_bound_only(void **state)
{
	struct lab_err e = { 0 };
	int port, fd = bound(AF_INET, IPPROTO_TCP, false, &port);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(sock_diag_tcp_listening(-1, port, &e), 0);
	close(fd);
}

static void test_file_contains(void **state)
{
	char path[] = "/tmp/test_ready_XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "Session Established\n", 20), 20);
	close(fd);
	assert_true(ready_file_contains(path, "Established"));
	assert_false(ready_file_contains(path, "Retrying"));
	unlink(path);
	assert_false(ready_file_contains(path, "Established"));
}

static void test_resolve(void **state)
{
	char buf[4096];
	const char *p;

	(void)state;
	assert_string_equal(proc_resolve("iperf3", buf, sizeof(buf)), "iperf3");
	p = proc_resolve("mptcp-proxy", buf, sizeof(buf));
	/* Either the binary next to this one or the bare name for PATH. */
	assert_true(!strcmp(p, "mptcp-proxy") ||
		    (strstr(p, "/mptcp-proxy") && access(p, X_OK) == 0));
}

static void test_private_path(void **state)
{
	struct topo_node nodes[] = { { .name = "a" }, { .name = "srv" } };
	struct topo_mount mounts[] = {
		{ .node = 1, .kind = TOPO_MOUNT_PRIVATE, .path = "/var/lib/softether" },
		{ .node = 0, .kind = TOPO_MOUNT_PRIVATE, .path = "/tmp" },
		{ .node = 0, .kind = TOPO_MOUNT_PRIVATE, .path = "/a_b" },
		{ .node = 0, .kind = TOPO_MOUNT_PRIVATE, .path = "/a/b" },
	};
	struct topo t = { .nodes = nodes, .nnodes = 2, .mounts = mounts,
			  .nmounts = 4 };
	char other[4096];
	struct lab lab = { .topo = &t };
	char buf[4096];

	(void)state;
	snprintf(lab.dir, sizeof(lab.dir), "/run/mptcp-lab/x");
	assert_int_equal(node_env_private_path(&lab, 0, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/run/mptcp-lab/x/nodes/srv/mnt/0-var_lib_softether");
	assert_int_equal(node_env_private_path(&lab, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/run/mptcp-lab/x/nodes/a/mnt/1-tmp");
	assert_true(node_env_private_path(&lab, 1, buf, 10) < 0);
	/* /a_b and /a/b: two directories (the slug alone was one) */
	assert_int_equal(node_env_private_path(&lab, 2, buf, sizeof(buf)), 0);
	assert_int_equal(node_env_private_path(&lab, 3, other, sizeof(other)), 0);
	assert_string_not_equal(buf, other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp4),
		cmocka_unit_test(test_tcp6),
		cmocka_unit_test(test_mptcp),
		cmocka_unit_test(test_bound_only),
		cmocka_unit_test(test_file_contains),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_private_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
