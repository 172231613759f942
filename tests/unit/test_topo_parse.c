/* test_topo_parse.c: every statement of the topology grammar parses into
 * the right fields of struct topo (lab/topo_parse*.c), and syntax errors
 * name the right word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <linux/mptcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/event_names.h"
#include "topo/topo.h"

static struct topo *parse(const char *text)
{
	struct topo_error err;
	struct topo *t = topo_parse_string("t.topo", text, &err);

	if (!t)
		print_error("unexpected error: %s:%d:%d: %s\n", err.file,
			    err.line, err.col, err.msg);
	assert_non_null(t);
	return t;
}

/* The error line a text gives, "ok" if none. */
static const char *parse_err(const char *text)
{
	static char line[1024];
	struct topo_error err;
	struct topo *t = topo_parse_string("t.topo", text, &err);

	if (t) {
		topo_free(t);
		return "ok";
	}
	topo_error_format(&err, line, sizeof(line));
	return line;
}

static const char *astr(const struct topo_addr *a, bool plen)
{
	static char buf[4][64];
	static int k;

	k = (k + 1) % 4;
	return topo_addr_str(a, plen, buf[k], sizeof(buf[k]));
}

static void test_nodes_networks_members(void **state)
{
	struct topo *t;

	(void)state;
	t = parse("network A 10.1.0.0/24 fd00:1::/64\n"
		  "    b eth0 .3 ::3\n"
		  "    a eth0 10.1.0.2 fd00:1::2\n"
		  "node a\nnode b\n"
		  "network B fd00:2::/64\n"
		  "    a eth1 ::1:2\n");
	assert_string_equal(t->name, "t");
	assert_int_equal(t->nnodes, 2);
	/* nodes are numbered by first mention: b was used first */
	assert_string_equal(t->nodes[0].name, "b");
	assert_int_equal(t->nodes[0].loc.line, 5);
	assert_int_equal(t->nnets, 2);
	assert_string_equal(astr(&t->nets[0].subnet4, true), "10.1.0.0/24");
	assert_string_equal(astr(&t->nets[0].subnet6, true), "fd00:1::/64");
	assert_int_equal(t->nets[1].subnet4.family, 0);
	assert_int_equal(t->nifaces, 3);
	assert_int_equal(t->ifaces[0].node, 0);
	assert_int_equal(t->ifaces[0].net, 0);
	assert_string_equal(t->ifaces[0].ifname, "eth0");
	assert_int_equal(t->ifaces[0].naddrs, 2);
	assert_string_equal(astr(&t->ifaces[0].addrs[0], true), "10.1.0.3/24");
	assert_string_equal(astr(&t->ifaces[0].addrs[1], true), "fd00:1::3/64");
	assert_int_equal(t->ifaces[0].addr_loc[1].col, 15);
	assert_int_equal(t->ifaces[0].ifname_loc.col, 7);
	assert_string_equal(astr(&t->ifaces[1].addrs[0], true), "10.1.0.2/24");
	assert_string_equal(astr(&t->ifaces[2].addrs[0], true), "fd00:2::1:2/64");
	topo_free(t);
}

static void test_short_host_parts(void **state)
{
	struct topo *t;

	(void)state;
	t = parse("node a\nnetwork A 10.2.0.0/16 2001:db8::/48\n"
		  "  a e0 .1.2 ::1:0:0:7\n"
		  "network B 10.3.0.16/28\n  a e1 .2\n");
	assert_string_equal(astr(&t->ifaces[0].addrs[0], true), "10.2.1.2/16");
	assert_string_equal(astr(&t->ifaces[0].addrs[1], true), "2001:db8::1:0:0:7/48");
	/* the short form is a host number added to the subnet */
	assert_string_equal(astr(&t->ifaces[1].addrs[0], true), "10.3.0.18/28");
	topo_free(t);
	assert_string_equal(parse_err("node a\nnetwork B 10.3.0.16/28\n  a e1 .17\n"),
			    "t.topo:3:8: host part too large: '.17', expected it to fit the host bits of the network's subnet");
	assert_string_equal(parse_err("node a\nnetwork B 10.3.0.0/24\n  a e1 ::2\n"),
			    "t.topo:3:8: no IPv6 subnet for a short address: '::2', expected a subnet of that family on network B");
	assert_string_equal(parse_err("node a\nnetwork B 10.3.0.0/24\n  a e1 .x\n"),
			    "t.topo:3:8: bad address: '.x', expected an address (10.0.0.2, fd00::2) or a short host part (.2, ::2)");
	assert_string_equal(parse_err("node a\nnetwork B 10.3.0.0/24\n  a e1 10.3.0.1/24\n"),
			    "t.topo:3:8: bad address: '10.3.0.1/24', expected an address without /PLEN (the network's prefix length is used)");
}

