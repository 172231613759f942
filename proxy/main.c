/* main.c: mptcp-proxy start-up, signals and exit codes.
 *
 * Parses the command line, checks that MPTCP is usable, resolves the
 * remote, opens one SO_REUSEPORT listener per worker and address, starts
 * the workers and then only waits for signals (signals.h): SIGUSR1 (and
 * --stats) print statistics, SIGHUP looks -r up again, SIGTERM/SIGINT
 * drain, a second one stops at once.
 * Exit: 0 clean, 1 start-up/run-time error, 2 usage, 3 no MPTCP. */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "log.h"
#include "mptcp_info.h"
#include "notify.h"
#include "selfloop.h"
#include "signals.h"
#include "stats.h"
#include "worker.h"

#ifndef VERSION
#define VERSION "unknown"	/* the Makefile passes -DVERSION */
#endif

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2, EXIT_NO_MPTCP = 3 };

static void raise_nofile(void)
{
	struct rlimit rl;

	/* Two sockets per connection plus pipes in flight: take all the
	 * file descriptors we are allowed. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_warn("cannot raise the open-file limit: %s", strerror(errno));
	}
}

static int worker_count(const struct config *cfg)
{
	long n = cfg->workers ? cfg->workers : sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : (n > 1024 ? 1024 : (int)n);
}

static void print_stats(struct worker *ws, int n)
{
	struct stats_snapshot sum = { { 0 } };
	char line[512];

	for (int i = 0; i < n; i++)
		stats_accumulate(&sum, &ws[i].st);
	stats_format(&sum, line, sizeof(line));
	log_always("%s", line);
}

/* Open every worker's listeners. An IPv6 wildcard that the host cannot
 * do (no IPv6) is skipped when IPv4 works. */
static int open_listeners(const struct config *cfg, struct worker *ws, int n)
{
	struct listen_opts o = {
		.proto = cfg->mode == MODE_SERVER && !cfg->disable_mptcp ?
			IPPROTO_MPTCP : IPPROTO_TCP,
		.transparent = cfg->transparent,
		.backlog = cfg->backlog,
		.sndbuf = cfg->sndbuf,
		.rcvbuf = cfg->rcvbuf,
	};
	struct listen_spec spec;
	char err[300];

	if (listen_spec_from_config(cfg, &spec, err, sizeof(err)) < 0) {
		log_error("%s", err);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		ws[i].nls = 0;
		for (int j = 0; j < spec.n; j++) {
			struct listener *l = &ws[i].ls[ws[i].nls];
			int rc = listener_open(l, &spec.addr[j], spec.v6only[j],
					       i == 0, &o, err, sizeof(err));

			if (rc == 0) {
				ws[i].nls++;
			} else if (cfg->listen_any && j == 1 &&
				   (rc == -EAFNOSUPPORT || rc == -EADDRNOTAVAIL)) {
				log_debug("%s (IPv4 only)", err);
			} else {
				log_error("%s", err);
				return -1;
			}
		}
	}
	return 0;
}

/* -r must not be one of our own listening addresses: every connection
 * would come back to us, through as many hops as there are descriptors. */
static int check_loop(const struct config *cfg, const struct proxy *px,
		      const struct worker *w0)
{
	char as[ADDR_STR_MAX], rhost[ADDR_HOST_MAX + 16];

	for (int i = 0; i < px->remote.n; i++) {
		const struct sockaddr *sa = (const struct sockaddr *)&px->remote.a[i].ss;

		if (selfloop_reaches(w0->ls, w0->nls, sa)) {
			log_error("-r %s: %s is this proxy's own listening address; every connection would loop back into it",
				  addr_host_port(cfg->remote_host, cfg->remote_port, rhost, sizeof(rhost)),
				  addr_str(sa, as, sizeof(as)));
			return -1;
		}
	}
	return 0;
}

/* 0 if this process may set SO_MARK, else errno. */
static int mark_allowed(int mark)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), e = 0;

	if (fd < 0)
		return errno;
	if (setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof(mark)) < 0)
		e = errno;
	close(fd);
	return e;
}

