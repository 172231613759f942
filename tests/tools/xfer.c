/* xfer.c: traffic generator and verifier for the proxy integration tests.
 *
 *   xfer server -l ADDR:PORT [--mptcp] [-v]
 *   xfer client -r ADDR:PORT [--mptcp] [-n N] [-c C] [--up N] [--down N]
 *               [--up-max N] [--down-max N] [--seed S] [--halfclose]
 *               [--echo] [--srv-rst] [--cli-rst] [--srv-pause]
 *               [--srv-fin-first] [--rate B/S] [--pause SECS]
 *               [--cli-pause BYTES] [--raw]
 *               [--expect ok|reset|close] [--within MS] [--timeout S]
 *               [--sha] [-v]
 *   xfer gen --seed S [--index I] --dir up|down --bytes N  (stream to stdout)
 *   xfer sha256                                   (digest of stdin)
 *   xfer selftest                                 (FIPS 180-4 vectors)
 *
 * Each client connection opens with a 32-byte header (seed, sizes, flags);
 * the server then sinks and verifies `up` bytes of the connection's upload
 * stream and sends `down` bytes of its download stream (or echoes the
 * upload back). Once it has read the client's FIN and sent everything it
 * writes one trailer byte, 'K' if the upload verified or 'X', and closes.
 * The client verifies the download and the trailer and wants EOF after it.
 * Both sides therefore check every byte; stream.h makes the data.
 *
 * Flags: --halfclose makes the server answer only after the client's FIN;
 * --srv-rst makes the server reset the connection after sending `down`
 * bytes; --cli-rst makes the client reset it after receiving them;
 * --srv-pause makes the server stop reading and writing for 2 s (--pause)
 * after the header (a backend that does not drain: back-pressure);
 * --cli-pause N makes the client stop reading for --pause seconds once it
 * has received N bytes of the download (a slow reader); --srv-fin-first
 * makes the server shut down its side right after the download (no
 * trailer) while the client is still uploading: the upload must still
 * arrive whole, and the server logs whether it did. --raw is bulk load:
 * neither side makes or checks the bytes (only counts them) and reads go
 * on longer per wake-up, so the peers are as fast as they can be.
 * The client exits 0 when every connection ended as --expect says.
 *
 * Both sides sweep their connections every 200 ms and retry I/O on any that
 * has been quiet for 500 ms, and count a retry that moves bytes as
 * "rescued" (--no-sweep turns it off). Linux 6.18 was seen here leaving
 * data queued on an MPTCP socket with no epoll wakeup for seconds (one
 * connection, 256 KiB socket buffers, about one run in four). Separately,
 * 1000 busy connections with large buffers push the host's TCP memory past
 * tcp_mem's pressure mark and stall TCP and MPTCP alike: that one is cured
 * by bounded buffers (tests/integration/11-proxy-many.sh), not by a sweep.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "util/sha256.h"
#include "util/stream.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

#define MAGIC    0x31524658u	/* "XFR1" little-endian */
#define HDR_LEN  32
#define BUF_LEN  65536
#define F_HALFCLOSE 1u
#define F_ECHO      2u
#define F_SRV_RST   4u
#define F_PAUSE     8u		/* server: neither read nor write for a while */
#define F_FIN_FIRST 16u		/* server: FIN after the download, no trailer */
#define F_RAW       32u		/* bulk load: bytes neither made nor checked */
#define PAUSE_SECS  2.0		/* default --pause */
#define PAUSE_SHIFT 16		/* flags bits 16-31: --pause in 0.1 s, 0: default */

struct hdr {
	uint32_t flags;
	uint64_t seed, up, down;
};

static uint8_t iobuf[BUF_LEN];
static volatile sig_atomic_t got_term, got_usr1;
static int do_sha;		/* digests cost CPU: only with --sha */
static int no_sweep;		/* --no-sweep: trust epoll alone (to show the misses) */

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_term = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void hdr_encode(const struct hdr *h, uint8_t *p)
{
	put64(p, MAGIC | (uint64_t)h->flags << 32);
	put64(p + 8, h->seed);
	put64(p + 16, h->up);
	put64(p + 24, h->down);
}

static int hdr_decode(const uint8_t *p, struct hdr *h)
{
	uint64_t w = get64(p);

	if ((uint32_t)w != MAGIC)
		return -1;
	h->flags = (uint32_t)(w >> 32);
	h->seed = get64(p + 8);
	h->up = get64(p + 16);
	h->down = get64(p + 24);
	return 0;
}

/* "1.2.3.4:80" or "[::1]:80" into a sockaddr. */
static int parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *port;
	struct sockaddr_in *a4 = (void *)ss;
	struct sockaddr_in6 *a6 = (void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (*s == '[') {
		const char *e = strchr(s, ']');
		if (!e || e[1] != ':' || (size_t)(e - s - 1) >= sizeof(host))
			return -1;
		memcpy(host, s + 1, e - s - 1);
		host[e - s - 1] = 0;
		port = e + 2;
	} else {
		const char *c = strrchr(s, ':');
		if (!c || (size_t)(c - s) >= sizeof(host))
			return -1;
		memcpy(host, s, c - s);
		host[c - s] = 0;
		port = c + 1;
	}
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(atoi(port));
		*len = sizeof(*a4);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(atoi(port));
		*len = sizeof(*a6);
		return 0;
	}
	return -1;
}

