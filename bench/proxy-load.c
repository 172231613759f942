/* proxy-load.c: load generator for bench/10-proxy.sh.
 *
 *   proxy-load echo -l ADDR:PORT [--mptcp] [--workers N]
 *       echo server: one epoll thread per worker, SO_REUSEPORT listeners
 *   proxy-load rate -r ADDR:PORT [--mptcp] [-c C] [-d SECS] [--size N]
 *       C threads, each in a loop: connect, send N bytes (64), read them
 *       back, close. Prints connections per second and latency.
 *   proxy-load idle -r ADDR:PORT [--mptcp] -n N
 *       open N connections, echo 64 bytes on each to be sure they reach
 *       the far end, print "idle: N open" and hold them until SIGTERM.
 *   proxy-load load -r ADDR:PORT [--mptcp] -c N [-d SECS] [--dir up|down]
 *                   [--interval MS] [--warmup SECS]
 *       latency under load: N bulk streams (each a thread with a blocking
 *       socket, uploading into the echo server, which then discards, or
 *       downloading from it), and meanwhile, every MS (20) after the
 *       warm-up (1 s), one probe: connect, send 64 bytes, read them back,
 *       close. Prints the probes' p50/p99/max and the bulk throughput.
 *
 * The echo server looks at a connection's first byte: 'U' makes it a
 * sink (read and discard), 'D' a source (send until the peer closes);
 * anything else is echoed.
 * --mptcp opens IPPROTO_MPTCP sockets, so direct MPTCP needs no mptcpize.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

struct opts {
	struct sockaddr_storage ss;
	socklen_t sl;
	int mptcp, workers, conc, size;
	double secs;
	long n;
};

static struct opts o = { .workers = 2, .conc = 1, .size = 64, .secs = 3, .n = 1 };
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *c = strrchr(s, ':');
	struct sockaddr_in *a4 = (void *)ss;
	struct sockaddr_in6 *a6 = (void *)ss;
	size_t hl;

	if (!c)
		return -1;
	hl = c - s;
	if (*s == '[') {
		s++;
		hl -= 2;
	}
	if (hl >= sizeof(host))
		return -1;
	memcpy(host, s, hl);
	host[hl] = 0;
	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(atoi(c + 1));
		*len = sizeof(*a4);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(atoi(c + 1));
		*len = sizeof(*a6);
		return 0;
	}
	return -1;
}

static int new_socket(int flags)
{
	int fd = socket(o.ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | flags,
			o.mptcp ? IPPROTO_MPTCP : IPPROTO_TCP);
	int one = 1;

	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* ---- echo server ---------------------------------------------------- */

enum { M_NEW, M_ECHO, M_SINK, M_SOURCE };
#define MAX_FD 65536

/* A source connection: send until EAGAIN (16 buffers at most, then the
 * others get their turn; epoll is level-triggered). */
static void echo_source(int fd, const char *buf, size_t len)
{
	for (int i = 0; i < 16; i++)
		if (write(fd, buf, len) < (ssize_t)len)
			return;
}

static void *echo_worker(void *arg)
{
	int one = 1, lfd = new_socket(SOCK_NONBLOCK), ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = -1 }, evs[128];
	static __thread char buf[65536];
	uint8_t *mode = calloc(MAX_FD, 1);

	(void)arg;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(lfd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(lfd, (void *)&o.ss, o.sl) < 0 || listen(lfd, 4096) < 0) {
		perror("proxy-load: echo listen");
		exit(1);
	}
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (!stop) {
		int n = epoll_wait(ep, evs, 128, 200);

		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			ssize_t r;

			if (fd < 0) {
				while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					struct epoll_event e = { .events = EPOLLIN, .data.fd = fd };
					if (fd >= MAX_FD) {
						close(fd);
						continue;
					}
					mode[fd] = M_NEW;
					setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
					epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
				}
				continue;
			}
			if (mode[fd] == M_SOURCE && (evs[i].events & EPOLLOUT)) {
				echo_source(fd, buf, sizeof(buf));
				if (!(evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
					continue;
			}
			r = read(fd, buf, mode[fd] == M_ECHO ? 16384 : sizeof(buf));
			if (r > 0 && mode[fd] == M_NEW) {
				mode[fd] = buf[0] == 'U' ? M_SINK : buf[0] == 'D' ? M_SOURCE : M_ECHO;
				if (mode[fd] == M_SOURCE) {
					struct epoll_event e = { .events = EPOLLIN | EPOLLOUT, .data.fd = fd };
					epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
					memset(buf, 'd', sizeof(buf));
				}
			}
			if (r > 0 && mode[fd] != M_ECHO) {
				continue;	/* sink: discarded; source: ignored */
			} else if (r > 0) {
				/* Small messages: the socket buffer always takes them. */
				if (write(fd, buf, r) != r) {
					close(fd);
				}
			} else if (r == 0 || errno != EAGAIN) {
				close(fd);
			}
		}
	}
	return NULL;
}

