/* test_expect.c: event counts against expectations (lab/topo/expect.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/event_names.h"
#include "topo/expect.h"

/* Two nodes; node 1 expects CREATED=2, ANNOUNCED>=1, CLOSED<=1 and
 * SF_ESTABLISHED 1..3. */
static struct topo_expect exps[] = {
	{ .node = 1, .event = MPTCP_EVENT_CREATED, .min = 2, .max = 2 },
	{ .node = 1, .event = MPTCP_EVENT_ANNOUNCED, .min = 1, .max = -1 },
	{ .node = 1, .event = MPTCP_EVENT_CLOSED, .min = 0, .max = 1 },
	{ .node = 1, .event = MPTCP_EVENT_SUB_ESTABLISHED, .min = 1, .max = 3 },
};
static struct topo topo = { .nnodes = 2, .expects = exps, .nexpects = 4 };

static void test_all_hold(void **state)
{
	struct expect_counts c[2] = { 0 };
	struct expect_result res[4];

	(void)state;
	expect_count(&c[1], MPTCP_EVENT_CREATED);
	expect_count(&c[1], MPTCP_EVENT_CREATED);
	expect_count(&c[1], MPTCP_EVENT_ANNOUNCED);
	expect_count(&c[1], MPTCP_EVENT_ANNOUNCED);
	expect_count(&c[1], MPTCP_EVENT_ANNOUNCED);
	expect_count(&c[1], MPTCP_EVENT_SUB_ESTABLISHED);
	expect_count(&c[0], MPTCP_EVENT_CLOSED);	/* other node: ignored */
	expect_count(&c[0], MPTCP_EVENT_CLOSED);
	assert_int_equal(expect_eval(&topo, c, (feature_mask)-1, res), 0);
	for (int i = 0; i < 4; i++)
		assert_true(res[i].ok);
	assert_int_equal(res[0].actual, 2);
	assert_int_equal(res[1].actual, 3);
	assert_int_equal(res[2].actual, 0);
	assert_int_equal(res[0].node, 1);
	assert_int_equal(res[0].event, MPTCP_EVENT_CREATED);
}

/* An expectation that needs a feature the kernel lacks is not checked
 * and not counted as failed; with the feature it is checked as usual. */
static void test_missing_feature_not_checked(void **state)
{
	struct topo_expect x[] = {
		{ .node = 0, .event = MPTCP_EVENT_LISTENER_CREATED, .min = 4,
		  .max = 4, .needs = FEATURE_BIT(FEAT_LISTENER_EVENTS) },
		{ .node = 0, .event = MPTCP_EVENT_CREATED, .min = 1, .max = 1 },
	};
	struct topo t = { .nnodes = 1, .expects = x, .nexpects = 2 };
	struct expect_counts c[1] = { 0 };
	struct expect_result res[2];
	feature_mask all = (feature_mask)-1;

	(void)state;
	assert_int_equal(expect_eval(&t, c, all & ~FEATURE_BIT(FEAT_LISTENER_EVENTS),
				     res), 1);
	assert_true(res[0].ok);
	assert_int_equal(res[0].missing, FEATURE_BIT(FEAT_LISTENER_EVENTS));
	assert_false(res[1].ok);
	assert_int_equal(res[1].missing, 0);
	assert_int_equal(expect_eval(&t, c, all, res), 2);
	assert_false(res[0].ok);
	assert_int_equal(res[0].missing, 0);
}

/* CLOSED counts only for a token that had CREATED: the kernel's CLOSED
 * for a refused connect is counted apart; each connection closes once. */
static void test_closed_without_created(void **state)
{
	struct expect_counts c = { 0 };
	struct expect_conns o = { 0 };

	(void)state;
	assert_int_equal(expect_count_conn(&c, &o, MPTCP_EVENT_CLOSED, 7, -1), 0);
	assert_int_equal(c.n[MPTCP_EVENT_CLOSED], 0);
	assert_int_equal(o.orphan_closed, 1);
	for (uint32_t tok = 1; tok <= 40; tok++)	/* grows the set */
		expect_count_conn(&c, &o, MPTCP_EVENT_CREATED, tok, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ESTABLISHED, 3, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_CLOSED, 3, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_CLOSED, 3, -1);	/* twice */
	expect_count_conn(&c, &o, MPTCP_EVENT_CLOSED, 40, -1);
	assert_int_equal(c.n[MPTCP_EVENT_CREATED], 40);
	assert_int_equal(c.n[MPTCP_EVENT_ESTABLISHED], 1);
	assert_int_equal(c.n[MPTCP_EVENT_CLOSED], 2);
	assert_int_equal(o.orphan_closed, 2);
	assert_int_equal(o.n, 38);
	expect_conns_free(&o);
}

/* A re-sent ADD_ADDR (same connection, same address id) is one
 * announcement; after a REMOVED of that id, announcing it is new again;
 * another connection's announcement of the same id counts on its own. */