static void test_sysctl_forwarding(void **state)
{
	struct topo *t;

	(void)state;
	t = parse("node r\n  forwarding\n  sysctl net.ipv4.conf.all.rp_filter=2\n");
	assert_int_equal(t->nsysctls, 3);
	assert_string_equal(t->sysctls[0].key, "net.ipv4.ip_forward");
	assert_string_equal(t->sysctls[0].value, "1");
	assert_string_equal(t->sysctls[1].key, "net.ipv6.conf.all.forwarding");
	assert_string_equal(t->sysctls[2].key, "net.ipv4.conf.all.rp_filter");
	assert_string_equal(t->sysctls[2].value, "2");
	assert_int_equal(t->sysctls[2].loc.col, 10);
	topo_free(t);
	assert_string_equal(parse_err("node r\n sysctl kernel.threads-max=5\n"),
			    "t.topo:2:9: sysctl key outside net.*: 'kernel.threads-max', expected a net.* key (only those are per namespace)");
	assert_string_equal(parse_err("node r\n sysctl net.x\n"),
			    "t.topo:2:9: bad sysctl: 'net.x', expected KEY=VALUE (net.ipv4.ip_forward=1)");
	assert_string_equal(parse_err("node r\n forwarding yes\n"),
			    "t.topo:2:13: unexpected word: 'yes', expected the end of the statement");
}

static void test_routes(void **state)
{
	struct topo *t;
	const struct topo_route *r;

	(void)state;
	t = parse("node a\n"
		  "  route 10.9.0.0/16 via 10.1.0.1 dev eth0 src 10.1.0.2 metric 7\n"
		  "  route default via fd00::1\n"
		  "  route default dev eth0\n"
		  "  route 10.8.0.0/24 src 10.1.0.2 metric 3 nexthop via 10.1.0.1 weight 3 \\\n"
		  "        nexthop dev eth1 nexthop via 10.2.0.1 dev eth1 weight 256\n");
	assert_int_equal(t->nroutes, 4);
	r = &t->routes[0];
	assert_string_equal(astr(&r->dst, true), "10.9.0.0/16");
	assert_false(r->multipath);
	assert_int_equal(r->nnh, 1);
	assert_string_equal(astr(&r->nh[0].via, false), "10.1.0.1");
	assert_int_equal(r->nh[0].via_loc.col, 25);
	assert_string_equal(r->nh[0].dev, "eth0");
	assert_string_equal(astr(&r->src, false), "10.1.0.2");
	assert_true(r->has_metric);
	assert_int_equal(r->metric, 7);
	assert_true(t->routes[1].is_default);
	assert_int_equal(t->routes[1].dst.family, AF_INET6);
	assert_int_equal(t->routes[1].dst.plen, 0);
	assert_int_equal(t->routes[2].dst.family, AF_INET);
	assert_string_equal(t->routes[2].nh[0].dev, "eth0");
	r = &t->routes[3];
	assert_true(r->multipath);
	assert_int_equal(r->nnh, 3);
	assert_int_equal(r->nh[0].weight, 3);
	assert_int_equal(r->nh[1].weight, 0);
	assert_string_equal(r->nh[1].dev, "eth1");
	assert_int_equal(r->nh[1].via.family, 0);
	assert_int_equal(r->nh[2].weight, 256);
	assert_int_equal(r->nh[2].via_loc.line, 6);
	assert_int_equal(r->metric, 3);
	topo_free(t);
}

