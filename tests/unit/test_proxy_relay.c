/* test_proxy_relay.c: relay_pump() against real sockets and pipes when the
 * kernel refuses splice (proxy/relay.c).
 *
 * No socket type on Linux 6.x refuses splice, so splice() is wrapped at
 * link time (-Wl,--wrap=splice, see the Makefile) to answer EINVAL for one
 * chosen descriptor; everything else is real: AF_UNIX stream pairs stand
 * for the two TCP sockets, the pipes come from the worker's pool. Each
 * test checks that every byte arrives once and in order after the switch
 * to copying, and that the pipe goes back to the pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "relay.h"

#define PIPE_SIZE (64 * 1024)
#define TOTAL (300 * 1024)

static int refuse_in = -1, refuse_out = -1;
static int refused;

ssize_t __real_splice(int in, loff_t *ioff, int out, loff_t *ooff, size_t len,
		      unsigned int flags);
ssize_t __wrap_splice(int in, loff_t *ioff, int out, loff_t *ooff, size_t len,
		      unsigned int flags);

ssize_t __wrap_splice(int in, loff_t *ioff, int out, loff_t *ooff, size_t len,
		      unsigned int flags)
{
	if (in == refuse_in || out == refuse_out) {
		refused++;
		errno = EINVAL;
		return -1;
	}
	return __real_splice(in, ioff, out, ooff, len, flags);
}

struct rig {
	struct relay_pools pools;
	struct conn c;
	int src_peer, dst_peer;	/* the far ends: we write / read there */
	uint32_t sent, got;	/* pattern bytes written / checked */
};

static unsigned char pattern(uint32_t i)
{
	return (unsigned char)(i * 7 + (i >> 9));
}