static int make_socket(int family, int mptcp)
{
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			mptcp ? IPPROTO_MPTCP : IPPROTO_TCP);
	int one = 1;

	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* close() with SO_LINGER 0: the kernel sends a reset. */
static void close_rst(int fd)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	close(fd);
}

static int ep_set(int ep, int op, int fd, uint32_t ev, void *ptr)
{
	struct epoll_event e = { .events = ev, .data.ptr = ptr };

	return epoll_ctl(ep, op, fd, &e);
}

/* ------------------------------------------------------------------ */
/* Server                                                              */

struct sconn {
	struct sconn *next, *prev;	/* the server's list, for the sweep */
	double last;		/* time of the last I/O that moved bytes */
	uint64_t moved;		/* bytes read + written, ever */
	int fd;
	uint32_t ev;
	uint64_t id;
	uint8_t hb[HDR_LEN];
	int hgot;
	struct hdr h;
	struct stream up, down;
	uint64_t up_got, down_queued;
	int eof, trailer;	/* trailer: 0 not yet, 1 queued */
	double resume;		/* F_PAUSE: out of epoll until this time */
	const char *bad;	/* first mismatch, or NULL */
	uint8_t *out;
	size_t off, len;
	struct sha256 sha_in, sha_out;
};

struct srv {
	int ep, verbose;
	struct sconn head;	/* circular list of open connections */
	uint64_t next_id, conns, ok, bad, resets, shorts, errors, active, rescued;
};

enum { IO_MORE, IO_DONE, IO_RESET, IO_ERROR };

static void srv_report(struct srv *S)
{
	printf("server: conns=%" PRIu64 " active=%" PRIu64 " ok=%" PRIu64
	       " bad=%" PRIu64 " reset=%" PRIu64 " short=%" PRIu64
	       " error=%" PRIu64 " rescued=%" PRIu64 "\n", S->conns, S->active,
	       S->ok, S->bad, S->resets, S->shorts, S->errors, S->rescued);
	fflush(stdout);
}

/* Take n received bytes: header first, then the upload, checked. */
static void srv_take(struct sconn *c, const uint8_t *p, size_t n)
{
	if (c->hgot < HDR_LEN) {
		size_t k = (size_t)(HDR_LEN - c->hgot) < n ? (size_t)(HDR_LEN - c->hgot) : n;

		memcpy(c->hb + c->hgot, p, k);
		c->hgot += k; p += k; n -= k;
		if (c->hgot < HDR_LEN)
			return;
		if (hdr_decode(c->hb, &c->h) < 0) {
			c->bad = "bad header";
			return;
		}
		stream_init(&c->up, c->h.seed ^ STREAM_UP);
		stream_init(&c->down, c->h.seed ^ STREAM_DOWN);
		if (c->h.flags & F_ECHO)
			c->h.down = c->h.up;
		if (c->h.flags & F_PAUSE)
			c->resume = now() + ((c->h.flags >> PAUSE_SHIFT) ?
				(c->h.flags >> PAUSE_SHIFT) / 10.0 : PAUSE_SECS);
	}
	if (!n || c->bad)
		return;
	if (n > c->h.up - c->up_got) {
		c->bad = "more upload than announced";
		n = c->h.up - c->up_got;
	}
	if (do_sha)
		sha256_update(&c->sha_in, p, n);
	if (!(c->h.flags & F_RAW) && stream_check(&c->up, p, n) != n && !c->bad)
		c->bad = "upload mismatch";
	if (c->h.flags & F_ECHO) {
		memcpy(c->out + c->len, p, n);
		c->len += n;
		c->down_queued += n;
		if (do_sha)
			sha256_update(&c->sha_out, p, n);
	}
	c->up_got += n;
}

static int srv_read(struct sconn *c)
{
	int reads = c->hgot == HDR_LEN && (c->h.flags & F_RAW) ? 64 : 4;

	for (int i = 0; i < reads && !c->eof && !c->resume; i++) {
		size_t room = BUF_LEN;
		ssize_t n;

		if (c->hgot == HDR_LEN && (c->h.flags & F_ECHO)) {
			if (c->len) /* back-pressure: echo what we have first */
				break;
			c->off = 0;
			room = c->h.up - c->up_got + 1;
			if (room > BUF_LEN)
				room = BUF_LEN;
		} else if (c->hgot < HDR_LEN) {
			room = HDR_LEN - c->hgot;
		}
		n = read(c->fd, iobuf, room);
		if (n > 0) {
			c->moved += n;
			srv_take(c, iobuf, n);
			continue;
		}
		if (n == 0) {
			c->eof = 1;
			if (c->hgot < HDR_LEN || c->up_got < c->h.up)
				return IO_DONE; /* short: counted by caller */
			break;
		}
		if (errno == EAGAIN || errno == EINTR)
			break;
		return errno == ECONNRESET ? IO_RESET : IO_ERROR;
	}
	return IO_MORE;
}