static int run_echo(void)
{
	pthread_t t[64];
	int n = o.workers < 64 ? o.workers : 64;

	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, echo_worker, NULL);
	printf("echo: listening, %d workers%s\n", n, o.mptcp ? ", mptcp" : "");
	fflush(stdout);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}

/* ---- connection-rate client ----------------------------------------- */

static atomic_long done_conns, errors;
static int probe_timeout_s = 3;
static double deadline;
#define LAT_MAX 300000		/* latency histogram, 0.1 ms buckets (30 s) */
static atomic_long lat_hist[LAT_MAX];

/* One connection: connect, send size bytes, read them back, close. */
static int one_exchange(char *buf)
{
	struct timeval tv = { .tv_sec = probe_timeout_s };
	int fd = new_socket(0), got = 0;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (connect(fd, (void *)&o.ss, o.sl) < 0 || write(fd, buf, o.size) != o.size) {
		close(fd);
		return -1;
	}
	while (got < o.size) {
		ssize_t r = read(fd, buf + got, o.size - got);
		if (r <= 0)
			break;
		got += r;
	}
	close(fd);
	return got == o.size ? 0 : -1;
}

static void *rate_worker(void *arg)
{
	char buf[65536];

	(void)arg;
	memset(buf, 'x', sizeof(buf));
	while (now() < deadline && !stop) {
		double t = now();

		if (one_exchange(buf) < 0) {
			atomic_fetch_add(&errors, 1);
			continue;
		}
		long b = (long)((now() - t) * 10000);
		atomic_fetch_add(&lat_hist[b < LAT_MAX ? b : LAT_MAX - 1], 1);
		atomic_fetch_add(&done_conns, 1);
	}
	return NULL;
}

static double percentile(long total, double p)
{
	long want = (long)(total * p), seen = 0;

	for (int i = 0; i < LAT_MAX; i++) {
		seen += lat_hist[i];
		if (seen > want)
			return i / 10.0;
	}
	return LAT_MAX / 10.0;
}

static int run_rate(void)
{
	pthread_t *t = calloc(o.conc, sizeof(*t));
	pthread_attr_t at;
	double t0 = now();
	long total;

	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 256 * 1024);
	deadline = t0 + o.secs;
	for (int i = 0; i < o.conc; i++)
		pthread_create(&t[i], &at, rate_worker, NULL);
	for (int i = 0; i < o.conc; i++)
		pthread_join(t[i], NULL);
	total = done_conns;
	printf("rate: conns=%ld errors=%ld secs=%.2f rate=%.0f p50-ms=%.1f p99-ms=%.1f max-ms=%.1f\n",
	       total, (long)errors, now() - t0, total / (now() - t0),
	       percentile(total, 0.50), percentile(total, 0.99), percentile(total, 0.99999));
	free(t);
	return 0;
}

/* ---- latency under load --------------------------------------------- */

static int load_down;			/* --dir down */
static double interval_ms = 20, warmup_s = 1;
static atomic_long bulk_bytes, bulk_errors;

/* One bulk stream until the deadline: 'U' then data, or 'D' then read. */
static void *bulk_worker(void *arg)
{
	char buf[65536];
	int fd = new_socket(0);
	ssize_t r = -1;

	(void)arg;
	memset(buf, 'U', sizeof(buf));
	buf[0] = load_down ? 'D' : 'U';
	if (fd < 0 || connect(fd, (void *)&o.ss, o.sl) < 0 || write(fd, buf, 1) != 1) {
		atomic_fetch_add(&bulk_errors, 1);
		goto out;
	}
	/* A blocking call can outlive the deadline under load: a timeout
	 * lets the thread look at the clock. */
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	setsockopt(fd, SOL_SOCKET, load_down ? SO_RCVTIMEO : SO_SNDTIMEO, &tv, sizeof(tv));
	while (now() < deadline && !stop) {
		r = load_down ? read(fd, buf, sizeof(buf)) : write(fd, buf, sizeof(buf));
		if (r > 0)
			atomic_fetch_add(&bulk_bytes, r);
		else if (r == 0 || (errno != EAGAIN && errno != EINTR))
			break;
	}
	if (now() < deadline && !stop)
		atomic_fetch_add(&bulk_errors, 1);	/* ended early */
out:
	if (fd >= 0)
		close(fd);
	return NULL;
}