static int setup(void **state)
{
	static struct rig r;
	int a[2], b[2];

	memset(&r, 0, sizeof(r));
	refuse_in = refuse_out = -1;
	refused = 0;
	if (pipe_pool_init(&r.pools.pipes, 4, PIPE_SIZE) < 0 ||
	    buf_pool_init(&r.pools.bufs, 4, RELAY_COPY_BUF) < 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		relay_init_dir(&r.c.d[i], r.pools.pipes.size);
	r.c.s[0].fd = a[0];
	r.c.s[1].fd = b[0];
	r.src_peer = a[1];
	r.dst_peer = b[1];
	*state = &r;
	return 0;
}

static int teardown(void **state)
{
	struct rig *r = *state;

	relay_release(&r->c, &r->pools);
	close(r->c.s[0].fd);
	close(r->c.s[1].fd);
	close(r->src_peer);
	close(r->dst_peer);
	pipe_pool_destroy(&r->pools.pipes);
	buf_pool_destroy(&r->pools.bufs);
	return 0;
}

/* Write the pattern up to byte `upto`, as far as the source socket takes. */
static void feed_upto(struct rig *r, uint32_t upto)
{
	unsigned char chunk[4096];

	while (r->sent < upto) {
		uint32_t n = upto - r->sent < sizeof(chunk) ? upto - r->sent : sizeof(chunk);
		ssize_t w;

		for (uint32_t i = 0; i < n; i++)
			chunk[i] = pattern(r->sent + i);
		w = write(r->src_peer, chunk, n);
		if (w <= 0)
			break;
		r->sent += (uint32_t)w;
	}
}

static void feed(struct rig *r)
{
	feed_upto(r, TOTAL);
}

/* Read what arrived at the destination and check it against the pattern. */
static void drain(struct rig *r)
{
	unsigned char chunk[8192];
	ssize_t n;

	while ((n = read(r->dst_peer, chunk, sizeof(chunk))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			assert_int_equal(chunk[i], pattern(r->got + (uint32_t)i));
		r->got += (uint32_t)n;
	}
}

/* One round: feed, tell the flow both sockets are ready (as epoll would),
 * pump, check what arrived. */
static void pump_round(struct rig *r)
{
	uint64_t moved;

	feed(r);
	flow_src_ready(&r->c.d[0].f);
	flow_dst_ready(&r->c.d[0].f);
	assert_int_not_equal(relay_pump(&r->c, 0, &r->pools, &moved), RELAY_ABORT);
	drain(r);
}

/* Pump until the whole pattern arrived. */
static void run_to_end(struct rig *r)
{
	for (int round = 0; round < 10000 && r->got < TOTAL; round++)
		pump_round(r);
	assert_int_equal(r->got, TOTAL);
	assert_true(flow_empty(&r->c.d[0].f));
}

static void test_destination_refuses_splice(void **state)
{
	struct rig *r = *state;
	uint64_t moved;

	refuse_out = r->c.s[1].fd;
	feed(r);
	/* The first read fills the pipe, the write is refused: the pipe's
	 * bytes are read out into the buffer and sent from there. */
	assert_int_not_equal(relay_pump(&r->c, 0, &r->pools, &moved), RELAY_ABORT);
	assert_true(r->c.d[0].f.copy);
	assert_int_equal(refused, 1);
	run_to_end(r);
	assert_int_equal(refused, 1);	/* decided once */
	assert_int_equal(r->c.d[0].pipe[0], -1);	/* back in the pool */
	assert_int_equal(r->pools.pipes.n, 1);
}

/* Whether a non-blocking splice into the destination, now full, waits
 * (EAGAIN), as the next test needs; 6.1 still takes data there, 6.12 and
 * later do not. What the kernel takes counts as filler too. */
static bool full_destination_waits(struct rig *r, uint32_t *filler)
{
	unsigned char fill[512];
	ssize_t n;
	bool waits;
	int p[2];

	memset(fill, 0xA5, sizeof(fill));
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	assert_int_equal(write(p[1], fill, sizeof(fill)), (ssize_t)sizeof(fill));
	n = __real_splice(p[0], NULL, r->c.s[1].fd, NULL, sizeof(fill), SPLICE_F_NONBLOCK);
	waits = n < 0 && errno == EAGAIN;
	if (n > 0)
		*filler += (uint32_t)n;
	close(p[0]);
	close(p[1]);
	return waits;
}

static void test_source_refuses_with_data_in_the_pipe(void **state)
{
	struct rig *r = *state;
	unsigned char fill[4096];
	uint32_t filler = 0;
	uint64_t moved;
	ssize_t w;

	/* Fill the destination so the first splice out of the pipe waits. */
	memset(fill, 0xA5, sizeof(fill));
	while ((w = write(r->c.s[1].fd, fill, sizeof(fill))) > 0)
		filler += (uint32_t)w;
	if (!full_destination_waits(r, &filler)) {
		print_message("skip: this kernel's non-blocking splice into a full AF_UNIX "
			      "stream socket still takes data (6.1 does), so no data can be "
			      "left waiting in the pipe\n");
		skip();
	}
	feed_upto(r, 10000);
	assert_int_equal(relay_pump(&r->c, 0, &r->pools, &moved), RELAY_WAIT);
	assert_int_equal(r->c.d[0].f.queued, 10000);
	assert_false(r->c.d[0].f.copy);
	/* Now the source refuses: the pipe's bytes go through the buffer,
	 * ahead of the source's next ones. */
	feed_upto(r, 20000);
	refuse_in = r->c.s[0].fd;
	flow_src_ready(&r->c.d[0].f);
	assert_int_equal(relay_pump(&r->c, 0, &r->pools, &moved), RELAY_WAIT);
	assert_true(r->c.d[0].f.copy);
	assert_int_equal(refused, 1);
	assert_int_equal(r->c.d[0].f.queued, 20000);
	/* The filler leaves first, then the pattern, whole and in order. */
	while (filler > 0) {
		ssize_t n = read(r->dst_peer, fill, filler < sizeof(fill) ? filler : sizeof(fill));

		if (n <= 0) {
			flow_dst_ready(&r->c.d[0].f);
			relay_pump(&r->c, 0, &r->pools, &moved);
			continue;
		}
		for (ssize_t i = 0; i < n; i++)
			assert_int_equal(fill[i], 0xA5);
		filler -= (uint32_t)n;
	}
	run_to_end(r);
	assert_int_equal(refused, 1);
}

static void test_eof_after_refusal_comes_after_the_data(void **state)
{
	struct rig *r = *state;
	uint64_t moved;
	char c;

	refuse_out = r->c.s[1].fd;
	for (int round = 0; round < 10000 && r->sent < TOTAL; round++)
		pump_round(r);
	shutdown(r->src_peer, SHUT_WR);
	run_to_end(r);
	flow_src_ready(&r->c.d[0].f);
	assert_int_equal(relay_pump(&r->c, 0, &r->pools, &moved), RELAY_DONE);
	assert_int_equal(read(r->dst_peer, &c, 1), 0);	/* the FIN, last */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_destination_refuses_splice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_refuses_with_data_in_the_pipe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eof_after_refusal_comes_after_the_data, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
