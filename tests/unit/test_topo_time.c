/* test_topo_time.c: the timeline's statements in the model: a join
 * finds its start (and takes its node), set names an interface or a
 * whole network with up/down and properties, endpoint steps carry their
 * operation, address and options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/mptcp.h>
#include <string.h>

#include "topo/topo.h"

#define BASE "node a\nnode b\nnetwork n 10.0.0.0/24 delay 5ms\n  a eth0 .1\n  b eth0 .2\n"

static struct topo *checked(const char *text)
{
	struct topo_error err;
	struct topo *t = topo_parse_string("t.topo", text, &err);

	if (t && topo_check(t, &err) < 0) {
		topo_free(t);
		t = NULL;
	}
	if (!t)
		print_error("unexpected: %d:%d: %s\n", err.line, err.col, err.msg);
	assert_non_null(t);
	return t;
}

static void start_join(void **state)
{
	struct topo *t = checked(BASE "start b name bulk timeout 5 exit 2 -- iperf3 -c x\n"
				 "sleep 250ms\njoin bulk\n");

	(void)state;
	assert_int_equal(t->nsteps, 3);
	assert_int_equal(t->steps[0].kind, TOPO_STEP_START);
	assert_string_equal(t->steps[0].name, "bulk");
	assert_int_equal(t->steps[0].expect_exit, 2);
	assert_true(t->steps[0].timeout == 5);
	assert_string_equal(t->steps[0].argv[0], "iperf3");
	assert_int_equal(t->steps[1].kind, TOPO_STEP_SLEEP);
	assert_true(t->steps[1].timeout == 0.25);
	assert_int_equal(t->steps[2].kind, TOPO_STEP_JOIN);
	assert_int_equal(t->steps[2].target, 0);
	assert_int_equal(t->steps[2].node, 1);	/* the start's node */
	topo_free(t);
}

static void set(void **state)
{
	struct topo *t = checked(BASE "set a eth0 down rate 5mbit\nset network n up\n");

	(void)state;
	assert_int_equal(t->steps[0].kind, TOPO_STEP_SET);
	assert_int_equal(t->steps[0].node, 0);
	assert_string_equal(t->steps[0].ifname, "eth0");
	assert_int_equal(t->steps[0].net, -1);
	assert_int_equal(t->steps[0].updown, -1);
	assert_int_equal(t->steps[0].shape.rate, 5000000);
	assert_int_equal(t->steps[0].shape.set, 1u << TOPO_P_RATE);
	assert_int_equal(t->steps[1].net, 0);
	assert_int_equal(t->steps[1].updown, 1);
	assert_int_equal(t->steps[1].shape.set, 0);
	assert_int_equal(topo_needs_qdiscs(t), TOPO_NEEDS_TBF | TOPO_NEEDS_NETEM);
	topo_free(t);
}

static void endpoints(void **state)
{
	struct topo *t = checked(BASE "endpoint a add 10.0.0.1 dev eth0 id 7 subflow backup\n"
				 "endpoint a nobackup 10.0.0.1\nendpoint a delete 10.0.0.1\n");

	(void)state;
	assert_int_equal(t->steps[0].ep_op, TOPO_EP_ADD);
	assert_int_equal(t->steps[0].ep.id, 7);
	assert_string_equal(t->steps[0].ep.dev, "eth0");
	assert_int_equal(t->steps[0].ep.flags,
			 MPTCP_PM_ADDR_FLAG_SUBFLOW | MPTCP_PM_ADDR_FLAG_BACKUP);
	assert_int_equal(t->steps[1].ep_op, TOPO_EP_NOBACKUP);
	assert_int_equal(t->steps[2].ep_op, TOPO_EP_DELETE);
	assert_int_equal(t->steps[2].ep.addr.bytes[3], 1);
	topo_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_join),
		cmocka_unit_test(set),
		cmocka_unit_test(endpoints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