/* Refill the output: download data, a reset, or the trailer. */
static int srv_refill(struct sconn *c)
{
	const struct hdr *h = &c->h;

	if (c->hgot < HDR_LEN)
		return IO_MORE;
	c->off = c->len = 0;
	if (!(h->flags & F_ECHO) && c->down_queued < h->down &&
	    (!(h->flags & F_HALFCLOSE) || c->eof)) {
		size_t k = h->down - c->down_queued < BUF_LEN ? h->down - c->down_queued : BUF_LEN;

		if (!(h->flags & F_RAW))
			stream_fill(&c->down, c->out, k);
		if (do_sha)
			sha256_update(&c->sha_out, c->out, k);
		c->len = k;
		c->down_queued += k;
		return IO_MORE;
	}
	if (c->down_queued < h->down)
		return IO_MORE;
	if (h->flags & F_SRV_RST)
		return IO_RESET;
	if (h->flags & F_FIN_FIRST) {	/* trailer means "FIN sent" here */
		if (!c->trailer && shutdown(c->fd, SHUT_WR) == 0)
			c->trailer = 1;
		return c->eof ? IO_DONE : IO_MORE;
	}
	if (c->eof && !c->trailer) {
		c->out[0] = c->bad || c->up_got != h->up ? 'X' : 'K';
		c->len = 1;
		c->trailer = 1;
		return IO_MORE;
	}
	return c->trailer ? IO_DONE : IO_MORE;
}

static int srv_write(struct sconn *c)
{
	/* Bulk (--raw) connections take turns: 1 MiB each per wake-up (the
	 * sockets are level-triggered), or one of them fills its socket
	 * buffer while the others, and new connections, wait. */
	for (int i = 0; !(c->h.flags & F_RAW) || i < 16; i++) {
		ssize_t n;

		if (c->off == c->len) {
			int r = srv_refill(c);
			if (r != IO_MORE || c->len == 0)
				return r;
		}
		n = write(c->fd, c->out + c->off, c->len - c->off);
		if (n > 0) {
			c->off += n;
			c->moved += n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return IO_MORE;
		return errno == ECONNRESET || errno == EPIPE ? IO_RESET : IO_ERROR;
	}
	return IO_MORE;
}

static void srv_end(struct srv *S, struct sconn *c, int r)
{
	const char *how;
	char in[65], out[65];
	uint8_t d[32];

	if (r == IO_RESET && (c->h.flags & F_SRV_RST) && c->down_queued == c->h.down &&
	    c->off == c->len) {
		how = "rst-sent";
		close_rst(c->fd);
		S->ok++;
	} else {
		close(c->fd);
		if (c->bad) {
			how = c->bad;
			S->bad++;
		} else if (r == IO_RESET) {
			how = "reset";
			S->resets++;
		} else if (r == IO_ERROR) {
			how = "error";
			S->errors++;
		} else if (c->hgot < HDR_LEN || c->up_got < c->h.up) {
			how = "short";
			S->shorts++;
		} else {
			how = "ok";
			S->ok++;
		}
	}
	if (S->verbose) {
		printf("srv conn=%" PRIu64 " seed=%016" PRIx64 " up=%" PRIu64 "/%" PRIu64
		       " down=%" PRIu64 "/%" PRIu64 " end=%s", c->id, c->h.seed,
		       c->up_got, c->h.up, c->down_queued, c->h.down, how);
		if (do_sha) {
			sha256_final(&c->sha_in, d); sha256_hex(d, in);
			sha256_final(&c->sha_out, d); sha256_hex(d, out);
			printf(" sha-up-recv=%s sha-down-sent=%s", in, out);
		}
		printf("\n");
	}
	S->active--;
	c->prev->next = c->next;
	c->next->prev = c->prev;
	free(c->out);
	free(c);
}

/* Returns 1 if the call moved bytes (for the sweep's count). */
static int srv_io(struct srv *S, struct sconn *c)
{
	uint64_t before = c->moved;
	int r = srv_read(c);
	uint32_t ev;

	if (r == IO_MORE && c->resume > 0) {
		/* Paused: out of epoll entirely (not even EPOLLHUP), the
		 * sweep brings it back. */
		if (now() < c->resume) {
			if (c->ev != (uint32_t)-1)
				epoll_ctl(S->ep, EPOLL_CTL_DEL, c->fd, NULL);
			c->ev = (uint32_t)-1;
			return 0;
		}
		c->resume = 0;
		c->ev = EPOLLIN;
		ep_set(S->ep, EPOLL_CTL_ADD, c->fd, c->ev, c);
		r = srv_read(c);
	}
	if (r == IO_MORE)
		r = srv_write(c);
	if (r != IO_MORE) {
		srv_end(S, c, r);
		return 1;
	}
	if (c->moved != before)
		c->last = now();
	ev = 0;
	if (!c->eof && !((c->h.flags & F_ECHO) && c->len))
		ev |= EPOLLIN;
	if (c->off < c->len || ((c->h.flags & F_RAW) && c->down_queued < c->h.down))
		ev |= EPOLLOUT;
	if (ev != c->ev) {
		ep_set(S->ep, EPOLL_CTL_MOD, c->fd, ev, c);
		c->ev = ev;
	}
	return c->moved != before;
}

/* SIGUSR1 with -v: the state of every open connection, to debug a stall. */
static void srv_dump(struct srv *S)
{
	for (struct sconn *c = S->head.next; c != &S->head; c = c->next)
		printf("open srv conn=%" PRIu64 " fd=%d hgot=%d up=%" PRIu64 "/%" PRIu64
		       " down=%" PRIu64 "/%" PRIu64 " out=%zu/%zu eof=%d trailer=%d ev=%x\n",
		       c->id, c->fd, c->hgot, c->up_got, c->h.up, c->down_queued,
		       c->h.down, c->off, c->len, c->eof, c->trailer, c->ev);
}

static void srv_sweep(struct srv *S)
{
	double t = now();
	struct sconn *c, *next;

	for (c = S->head.next; c != &S->head; c = next) {
		next = c->next;
		if (c->resume > 0) {
			if (t >= c->resume)
				srv_io(S, c);
		} else if (t - c->last > 0.5 && srv_io(S, c)) {
			S->rescued++;
		}
	}
}

static void srv_accept(struct srv *S, int lfd)
{
	for (int i = 0; i < 64; i++) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct sconn *c;
		int one = 1;

		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE)
				usleep(10000);
			return;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		c = calloc(1, sizeof(*c));
		c->out = malloc(BUF_LEN);
		if (!c->out) {
			free(c);
			close(fd);
			return;
		}
		c->fd = fd;
		c->id = S->next_id++;
		c->last = now();
		c->next = S->head.next;
		c->prev = &S->head;
		c->next->prev = c;
		S->head.next = c;
		c->ev = EPOLLIN;
		sha256_init(&c->sha_in);
		sha256_init(&c->sha_out);
		ep_set(S->ep, EPOLL_CTL_ADD, fd, c->ev, c);
		S->conns++;
		S->active++;
	}
}

