/* test_proxy_pipes.c: the splice pipe pool (proxy/pipes.c), the copy
 * buffer pool (proxy/bufpool.c) and the log rate limiter (proxy/log.c).
 * Uses real pipes, no sockets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "bufpool.h"
#include "log.h"
#include "pipes.h"

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void test_init_learns_size(void **state)
{
	struct pipe_pool p;

	(void)state;
	assert_int_equal(pipe_pool_init(&p, 4, 1 << 20), 0);
	assert_true(p.size >= 65536);
	assert_int_equal(p.n, 1);
	pipe_pool_destroy(&p);
}

static void test_get_put_reuses(void **state)
{
	struct pipe_pool p;
	int a[2], b[2], first_r;

	(void)state;
	assert_int_equal(pipe_pool_init(&p, 4, 65536), 0);
	assert_int_equal(pipe_pool_get(&p, a), 0);
	first_r = a[0];
	assert_int_equal(p.n, 0);
	assert_int_equal(pipe_pool_get(&p, b), 0);	/* a new one */
	assert_int_not_equal(b[0], first_r);
	pipe_pool_put(&p, a);
	assert_int_equal(a[0], -1);
	assert_int_equal(p.n, 1);
	assert_int_equal(pipe_pool_get(&p, a), 0);
	assert_int_equal(a[0], first_r);		/* reused, no syscall */
	pipe_pool_put(&p, a);
	pipe_pool_put(&p, b);
	pipe_pool_destroy(&p);
}

static void test_put_beyond_max_closes(void **state)
{
	struct pipe_pool p;
	int fds[3][2];

	(void)state;
	assert_int_equal(pipe_pool_init(&p, 2, 65536), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(pipe_pool_get(&p, fds[i]), 0);
	int last_r = fds[2][0];

	for (int i = 0; i < 3; i++)
		pipe_pool_put(&p, fds[i]);
	assert_int_equal(p.n, 2);
	assert_false(fd_open(last_r));
	pipe_pool_destroy(&p);
}

static void test_trim_closes_unused_spares(void **state)
{
	struct pipe_pool p;
	int a[2], b[2], c[2], ar, br;

	(void)state;
	assert_int_equal(pipe_pool_init(&p, 8, 65536), 0);
	/* Period 1: three pipes in use at once, then all back. */
	pipe_pool_get(&p, a);
	pipe_pool_get(&p, b);
	pipe_pool_get(&p, c);
	ar = a[0];
	br = b[0];
	pipe_pool_put(&p, c);
	pipe_pool_put(&p, b);
	pipe_pool_put(&p, a);
	pipe_pool_trim(&p);		/* all were needed: nothing closed */
	assert_int_equal(p.n, 3);
	/* Period 2: only one pipe needed. */
	pipe_pool_get(&p, a);
	pipe_pool_put(&p, a);
	pipe_pool_trim(&p);
	assert_int_equal(p.n, 1);
	assert_true(fd_open(ar));	/* the one in use stays */
	assert_false(fd_open(br));
	/* Period 3: idle: the pool empties, no fds kept. */
	pipe_pool_trim(&p);
	assert_int_equal(p.n, 0);
	assert_false(fd_open(ar));
	pipe_pool_destroy(&p);
}

static void test_buf_pool_reuse_and_trim(void **state)
{
	struct buf_pool p;
	char *a, *b, *c;

	(void)state;
	assert_int_equal(buf_pool_init(&p, 2, 4096), 0);
	a = buf_pool_get(&p);
	b = buf_pool_get(&p);
	c = buf_pool_get(&p);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	a[4095] = b[4095] = c[4095] = 1;	/* ASan: size is right */
	buf_pool_put(&p, a);
	buf_pool_put(&p, b);
	buf_pool_put(&p, c);			/* beyond max: freed */
	assert_int_equal(p.n, 2);
	assert_ptr_equal(buf_pool_get(&p), b);	/* last in, first out */
	buf_pool_put(&p, b);
	buf_pool_put(&p, NULL);			/* nothing to give back */
	assert_int_equal(p.n, 2);
	buf_pool_trim(&p);	/* the pool ran dry this period: keep all */
	assert_int_equal(p.n, 2);
	buf_pool_put(&p, buf_pool_get(&p));	/* one needed at a time */
	buf_pool_trim(&p);	/* so one of the two goes */
	assert_int_equal(p.n, 1);
	buf_pool_trim(&p);	/* idle: empty */
	assert_int_equal(p.n, 0);
	buf_pool_destroy(&p);
}

static void test_log_rate_limit(void **state)
{
	struct log_rl rl = { 0 };
	unsigned held = 99;

	(void)state;
	assert_true(log_rl_allow(&rl, 5000, &held));
	assert_int_equal(held, 0);
	assert_false(log_rl_allow(&rl, 5100, &held));
	assert_false(log_rl_allow(&rl, 5999, &held));
	assert_true(log_rl_allow(&rl, 6000, &held));
	assert_int_equal(held, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_learns_size),
		cmocka_unit_test(test_get_put_reuses),
		cmocka_unit_test(test_put_beyond_max_closes),
		cmocka_unit_test(test_trim_closes_unused_spares),
		cmocka_unit_test(test_buf_pool_reuse_and_trim),
		cmocka_unit_test(test_log_rate_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
