/* cmd_xfer.c: `mptcp-lab xfer`, a verified transfer (xfer.h) for
 * scenarios and for people at the keyboard:
 *
 *   mptcp-lab xfer server [ADDR:]PORT [--mptcp] [--count N] [--timeout S]
 *   mptcp-lab xfer client ADDR:PORT [--mptcp] [--bytes N] [--up N]
 *                  [--down N] [--seed S] [--timeout S]
 *
 * The client prints one JSON line (bytes each way, their SHA-256, whether
 * each direction arrived intact, seconds, bits per second) and exits 0
 * only if both did; the server prints one such line per connection. An
 * ADDR with ':' is IPv6 ([fd00::1]:5000). Sizes take K, M, G (binary). */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "cli/xfer.h"
#include "util/json.h"
#include "util/sha256.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

struct xopts {
	bool mptcp;
	uint64_t up, down, seed;
	long count;		/* server: connections to serve, 0 = forever */
	double timeout;
};

static int help(void)
{
	printf("usage: mptcp-lab %s\nSee mptcp-lab(8).\n", cmd_usage("xfer"));
	return EXIT_PASS;
}

static int usage(const char *why)
{
	if (why)
		fprintf(stderr, "mptcp-lab xfer: %s\n", why);
	fprintf(stderr, "usage: mptcp-lab xfer server [ADDR:]PORT [--mptcp] [--count N] [--timeout S]\n"
			"       mptcp-lab xfer client ADDR:PORT [--mptcp] [--bytes N] [--up N] [--down N] [--seed S] [--timeout S]\n");
	return EXIT_BADINPUT;
}

/* "64M", "1G", "4096": bytes. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'K': case 'k': v <<= 10; end++; break;
	case 'M': case 'm': v <<= 20; end++; break;
	case 'G': case 'g': v <<= 30; end++; break;
	default: break;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* "ADDR:PORT", "[V6]:PORT", or "PORT" (server: any address). */
static int resolve(const char *spec, bool passive, struct addrinfo **ai)
{
	char host[256] = "", *port;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = passive ? AI_PASSIVE : 0 };

	snprintf(host, sizeof(host), "%s", spec);
	port = strrchr(host, ':');
	if (!port) {
		if (!passive)
			return -1;
		hints.ai_family = AF_INET6;	/* dual-stack wildcard */
		return getaddrinfo(NULL, host, &hints, ai) ? -1 : 0;
	}
	*port++ = '\0';
	char *h = host;

	if (h[0] == '[' && h[strlen(h) - 1] == ']') {
		h[strlen(h) - 1] = '\0';
		h++;
	}
	hints.ai_flags |= AI_NUMERICHOST;
	return getaddrinfo(*h ? h : NULL, port, &hints, ai) ? -1 : 0;
}

static int open_sock(const struct addrinfo *a, bool mptcp)
{
	return socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC,
		      mptcp ? IPPROTO_MPTCP : IPPROTO_TCP);
}

static void print_result(const struct xfer_result *r, bool client, int err)
{
	char up[65], down[65];
	json_t *j = json_object();
	double bps = r->secs > 0 ? (double)(r->up + r->down) * 8 / r->secs : 0;

	if (!j)
		return;
	sha256_hex(r->sha_up, up);
	sha256_hex(r->sha_down, down);
	json_put(j, "role", json_string(client ? "client" : "server"));
	json_put(j, "bytes_up", json_integer((json_int_t)r->up));
	json_put(j, "bytes_down", json_integer((json_int_t)r->down));
	json_put(j, "sha256_up", json_string(up));
	json_put(j, "sha256_down", json_string(down));
	json_put(j, "intact_up", json_boolean(r->up_ok));
	if (client)
		json_put(j, "intact_down", json_boolean(r->down_ok));
	json_put(j, "intact", json_boolean(!err && r->up_ok &&
					    (!client || r->down_ok)));
	json_put(j, "secs", json_real(r->secs));
	json_put(j, "bits_per_second", json_real(bps));
	json_put(j, "error", err ? json_string(strerror(-err)) : json_null());
	json_print(stdout, j);
	json_decref(j);
}