static int run_server(const char *laddr, int mptcp, int verbose)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	struct srv S = { .verbose = verbose };
	struct epoll_event evs[256];
	int lfd, one = 1;
	double swept = now();

	if (parse_addr(laddr, &ss, &sl) < 0) {
		fprintf(stderr, "xfer: bad listen address '%s'\n", laddr);
		return 2;
	}
	lfd = make_socket(ss.ss_family, mptcp);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (void *)&ss, sl) < 0 || listen(lfd, 4096) < 0) {
		fprintf(stderr, "xfer: listen %s: %s\n", laddr, strerror(errno));
		return 1;
	}
	S.ep = epoll_create1(EPOLL_CLOEXEC);
	S.head.next = S.head.prev = &S.head;
	ep_set(S.ep, EPOLL_CTL_ADD, lfd, EPOLLIN, NULL);
	printf("server: listening on %s%s\n", laddr, mptcp ? " (mptcp)" : "");
	fflush(stdout);
	while (!got_term) {
		int n = epoll_wait(S.ep, evs, 256, 200);

		if (got_usr1) {
			got_usr1 = 0;
			srv_report(&S);
			if (S.verbose)
				srv_dump(&S);
		}
		for (int i = 0; i < n; i++) {
			if (!evs[i].data.ptr)
				srv_accept(&S, lfd);
			else
				srv_io(&S, evs[i].data.ptr);
		}
		if (!no_sweep && now() - swept > 0.2) {
			srv_sweep(&S);
			swept = now();
		}
	}
	srv_report(&S);
	while (S.head.next != &S.head) {	/* leave nothing for LeakSanitizer */
		struct sconn *c = S.head.next;

		S.head.next = c->next;
		close(c->fd);
		free(c->out);
		free(c);
	}
	close(S.ep);
	close(lfd);
	return S.bad ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Client                                                              */

enum outcome { O_OK, O_RESET, O_CLOSED, O_BAD, O_CONNFAIL, O_TIMEOUT, O_N };
static const char *outcome_name[O_N] = {
	"ok", "reset", "closed", "bad", "connfail", "timeout",
};

struct copts {
	struct sockaddr_storage ss;
	socklen_t sl;
	int mptcp, verbose, sha, cli_rst;
	uint32_t flags;
	uint64_t n, c, up, down, up_max, down_max, seed, rate;
	uint64_t cli_pause_at;	/* --cli-pause: stop reading after this many */
	double pause;		/* --pause seconds (0: PAUSE_SECS) */
	int expect;		/* O_OK, O_RESET or O_CLOSED ("close") */
	double within_ms, timeout;
};

struct cconn {
	int fd, connected, shut, trailer, eof;
	uint32_t ev;
	uint64_t idx;
	struct hdr h;
	struct stream up, down;
	uint64_t up_queued, up_sent, down_got;
	uint8_t *out;
	size_t off, len;
	double t0, last;
	double resume;		/* --cli-pause: not reading until this time */
	int paused;		/* the --cli-pause has happened */
	uint64_t moved;		/* bytes read + written, ever */
	const char *bad;
	struct sha256 sha_out, sha_in;
};

struct cli {
	const struct copts *o;
	int ep;
	uint64_t started, finished, count[O_N], bytes_up, bytes_down, rescued;
	double max_end_ms, t0;
};