static void test_route_errors(void **state)
{
	(void)state;
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24\n"),
			    "t.topo:2:2: missing gateway: 'route', expected via GW or dev IF");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 nexthop weight 2 nexthop via 1.1.1.1\n"),
			    "t.topo:2:20: missing gateway: 'nexthop', expected via GW or dev IF");
	assert_string_equal(parse_err("node a\n route 10.0.0.1/24 via 10.0.0.9\n"),
			    "t.topo:2:8: host bits set: '10.0.0.1/24', expected the network address 10.0.0.0/24");
	assert_string_equal(parse_err("node a\n route 10.0.0.0 via 10.0.0.9\n"),
			    "t.topo:2:8: missing prefix length: '10.0.0.0', expected a destination ADDR/PLEN or default");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 via fd00::1\n"),
			    "t.topo:2:24: address family mismatch: 'fd00::1', expected an IPv4 address like the rest of the route");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 via 1.1.1.1 nexthop via 1.1.1.2\n"),
			    "t.topo:2:32: unexpected word: 'nexthop', expected either via/dev or nexthops in one route");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 nexthop via 1.1.1.1 weight 0\n"),
			    "t.topo:2:47: weight out of range: '0', expected 1..256");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 nexthop via 1.1.1.1 weight 257\n"),
			    "t.topo:2:47: weight out of range: '257', expected 1..256");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 via 1.1.1.1 weight 2\n"),
			    "t.topo:2:32: unknown word: 'weight', expected via, dev, src, metric or nexthop");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 nexthop via 1.1.1.1 metric 2\n"),
			    "t.topo:2:40: unknown word: 'metric', expected via, dev, weight or nexthop");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 via 1.1.1.1 via 1.1.1.2\n"),
			    "t.topo:2:32: duplicate option: 'via', expected it at most once");
	assert_string_equal(parse_err("node a\n route 10.0.0.0/24 via\n"),
			    "t.topo:2:20: missing argument: 'via', expected a gateway address after it");
	assert_string_equal(parse_err("node a\n route default via 1.1.1.1 metric -1\n"),
			    "t.topo:2:35: bad metric: '-1', expected a number 0..4294967295");
}

static void test_mptcp(void **state)
{
	struct topo *t;
	const struct topo_endpoint *e;

	(void)state;
	t = parse("node a\n  mptcp limits subflows 2 add_addr_accepted 8\n"
		  "  mptcp endpoint 10.0.0.1 dev eth0 id 7 port 1000 signal backup\n"
		  "  mptcp endpoint fd00::1 subflow fullmesh\n"
		  "node b\n  mptcp limits add_addr_accepted 0\n");
	assert_int_equal(t->nlimits, 2);
	assert_int_equal(t->limits[0].subflows, 2);
	assert_int_equal(t->limits[0].add_addr_accepted, 8);
	assert_int_equal(t->limits[1].node, 1);
	assert_int_equal(t->limits[1].subflows, -1);
	assert_int_equal(t->limits[1].add_addr_accepted, 0);
	assert_int_equal(t->nendpoints, 2);
	e = &t->endpoints[0];
	assert_string_equal(astr(&e->addr, false), "10.0.0.1");
	assert_string_equal(e->dev, "eth0");
	assert_int_equal(e->id, 7);
	assert_int_equal(e->port, 1000);
	assert_int_equal(e->flags, MPTCP_PM_ADDR_FLAG_SIGNAL | MPTCP_PM_ADDR_FLAG_BACKUP);
	assert_int_equal(e->addr_loc.col, 18);
	assert_int_equal(e->id_loc.col, 39);
	e = &t->endpoints[1];
	assert_int_equal(e->addr.family, AF_INET6);
	assert_int_equal(e->id, 0);
	assert_int_equal(e->flags, MPTCP_PM_ADDR_FLAG_SUBFLOW | MPTCP_PM_ADDR_FLAG_FULLMESH);
	topo_free(t);
	assert_string_equal(parse_err("node a\n mptcp limits subflows 9\n"),
			    "t.topo:2:24: limit out of range: '9', expected 0..8");
	assert_string_equal(parse_err("node a\n mptcp limits\n"),
			    "t.topo:2:8: missing argument: 'limits', expected subflows N and/or add_addr_accepted N after it");
	assert_string_equal(parse_err("node a\n mptcp limits subflows 1\n mptcp limits subflows 2\n"),
			    "t.topo:3:8: duplicate statement: 'limits', expected one 'mptcp limits' per node (first at line 2)");
	assert_string_equal(parse_err("node a\n mptcp endpoint 1.1.1.1 id 0\n"),
			    "t.topo:2:28: endpoint id out of range: '0', expected 1..255");
	assert_string_equal(parse_err("node a\n mptcp endpoint 1.1.1.1 fullmesh signal\n"),
			    "t.topo:2:34: invalid flag combination: 'signal', expected signal or fullmesh, not both");
	assert_string_equal(parse_err("node a\n mptcp endpoint 1.1.1.1 port 80\n"),
			    "t.topo:2:30: port without signal: '80', expected the signal flag with a port");
	assert_string_equal(parse_err("node a\n mptcp endpoint 1.1.1.1 port 65536 signal\n"),
			    "t.topo:2:30: port out of range: '65536', expected 1..65535");
	assert_string_equal(parse_err("node a\n mptcp endpoint 1.1.1.1 laminar\n"),
			    "t.topo:2:25: unknown word: 'laminar', expected dev, id, port, signal, subflow, backup or fullmesh");
	assert_string_equal(parse_err("node a\n mptcp endpoints\n"),
			    "t.topo:2:8: unknown word: 'endpoints', expected limits or endpoint");
}

