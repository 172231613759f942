/* cmd_monitor.c: `mptcp-lab monitor NAME NODE [--json]`: print one node's
 * MPTCP events live, one line each, until SIGINT or SIGTERM.
 *
 * Also `mptcp-lab monitor --netns PATH [--json]` for any namespace file
 * (e.g. /run/netns/X), which tests use without a lab. Text lines look
 * like `ip mptcp monitor`; --json prints one JSON object per line. */
#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "live/lab.h"
#include "kernel/pm_monitor.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t monitor_stop;

static void on_signal(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

struct monitor_opts {
	const char *name, *node, *netns;
	bool json;
};

/* Returns -1 to go on, or the exit status (--help, a usage error). */
static int parse_args(int argc, char **argv, struct monitor_opts *o)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "netns", required_argument, NULL, 'N' },
		CMD_COMMON_OPTS,
		{ 0 },
	};
	struct cmd_args a = CMD_ARGS("monitor", argc, argv, "", opts);
	int c, npos;

	memset(o, 0, sizeof(*o));
	while ((c = cmd_args_next(&a)) != -1) {
		if (c == CMD_ARGS_STOP)
			return a.status;
		if (c == 'j')
			o->json = true;
		else if (c == 'N')
			o->netns = optarg;
	}
	npos = argc - optind;
	if (o->netns ? npos != 0 : npos != 2)
		return cmd_usage_error("monitor", o->netns
				       ? "expected no NAME NODE with --netns PATH"
				       : "expected NAME NODE (or --netns PATH)");
	if (!o->netns) {
		o->name = argv[optind];
		o->node = argv[optind + 1];
	}
	return -1;
}

/* The namespace of node NODE of lab NAME, opened read-only. */
static int open_node_ns(const char *name, const char *node,
			struct lab_err *e)
{
	struct topo *t = NULL;
	struct lab lab;
	int i, fd, rc;

	rc = lab_open(&lab, name, &t, e);
	if (rc < 0)
		return rc;
	i = topo_node_find(t, node);
	if (i < 0) {
		rc = lab_errf(e, -ENOENT, "lab %s has no node '%s'", name,
			      node);
	} else if (lab.nsfd[i] >= 0) {
		rc = fd = dup(lab.nsfd[i]);
		if (fd < 0)
			rc = lab_errf(e, -errno, "dup: %m");
	} else {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "/run/netns/%s", lab.nsname[i]);
		rc = fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			rc = lab_errf(e, -errno, "open %s: %m", path);
	}
	lab_close(&lab);	/* reads the topology: free that after */
	topo_free(t);
	return rc;
}

static void print_event(const struct mptcp_event *ev, void *arg)
{
	const bool *json = arg;
	char line[1024];

	if (mptcp_event_format(ev, *json, line, sizeof(line)) >= 0)
		printf("%s\n", line);
	fflush(stdout);
}

/* Read until a signal; lost events are reported and reading goes on, as
 * a live view should. */
static int monitor_loop(struct pm_monitor *m, bool json,
			const sigset_t *waitmask)
{
	struct pollfd pfd = { .fd = pm_monitor_fd(m), .events = POLLIN };
	struct lab_err e = { 0 };
	unsigned malformed = 0;

	while (!monitor_stop) {
		/* The signals are blocked except inside ppoll, so one that
		 * arrives just before it still wakes it. */
		if (ppoll(&pfd, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			perror("mptcp-lab monitor: poll");
			return EXIT_SETUP;
		}
		if (pm_monitor_read(m, print_event, &json, &e) < 0) {
			fprintf(stderr, "mptcp-lab monitor: %s\n", e.msg);
			if (e.code != -ENOBUFS)
				return EXIT_SETUP;
		}
		if (pm_monitor_malformed(m) != malformed) {
			malformed = pm_monitor_malformed(m);
			fprintf(stderr, "mptcp-lab monitor: %u malformed event message(s) skipped\n",
				malformed);
		}
	}
	return EXIT_PASS;
}

static int open_ns(const struct monitor_opts *o, struct lab_err *e)
{
	int fd;

	if (!o->netns)
		return open_node_ns(o->name, o->node, e);
	fd = open(o->netns, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lab_errf(e, -errno, "open %s: %m", o->netns);
	return fd;
}

int cmd_monitor(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, waitmask;
	struct monitor_opts o;
	struct lab_err e = { 0 };
	struct pm_monitor *m;
	int nsfd, rc;

	if ((rc = parse_args(argc, argv, &o)) >= 0)
		return rc;
	nsfd = open_ns(&o, &e);
	if (nsfd < 0) {
		fprintf(stderr, "mptcp-lab monitor: %s\n", e.msg);
		/* A lab, node or namespace that does not exist: bad input. */
		return nsfd == -ENOENT ? EXIT_BADINPUT : EXIT_SETUP;
	}
	if (pm_feature_check(nsfd, &e) < 0) {
		fprintf(stderr, "mptcp-lab monitor: skipped: %s\n", e.msg);
		close(nsfd);
		return EXIT_SKIP;
	}
	rc = pm_monitor_open(nsfd, &m, &e);
	close(nsfd);
	if (rc < 0) {
		fprintf(stderr, "mptcp-lab monitor: %s\n", e.msg);
		return EXIT_SETUP;
	}
	/* No SA_RESTART: the signal must interrupt ppoll(). */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	/* Subscribed from here on: tests wait for this line. */
	fprintf(stderr, "mptcp-lab monitor: listening (Ctrl-C stops)\n");
	rc = monitor_loop(m, o.json, &waitmask);
	pm_monitor_close(m);
	return rc;
}