static uint64_t rand_size(uint64_t seed, uint64_t idx, uint64_t salt, uint64_t max)
{
	uint64_t x = stream_conn_seed(seed, idx) ^ (salt * 0x9e3779b97f4a7c15ULL);

	return max ? splitmix64(&x) % (max + 1) : 0;
}

static int cli_start(struct cli *C, struct cconn *c, uint64_t idx)
{
	const struct copts *o = C->o;
	uint64_t seed = stream_conn_seed(o->seed, idx);

	memset(c, 0, sizeof(*c));
	c->idx = idx;
	c->t0 = c->last = now();
	c->h.flags = o->flags;
	c->h.seed = seed;
	c->h.up = o->up_max ? rand_size(o->seed, idx, 1, o->up_max) : o->up;
	c->h.down = o->down_max ? rand_size(o->seed, idx, 2, o->down_max) : o->down;
	if (o->flags & F_ECHO)
		c->h.down = c->h.up;
	stream_init(&c->up, seed ^ STREAM_UP);
	stream_init(&c->down, seed ^ ((o->flags & F_ECHO) ? STREAM_UP : STREAM_DOWN));
	sha256_init(&c->sha_out);
	sha256_init(&c->sha_in);
	c->out = malloc(BUF_LEN);
	hdr_encode(&c->h, c->out);
	c->len = HDR_LEN;
	c->fd = make_socket(o->ss.ss_family, o->mptcp);
	if (c->fd < 0 || !c->out)
		return -1;
	if (connect(c->fd, (void *)&o->ss, o->sl) < 0 && errno != EINPROGRESS)
		return -1;
	c->ev = EPOLLOUT;
	ep_set(C->ep, EPOLL_CTL_ADD, c->fd, c->ev, c);
	C->started++;
	return 0;
}

static void cli_end(struct cli *C, struct cconn *c, enum outcome oc)
{
	double ms = (now() - c->t0) * 1000;
	char in[65], out[65];
	uint8_t d[32];

	if (c->bad)
		oc = O_BAD;
	if (c->fd >= 0) {
		if (oc == O_OK && C->o->cli_rst)
			close_rst(c->fd);
		else
			close(c->fd);
	}
	C->count[oc]++;
	C->finished++;
	C->bytes_up += c->up_sent;
	C->bytes_down += c->down_got;
	if (ms > C->max_end_ms)
		C->max_end_ms = ms;
	if (C->o->verbose || C->o->sha || oc == O_BAD) {
		printf("cli conn=%" PRIu64 " seed=%016" PRIx64 " up=%" PRIu64 "/%" PRIu64
		       " down=%" PRIu64 "/%" PRIu64 " end=%s%s%s ms=%.1f", c->idx, c->h.seed,
		       c->up_sent, c->h.up, c->down_got, c->h.down, outcome_name[oc],
		       c->bad ? ":" : "", c->bad ? c->bad : "", ms);
		if (do_sha) {
			sha256_final(&c->sha_out, d); sha256_hex(d, out);
			sha256_final(&c->sha_in, d); sha256_hex(d, in);
			printf(" sha-up-sent=%s sha-down-recv=%s", out, in);
		}
		printf("\n");
	}
	free(c->out);
	c->out = NULL;
	c->fd = -1;
}

/* Bytes the pacer allows now (--rate), or a large number without it. */
static uint64_t cli_budget(struct cli *C, struct cconn *c)
{
	double allowed;

	if (!C->o->rate)
		return UINT64_MAX;
	allowed = C->o->rate * (now() - c->t0);
	return allowed > c->up_queued ? (uint64_t)allowed - c->up_queued : 0;
}

static int cli_write(struct cli *C, struct cconn *c)
{
	for (;;) {
		ssize_t n;

		if (c->off == c->len) {
			uint64_t k = c->h.up - c->up_queued, b = cli_budget(C, c);

			if (k > BUF_LEN)
				k = BUF_LEN;
			if (k > b)
				k = b;
			if (!k)
				break;
			if (!(c->h.flags & F_RAW))
				stream_fill(&c->up, c->out, k);
			if (do_sha)
				sha256_update(&c->sha_out, c->out, k);
			c->off = 0;
			c->len = k;
			c->up_queued += k;
		}
		n = write(c->fd, c->out + c->off, c->len - c->off);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? IO_MORE :
			       errno == ECONNRESET || errno == EPIPE ? IO_RESET : IO_ERROR;
		if (c->up_queued) /* the header goes out before any data */
			c->up_sent += n;
		c->off += n;
		c->moved += n;
	}
	if (c->up_queued == c->h.up && c->off == c->len && !c->shut && !C->o->cli_rst) {
		shutdown(c->fd, SHUT_WR);
		c->shut = 1;
	}
	return IO_MORE;
}