static int setup_proxy(const struct config *cfg, struct proxy *px)
{
	char err[300];
	int e;

	memset(px, 0, sizeof(*px));
	px->cfg = cfg;
	own_init(&px->own);
	if (!cfg->disable_mptcp) {
		enum mptcp_avail a = mptcp_probe(&e);

		if (a != MPTCP_OK) {
			log_error("%s (%s)", mptcp_avail_text(a), strerror(e));
			return EXIT_NO_MPTCP;
		}
	}
	/* Setting it later is best effort per socket: a mark that silently
	 * fails would let the redirect rules catch our own connections. */
	if (cfg->mark && (e = mark_allowed(cfg->mark)) != 0) {
		log_error("--mark %d: %s (needs CAP_NET_ADMIN or CAP_NET_RAW)",
			  cfg->mark, strerror(e));
		return EXIT_ERR;
	}
	px->connect_proto = cfg->mode == MODE_CLIENT && !cfg->disable_mptcp ?
		IPPROTO_MPTCP : IPPROTO_TCP;
	px->detect_mptcp_accepted = cfg->mode == MODE_SERVER && !cfg->disable_mptcp;
	px->detect_mptcp_connected = cfg->mode == MODE_CLIENT && !cfg->disable_mptcp;
	if (cfg->has_remote &&
	    addr_resolve(cfg->remote_host, cfg->remote_port, &px->remote, err,
			 sizeof(err)) < 0) {
		log_error("%s", err);
		return EXIT_ERR;
	}
	return EXIT_OK;
}

static bool all_done(struct worker *ws, int n)
{
	for (int i = 0; i < n; i++)
		if (!atomic_load(&ws[i].done))
			return false;
	return true;
}

/* SIGHUP: look the -r name up again now. The log goes to stderr (the
 * journal under systemd), so there is no file to reopen. */
static void reload(const struct config *cfg, const struct proxy *px)
{
	notify_reloading();
	if (px->rsrc) {
		log_info("SIGHUP: looking up '%s' again", cfg->remote_host);
		remote_src_want(px->rsrc);
	} else {
		log_info("SIGHUP: nothing to reload (%s)", cfg->has_remote ?
			 "the remote is an IP address" : "no -r");
	}
	notify_ready("running");
}

/* Wait for signals until every worker has finished. */
static void signal_loop(const struct config *cfg, const struct proxy *px,
			struct worker *ws, int n, const sigset_t *set)
{
	int stats_ms = cfg->stats_interval_s * 1000, stopping = 0;
	struct timespec next = { 0 }, now, ts;
	int sig;

	clock_gettime(CLOCK_MONOTONIC, &next);
	next.tv_sec += cfg->stats_interval_s;
	while (!(stopping && all_done(ws, n))) {
		/* A finishing worker sends SIGUSR2; the 100 ms is a backstop. */
		int wait_ms = stopping ? 100 : (stats_ms ? stats_ms : 60000);

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (stats_ms && !stopping) {
			long left = (next.tv_sec - now.tv_sec) * 1000 +
				    (next.tv_nsec - now.tv_nsec) / 1000000;
			wait_ms = left < 0 ? 0 : (int)left;
		}
		ts.tv_sec = wait_ms / 1000;
		ts.tv_nsec = (long)(wait_ms % 1000) * 1000000;
		sig = sigtimedwait(set, NULL, &ts);
		if (sig == SIGUSR1) {
			print_stats(ws, n);
		} else if (sig == SIGHUP) {
			reload(cfg, px);
		} else if (sig > 0 && signals_ignored(sig)) {
			log_info("%s (signal %d): ignored", strsignal(sig), sig);
		} else if (sig == SIGTERM || sig == SIGINT) {
			stopping++;
			if (stopping == 1)
				notify_stopping("draining");
			if (stopping == 1)
				log_info("%s: no new connections; draining for up to %d ms",
					 strsignal(sig), cfg->grace_ms);
			for (int i = 0; i < n; i++)
				worker_request_stop(&ws[i], stopping == 1 ? STOP_DRAIN : STOP_NOW);
		} else if (sig < 0 && errno == EAGAIN && stats_ms && !stopping) {
			print_stats(ws, n);
			next.tv_sec += cfg->stats_interval_s;
		}
	}
}

/* Static: the detached lookup thread may outlive run(). */
static struct remote_src remote_src;