static void test_bridge_mount(void **state)
{
	struct topo *t;

	(void)state;
	t = parse("node a\n bridge br0 eth0 eth1\n mount private /var/lib/x /run/y\n"
		  " mount null /etc/z\n");
	assert_int_equal(t->nbridges, 1);
	assert_string_equal(t->bridges[0].name, "br0");
	assert_int_equal(t->bridges[0].nports, 2);
	assert_string_equal(t->bridges[0].ports[1], "eth1");
	assert_int_equal(t->bridges[0].port_locs[1].col, 18);
	assert_int_equal(t->nmounts, 3);
	assert_int_equal(t->mounts[1].kind, TOPO_MOUNT_PRIVATE);
	assert_string_equal(t->mounts[1].path, "/run/y");
	assert_int_equal(t->mounts[2].kind, TOPO_MOUNT_NULL);
	topo_free(t);
	assert_string_equal(parse_err("node a\n bridge br0\n"),
			    "t.topo:2:9: missing argument: 'br0', expected the interfaces the bridge joins after it");
	assert_string_equal(parse_err("node a\n mount private tmp\n"),
			    "t.topo:2:16: bad path: 'tmp', expected an absolute path without '..'");
	assert_string_equal(parse_err("node a\n mount shared /x\n"),
			    "t.topo:2:8: unknown word: 'shared', expected private or null");
}