/* Check received bytes: the download, then the trailer, then nothing. */
static void cli_take(struct cconn *c, const uint8_t *p, size_t n)
{
	size_t k = c->h.down - c->down_got < n ? c->h.down - c->down_got : n;

	if (do_sha)
		sha256_update(&c->sha_in, p, k);
	if (!(c->h.flags & F_RAW) && stream_check(&c->down, p, k) != k && !c->bad)
		c->bad = "download mismatch";
	c->down_got += k;
	p += k; n -= k;
	if (!n)
		return;
	if (c->trailer || (c->h.flags & (F_SRV_RST | F_FIN_FIRST)) || n > 1) {
		c->bad = "more download than announced";
		return;
	}
	c->trailer = *p;
	if (c->trailer != 'K')
		c->bad = "server saw an upload mismatch";
}

static int cli_read(const struct copts *o, struct cconn *c)
{
	for (int i = 0; i < ((c->h.flags & F_RAW) ? 64 : 4); i++) {
		ssize_t n;

		if (c->resume > 0 && now() < c->resume)
			return IO_MORE;
		c->resume = 0;
		if (o->cli_pause_at && !c->paused && c->down_got >= o->cli_pause_at) {
			c->paused = 1;
			c->resume = now() + (o->pause > 0 ? o->pause : PAUSE_SECS);
			return IO_MORE;
		}
		n = read(c->fd, iobuf, BUF_LEN);

		if (n > 0) {
			c->moved += n;
			cli_take(c, iobuf, n);
			continue;
		}
		if (n == 0) {
			c->eof = 1;
			return IO_DONE;
		}
		if (errno == EAGAIN || errno == EINTR)
			return IO_MORE;
		return errno == ECONNRESET ? IO_RESET : IO_ERROR;
	}
	return IO_MORE;
}

static int cli_connected(struct cconn *c)
{
	int err = 0;
	socklen_t l = sizeof(err);

	getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &l);
	if (err) {
		errno = err;
		return -1;
	}
	c->connected = 1;
	return 0;
}

/* Returns 1 if the call moved bytes or ended the connection. */
static int cli_io(struct cli *C, struct cconn *c)
{
	uint64_t before = c->moved;
	int r;
	uint32_t ev;

	if (!c->connected && cli_connected(c) < 0) {
		if (C->o->verbose)
			printf("cli conn=%" PRIu64 " connect: %s\n", c->idx, strerror(errno));
		cli_end(C, c, O_CONNFAIL);
		return 1;
	}
	r = c->eof ? IO_MORE : cli_read(C->o, c);
	if (r == IO_DONE && (c->h.flags & F_FIN_FIRST) && c->down_got == c->h.down)
		r = IO_MORE;	/* the server's FIN came first: keep uploading */
	if (r == IO_MORE)
		r = cli_write(C, c);
	if (r == IO_MORE && c->eof && c->shut)
		r = IO_DONE;
	if (r == IO_DONE) {
		int done = c->down_got == c->h.down && c->up_sent == c->h.up &&
			   (c->trailer || (c->h.flags & F_FIN_FIRST));
		cli_end(C, c, done ? O_OK : O_CLOSED);
		return 1;
	}
	if (r != IO_MORE) {
		cli_end(C, c, r == IO_RESET ? O_RESET : O_CLOSED);
		return 1;
	}
	if (C->o->cli_rst && c->down_got == c->h.down && c->up_sent == c->h.up) {
		cli_end(C, c, O_OK);
		return 1;
	}
	if (c->moved != before)
		c->last = now();
	/* EOF stays readable: do not spin on it; nor while pausing. */
	ev = c->eof || c->resume > 0 ? 0 : EPOLLIN;
	if (c->off < c->len)
		ev |= EPOLLOUT;
	if (ev != c->ev) {
		ep_set(C->ep, EPOLL_CTL_MOD, c->fd, ev, c);
		c->ev = ev;
	}
	return c->moved != before;
}

static int cli_verdict(struct cli *C)
{
	const struct copts *o = C->o;
	uint64_t want = o->n;
	int pass;

	printf("client: conns=%" PRIu64, C->finished);
	for (int i = 0; i < O_N; i++)
		printf(" %s=%" PRIu64, outcome_name[i], C->count[i]);
	printf(" bytes-up=%" PRIu64 " bytes-down=%" PRIu64 " secs=%.2f max-ms=%.1f"
	       " rescued=%" PRIu64 "\n", C->bytes_up, C->bytes_down, now() - C->t0,
	       C->max_end_ms, C->rescued);
	if (o->expect == O_CLOSED)
		pass = C->count[O_CLOSED] + C->count[O_RESET] == want;
	else
		pass = C->count[o->expect] == want;
	if (pass && o->within_ms > 0 && C->max_end_ms > o->within_ms) {
		printf("client: slowest connection took %.1f ms, more than %.0f ms\n",
		       C->max_end_ms, o->within_ms);
		pass = 0;
	}
	printf("client: %s (expected every connection to end %s)\n",
	       pass ? "PASS" : "FAIL", o->expect == O_CLOSED ? "closed or reset" :
	       outcome_name[o->expect]);
	return pass ? 0 : 1;
}

