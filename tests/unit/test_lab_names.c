/* test_lab_names.c: the pure parts of the lab (lab_state.c, sysctl.c,
 * rt_route.h): lab names, namespace names and their length limit, state
 * paths, absolute paths of files that may be gone, the sysctl key to path
 * mapping, `ip route weight N` to rtnh_hops, and the refusal to remove
 * anything outside the state dir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "live/lab_priv.h"
#include "kernel/rt_route.h"
#include "kernel/sysctl.h"
#include "topo/topo.h"

#include <stdlib.h>

static void test_name_check(void **state)
{
	char longname[LAB_NAME_MAX + 1];

	(void)state;
	assert_int_equal(lab_name_check("simple-1a2b", NULL), 0);
	assert_int_equal(lab_name_check("A_b.c-9", NULL), 0);
	assert_int_equal(lab_name_check("", NULL), -EINVAL);
	assert_int_equal(lab_name_check("-x", NULL), -EINVAL);
	assert_int_equal(lab_name_check(".hidden", NULL), -EINVAL);
	assert_int_equal(lab_name_check("a/b", NULL), -EINVAL);
	assert_int_equal(lab_name_check("a b", NULL), -EINVAL);
	memset(longname, 'a', LAB_NAME_MAX - 1);
	longname[LAB_NAME_MAX - 1] = '\0';
	assert_int_equal(lab_name_check(longname, NULL), 0);
	longname[LAB_NAME_MAX - 1] = 'a';
	longname[LAB_NAME_MAX] = '\0';
	assert_int_equal(lab_name_check(longname, NULL), -EINVAL);
}

static void test_nsname(void **state)
{
	char buf[64], lab[LAB_NAME_MAX], node[32];
	struct lab_err e;

	(void)state;
	assert_int_equal(lab_nsname(buf, sizeof(buf), "lab1", "server", &e), 0);
	assert_string_equal(buf, "lab1-server");
	assert_int_equal(lab_nsname(buf, sizeof(buf), "lab1", NULL, &e), 0);
	assert_string_equal(buf, "lab1.sw");
	memset(lab, 'l', sizeof(lab) - 1);
	lab[sizeof(lab) - 1] = '\0';
	memset(node, 'n', sizeof(node) - 1);
	node[sizeof(node) - 1] = '\0';
	assert_int_equal(lab_nsname(buf, sizeof(buf), lab, node, &e),
			 -ENAMETOOLONG);
	assert_non_null(strstr(e.msg, "--name"));
}

static void test_paths(void **state)
{
	char buf[PATH_MAX];
	struct lab_err e;

	(void)state;
	lab_set_state_dir("/run/x-state");
	assert_string_equal(lab_state_dir(), "/run/x-state");
	assert_int_equal(lab_path(buf, sizeof(buf), "l", "journal", &e), 0);
	assert_string_equal(buf, "/run/x-state/l/journal");
	assert_int_equal(lab_path(buf, sizeof(buf), "l", NULL, &e), 0);
	assert_string_equal(buf, "/run/x-state/l");
	assert_int_equal(lab_rm_tree("/etc", &e), -EPERM);
	assert_int_equal(lab_rm_tree("/run/x-state", &e), -EPERM);
	assert_int_equal(lab_rm_tree("/run/x-state/../etc", &e), -EPERM);
	assert_int_equal(lab_rm_tree("/run/x-statefoo/a", &e), -EPERM);
	lab_set_state_dir(NULL);
	setenv("MPTCP_LAB_STATE_DIR", "/run/env-state", 1);
	assert_string_equal(lab_state_dir(), "/run/env-state");
	unsetenv("MPTCP_LAB_STATE_DIR");
	assert_string_equal(lab_state_dir(), LAB_DEFAULT_STATE_DIR);
}

static void test_abs_path(void **state)
{
	char buf[PATH_MAX], cwd[PATH_MAX], want[PATH_MAX + 32];

	(void)state;
	assert_int_equal(lab_abs_path("/a/./b/../c//d.topo", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/a/c/d.topo");
	assert_int_equal(lab_abs_path("/..", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(lab_abs_path("gone/x.topo", buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%s/gone/x.topo", strcmp(cwd, "/") ? cwd : "");
	assert_string_equal(buf, want);
}

static void test_sysctl_path(void **state)
{
	char buf[256];

	(void)state;
	assert_int_equal(sysctl_path("net.ipv4.ip_forward", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "/proc/sys/net/ipv4/ip_forward");
	assert_int_equal(sysctl_path("net/ipv4/conf/eth0.5/rp_filter", buf,
				     sizeof(buf)), 0);
	assert_string_equal(buf, "/proc/sys/net/ipv4/conf/eth0.5/rp_filter");
	assert_int_equal(sysctl_path("kernel.threads-max", buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(sysctl_path("net/../kernel/x", buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(sysctl_path("netx.y", buf, sizeof(buf)), -EINVAL);
}

static void test_route_hops(void **state)
{
	(void)state;
	assert_int_equal(rt_route_hops(1), 0);
	assert_int_equal(rt_route_hops(3), 2);
	assert_int_equal(rt_route_hops(256), 255);
	assert_int_equal(rt_route_hops(0), 0);	/* not given = weight 1 */
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Switch port names stay unique and short at any size: 5000 members of
 * one network (they used to wrap at 1000: "v0.0" twice), and the largest
 * network and member numbers still fit IFNAMSIZ. */
static void test_switch_names(void **state)
{
	static const int n = 5000;
	char (*names)[16] = calloc(2 * n, 16);
	char port[16];

	(void)state;
	assert_non_null(names);
	for (int k = 0; k < n; k++) {
		lab_switch_port_name(0, k, names[k]);
		lab_switch_port_name(100000, k, names[n + k]);
	}
	assert_string_equal(names[0], "v0.0");
	assert_string_equal(names[1000], "v0.rs");
	qsort(names, 2 * n, 16, cmp_str);
	for (int k = 1; k < 2 * n; k++)
		assert_string_not_equal(names[k - 1], names[k]);
	free(names);
	lab_switch_port_name(2147483647, 2147483647, port);
	assert_true(strlen(port) < IFNAMSIZ);
	assert_string_equal(port, "vzik0zj.zik0zj");
}

/* A network named like an interface the switch cannot have. */
static void test_switch_bridge_names(void **state)
{
	struct topo_net nets[4] = { { .name = "lan" }, { .name = "lo" },
				    { .name = "all" },
				    { .name = "a-name-of-16-chr" } };
	struct topo t = { .nets = nets, .nnets = 4 };
	char br[16];

	(void)state;
	lab_switch_bridge_name(&t, 0, br);
	assert_string_equal(br, "lan");
	lab_switch_bridge_name(&t, 1, br);
	assert_string_equal(br, "br.1");
	lab_switch_bridge_name(&t, 2, br);
	assert_string_equal(br, "br.2");
	lab_switch_bridge_name(&t, 3, br);
	assert_string_equal(br, "br.3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_check),
		cmocka_unit_test(test_nsname),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_abs_path),
		cmocka_unit_test(test_sysctl_path),
		cmocka_unit_test(test_route_hops),
		cmocka_unit_test(test_switch_names),
		cmocka_unit_test(test_switch_bridge_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
