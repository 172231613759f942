/* test_topo_check.c: topo_check()'s semantic checks (lab/topo_check*.c)
 * and the defaults it fills (service names, multipath hash sysctls). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/mptcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo/topo.h"

/* Two nodes on two networks, the base most cases add to. */
#define NETS	"network N 10.0.0.0/24 fd00::/64\n  a eth0 .1 ::1\n  b eth0 .2 ::2\n" \
		"network M 10.0.1.0/24\n  a eth1 .1\n  b eth1 .2\n"
#define BASE	"node a\nnode b\n" NETS
#define L(n)	"t.topo:" #n		/* base is 8 lines: own lines start at 9 */

static struct topo *checked(const char *text)
{
	struct topo_error err;
	struct topo *t = topo_parse_string("t.topo", text, &err);

	if (t && topo_check(t, &err) < 0) {
		print_error("unexpected: %d:%d: %s\n", err.line, err.col, err.msg);
		topo_free(t);
		t = NULL;
	}
	if (!t)
		print_error("unexpected: %d:%d: %s\n", err.line, err.col, err.msg);
	assert_non_null(t);
	return t;
}

static const char *check_err(const char *text)
{
	static char line[1024];
	struct topo_error err;
	struct topo *t = topo_parse_string("t.topo", text, &err);
	int rc = t ? topo_check(t, &err) : -1;

	topo_free(t);
	if (rc == 0)
		return "ok";
	topo_error_format(&err, line, sizeof(line));
	return line;
}

static void test_base_ok(void **state)
{
	(void)state;
	assert_string_equal(check_err(BASE), "ok");
}

static void test_interfaces(void **state)
{
	(void)state;
	assert_string_equal(check_err(BASE "network O 10.0.2.0/24\n a eth1 .1\n b x .2\n"),
			    L(10:4) ": duplicate interface: 'eth1', node a already has it (line 7)");
	assert_string_equal(check_err(BASE "network O 10.0.2.0/24\n a lo .1\n b x .2\n"),
			    L(10:4) ": reserved interface name: 'lo', expected another name (lo is the node's loopback)");
}

static void test_addresses(void **state)
{
	(void)state;
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24\n  a e 10.0.1.1\n"),
			    L(3:7) ": address outside subnet: '10.0.1.1', expected an address in 10.0.0.0/24 (network N)");
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24 fd00::/64\n  a e fd01::1\n"),
			    L(3:7) ": address outside subnet: 'fd01::1', expected an address in 10.0.0.0/24 or fd00::/64 (network N)");
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24\n  a e fd00::1\n"),
			    L(3:7) ": address outside subnet: 'fd00::1', expected an address in 10.0.0.0/24 (network N)");
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24\n  a e .0\n"),
			    L(3:7) ": network address: '10.0.0.0', expected a host address in 10.0.0.0/24");
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24\n  a e .255\n"),
			    L(3:7) ": broadcast address: '10.0.0.255', expected a host address in 10.0.0.0/24");
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/31\n  a e .0\n  a f .1\n"), "ok");
	assert_string_equal(check_err(BASE "network O 10.0.0.0/24\n a e2 .3\n b e2 .2\n"),
			    L(11:7) ": duplicate address: '10.0.0.2', already on b eth0 (line 5)");
	/* the repetition first in the file is named, with the original */
	assert_string_equal(check_err("node a\nnetwork N 10.0.0.0/24\n a e0 .1\n a e1 .9\n"
				      " a e2 .9\n a e3 .9\n a e4 .1\n"),
			    L(5:7) ": duplicate address: '10.0.0.9', already on a e1 (line 4)");
	assert_string_equal(check_err(BASE "link a tap0 address 10.0.1.2/24\n"),
			    L(9:21) ": duplicate address: '10.0.1.2', already on b eth1 (line 8)");
}

