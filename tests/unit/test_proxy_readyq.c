/* test_proxy_readyq.c: the light and bulk ready queues (proxy/readyq.c).
 *
 * Light connections (little moved lately) come out before bulk ones, each
 * class first in first out; a connection is queued once; one taken off
 * from the middle or the end leaves both queues intact; a bulk
 * connection that goes quiet turns light again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "readyq.h"

static struct readyq q;
static struct conn c[4];

static int setup(void **state)
{
	(void)state;
	memset(&q, 0, sizeof(q));
	memset(c, 0, sizeof(c));
	return 0;
}

static void make_bulk(struct conn *x)
{
	readyq_account(x, 256 * 1024);
	assert_true(x->recent >= RQ_LIGHT_BYTES);
}

static void test_fifo_within_a_class(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++)
		readyq_push(&q, &c[i]);
	for (int i = 0; i < 3; i++)
		assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[i]);
	assert_null(readyq_pop(&q, RQ_LIGHT));
	assert_true(readyq_empty(&q));
}

static void test_light_and_bulk_are_apart(void **state)
{
	(void)state;
	make_bulk(&c[0]);
	make_bulk(&c[1]);
	readyq_push(&q, &c[0]);
	readyq_push(&q, &c[2]);		/* new: light */
	readyq_push(&q, &c[1]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[2]);
	assert_null(readyq_pop(&q, RQ_LIGHT));
	assert_ptr_equal(readyq_pop(&q, RQ_BULK), &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_BULK), &c[1]);
	assert_true(readyq_empty(&q));
}

static void test_queued_once(void **state)
{
	(void)state;
	readyq_push(&q, &c[0]);
	readyq_push(&q, &c[1]);
	readyq_push(&q, &c[0]);		/* already there: keeps its place */
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[1]);
	assert_null(readyq_pop(&q, RQ_LIGHT));
	/* Taken off: it may be queued again, at the tail. */
	readyq_push(&q, &c[1]);
	readyq_push(&q, &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[1]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[0]);
}

static void test_unlink_middle_and_tail(void **state)
{
	(void)state;
	for (int i = 0; i < 4; i++)
		readyq_push(&q, &c[i]);
	readyq_unlink(&q, &c[1]);		/* middle */
	readyq_unlink(&q, &c[3]);		/* tail */
	assert_false(c[1].on_ready);
	readyq_unlink(&q, &c[3]);		/* not queued: nothing happens */
	readyq_push(&q, &c[1]);			/* goes after c[2], the new tail */
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[2]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[1]);
	assert_true(readyq_empty(&q));
}

static void test_unlink_only_one(void **state)
{
	(void)state;
	make_bulk(&c[0]);
	readyq_push(&q, &c[0]);
	readyq_unlink(&q, &c[0]);
	assert_true(readyq_empty(&q));
	readyq_push(&q, &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_BULK), &c[0]);
}

static void test_quiet_bulk_turns_light(void **state)
{
	int pumps = 0;

	(void)state;
	make_bulk(&c[0]);
	while (c[0].recent >= RQ_LIGHT_BYTES) {
		readyq_account(&c[0], 0);	/* a pump that moved nothing */
		pumps++;
	}
	assert_true(pumps <= 3);
	readyq_push(&q, &c[0]);
	assert_ptr_equal(readyq_pop(&q, RQ_LIGHT), &c[0]);
}

static void test_small_messages_stay_light(void **state)
{
	(void)state;
	for (int i = 0; i < 1000; i++)
		readyq_account(&c[0], 1024);
	assert_true(c[0].recent < RQ_LIGHT_BYTES);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fifo_within_a_class),
		T(test_light_and_bulk_are_apart),
		T(test_queued_once),
		T(test_unlink_middle_and_tail),
		T(test_unlink_only_one),
		T(test_quiet_bulk_turns_light),
		T(test_small_messages_stay_light),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