static int run(const struct config *cfg, const sigset_t *set)
{
	int n = worker_count(cfg), rc = EXIT_ERR, started = 0;
	struct worker *ws = calloc((size_t)n, sizeof(*ws));
	struct proxy px = { 0 };
	char lhost[ADDR_HOST_MAX + 16], rhost[ADDR_HOST_MAX + 16];
	char status[ADDR_HOST_MAX + 32];

	if (!ws)
		return EXIT_ERR;
	for (int i = 0; i < n; i++)
		ws[i].epfd = ws[i].wake_fd = -1;
	rc = setup_proxy(cfg, &px);
	/* Stopped while the remote was looked up (whether or not the lookup
	 * worked): that was asked for; never start listening. */
	if (rc != EXIT_NO_MPTCP && signals_stop_pending()) {
		log_info("stopped during start-up");
		rc = EXIT_OK;
		goto out;
	}
	if (rc != EXIT_OK)
		goto out;
	rc = EXIT_ERR;
	if (open_listeners(cfg, ws, n) < 0 || check_loop(cfg, &px, &ws[0]) < 0)
		goto out;
	if (cfg->has_remote && remote_is_name(cfg->remote_host)) {
		int e = remote_src_start(&remote_src, cfg->remote_host,
					 cfg->remote_port, cfg->resolve_every_ms,
					 &px.remote);

		if (e < 0) {
			log_error("resolver thread: %s", strerror(-e));
			goto out;
		}
		px.rsrc = &remote_src;
	}
	for (int i = 0; i < n; i++) {
		int e = worker_init(&ws[i], i, &px);

		if (e == 0)
			e = worker_start(&ws[i]);
		if (e < 0) {
			log_error("worker %d: %s", i, strerror(-e));
			for (int j = 0; j < started; j++)
				worker_request_stop(&ws[j], STOP_NOW);
			goto join;
		}
		started++;
	}
	if (cfg->listen_any)
		snprintf(lhost, sizeof(lhost), "*:%u", cfg->listen_port);
	else
		addr_host_port(cfg->listen_host, cfg->listen_port, lhost, sizeof(lhost));
	if (cfg->has_remote)
		addr_host_port(cfg->remote_host, cfg->remote_port, rhost, sizeof(rhost));
	log_info("%s mode (%s), %d worker%s, listening on %s, remote %s%s",
		 cfg->mode == MODE_CLIENT ? "client" : "server",
		 cfg->disable_mptcp ? "MPTCP disabled" :
		 cfg->mode == MODE_CLIENT ? "TCP in, MPTCP out" : "MPTCP in, TCP out",
		 n, n == 1 ? "" : "s", lhost,
		 cfg->has_remote ? rhost : "",
		 cfg->transparent ? (cfg->has_remote ?
			 " (transparent; -r for connections not redirected)" :
			 "original destination (transparent)") : "");
	snprintf(status, sizeof(status), "listening on %s", lhost);
	notify_ready(status);	/* every listener open, every worker runs */
	signal_loop(cfg, &px, ws, n, set);
	rc = EXIT_OK;
join:
	for (int i = 0; i < started; i++) {
		worker_join(&ws[i]);
		if (ws[i].exit_err)
			rc = EXIT_ERR;
	}
	if (started == n)
		print_stats(ws, n);
out:
	if (px.rsrc)
		remote_src_stop(px.rsrc);
	for (int i = 0; i < n; i++)
		worker_destroy(&ws[i]);
	free(ws);
	return rc;
}

int main(int argc, char *argv[])
{
	struct config cfg;
	char err[512];
	sigset_t set;

	/* First: a signal during start-up waits for the loop that takes it. */
	signals_block(&set);

	if (args_parse(argc, argv, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "mptcp-proxy: %s\n", err);
		return EXIT_USAGE;
	}
	if (cfg.action == ACTION_HELP) {
		fputs(args_usage(), stdout);
		return EXIT_OK;
	}
	if (cfg.action == ACTION_VERSION) {
		printf("mptcp-proxy %s\n", VERSION);
		return EXIT_OK;
	}
	log_set_level(cfg.verbosity < 0 ? LOG_ERROR :
		      cfg.verbosity == 0 ? LOG_INFO : LOG_DEBUG);
	raise_nofile();
	return run(&cfg, &set);
}