static void test_bridges(void **state)
{
	(void)state;
	assert_string_equal(check_err(BASE "node c\n bridge br0 eth0 eth1\n"
				      "network O 10.0.2.0/24\n c eth0 .1\n c eth1\n"), "ok");
	assert_string_equal(check_err(BASE "node c\n bridge br0 eth0 eth9\n"
				      "network O 10.0.2.0/24\n c eth0 .1\n"),
			    L(10:18) ": undefined interface: 'eth9', expected a network interface of node c (eth0, br0, lo)");
	assert_string_equal(check_err(BASE "node c\n bridge br0 eth0\n bridge br1 eth0\n"
				      "network O 10.0.2.0/24\n c eth0 .1\n"),
			    L(11:13) ": bridge port used twice: 'eth0', expected each interface in at most one bridge (first at line 10)");
	assert_string_equal(check_err(BASE "node c\n bridge eth0 eth0\n"
				      "network O 10.0.2.0/24\n c eth0 .1\n"),
			    L(10:9) ": duplicate interface: 'eth0', node c already has it (line 12)");
	assert_string_equal(check_err(BASE "node c\n bridge br0 eth0\n link c tap0 master br1\n"
				      "network O 10.0.2.0/24\n c eth0 .1\n"),
			    L(11:21) ": undefined bridge: 'br1', expected a bridge of node c (br0)");
}

static void test_routes(void **state)
{
	(void)state;
	assert_string_equal(check_err(BASE "node a\n"), L(9:6) ": duplicate node: 'a', first declared at line 1");
	assert_string_equal(check_err("node a\n route default via 10.0.0.2\nnode b\n" NETS), "ok");
	assert_string_equal(check_err("node a\n route default via 10.0.9.2\nnode b\n" NETS),
			    L(2:20) ": gateway not on a subnet connected to the node: '10.0.9.2', expected an address in 10.0.0.0/24, 10.0.1.0/24");
	assert_string_equal(check_err("node a\n route default via 10.0.0.2 dev eth1\nnode b\n" NETS),
			    L(2:20) ": gateway not on a subnet connected to the node: '10.0.0.2', expected an address in 10.0.1.0/24");
	assert_string_equal(check_err("node a\n route 10.9.0.0/16 nexthop via 10.0.0.2 nexthop via 10.0.2.2\nnode b\n" NETS),
			    L(2:53) ": gateway not on a subnet connected to the node: '10.0.2.2', expected an address in 10.0.0.0/24, 10.0.1.0/24");
	assert_string_equal(check_err("node a\n route default via 10.0.0.1\nnode b\n" NETS),
			    L(2:20) ": gateway is the node's own address: '10.0.0.1', expected a neighbour's address");
	assert_string_equal(check_err("node a\n route default via fd00::2 dev eth1\nnode b\n" NETS),
			    L(2:20) ": gateway not on a subnet connected to the node: 'fd00::2', expected an address in a subnet of that device (it has none of this family)");
	assert_string_equal(check_err("node a\n route default via fe80::2 dev eth1\nnode b\n" NETS), "ok");
	assert_string_equal(check_err("node a\n route default dev eth7\nnode b\n" NETS),
			    L(2:20) ": undefined interface: 'eth7', expected an interface of node a (eth0, eth1, lo)");
	assert_string_equal(check_err("node a\n route default dev eth1 src 10.0.0.2\nnode b\n" NETS),
			    L(2:29) ": source address not on the node: '10.0.0.2', expected an address of node a (10.0.0.1, fd00::1, 10.0.1.1)");
	assert_string_equal(check_err("node a\n route 10.5.0.0/16 via 10.0.0.2\n route 10.5.0.0/16 dev eth1\nnode b\n" NETS),
			    L(3:8) ": duplicate route: '10.5.0.0/16', expected one route per destination and metric in a node (first at line 2)");
	assert_string_equal(check_err("node a\n route 10.5.0.0/16 via 10.0.0.2\n route 10.5.0.0/16 dev eth1 metric 2\n"
				      " route default via fd00::2\n route default via 10.0.1.2\nnode b\n" NETS), "ok");
	assert_string_equal(check_err("node c\n bridge br0 eth0\n route default dev eth0\n" BASE
				      "network O 10.0.2.0/24\n c eth0 .1\n"),
			    L(3:20) ": bridge port as device: 'eth0', expected the bridge br0 it belongs to");
	assert_string_equal(check_err("node c\n bridge br0 eth0\n route default via 10.0.2.9 dev br0\n" BASE
				      "network O 10.0.2.0/24\n c eth0 .1\n"), "ok");
}

