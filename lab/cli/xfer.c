/* xfer.c: the verified transfer behind `mptcp-lab xfer` (see xfer.h).
 *
 * One connection: the client sends a 32-byte header ("mptcplab", seed,
 * upload size, download size, big-endian), then the upload stream while it
 * reads the download stream, and shuts its side down when the upload is
 * sent. The server checks every upload byte against the stream it derives
 * from the seed, sends the download, then the SHA-256 of the upload it
 * received, and closes. The client checks every download byte the same
 * way and compares the server's digest with the digest of what it sent:
 * both directions are verified end to end, whatever relays (a proxy pair)
 * sit between. */
#include "cli/xfer.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <endian.h>

#include "util/clock.h"
#include "util/sha256.h"
#include "util/stream.h"

#define MAGIC "mptcplab"
#define HDR_LEN 32
#define BUF_LEN 65536

/* One direction: the stream, how much is left, its digest. */
struct dir {
	struct stream s;
	uint64_t total, done;
	struct sha256 sha;
	uint64_t bad_at;	/* first byte that differed, or UINT64_MAX */
};

static void dir_init(struct dir *d, uint64_t seed, uint64_t total)
{
	stream_init(&d->s, seed);
	d->total = total;
	d->done = 0;
	d->bad_at = UINT64_MAX;
	sha256_init(&d->sha);
}

/* Verify and hash n received bytes of d. After the first wrong byte the
 * direction is bad for good: the rest is only hashed and counted. */
static void dir_recv(struct dir *d, const uint8_t *p, size_t n)
{
	if (d->bad_at == UINT64_MAX) {
		size_t ok = stream_check(&d->s, p, n);

		if (ok < n)
			d->bad_at = d->done + ok;
	}
	sha256_update(&d->sha, p, n);
	d->done += n;
}

static void put64(uint8_t *p, uint64_t v)
{
	v = htobe64(v);
	memcpy(p, &v, 8);
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return be64toh(v);
}

/* Wait for fd to be ready for ev until deadline: 1 ready, 0 timeout. */
static int wait_fd(int fd, short ev, double deadline)
{
	for (;;) {
		double left = deadline - now_mono();
		struct pollfd p = { fd, ev, 0 };

		if (left <= 0)
			return 0;
		int n = poll(&p, 1, left > 1 ? 1000 : (int)(left * 1000) + 1);

		if (n > 0)
			return 1;
		if (n < 0 && errno != EINTR)
			return -errno;
	}
}

static int read_full(int fd, uint8_t *p, size_t n, double deadline)
{
	while (n) {
		ssize_t k = read(fd, p, n);

		if (k > 0) {
			p += k;
			n -= (size_t)k;
		} else if (k == 0) {
			return -EPIPE;
		} else if (errno == EAGAIN) {
			int rc = wait_fd(fd, POLLIN, deadline);

			if (rc <= 0)
				return rc ? rc : -ETIMEDOUT;
		} else if (errno != EINTR) {
			return -errno;
		}
	}
	return 0;
}

/* Send `out` (stream, no verification) while receiving `in` (verified),
 * then, if in_tail, read in_tail bytes after in into tail. Non-blocking
 * fd. Shuts down the sending side when out is done if shut is set. */
static int pump(int fd, struct dir *out, struct dir *in, uint8_t *tail,
		size_t in_tail, bool shut, double deadline)
{
	static uint8_t rbuf[BUF_LEN], wbuf[BUF_LEN];
	size_t wlen = 0, woff = 0, got_tail = 0;
	bool shut_done = !shut;

	while (out->done < out->total || in->done < in->total ||
	       got_tail < in_tail || !shut_done) {
		if (out->done == out->total && !shut_done && woff == wlen) {
			shutdown(fd, SHUT_WR);
			shut_done = true;
			continue;
		}
		short ev = 0;

		if (out->done < out->total || woff < wlen)
			ev |= POLLOUT;
		if (in->done < in->total || got_tail < in_tail)
			ev |= POLLIN;
		int rc = wait_fd(fd, ev, deadline);

		if (rc <= 0)
			return rc ? rc : -ETIMEDOUT;
		if (ev & POLLOUT) {
			if (woff == wlen) {
				uint64_t left = out->total - out->done;

				wlen = left < sizeof(wbuf) ? (size_t)left : sizeof(wbuf);
				stream_fill(&out->s, wbuf, wlen);
				sha256_update(&out->sha, wbuf, wlen);
				out->done += wlen;
				woff = 0;
			}
			ssize_t k = send(fd, wbuf + woff, wlen - woff, MSG_NOSIGNAL);

			if (k > 0)
				woff += (size_t)k;
			else if (k < 0 && errno != EAGAIN && errno != EINTR)
				return -errno;
		}
		if (ev & POLLIN) {
			uint64_t want = in->total - in->done;
			size_t cap = want ? (want < sizeof(rbuf) ? want : sizeof(rbuf))
					  : in_tail - got_tail;
			ssize_t k = read(fd, want ? rbuf : tail + got_tail, cap);

			if (k == 0)
				return -EPIPE;
			if (k < 0 && errno != EAGAIN && errno != EINTR)
				return -errno;
			if (k > 0 && want)
				dir_recv(in, rbuf, (size_t)k);
			else if (k > 0)
				got_tail += (size_t)k;
		}
	}
	return 0;
}