static void test_services(void **state)
{
	struct topo *t;
	const struct topo_service *s;

	(void)state;
	t = parse("node a\n"
		  " service iperf3 -s\n"
		  " service name px ready tcp 4444 timeout 250ms grace 1 -- mptcp-proxy -p 4444\n"
		  " service ready cmd 'vpncmd /x \"a b\"' output Ready -- vpnserver start\n");
	assert_int_equal(t->nservices, 3);
	s = &t->services[0];
	assert_string_equal(s->argv[0], "iperf3");
	assert_string_equal(s->argv[1], "-s");
	assert_null(s->argv[2]);
	assert_int_equal(s->ready, TOPO_READY_NONE);
	assert_true(s->timeout == 10 && s->grace == 3);
	assert_string_equal(s->name, "");	/* filled by topo_check */
	s = &t->services[1];
	assert_string_equal(s->name, "px");
	assert_int_equal(s->ready, TOPO_READY_TCP);
	assert_int_equal(s->ready_port, 4444);
	assert_true(s->timeout > 0.2499 && s->timeout < 0.2501);
	assert_true(s->grace == 1);
	assert_string_equal(s->argv[0], "mptcp-proxy");
	s = &t->services[2];
	assert_int_equal(s->ready, TOPO_READY_CMD);
	assert_string_equal(s->ready_argv[0], "vpncmd");
	assert_string_equal(s->ready_argv[2], "a b");
	assert_null(s->ready_argv[3]);
	assert_string_equal(s->ready_match, "Ready");
	assert_string_equal(s->argv[1], "start");
	topo_free(t);
	assert_string_equal(parse_err("node a\n service timeout 3\n"),
			    "t.topo:2:2: missing command: 'service', expected a command after the options");
	assert_string_equal(parse_err("node a\n service ready udp 3 -- x\n"),
			    "t.topo:2:16: unknown word: 'udp', expected tcp or cmd");
	assert_string_equal(parse_err("node a\n service output x -- y\n"),
			    "t.topo:2:10: unexpected word: 'output', expected 'ready cmd COMMAND' before it");
	assert_string_equal(parse_err("node a\n service timeout 3x -- y\n"),
			    "t.topo:2:18: bad duration: '3x', expected seconds (3, 0.5, 3s) or milliseconds (250ms)");
	assert_string_equal(parse_err("node a\n service grace 0 -- y\n"),
			    "t.topo:2:16: duration out of range: '0', expected more than 0 and at most 86400 s");
	assert_string_equal(parse_err("node a\n service name 9x y\n"),
			    "t.topo:2:15: bad service name: '9x', expected 1-31 letters, digits, '-' or '_', starting with a letter");
}

static void test_steps(void **state)
{
	struct topo *t;
	const struct topo_step *s;

	(void)state;
	t = parse("node a\n"
		  "run a timeout 30 exit 3 -- iperf3 -c x\n"
		  "wait a interval 0.5 output up ip link\n"
		  "link a vpn_test timeout 5 up master br0 address 10.100.1.5/24 address fd00::5/64\n"
		  "run a ls\n");
	assert_int_equal(t->nsteps, 4);
	s = &t->steps[0];
	assert_int_equal(s->kind, TOPO_STEP_RUN);
	assert_true(s->timeout == 30);
	assert_int_equal(s->expect_exit, 3);
	assert_string_equal(s->argv[0], "iperf3");
	s = &t->steps[1];
	assert_int_equal(s->kind, TOPO_STEP_WAIT);
	assert_true(s->timeout == 10 && s->interval == 0.5);
	assert_string_equal(s->match, "up");
	assert_string_equal(s->argv[0], "ip");
	s = &t->steps[2];
	assert_int_equal(s->kind, TOPO_STEP_LINK);
	assert_string_equal(s->ifname, "vpn_test");
	assert_true(s->up);
	assert_string_equal(s->master, "br0");
	assert_int_equal(s->naddrs, 2);
	assert_string_equal(astr(&s->addrs[0], true), "10.100.1.5/24");
	assert_true(s->timeout == 5);
	s = &t->steps[3];
	assert_true(s->timeout == 60);
	assert_int_equal(s->expect_exit, 0);
	topo_free(t);
	/* A step may be named for the report; `name` is an option of run
	 * and wait, checked like a service's name. */
	t = parse("node a\n"
		  "run a name iperf3-reverse timeout 5 -- iperf3 -c x\n"
		  "wait a name vpn_up -- true\n"
		  "run a -- name x\n");
	assert_string_equal(t->steps[0].name, "iperf3-reverse");
	assert_int_equal(t->steps[0].name_loc.line, 2);
	assert_int_equal(t->steps[0].name_loc.col, 12);
	assert_string_equal(t->steps[0].argv[0], "iperf3");
	assert_true(t->steps[0].timeout == 5);
	assert_string_equal(t->steps[1].name, "vpn_up");
	assert_string_equal(t->steps[2].name, "");
	assert_string_equal(t->steps[2].argv[0], "name");
	topo_free(t);
	assert_string_equal(parse_err("node a\nrun a name 'two words' x\n"),
			    "t.topo:2:12: bad step name: 'two words', expected 1-31 letters, digits, '-' or '_', starting with a letter");
	assert_string_equal(parse_err("node a\nrun a name x name y z\n"),
			    "t.topo:2:14: duplicate option: 'name', expected it at most once");
	assert_string_equal(parse_err("node a\nrun a name\n"),
			    "t.topo:2:7: missing argument: 'name', expected a step name after it");
	assert_string_equal(parse_err("node a\nrun a exit 256 x\n"),
			    "t.topo:2:12: exit status out of range: '256', expected 0..255");
	assert_string_equal(parse_err("node a\nrun a --\n"),
			    "t.topo:2:1: missing command: 'run', expected a command after the options");
	assert_string_equal(parse_err("node a\nlink a tap0 down\n"),
			    "t.topo:2:13: unknown word: 'down', expected timeout, up, master or address");
	assert_string_equal(parse_err("node a\nlink a tap0 address 10.0.0.1\n"),
			    "t.topo:2:21: missing prefix length: '10.0.0.1', expected an address with its prefix length (10.0.0.5/24)");
	assert_string_equal(parse_err("node a\nwait a exit 1 x\n"),
			    "ok");	/* "exit" starts the command of a wait */
}