static void test_endpoints(void **state)
{
	(void)state;
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1 dev eth1 id 1 signal\n"
				      " mptcp endpoint fd00::1 id 2\nnode b\n" NETS), "ok");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.2 dev eth1 signal\nnode b\n" NETS),
			    L(2:17) ": endpoint address not on the node: '10.0.1.2', expected an address of node a (10.0.0.1, fd00::1, 10.0.1.1)");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1 dev eth9 signal\nnode b\n" NETS),
			    L(2:30) ": undefined interface: 'eth9', expected an interface of node a (eth0, eth1, lo)");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1 dev eth0 signal\nnode b\n" NETS),
			    L(2:17) ": endpoint address not on its device: '10.0.1.1', expected an address of eth0 (10.0.0.1, fd00::1)");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1\n mptcp endpoint 10.0.1.1 subflow\nnode b\n" NETS),
			    L(3:17) ": duplicate endpoint: '10.0.1.1', expected one endpoint per address (first at line 2)");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1 id 4\n mptcp endpoint 10.0.0.1 id 4\nnode b\n" NETS),
			    L(3:29) ": duplicate endpoint id: '4', expected ids unique in the node (first at line 2)");
	assert_string_equal(check_err("node a\n mptcp endpoint 10.0.1.1 id 4\nnode b\n mptcp endpoint 10.0.1.2 id 4\n" NETS), "ok");
	assert_string_equal(check_err("node a\n bridge br0 eth1\n mptcp endpoint 10.0.1.1 dev eth1\nnode b\n" NETS),
			    L(3:30) ": bridge port as device: 'eth1', expected the bridge br0 it belongs to");
	assert_string_equal(check_err("node a\n bridge br0 eth1\n mptcp endpoint 10.0.1.1 dev br0\nnode b\n" NETS), "ok");
}

static void test_misc(void **state)
{
	(void)state;
	assert_string_equal(check_err("node a\n forwarding\n sysctl net.ipv4.ip_forward=0\nnode b\n" NETS),
			    L(3:9) ": duplicate sysctl: 'net.ipv4.ip_forward', expected each key once per node (first at line 2)");
	assert_string_equal(check_err("node a\n forwarding\nnode b\n forwarding\n" NETS), "ok");
	assert_string_equal(check_err("node a\n mount private /x /y\n mount null /x\nnode b\n" NETS),
			    L(3:13) ": duplicate mount: '/x', expected each path once per node (first at line 2)");
	assert_string_equal(check_err("node a\n service name s x\n service name s y\nnode b\n" NETS),
			    L(3:15) ": duplicate service: 's', expected names unique in a node (first at line 2)");
	assert_string_equal(check_err(BASE "expect a CREATED=1 CLOSED=1\nexpect a SUB_CLOSED=1 CREATED>=2\n"),
			    L(10:23) ": duplicate expectation: 'CREATED', expected one per event and node (first at line 9)");
}

static int cmp_svc_name(const void *a, const void *b)
{
	return strcmp(((const struct topo_service *)a)->name,
		      ((const struct topo_service *)b)->name);
}

static void test_default_service_names(void **state)
{
	struct topo *t;

	(void)state;
	t = checked("node a\n service /usr/bin/iperf3 -s\n service iperf3 -s -p 5202\n"
		    " service name iperf3-3 sleep 1\n service iperf3\n"
		    " service /opt/a-very-long-program-name-of-40-chars-xx\n"
		    " service a-very-long-program-name-of-40-chars-xx\n"
		    "node b\n service iperf3 -s\n" NETS);
	assert_string_equal(t->services[0].name, "iperf3");
	assert_string_equal(t->services[1].name, "iperf3-2");
	assert_string_equal(t->services[2].name, "iperf3-3");
	assert_string_equal(t->services[3].name, "iperf3-4");
	assert_string_equal(t->services[4].name, "a-very-long-program-name-of");
	assert_string_equal(t->services[5].name, "a-very-long-program-name-of-2");
	assert_string_equal(t->services[6].name, "iperf3");	/* per node */
	/* a second check changes nothing */
	assert_int_equal(topo_check(t, NULL), 0);
	assert_string_equal(t->services[3].name, "iperf3-4");
	topo_free(t);
}

/* A default name is a file name in the run directory: made from the last
 * path component only, and held to the rules of written names. */
