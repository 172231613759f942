/* test_proxy_flow.c: the relay direction state machine (proxy/flow.c).
 *
 * Each test plays a sequence of system-call outcomes and checks what the
 * flow asks for next: back-pressure, short writes, half-close, resets,
 * the splice-to-copy switch and the edge-triggered parking rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "flow.h"

#define PIPE 1000
#define COPY 100

static struct flow f;

static int setup(void **state)
{
	(void)state;
	flow_init(&f, PIPE);
	return 0;
}

static void test_starts_by_reading(void **state)
{
	(void)state;
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_int_equal(flow_read_room(&f), PIPE);
	assert_true(flow_empty(&f));
}

static void test_data_is_written_before_more_is_read(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 300, COPY);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 300, COPY);
	assert_true(flow_empty(&f));
	assert_int_equal(flow_next(&f), FLOW_READ);
	flow_read_done(&f, FLOW_IO_AGAIN, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_WAIT);
	/* epoll: readable again */
	flow_src_ready(&f);
	assert_int_equal(flow_next(&f), FLOW_READ);
}

static void test_short_write_keeps_the_rest(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 500, COPY);
	flow_write_done(&f, FLOW_IO_DATA, 120, COPY);
	assert_int_equal(f.queued, 380);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 380, COPY);
	assert_int_equal(f.queued, 0);
}

static void test_backpressure_stops_reading(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 600, COPY);
	flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);	/* peer does not drain */
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_int_equal(flow_read_room(&f), 400);
	flow_read_done(&f, FLOW_IO_DATA, 400, COPY);
	/* Queue full and the destination parked: nothing to do, the source
	 * is not read (its receive window closes), memory stays bounded. */
	assert_int_equal(flow_next(&f), FLOW_WAIT);
	assert_int_equal(flow_read_room(&f), 0);
	flow_dst_ready(&f);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 1000, COPY);
	assert_int_equal(flow_next(&f), FLOW_READ);
}

static void test_ambiguous_splice_again_is_retried(void **state)
{
	(void)state;
	/* splice EAGAIN with data queued may mean "pipe full", not "socket
	 * empty": a later write that makes room must unpark the source,
	 * since edge-triggered epoll will not report it again. */
	flow_read_done(&f, FLOW_IO_DATA, 200, COPY);
	flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);
	flow_read_done(&f, FLOW_IO_AGAIN, 0, COPY);
	assert_true(f.in_ambiguous);
	assert_int_equal(flow_next(&f), FLOW_WAIT);
	flow_dst_ready(&f);
	flow_write_done(&f, FLOW_IO_DATA, 50, COPY);
	assert_false(f.in_parked);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 150, COPY);
	assert_int_equal(flow_next(&f), FLOW_READ);
}

static void test_plain_again_stays_parked_after_write(void **state)
{
	(void)state;
	/* EAGAIN with an empty queue is about the socket only. */
	flow_read_done(&f, FLOW_IO_AGAIN, 0, COPY);
	assert_false(f.in_ambiguous);
	assert_int_equal(flow_next(&f), FLOW_WAIT);
}

static void test_eof_after_drain_becomes_shutdown(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 100, COPY);
	flow_read_done(&f, FLOW_IO_EOF, 0, COPY);
	/* queued data goes out before the FIN */
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 100, COPY);
	assert_int_equal(flow_next(&f), FLOW_SHUTDOWN);
	flow_shutdown_done(&f, true);
	assert_int_equal(flow_next(&f), FLOW_DONE);
	assert_true(flow_finished(&f));
}

static void test_eof_waits_for_blocked_destination(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 100, COPY);
	flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);
	flow_read_done(&f, FLOW_IO_EOF, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_WAIT);
	assert_false(flow_finished(&f));
	flow_dst_ready(&f);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
}

static void test_half_close_leaves_other_flow_alone(void **state)
{
	struct flow back;

	(void)state;
	flow_init(&back, PIPE);
	flow_read_done(&f, FLOW_IO_EOF, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_SHUTDOWN);
	flow_shutdown_done(&f, true);
	/* the reverse direction is independent and keeps flowing */
	assert_int_equal(flow_next(&back), FLOW_READ);
	flow_read_done(&back, FLOW_IO_DATA, 10, COPY);
	assert_int_equal(flow_next(&back), FLOW_WRITE);
	assert_false(flow_finished(&back));
}

static void test_reset_aborts(void **state)
{
	struct flow g;

	(void)state;
	flow_read_done(&f, FLOW_IO_RESET, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_ABORT);

	flow_init(&g, PIPE);
	flow_read_done(&g, FLOW_IO_DATA, 10, COPY);
	flow_write_done(&g, FLOW_IO_RESET, 0, COPY);	/* EPIPE / ECONNRESET */
	assert_int_equal(flow_next(&g), FLOW_ABORT);

	flow_init(&g, PIPE);
	flow_read_done(&g, FLOW_IO_ERROR, 0, COPY);
	assert_int_equal(flow_next(&g), FLOW_ABORT);

	flow_init(&g, PIPE);
	flow_read_done(&g, FLOW_IO_EOF, 0, COPY);
	flow_shutdown_done(&g, false);
	assert_int_equal(flow_next(&g), FLOW_ABORT);
}

static void test_nosplice_switches_to_copy_once(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_true(f.copy);
	assert_int_equal(f.cap, COPY);
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_int_equal(flow_read_room(&f), COPY);
	flow_read_done(&f, FLOW_IO_DATA, COPY, COPY);
	assert_int_equal(flow_read_room(&f), 0);
	/* copy EAGAIN is never ambiguous: the buffer room is exact */
	flow_write_done(&f, FLOW_IO_DATA, 10, COPY);
	flow_read_done(&f, FLOW_IO_AGAIN, 0, COPY);
	assert_false(f.in_ambiguous);
	/* a second refusal cannot be handled: abort */
	flow_read_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_ABORT);
}