/* SIGUSR1: the state of every open connection, to debug a stall. */
static void cli_dump(const struct cconn *slots, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++) {
		const struct cconn *c = &slots[i];

		if (c->fd < 0)
			continue;
		printf("open conn=%" PRIu64 " fd=%d connected=%d up=%" PRIu64 "/%" PRIu64
		       " queued=%" PRIu64 " out=%zu/%zu shut=%d down=%" PRIu64 "/%" PRIu64
		       " trailer=%d ev=%x\n", c->idx, c->fd, c->connected, c->up_sent,
		       c->h.up, c->up_queued, c->off, c->len, c->shut, c->down_got,
		       c->h.down, c->trailer, c->ev);
	}
}

static int run_client(const struct copts *o)
{
	struct cli C = { .o = o };
	struct cconn *slots = calloc(o->c, sizeof(*slots));
	struct epoll_event evs[256];
	uint64_t next = 0;
	double swept = now();

	C.ep = epoll_create1(EPOLL_CLOEXEC);
	C.t0 = now();
	for (uint64_t i = 0; i < o->c; i++)
		slots[i].fd = -1;
	while (C.finished < o->n && !got_term) {
		int n, paced = 0;

		for (uint64_t i = 0; i < o->c && next < o->n; i++) {
			if (slots[i].fd >= 0)
				continue;
			if (cli_start(&C, &slots[i], next++) < 0) {
				cli_end(&C, &slots[i], O_CONNFAIL);
				slots[i].fd = -1;
			}
		}
		if (now() - C.t0 > o->timeout)
			break;
		for (uint64_t i = 0; o->rate && i < o->c; i++) {
			if (slots[i].fd >= 0 && slots[i].connected) {
				cli_io(&C, &slots[i]);
				paced = 1;
			}
		}
		for (uint64_t i = 0; o->cli_pause_at && i < o->c; i++)
			if (slots[i].fd >= 0 && slots[i].resume > 0 &&
			    now() >= slots[i].resume)
				cli_io(&C, &slots[i]);
		if (got_usr1) {
			got_usr1 = 0;
			cli_dump(slots, o->c);
		}
		n = epoll_wait(C.ep, evs, 256, paced ? 5 : 100);
		for (int i = 0; i < n; i++)
			cli_io(&C, evs[i].data.ptr);
		if (!no_sweep && now() - swept > 0.2) {
			double t = swept = now();

			for (uint64_t i = 0; i < o->c; i++)
				if (slots[i].fd >= 0 && slots[i].connected &&
				    t - slots[i].last > 0.5 && cli_io(&C, &slots[i]))
					C.rescued++;
		}
	}
	for (uint64_t i = 0; i < o->c; i++)
		if (slots[i].fd >= 0)
			cli_end(&C, &slots[i], O_TIMEOUT);
	C.count[O_TIMEOUT] += o->n - C.finished;
	free(slots);
	return cli_verdict(&C);
}

/* ------------------------------------------------------------------ */
/* gen, sha256, selftest                                               */

static int run_gen(uint64_t seed, uint64_t idx, int down, uint64_t bytes)
{
	struct stream s;

	stream_init(&s, stream_conn_seed(seed, idx) ^ (down ? STREAM_DOWN : STREAM_UP));
	while (bytes) {
		size_t k = bytes < BUF_LEN ? bytes : BUF_LEN;

		stream_fill(&s, iobuf, k);
		if (fwrite(iobuf, 1, k, stdout) != k)
			return 1;
		bytes -= k;
	}
	return fflush(stdout) ? 1 : 0;
}

static int run_sha256(void)
{
	struct sha256 s;
	uint8_t d[32];
	char hex[65];
	size_t n;

	sha256_init(&s);
	while ((n = fread(iobuf, 1, BUF_LEN, stdin)) > 0)
		sha256_update(&s, iobuf, n);
	sha256_final(&s, d);
	sha256_hex(d, hex);
	printf("%s  -\n", hex);
	return 0;
}

