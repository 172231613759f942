/* test_topo_shape.c: link properties: units and their values, the
 * network's properties merged into each member (the member's words win),
 * what qdiscs a shape needs, their text form, tbf's bucket size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "kernel/rt_qdisc.h"
#include "topo/topo.h"

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

#define TWO(net, a, b) "node a\nnode b\nnetwork n 10.0.0.0/24" net "\n" \
		       "  a eth0 .1" a "\n  b eth0 .2" b "\n"

static void units(void **state)
{
	struct topo *t = checked(TWO("", " rate 50mbit delay 20ms jitter 500us loss 0.25% limit 100",
				     " rate 1.5gbit delay 1.5s loss 100%"));
	const struct topo_shape *a = &t->ifaces[0].shape, *b = &t->ifaces[1].shape;

	(void)state;
	assert_int_equal(a->rate, 50000000);
	assert_int_equal(a->delay_us, 20000);
	assert_int_equal(a->jitter_us, 500);
	assert_int_equal(a->loss_ppm, 2500);
	assert_int_equal(a->limit, 100);
	assert_int_equal(b->rate, 1500000000);
	assert_int_equal(b->delay_us, 1500000);
	assert_int_equal(b->loss_ppm, 1000000);
	assert_int_equal(b->limit, 0);
	/* where each value was written, for messages raised later */
	assert_int_equal(a->loc[TOPO_P_DELAY].line, 4);
	assert_int_equal(a->loc[TOPO_P_DELAY].col, 31);
	topo_free(t);
}

static void network_then_member(void **state)
{
	struct topo *t = checked(TWO(" rate 10mbit delay 5ms", " rate 2mbit", ""));

	(void)state;
	assert_int_equal(t->ifaces[0].shape.rate, 2000000);	/* own word */
	assert_int_equal(t->ifaces[0].shape.delay_us, 5000);	/* network's */
	assert_int_equal(t->ifaces[1].shape.rate, 10000000);
	assert_int_equal(t->ifaces[1].shape.delay_us, 5000);
	/* checking again changes nothing */
	struct topo_error err;

	assert_int_equal(topo_check(t, &err), 0);
	assert_int_equal(t->ifaces[0].shape.rate, 2000000);
	assert_int_equal(t->ifaces[1].shape.rate, 10000000);
	topo_free(t);
}

static void kinds(void **state)
{
	struct topo *t = checked(TWO("", " rate 1mbit", " delay 0ms"));
	struct topo *u = checked(TWO("", " loss 1%", ""));

	(void)state;
	assert_int_equal(topo_shape_kinds(&t->ifaces[0].shape), TOPO_NEEDS_TBF);
	/* a zero delay asks for nothing */
	assert_int_equal(topo_shape_kinds(&t->ifaces[1].shape), 0);
	assert_int_equal(topo_needs_qdiscs(t), TOPO_NEEDS_TBF);
	assert_int_equal(topo_needs_qdiscs(u), TOPO_NEEDS_NETEM);
	topo_free(t);
	topo_free(u);
}

static void text(void **state)
{
	struct topo_shape s = { .rate = 50000000, .delay_us = 1500,
				.jitter_us = 2000000, .loss_ppm = 10000,
				.limit = 7 };
	char b[32];

	(void)state;
	assert_string_equal(topo_prop_str(&s, TOPO_P_RATE, b, sizeof(b)), "50mbit");
	assert_string_equal(topo_prop_str(&s, TOPO_P_DELAY, b, sizeof(b)), "1.5ms");
	assert_string_equal(topo_prop_str(&s, TOPO_P_JITTER, b, sizeof(b)), "2s");
	assert_string_equal(topo_prop_str(&s, TOPO_P_LOSS, b, sizeof(b)), "1%");
	assert_string_equal(topo_prop_str(&s, TOPO_P_LIMIT, b, sizeof(b)), "7");
}

static void tbf_burst(void **state)
{
	(void)state;
	assert_int_equal(rt_qdisc_tbf_burst(8000), 32768);	/* floor */
	assert_int_equal(rt_qdisc_tbf_burst(1000000000), 1250000);	/* 10 ms */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(units),
		cmocka_unit_test(network_then_member),
		cmocka_unit_test(kinds),
		cmocka_unit_test(text),
		cmocka_unit_test(tbf_burst),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