static void test_default_names_are_names(void **state)
{
	struct topo *t;

	(void)state;
	t = checked("node a\n service -- ../../../escape/\n service python3.11 -m x\n"
		    " service ./a b\n service /x/y//\n" NETS "node b\n");
	assert_string_equal(t->services[0].name, "escape");
	assert_string_equal(t->services[1].name, "python3_11");
	assert_string_equal(t->services[2].name, "a");
	assert_string_equal(t->services[3].name, "y");
	topo_free(t);
	assert_string_equal(check_err("node a\n service -- ../\nnode b\n" NETS),
			    L(2:2) ": no default name for service: '../', expected 'name NAME' (its command's basename is no name: 1-31 letters, digits, '-' or '_', starting with a letter)");
	assert_string_equal(check_err("node a\n service /\nnode b\n" NETS),
			    L(2:2) ": no default name for service: '/', expected 'name NAME' (its command's basename is no name: 1-31 letters, digits, '-' or '_', starting with a letter)");
	assert_string_equal(check_err("node a\n service 7z\nnode b\n" NETS),
			    L(2:2) ": no default name for service: '7z', expected 'name NAME' (its command's basename is no name: 1-31 letters, digits, '-' or '_', starting with a letter)");
}

/* 2500 services of one command in a node: every default name unique
 * (the suffix used to stop at -999), the base shortened for long ones. */
static void test_default_names_at_scale(void **state)
{
	static const int n = 2500;
	size_t len = 256 + (size_t)n * 128;
	char *text = malloc(len), *p = text;
	struct topo *t;

	(void)state;
	assert_non_null(text);
	p += sprintf(p, "node a\n service name sleep-3 true\n");
	for (int i = 0; i < n; i++)
		p += sprintf(p, " service sleep %d\n service /opt/abcdefghijklmnopqrstuvwxyz0123456789\n", i);
	sprintf(p, "node b\n" NETS);
	t = checked(text);
	free(text);
	assert_string_equal(t->services[0].name, "sleep-3");
	assert_string_equal(t->services[1].name, "sleep");
	assert_string_equal(t->services[3].name, "sleep-2");
	assert_string_equal(t->services[5].name, "sleep-4");	/* -3 is taken */
	assert_string_equal(t->services[2 * 1000 + 1].name, "sleep-1002");
	assert_string_equal(t->services[2].name, "abcdefghijklmnopqrstuvwxyz0");
	assert_string_equal(t->services[2 * 2499 + 2].name, "abcdefghijklmnopqrstuvwxyz-2500");
	for (int i = 0; i < t->nservices; i++)
		for (int j = i + 1; j < t->nservices && j < i + 50; j++)
			assert_string_not_equal(t->services[i].name, t->services[j].name);
	/* every name once, whatever the distance: sort and compare neighbours */
	qsort(t->services, t->nservices, sizeof(*t->services), cmp_svc_name);
	for (int i = 1; i < t->nservices; i++)
		assert_string_not_equal(t->services[i - 1].name, t->services[i].name);
	topo_free(t);
}

static int count_key(const struct topo *t, int node, const char *key,
		     const char **value)
{
	int n = 0;

	for (int i = 0; i < t->nsysctls; i++)
		if (t->sysctls[i].node == node && !strcmp(t->sysctls[i].key, key)) {
			n++;
			*value = t->sysctls[i].value;
		}
	return n;
}

static void test_multipath_hash(void **state)
{
	static const char k4[] = "net.ipv4.fib_multipath_hash_policy";
	static const char k6[] = "net.ipv6.fib_multipath_hash_policy";
	const char *v = NULL;
	struct topo *t;

	(void)state;
	t = checked("node a\n route 10.9.0.0/16 nexthop via 10.0.0.2 nexthop via 10.0.1.2\n"
		    " route fd09::/64 nexthop via fd00::2 weight 2 nexthop dev eth1\n"
		    " route 10.8.0.0/16 nexthop via 10.0.0.2 nexthop via 10.0.1.2\n"
		    "node b\n sysctl net.ipv4.fib_multipath_hash_policy=2\n"
		    " route 10.9.0.0/16 nexthop via 10.0.0.1 nexthop via 10.0.1.1\n"
		    " route 10.7.0.0/16 nexthop via 10.0.0.1\n" NETS);
	assert_int_equal(count_key(t, 0, k4, &v), 1);
	assert_string_equal(v, "1");
	assert_int_equal(count_key(t, 0, k6, &v), 1);
	assert_int_equal(count_key(t, 1, k4, &v), 1);
	assert_string_equal(v, "2");		/* the file's own value wins */
	assert_int_equal(count_key(t, 1, k6, &v), 0);
	assert_int_equal(topo_check(t, NULL), 0);
	assert_int_equal(count_key(t, 0, k4, &v), 1);	/* not added twice */
	topo_free(t);
	/* a single-hop "nexthop" route is not multipath: nothing added */
	t = checked("node a\n route 10.7.0.0/16 nexthop via 10.0.0.2\nnode b\n" NETS);
	assert_int_equal(count_key(t, 0, k4, &v), 0);
	topo_free(t);
}