static void test_expect(void **state)
{
	struct topo *t;
	const struct topo_expect *e;

	(void)state;
	t = parse("node a\nexpect a CREATED=2 SF_ESTABLISHED>=1 CLOSED<=3 ANNOUNCED=1..4 SUB_CLOSED=0\n");
	assert_int_equal(t->nexpects, 5);
	e = t->expects;
	assert_int_equal(e[0].event, MPTCP_EVENT_CREATED);
	assert_true(e[0].min == 2 && e[0].max == 2);
	assert_int_equal(e[1].event, MPTCP_EVENT_SUB_ESTABLISHED);
	assert_true(e[1].min == 1 && e[1].max == -1);
	assert_true(e[2].min == 0 && e[2].max == 3);
	assert_true(e[3].min == 1 && e[3].max == 4);
	assert_int_equal(e[4].event, MPTCP_EVENT_SUB_CLOSED);
	assert_int_equal(e[3].loc.col, 48);
	topo_free(t);
	assert_string_equal(parse_err("node a\nexpect a CRATED=2\n"),
			    "t.topo:2:10: unknown event: 'CRATED', expected CREATED, ESTABLISHED, CLOSED, ANNOUNCED, REMOVED, SF_ESTABLISHED, SF_CLOSED, SF_PRIO, LISTENER_CREATED or LISTENER_CLOSED");
	assert_string_equal(parse_err("node a\nexpect a created=2\n"),
			    "t.topo:2:10: unknown event: 'created', expected CREATED, ESTABLISHED, CLOSED, ANNOUNCED, REMOVED, SF_ESTABLISHED, SF_CLOSED, SF_PRIO, LISTENER_CREATED or LISTENER_CLOSED");
	assert_string_equal(parse_err("node a\nexpect a CREATED\n"),
			    "t.topo:2:10: bad expectation: 'CREATED', expected EVENT=N, EVENT>=N, EVENT<=N or EVENT=N..M");
	assert_string_equal(parse_err("node a\nexpect a CREATED=x\n"),
			    "t.topo:2:10: bad count: 'CREATED=x', expected EVENT=N, EVENT>=N, EVENT<=N or EVENT=N..M with N, M in 0..1000000");
	assert_string_equal(parse_err("node a\nexpect a CREATED>=1..2\n"),
			    "t.topo:2:10: bad count: 'CREATED>=1..2', expected EVENT=N, EVENT>=N, EVENT<=N or EVENT=N..M with N, M in 0..1000000");
	assert_string_equal(parse_err("node a\nexpect a CREATED=5..2\n"),
			    "t.topo:2:10: bad range: 'CREATED=5..2', expected the minimum not above the maximum");
	assert_string_equal(parse_err("node a\nexpect a\n"),
			    "t.topo:2:8: missing argument: 'a', expected EVENT=N terms after it");
}

/* `require` collects features; `if` makes the terms of one expect line
 * conditional; LISTENER_* events need listener-events by themselves. */