static void test_announced_again(void **state)
{
	struct expect_counts c = { 0 };
	struct expect_conns o = { 0 };

	(void)state;
	expect_count_conn(&c, &o, MPTCP_EVENT_CREATED, 1, 0);
	expect_count_conn(&c, &o, MPTCP_EVENT_CREATED, 2, 0);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 1);	/* re-sent */
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 200);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 2, 1);
	assert_int_equal(c.n[MPTCP_EVENT_ANNOUNCED], 3);
	assert_int_equal(o.resent_announced, 1);
	expect_count_conn(&c, &o, MPTCP_EVENT_REMOVED, 1, 1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 1);	/* new again */
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 200);	/* re-sent */
	assert_int_equal(c.n[MPTCP_EVENT_ANNOUNCED], 4);
	assert_int_equal(c.n[MPTCP_EVENT_REMOVED], 1);
	assert_int_equal(o.resent_announced, 2);
	/* Without an id, or for a connection not seen CREATED: counted. */
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 9, 1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 9, 1);
	assert_int_equal(c.n[MPTCP_EVENT_ANNOUNCED], 7);
	/* Closed and its token reused: a new connection. */
	expect_count_conn(&c, &o, MPTCP_EVENT_CLOSED, 1, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_CREATED, 1, -1);
	expect_count_conn(&c, &o, MPTCP_EVENT_ANNOUNCED, 1, 1);
	assert_int_equal(c.n[MPTCP_EVENT_ANNOUNCED], 8);
	assert_int_equal(o.resent_announced, 2);
	expect_conns_free(&o);
}

static void test_failures_counted(void **state)
{
	struct expect_counts c[2] = { 0 };
	struct expect_result res[4];

	(void)state;
	/* CREATED 3 (too many), ANNOUNCED 0 (too few), CLOSED 2 (> max),
	 * SF_ESTABLISHED 4 (above the range). */
	for (int i = 0; i < 3; i++)
		expect_count(&c[1], MPTCP_EVENT_CREATED);
	for (int i = 0; i < 2; i++)
		expect_count(&c[1], MPTCP_EVENT_CLOSED);
	for (int i = 0; i < 4; i++)
		expect_count(&c[1], MPTCP_EVENT_SUB_ESTABLISHED);
	assert_int_equal(expect_eval(&topo, c, (feature_mask)-1, res), 4);
	assert_false(res[0].ok);
	assert_int_equal(res[0].actual, 3);
	assert_int_equal(res[0].min, 2);
	assert_int_equal(res[0].max, 2);
	assert_false(res[1].ok);
	assert_int_equal(res[1].actual, 0);
	assert_false(res[2].ok);
	assert_false(res[3].ok);
	assert_int_equal(res[3].actual, 4);
}

static void test_range_edges(void **state)
{
	struct expect_counts c[2] = { 0 };
	struct expect_result res[4];

	(void)state;
	expect_count(&c[1], MPTCP_EVENT_CREATED);
	expect_count(&c[1], MPTCP_EVENT_CREATED);
	expect_count(&c[1], MPTCP_EVENT_ANNOUNCED);
	expect_count(&c[1], MPTCP_EVENT_CLOSED);	/* = max */
	for (int i = 0; i < 3; i++)			/* = max */
		expect_count(&c[1], MPTCP_EVENT_SUB_ESTABLISHED);
	assert_int_equal(expect_eval(&topo, c, (feature_mask)-1, res), 0);
}

static void test_unknown_events_bucketed(void **state)
{
	struct expect_counts c = { 0 };

	(void)state;
	expect_count(&c, 200);
	expect_count(&c, -5);
	expect_count(&c, EXPECT_OTHER);
	assert_int_equal(c.n[EXPECT_OTHER], 3);
	expect_count(&c, MPTCP_EVENT_LISTENER_CLOSED);
	assert_int_equal(c.n[MPTCP_EVENT_LISTENER_CLOSED], 1);
}

static void test_watched(void **state)
{
	(void)state;
	assert_false(expect_node_watched(&topo, 0));
	assert_true(expect_node_watched(&topo, 1));
}

static void test_range_str(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(expect_range_str(2, 2, b, sizeof(b)), "2");
	assert_string_equal(expect_range_str(0, 0, b, sizeof(b)), "0");
	assert_string_equal(expect_range_str(1, -1, b, sizeof(b)), ">=1");
	assert_string_equal(expect_range_str(0, 3, b, sizeof(b)), "<=3");
	assert_string_equal(expect_range_str(1, 3, b, sizeof(b)), "1..3");
}

static void test_event_str(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(expect_event_str(MPTCP_EVENT_SUB_ESTABLISHED, b,
					     sizeof(b)), "SF_ESTABLISHED");
	assert_string_equal(expect_event_str(42, b, sizeof(b)), "EVENT_42");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_hold),
		cmocka_unit_test(test_missing_feature_not_checked),
		cmocka_unit_test(test_closed_without_created),
		cmocka_unit_test(test_announced_again),
		cmocka_unit_test(test_failures_counted),
		cmocka_unit_test(test_range_edges),
		cmocka_unit_test(test_unknown_events_bucketed),
		cmocka_unit_test(test_watched),
		cmocka_unit_test(test_range_str),
		cmocka_unit_test(test_event_str),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