static void test_topologies(void **state)
{
	static const char *const files[] = {
		"topologies/simple.topo", "topologies/routing.topo",
		"topologies/routing2.topo",
	};
	struct topo_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct topo *t = topo_parse_file(files[i], &err);

		if (!t) {
			print_error("%s: %s\n", files[i], err.msg);
			fail();
		}
		assert_int_equal(topo_check(t, &err), 0);
		topo_free(t);
	}
}

/* routing.topo as docs/scenarios.md describes it. */
static void test_routing_contents(void **state)
{
	struct topo_error err;
	struct topo *t = topo_parse_file("topologies/routing.topo", &err);
	char buf[64];
	int router, server, client;

	(void)state;
	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), 0);
	server = topo_node_find(t, "server");
	router = topo_node_find(t, "router");
	client = topo_node_find(t, "client");
	assert_true(server >= 0 && router >= 0 && client >= 0);
	assert_int_equal(topo_iface_find(t, router, "eth0"), 1);
	assert_int_equal(t->ifaces[topo_iface_find(t, router, "eth2")].net, 2);
	assert_string_equal(topo_addr_str(&t->ifaces[topo_iface_find(t, client, "eth0")].addrs[0],
					  true, buf, sizeof(buf)), "10.123.202.3/24");
	assert_int_equal(t->nroutes, 3);
	assert_int_equal(t->routes[0].node, server);
	assert_true(t->routes[0].multipath);
	assert_int_equal(t->routes[0].nnh, 2);
	assert_int_equal(t->routes[0].nh[1].weight, 1);
	assert_string_equal(topo_addr_str(&t->routes[0].nh[1].via, false, buf, sizeof(buf)),
			    "10.123.201.3");
	assert_int_equal(t->endpoints[0].flags, MPTCP_PM_ADDR_FLAG_SIGNAL);
	assert_int_equal(t->limits[0].subflows, 1);
	assert_string_equal(t->services[1].name, "mptcp-proxy");
	topo_free(t);
}

/* routing2.topo as docs/scenarios.md describes it. */
static void test_routing2_contents(void **state)
{
	struct topo_error err;
	struct topo *t = topo_parse_file("topologies/routing2.topo", &err);
	int server, client;
	char buf[64];

	(void)state;
	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), 0);
	server = topo_node_find(t, "server");
	client = topo_node_find(t, "client");
	assert_int_equal(t->nendpoints, 1);
	assert_int_equal(t->endpoints[0].node, client);
	assert_int_equal(t->endpoints[0].flags, MPTCP_PM_ADDR_FLAG_SUBFLOW);
	assert_string_equal(t->endpoints[0].dev, "eth1");
	assert_string_equal(topo_addr_str(&t->endpoints[0].addr, false, buf, sizeof(buf)),
			    "10.123.202.3");
	assert_int_equal(t->nroutes, 4);
	for (int i = 0; i < 2; i++)
		assert_int_equal(t->routes[i].node, server);
	assert_int_equal(t->routes[2].node, client);
	assert_int_equal(t->routes[2].metric, 10);
	assert_int_equal(t->routes[3].metric, 11);
	assert_string_equal(topo_addr_str(&t->routes[3].src, false, buf, sizeof(buf)),
			    "10.123.202.3");
	assert_string_equal(topo_addr_str(&t->routes[3].nh[0].via, false, buf, sizeof(buf)),
			    "10.123.202.2");
	assert_string_equal(t->ifaces[topo_iface_find(t, client, "eth1")].ifname, "eth1");
	assert_int_equal(t->ifaces[topo_iface_find(t, client, "eth1")].net,
			 topo_net_find(t, "C"));
	topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_ok),
		cmocka_unit_test(test_interfaces),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_bridges),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_endpoints),
		cmocka_unit_test(test_misc),
		cmocka_unit_test(test_default_service_names),
		cmocka_unit_test(test_default_names_are_names),
		cmocka_unit_test(test_default_names_at_scale),
		cmocka_unit_test(test_multipath_hash),
		cmocka_unit_test(test_topologies),
		cmocka_unit_test(test_routing_contents),
		cmocka_unit_test(test_routing2_contents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