static void nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

int xfer_client(int fd, uint64_t seed, uint64_t up, uint64_t down,
		double timeout, struct xfer_result *res)
{
	uint8_t hdr[HDR_LEN], digest[32];
	double t0 = now_mono(), deadline = t0 + timeout;
	struct dir out, in;
	int rc;

	memset(res, 0, sizeof(*res));
	/* hdr is binary: the 8 bytes of MAGIC, no NUL after them. */
	memcpy(hdr, MAGIC, 8); // NOLINT(bugprone-not-null-terminated-result)
	put64(hdr + 8, seed);
	put64(hdr + 16, up);
	put64(hdr + 24, down);
	dir_init(&out, stream_conn_seed(seed, STREAM_UP), up);
	dir_init(&in, stream_conn_seed(seed, STREAM_DOWN), down);
	nonblock(fd);
	if (send(fd, hdr, sizeof(hdr), MSG_NOSIGNAL) != sizeof(hdr))
		return -errno;
	rc = pump(fd, &out, &in, digest, sizeof(digest), true, deadline);
	res->secs = now_mono() - t0;
	res->up = out.done;
	res->down = in.done;
	sha256_final(&out.sha, res->sha_up);
	sha256_final(&in.sha, res->sha_down);
	if (rc < 0)
		return rc;
	res->up_ok = !memcmp(digest, res->sha_up, 32);
	res->down_ok = in.bad_at == UINT64_MAX;
	res->bad_at = in.bad_at;
	return 0;
}

int xfer_serve_one(int fd, double timeout, struct xfer_result *res)
{
	uint8_t hdr[HDR_LEN];
	double t0 = now_mono(), deadline = t0 + timeout;
	struct dir out, in;
	int rc;

	memset(res, 0, sizeof(*res));
	nonblock(fd);
	if ((rc = read_full(fd, hdr, sizeof(hdr), deadline)))
		return rc;
	if (memcmp(hdr, MAGIC, 8))
		return -EPROTO;
	uint64_t seed = get64(hdr + 8);

	dir_init(&in, stream_conn_seed(seed, STREAM_UP), get64(hdr + 16));
	dir_init(&out, stream_conn_seed(seed, STREAM_DOWN), get64(hdr + 24));
	rc = pump(fd, &out, &in, NULL, 0, false, deadline);
	sha256_final(&in.sha, res->sha_up);
	sha256_final(&out.sha, res->sha_down);
	res->up = in.done;
	res->down = out.done;
	res->up_ok = in.bad_at == UINT64_MAX;
	res->bad_at = in.bad_at;
	if (rc == 0) {
		/* the upload's digest, then our FIN */
		ssize_t k = 0;
		size_t off = 0;

		while (off < 32 && (k = send(fd, res->sha_up + off, 32 - off,
					     MSG_NOSIGNAL)) != 0) {
			if (k > 0)
				off += (size_t)k;
			else if (errno != EAGAIN && errno != EINTR)
				return -errno;
			else if ((rc = wait_fd(fd, POLLOUT, deadline)) <= 0)
				return rc ? rc : -ETIMEDOUT;
		}
		shutdown(fd, SHUT_WR);
		/* wait for the client's close so our FIN is not a reset */
		uint8_t b;

		while (wait_fd(fd, POLLIN, deadline) > 0 && read(fd, &b, 1) > 0)
			;
	}
	res->secs = now_mono() - t0;
	return rc;
}