static void test_require_and_if(void **state)
{
	struct topo *t;

	(void)state;
	t = parse("require netem tbf\nrequire htb\nnode a\n"
		  "expect a CREATED=1 ESTABLISHED=1 if full-info tcp-is-mptcp\n"
		  "expect a CLOSED=1 LISTENER_CREATED=1\n");
	assert_int_equal(t->requires, FEATURE_BIT(FEAT_NETEM) |
			 FEATURE_BIT(FEAT_TBF) | FEATURE_BIT(FEAT_HTB));
	assert_int_equal(t->requires_loc.line, 1);
	assert_int_equal(t->nexpects, 4);
	for (int i = 0; i < 2; i++)
		assert_int_equal(t->expects[i].needs,
				 FEATURE_BIT(FEAT_FULL_INFO) |
				 FEATURE_BIT(FEAT_TCP_IS_MPTCP));
	assert_int_equal(t->expects[2].needs, 0);
	assert_int_equal(t->expects[3].needs,
			 FEATURE_BIT(FEAT_LISTENER_EVENTS));
	topo_free(t);
	assert_string_equal(parse_err("node a\nrequire\n"),
			    "t.topo:2:1: missing argument: 'require', expected a kernel feature after it");
	assert_string_equal(parse_err("require netem bogus\n"),
			    "t.topo:1:15: unknown feature: 'bogus', expected one of mptcp, pm-events, listener-events, tcp-is-mptcp, full-info, info-counters, add-addr-timeout, close-timeout, scheduler, path-manager, tbf, htb, netem");
	assert_string_equal(parse_err("node a\nexpect a if netem\n"),
			    "t.topo:2:10: missing argument: 'if', expected EVENT=N terms before it");
	assert_string_equal(parse_err("node a\nexpect a CREATED=1 if\n"),
			    "t.topo:2:20: missing argument: 'if', expected a kernel feature after it");
	assert_string_equal(parse_err("node require\n"),
			    "t.topo:1:6: bad node name: 'require', expected a name that is not a keyword");
}

static void test_blocks_and_names(void **state)
{
	(void)state;
	assert_string_equal(parse_err("route default via 1.1.1.1\n"),
			    "t.topo:1:1: node statement outside a node block: 'route', expected 'node NAME' before it");
	assert_string_equal(parse_err("node a\nrun a x\n  sysctl net.a=1\n"),
			    "t.topo:3:3: node statement outside a node block: 'sysctl', expected 'node NAME' before it");
	assert_string_equal(parse_err("node a\nnetwork N 10.0.0.0/8\n  forwarding\n"),
			    "t.topo:3:3: node statement outside a node block: 'forwarding', expected 'node NAME' before it");
	assert_string_equal(parse_err("nodes a\n"),
			    "t.topo:1:1: unknown word: 'nodes', expected node, network, run, wait, link, expect, require, start, join, sleep, set, endpoint or assert");
	assert_string_equal(parse_err("node route\n"),
			    "t.topo:1:6: bad node name: 'route', expected a name that is not a keyword");
	assert_string_equal(parse_err("node\n"),
			    "t.topo:1:1: missing argument: 'node', expected a node name after it");
	assert_string_equal(parse_err("node a b\n"),
			    "t.topo:1:8: unexpected word: 'b', expected the end of the statement");
	assert_string_equal(parse_err("node a\nrun b x\n"),
			    "t.topo:2:5: undefined node: 'b', expected a node declared with 'node b'");
	assert_string_equal(parse_err("network N 10.0.0.0/8\nnode a\n"),
			    "t.topo:1:9: empty network: 'N', expected member lines 'NODE IFNAME [ADDR...]' after it");
	assert_string_equal(parse_err("node a\nnetwork N 10.0.0.0/8 10.1.0.0/16\n a e .1\n"),
			    "t.topo:2:22: second IPv4 subnet: '10.1.0.0/16', expected one IPv4 and/or one IPv6 subnet");
	assert_string_equal(parse_err("node a\nnetwork N\n"),
			    "t.topo:2:9: missing argument: 'N', expected a subnet like 10.0.0.0/24 or fd00::/64 after it");
	assert_string_equal(parse_err("node a\nnetwork N 10.0.0.0/33\n"),
			    "t.topo:2:11: bad prefix length: '10.0.0.0/33', expected a subnet like 10.0.0.0/24 or fd00::/64");
	assert_string_equal(parse_err("node a\nnetwork N 10.0.0.0/8\n a eth0123456789abc\n"),
			    "t.topo:3:4: interface name too long: 'eth0123456789abc', expected at most 15 characters");
	assert_string_equal(parse_err("node a\nnetwork N 10.0.0.0/8\n a eth0 .1 .2 .3 .4 .5\n"),
			    "t.topo:3:21: too many addresses: '.5', expected at most 4 on one interface");
	assert_string_equal(parse_err("node Server_1\n"), "ok");
}