static int client(const char *spec, const struct xopts *o)
{
	struct addrinfo *ai;
	struct xfer_result r = { 0 };
	int fd, rc;

	if (resolve(spec, false, &ai) < 0)
		return usage("client: expected ADDR:PORT with a numeric address");
	fd = open_sock(ai, o->mptcp);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
		fprintf(stderr, "mptcp-lab xfer: connect %s: %m\n", spec);
		freeaddrinfo(ai);
		if (fd >= 0)
			close(fd);
		return EXIT_SETUP;
	}
	freeaddrinfo(ai);
	rc = xfer_client(fd, o->seed, o->up, o->down, o->timeout, &r);
	close(fd);
	print_result(&r, true, rc);
	if (rc < 0) {
		fprintf(stderr, "mptcp-lab xfer: %s after %llu bytes up, %llu down\n",
			strerror(-rc), (unsigned long long)r.up,
			(unsigned long long)r.down);
		return EXIT_FAIL;
	}
	if (!r.down_ok)
		fprintf(stderr, "mptcp-lab xfer: download differs from byte %llu on\n",
			(unsigned long long)r.bad_at);
	if (!r.up_ok)
		fprintf(stderr, "mptcp-lab xfer: the server's digest of the upload is not the digest of what was sent\n");
	return r.up_ok && r.down_ok ? EXIT_PASS : EXIT_FAIL;
}

static int server(const char *spec, const struct xopts *o)
{
	struct addrinfo *ai;
	int one = 1, lfd;

	if (resolve(spec, true, &ai) < 0)
		return usage("server: expected [ADDR:]PORT");
	lfd = open_sock(ai, o->mptcp);
	if (lfd < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(lfd, 16) < 0) {
		fprintf(stderr, "mptcp-lab xfer: listen %s: %m\n", spec);
		freeaddrinfo(ai);
		return EXIT_SETUP;
	}
	freeaddrinfo(ai);
	for (long n = 0; !o->count || n < o->count; n++) {
		struct xfer_result r;
		int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC), rc;

		if (fd < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "mptcp-lab xfer: accept: %m\n");
			close(lfd);
			return EXIT_SETUP;
		}
		rc = xfer_serve_one(fd, o->timeout, &r);
		close(fd);
		print_result(&r, false, rc);
	}
	close(lfd);
	return EXIT_PASS;
}

int cmd_xfer(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mptcp", no_argument, NULL, 'm' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "up", required_argument, NULL, 'u' },
		{ "down", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct xopts o = { .up = 1 << 20, .down = 1 << 20, .seed = 1,
			   .timeout = 300 };
	uint64_t v;
	char *end;
	int c;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return help();
	if (argc < 3)
		return usage(NULL);
	optind = 3;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'm': o.mptcp = true; break;
		case 'h': return help();
		case 'b': case 'u': case 'd':
			if (parse_size(optarg, &v) < 0)
				return usage("a size is a number of bytes, with K, M or G");
			if (c != 'd')
				o.up = v;
			if (c != 'u')
				o.down = v;
			break;
		case 's':
			o.seed = strtoull(optarg, &end, 0);
			if (*end || !*optarg)
				return usage("--seed: expected a number");
			break;
		case 'c':
			o.count = strtol(optarg, &end, 10);
			if (*end || o.count < 0)
				return usage("--count: expected a number");
			break;
		case 't':
			o.timeout = strtod(optarg, &end);
			if (*end || o.timeout <= 0)
				return usage("--timeout: expected seconds");
			break;
		default:
			return usage(NULL);
		}
	}
	if (optind != argc)
		return usage("unexpected arguments");
	if (!strcmp(argv[1], "client"))
		return client(argv[2], &o);
	if (!strcmp(argv[1], "server"))
		return server(argv[2], &o);
	return usage("expected client or server");
}