static int run_load(void)
{
	pthread_t *t = calloc(o.conc, sizeof(*t));
	double t0 = now(), tp, next, maxms = 0;
	long b0, probes = 0;
	pthread_attr_t at;
	char buf[65536];

	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 256 * 1024);
	memset(buf, 'x', sizeof(buf));
	probe_timeout_s = 30;
	deadline = t0 + warmup_s + o.secs;
	for (int i = 0; i < o.conc; i++)
		pthread_create(&t[i], &at, bulk_worker, NULL);
	while (now() < t0 + warmup_s && !stop)
		usleep(10000);
	b0 = bulk_bytes;
	tp = next = now();
	while (now() < deadline && !stop) {
		double s = now(), ms;

		if (one_exchange(buf) < 0) {
			atomic_fetch_add(&errors, 1);
		} else {
			ms = (now() - s) * 1000;
			long b = (long)(ms * 10);
			lat_hist[b < LAT_MAX ? b : LAT_MAX - 1]++;
			if (ms > maxms)
				maxms = ms;
			probes++;
		}
		next += interval_ms / 1000;
		if (next > now())
			usleep((useconds_t)((next - now()) * 1e6));
		else
			next = now();	/* a slow probe: no burst to catch up */
	}
	tp = now() - tp;
	for (int i = 0; i < o.conc; i++)
		pthread_join(t[i], NULL);
	printf("load: streams=%d dir=%s bulk-mbit=%.0f bulk-errors=%ld probes=%ld errors=%ld"
	       " p50-ms=%.1f p99-ms=%.1f max-ms=%.1f\n", o.conc, load_down ? "down" : "up",
	       (bulk_bytes - b0) * 8 / tp / 1e6, (long)bulk_errors, probes, (long)errors,
	       percentile(probes, 0.50), percentile(probes, 0.99), maxms);
	free(t);
	return 0;
}

/* ---- idle connections ----------------------------------------------- */

static int run_idle(void)
{
	int *fds = calloc(o.n, sizeof(int));
	char buf[64];
	long ok = 0;

	memset(buf, 'i', sizeof(buf));
	for (long i = 0; i < o.n && !stop; i++) {
		struct timeval tv = { .tv_sec = 3 };
		int fd = new_socket(0), got = 0;

		fds[i] = fd;
		if (fd < 0)
			break;
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (connect(fd, (void *)&o.ss, o.sl) < 0 || write(fd, buf, sizeof(buf)) != sizeof(buf))
			continue;
		while (got < (int)sizeof(buf)) {
			ssize_t r = read(fd, buf + got, sizeof(buf) - got);
			if (r <= 0)
				break;
			got += r;
		}
		ok += got == sizeof(buf);
	}
	printf("idle: %ld open\n", ok);
	fflush(stdout);
	while (!stop)
		pause();
	for (long i = 0; i < o.n; i++)
		if (fds[i] > 0)
			close(fds[i]);
	free(fds);
	return ok == o.n ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "mptcp", 0, 0, 'M' }, { "workers", 1, 0, 'w' }, { "size", 1, 0, 's' },
		{ "dir", 1, 0, 'D' }, { "interval", 1, 0, 'i' }, { "warmup", 1, 0, 'W' },
		{ 0, 0, 0, 0 },
	};
	struct sigaction sa = { .sa_handler = on_signal };
	const char *addr = NULL;
	int opt;

	if (argc < 2)
		goto usage;
	optind = 2;
	while ((opt = getopt_long(argc, argv, "l:r:c:d:n:", lo, NULL)) != -1) {
		switch (opt) {
		case 'l': case 'r': addr = optarg; break;
		case 'c': o.conc = atoi(optarg); break;
		case 'd': o.secs = atof(optarg); break;
		case 'n': o.n = atol(optarg); break;
		case 'M': o.mptcp = 1; break;
		case 'w': o.workers = atoi(optarg); break;
		case 's': o.size = atoi(optarg); break;
		case 'D':
			if (strcmp(optarg, "up") && strcmp(optarg, "down"))
				goto usage;
			load_down = !strcmp(optarg, "down");
			break;
		case 'i': interval_ms = atof(optarg); break;
		case 'W': warmup_s = atof(optarg); break;
		default: goto usage;
		}
	}
	if (!addr || parse_addr(addr, &o.ss, &o.sl) < 0 || o.conc < 1 || o.n < 1 ||
	    o.size < 1 || o.size > 65536)
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (!strcmp(argv[1], "echo"))
		return run_echo();
	if (!strcmp(argv[1], "rate"))
		return run_rate();
	if (!strcmp(argv[1], "idle"))
		return run_idle();
	if (!strcmp(argv[1], "load") && interval_ms > 0 && warmup_s >= 0)
		return run_load();
usage:
	fprintf(stderr, "usage: proxy-load echo -l ADDR:PORT [--mptcp] [--workers N]\n"
		"       proxy-load rate -r ADDR:PORT [--mptcp] [-c C] [-d SECS] [--size N]\n"
		"       proxy-load idle -r ADDR:PORT [--mptcp] -n N\n"
		"       proxy-load load -r ADDR:PORT [--mptcp] -c N [-d SECS] [--dir up|down]\n"
		"                       [--interval MS] [--warmup SECS]\n");
	return 2;
}