static void test_file(void **state)
{
	struct topo_error err;
	char path[] = "/tmp/test_topo_parseXXXXXX";
	int fd;

	(void)state;
	assert_null(topo_parse_file("/nonexistent/x.topo", &err));
	assert_int_equal(err.line, 0);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "node a\n\0", 8), 8);
	close(fd);
	assert_null(topo_parse_file(path, &err));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_string_equal(err.msg, "unexpected control character: '\\x00', expected text");
	unlink(path);
	/* not a regular file: refused before reading (a FIFO would block) */
	assert_null(topo_parse_file("/tmp", &err));
	assert_string_equal(err.msg, "not a regular file: expected a topology file");
	assert_null(topo_parse_file("/dev/zero", &err));
	assert_string_equal(err.msg, "not a regular file: expected a topology file");
}

/* topo_parse_buf(): a NUL anywhere has a line and column; a byte order
 * mark is skipped and does not count as a column. */
static void test_buf_nul_bom(void **state)
{
	static const char nul[] = "node a\nnode b\0c\n";
	static const char bom[] = "\xef\xbb\xbfnode a\nnode b x\n";
	struct topo_error err;
	struct topo *t;

	(void)state;
	assert_null(topo_parse_buf("t.topo", nul, sizeof(nul) - 1, &err));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 7);
	assert_null(topo_parse_buf("t.topo", bom, sizeof(bom) - 1, &err));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);
	t = topo_parse_buf("t.topo", bom, 7 + 3, &err);	/* not NUL-terminated */
	assert_non_null(t);
	assert_int_equal(t->nnodes, 1);
	assert_string_equal(t->nodes[0].name, "a");
	assert_int_equal(t->nodes[0].loc.col, 1);
	topo_free(t);
}

/* tests/good/lexical.topo: quotes, comments and continuations as the
 * documentation describes them. */
static void test_good_lexical(void **state)
{
	struct topo_error err;
	struct topo *t = topo_parse_file("tests/good/lexical.topo", &err);
	const struct topo_service *s;
	char buf[64];

	(void)state;
	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), 0);
	assert_int_equal(t->nservices, 2);
	s = &t->services[0];
	assert_string_equal(s->name, "echo-1");
	assert_string_equal(s->argv[2], "echo \"a # not a comment\"; sleep 100");
	assert_null(s->argv[3]);
	s = &t->services[1];
	assert_string_equal(s->name, "sleep");
	assert_int_equal(s->ready, TOPO_READY_CMD);
	assert_string_equal(s->ready_argv[2], "exit 0");
	assert_string_equal(s->ready_match, "");
	assert_true(s->timeout == 0.5 && s->grace == 0.25);
	assert_string_equal(s->argv[0], "sleep");
	assert_string_equal(s->argv[1], "100");
	assert_null(s->argv[2]);
	assert_string_equal(t->sysctls[0].key, "net.ipv4.conf.all.rp_filter");
	assert_string_equal(topo_addr_str(&t->ifaces[1].addrs[0], true, buf, sizeof(buf)),
			    "192.168.1.2/16");
	assert_string_equal(t->steps[0].argv[2], "echo \"quoted\" \\ backslash");
	assert_int_equal(t->expects[0].max, -1);
	topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes_networks_members),
		cmocka_unit_test(test_short_host_parts),
		cmocka_unit_test(test_sysctl_forwarding),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_route_errors),
		cmocka_unit_test(test_mptcp),
		cmocka_unit_test(test_bridge_mount),
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_require_and_if),
		cmocka_unit_test(test_blocks_and_names),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_buf_nul_bom),
		cmocka_unit_test(test_good_lexical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