/* The source refuses splice while the pipe holds data: the pipe is read
 * out through the buffer first, then the source, in order. */
static void test_nosplice_mid_stream_drains_the_pipe(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 250, COPY);
	flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);
	flow_read_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_true(f.copy);
	assert_true(flow_reads_pipe(&f));
	assert_false(flow_empty(&f));
	assert_int_equal(f.queued, 0);
	/* the destination is tried again at once, after the buffer fills */
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_int_equal(flow_read_room(&f), COPY);
	flow_read_done(&f, FLOW_IO_DATA, COPY, COPY);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, COPY, COPY);
	flow_read_done(&f, FLOW_IO_DATA, COPY, COPY);
	flow_write_done(&f, FLOW_IO_DATA, COPY, COPY);
	/* the last 50 bytes: the room asked for is what the pipe holds */
	assert_int_equal(flow_read_room(&f), 50);
	flow_read_done(&f, FLOW_IO_DATA, 50, COPY);
	assert_false(flow_reads_pipe(&f));
	flow_write_done(&f, FLOW_IO_DATA, 50, COPY);
	assert_true(flow_empty(&f));
	/* then the source again, copying */
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_false(flow_reads_pipe(&f));
}

/* The destination refuses splice: same switch, nothing lost. */
static void test_write_nosplice_switches_to_copy(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 10, COPY);
	flow_write_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_true(f.copy);
	assert_int_equal(f.piped, 10);
	assert_int_equal(flow_next(&f), FLOW_READ);
	assert_int_equal(flow_read_room(&f), 10);
	flow_read_done(&f, FLOW_IO_DATA, 10, COPY);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	/* a refusal while copying cannot be mended */
	flow_write_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_ABORT);
}

/* The pipe is read even when the source is parked or at EOF, and the
 * FIN waits until the pipe is empty. */
static void test_pipe_drains_before_fin(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 30, COPY);
	flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);
	flow_read_done(&f, FLOW_IO_EOF, 0, COPY);
	flow_dst_ready(&f);
	flow_write_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_READ);
	flow_read_done(&f, FLOW_IO_DATA, 30, COPY);
	assert_int_equal(flow_next(&f), FLOW_WRITE);
	flow_write_done(&f, FLOW_IO_DATA, 30, COPY);
	assert_int_equal(flow_next(&f), FLOW_SHUTDOWN);
}

/* A pipe that holds less than counted is a bug, not a stall. */
static void test_pipe_short_aborts(void **state)
{
	(void)state;
	flow_read_done(&f, FLOW_IO_DATA, 30, COPY);
	flow_write_done(&f, FLOW_IO_NOSPLICE, 0, COPY);
	flow_read_done(&f, FLOW_IO_AGAIN, 0, COPY);
	assert_int_equal(flow_next(&f), FLOW_ABORT);
}

static void test_read_never_exceeds_cap(void **state)
{
	(void)state;
	for (int i = 0; i < 10; i++) {
		if (flow_next(&f) != FLOW_READ)
			break;
		flow_read_done(&f, FLOW_IO_DATA, flow_read_room(&f) / 2 + 1, COPY);
		flow_write_done(&f, FLOW_IO_AGAIN, 0, COPY);
		assert_true(f.queued <= f.cap);
	}
	assert_int_equal(flow_next(&f), FLOW_WAIT);
}

static void test_copy_source_from_the_start(void **state)
{
	struct flow g;

	(void)state;
	flow_init(&g, 1 << 20);
	flow_set_copy(&g, COPY);
	assert_true(g.copy);
	assert_int_equal(flow_read_room(&g), COPY);
	flow_read_done(&g, FLOW_IO_DATA, 64, COPY);
	/* a short read is not taken as "drained": read on to EAGAIN */
	assert_false(g.in_parked);
	assert_int_equal(flow_next(&g), FLOW_WRITE);
	flow_write_done(&g, FLOW_IO_DATA, 64, COPY);
	assert_int_equal(flow_next(&g), FLOW_READ);
	flow_read_done(&g, FLOW_IO_AGAIN, 0, COPY);
	assert_int_equal(flow_next(&g), FLOW_WAIT);
}

static void test_tcp_source_short_read_is_not_trusted(void **state)
{
	(void)state;
	/* tcp_splice_read() may stop at a full pipe of small segments. */
	flow_read_done(&f, FLOW_IO_DATA, 10, COPY);
	assert_false(f.in_parked);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup(fn, setup)
	const struct CMUnitTest tests[] = {
		T(test_starts_by_reading),
		T(test_data_is_written_before_more_is_read),
		T(test_short_write_keeps_the_rest),
		T(test_backpressure_stops_reading),
		T(test_ambiguous_splice_again_is_retried),
		T(test_plain_again_stays_parked_after_write),
		T(test_eof_after_drain_becomes_shutdown),
		T(test_eof_waits_for_blocked_destination),
		T(test_half_close_leaves_other_flow_alone),
		T(test_reset_aborts),
		T(test_nosplice_switches_to_copy_once),
		T(test_nosplice_mid_stream_drains_the_pipe),
		T(test_write_nosplice_switches_to_copy),
		T(test_pipe_drains_before_fin),
		T(test_pipe_short_aborts),
		T(test_read_never_exceeds_cap),
		T(test_copy_source_from_the_start),
		T(test_tcp_source_short_read_is_not_trusted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