static int run_selftest(void)
{
	/* FIPS 180-4 examples (NIST CSRC) and the empty message. */
	static const struct { const char *msg; int reps; const char *want; } v[] = {
		{ "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	};
	int fails = 0;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sha256 s;
		uint8_t d[32];
		char hex[65];

		sha256_init(&s);
		for (int r = 0; r < v[i].reps; r++)
			sha256_update(&s, v[i].msg, strlen(v[i].msg));
		sha256_final(&s, d);
		sha256_hex(d, hex);
		if (strcmp(hex, v[i].want)) {
			printf("selftest: sha256 vector %zu: got %s want %s\n", i, hex, v[i].want);
			fails++;
		}
	}
	printf("selftest: %s\n", fails ? "FAIL" : "ok");
	return fails ? 1 : 0;
}

/* ------------------------------------------------------------------ */

static void usage(void)
{
	fprintf(stderr,
		"usage: xfer server -l ADDR:PORT [--mptcp] [-v]\n"
		"       xfer client -r ADDR:PORT [--mptcp] [-n N] [-c C] [--up N] [--down N]\n"
		"                   [--up-max N] [--down-max N] [--seed S] [--halfclose] [--echo]\n"
		"                   [--srv-rst] [--cli-rst] [--srv-pause] [--srv-fin-first] [--rate B/S]\n"
		"                   [--pause SECS] [--cli-pause BYTES] [--raw]\n"
		"                   [--expect ok|reset|close]\n"
		"                   [--within MS] [--timeout S] [--sha] [-v]\n"
		"       (client and server also take --no-sweep)\n"
		"       xfer gen --seed S [--index I] --dir up|down --bytes N\n"
		"       xfer sha256 | xfer selftest\n");
	exit(2);
}

/* A size with an optional K, M or G suffix (powers of 1024). */
static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);

	switch (*end) {
	case 'G': v <<= 10; /* fall through */
	case 'M': v <<= 10; /* fall through */
	case 'K': v <<= 10; end++; break;
	}
	if (*end || end == s) {
		fprintf(stderr, "xfer: bad size '%s'\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "mptcp", 0, 0, 'M' }, { "up", 1, 0, 'u' }, { "down", 1, 0, 'd' },
		{ "up-max", 1, 0, 'U' }, { "down-max", 1, 0, 'D' }, { "seed", 1, 0, 's' },
		{ "halfclose", 0, 0, 'H' }, { "echo", 0, 0, 'E' }, { "srv-rst", 0, 0, 'R' },
		{ "cli-rst", 0, 0, 'C' }, { "srv-pause", 0, 0, 'P' }, { "srv-fin-first", 0, 0, 'F' },
		{ "no-sweep", 0, 0, 'N' }, { "rate", 1, 0, 'a' }, { "expect", 1, 0, 'x' },
		{ "within", 1, 0, 'w' }, { "timeout", 1, 0, 'T' }, { "sha", 0, 0, 'S' },
		{ "index", 1, 0, 'i' }, { "dir", 1, 0, 'o' }, { "bytes", 1, 0, 'b' },
		{ "pause", 1, 0, 'p' }, { "cli-pause", 1, 0, 'A' }, { "raw", 0, 0, 'W' },
		{ 0, 0, 0, 0 },
	};
	struct copts o = { .n = 1, .c = 1, .seed = 1, .expect = O_OK, .timeout = 120 };
	const char *mode, *laddr = NULL, *raddr = NULL;
	uint64_t index = 0, bytes = 0;
	int opt, down = 0;
	struct sigaction sa = { .sa_handler = on_signal };

	if (argc < 2)
		usage();
	mode = argv[1];
	optind = 2;
	while ((opt = getopt_long(argc, argv, "l:r:n:c:v", lo, NULL)) != -1) {
		switch (opt) {
		case 'l': laddr = optarg; break;
		case 'r': raddr = optarg; break;
		case 'n': o.n = parse_size(optarg); break;
		case 'c': o.c = parse_size(optarg); break;
		case 'v': o.verbose = 1; break;
		case 'M': o.mptcp = 1; break;
		case 'u': o.up = parse_size(optarg); break;
		case 'd': o.down = parse_size(optarg); break;
		case 'U': o.up_max = parse_size(optarg); break;
		case 'D': o.down_max = parse_size(optarg); break;
		case 's': o.seed = parse_size(optarg); break;
		case 'H': o.flags |= F_HALFCLOSE; break;
		case 'E': o.flags |= F_ECHO; break;
		case 'R': o.flags |= F_SRV_RST; break;
		case 'C': o.cli_rst = 1; break;
		case 'P': o.flags |= F_PAUSE; break;
		case 'p':
			o.pause = atof(optarg);
			if (o.pause <= 0 || o.pause > 6000)
				usage();
			break;
		case 'A': o.cli_pause_at = parse_size(optarg); break;
		case 'W': o.flags |= F_RAW; break;
		case 'F': o.flags |= F_FIN_FIRST; break;
		case 'N': no_sweep = 1; break;
		case 'a': o.rate = parse_size(optarg); break;
		case 'x':
			if (!strcmp(optarg, "ok")) o.expect = O_OK;
			else if (!strcmp(optarg, "reset")) o.expect = O_RESET;
			else if (!strcmp(optarg, "close")) o.expect = O_CLOSED;
			else usage();
			break;
		case 'w': o.within_ms = atof(optarg); break;
		case 'T': o.timeout = atof(optarg); break;
		case 'S': o.sha = 1; break;
		case 'i': index = parse_size(optarg); break;
		case 'o': down = !strcmp(optarg, "down"); break;
		case 'b': bytes = parse_size(optarg); break;
		default: usage();
		}
	}
	if (o.pause > 0)	/* the server learns it from the header */
		o.flags |= (uint32_t)(o.pause * 10 + 0.5) << PAUSE_SHIFT;
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	do_sha = o.sha;
	if (!strcmp(mode, "server") && laddr)
		return run_server(laddr, o.mptcp, o.verbose);
	if (!strcmp(mode, "client") && raddr) {
		if (parse_addr(raddr, &o.ss, &o.sl) < 0 || !o.c) {
			fprintf(stderr, "xfer: bad remote address '%s'\n", raddr);
			return 2;
		}
		if (o.c > o.n)
			o.c = o.n;
		return run_client(&o);
	}
	if (!strcmp(mode, "gen"))
		return run_gen(o.seed, index, down, bytes);
	if (!strcmp(mode, "sha256"))
		return run_sha256();
	if (!strcmp(mode, "selftest"))
		return run_selftest();
	usage();
	return 2;
}
