/* cmd_run.c: `mptcp-lab run FILE [--name NAME] [--tap|--json]
 * [--junit FILE] [--strict] [--keep] [--capture] [--quiet] [--verbose]`: the front end of the run
 * engine (run.h). Parses the command line and the topology, catches
 * SIGINT/SIGTERM so the engine can tear down, and prints the report. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "live/lab.h"
#include "run/run.h"

struct front {
	enum report_fmt fmt;
	FILE *progress;		/* where progress lines go */
	enum report_fmt progress_fmt;
	bool verbose;
	bool quiet;		/* --json: no progress lines on stderr */
};

static void on_signal(int sig)
{
	(void)sig;
	lab_stop_requested = 1;
}

/* No SA_RESTART: a blocked poll() returns so the engine sees the flag. */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void progress(const struct report *r, int index, void *arg)
{
	struct front *f = arg;

	if (f->progress)
		report_item_print(f->progress, f->progress_fmt, r, index);
}

static void on_event(const char *node, const char *line, void *arg)
{
	struct front *f = arg;

	if (f->verbose)
		fprintf(stderr, "  event %s: %s\n", node, line);
}

/* The engine's verdict as this command's exit status (cmd.h). */
static int exit_status(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS: return EXIT_PASS;
	case VERDICT_SKIP: return EXIT_SKIP;
	case VERDICT_FAIL: return EXIT_FAIL;
	default: return EXIT_SETUP;
	}
}

static int write_junit(const char *path, const struct report *rep)
{
	FILE *f = fopen(path, "we");

	if (!f) {
		fprintf(stderr, "mptcp-lab: --junit %s: %m\n", path);
		return -1;
	}
	report_junit(f, rep);
	return fclose(f);
}

static const struct option run_opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "tap", no_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ "junit", required_argument, NULL, 'J' },
	{ "strict", no_argument, NULL, 's' },
	{ "keep", no_argument, NULL, 'k' },
	{ "capture", no_argument, NULL, 'c' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	CMD_COMMON_OPTS,
	{ 0 },
};

/* Options into fr and o; returns the FILE operand, or NULL with *rc set
 * (a usage error, or --help answered). */
static const char *parse(int argc, char **argv, struct front *fr,
			 struct run_opts *o, const char **junit, int *rc)
{
	struct cmd_args a = CMD_ARGS("run", argc, argv, "qv", run_opts);
	int c;

	while ((c = cmd_args_next(&a)) != -1) {
		switch (c) {
		case 't': case 'j':
			if (fr->fmt != REPORT_HUMAN &&
			    fr->fmt != (c == 't' ? REPORT_TAP : REPORT_JSON)) {
				*rc = cmd_usage_error("run", "--tap and --json: expected one of them, not both");
				return NULL;
			}
			fr->fmt = c == 't' ? REPORT_TAP : REPORT_JSON;
			break;
		case 'n': o->name = optarg; break;
		case 'J': *junit = optarg; break;
		case 's': o->strict = true; break;
		case 'k': o->keep = true; break;
		case 'c': o->capture = true; break;
		case 'q': fr->quiet = true; break;
		case 'v': fr->verbose = true; break;
		case CMD_ARGS_STOP: *rc = a.status; return NULL;
		}
	}
	if (argc - optind != 1) {
		*rc = argc == optind ? cmd_usage_error("run", "expected a topology FILE")
			: cmd_usage_error("run", "expected one topology FILE, got '%s' too",
					  argv[optind + 1]);
		return NULL;
	}
	return argv[optind];
}

int cmd_run(int argc, char **argv)
{
	struct front fr = { .fmt = REPORT_HUMAN, .progress = stdout };
	struct run_opts o = { .progress = progress, .on_event = on_event,
			      .arg = &fr };
	struct report rep = { 0 };
	const char *file, *junit = NULL;
	struct topo *t;
	int rc = EXIT_BADINPUT;

	if (!(file = parse(argc, argv, &fr, &o, &junit, &rc)))
		return rc;
	t = cmd_load_topo(file);
	if (!t)
		return EXIT_BADINPUT;
	/* The same rule and exit status as up: a bad name is a usage error. */
	if (o.name && cmd_check_name("run", o.name, t) < 0) {
		topo_free(t);
		return EXIT_BADINPUT;
	}
	/* TAP and human lines go to stdout as the run goes; with --json
	 * stdout holds only the summary, progress goes to stderr. */
	fr.progress_fmt = fr.fmt == REPORT_TAP ? REPORT_TAP : REPORT_HUMAN;
	if (fr.fmt == REPORT_JSON)
		fr.progress = stderr;
	/* --quiet: no progress lines, only the summary (TAP needs them). */
	if (fr.quiet && fr.fmt != REPORT_TAP)
		fr.progress = NULL;
	catch_signals();
	snprintf(rep.file, sizeof(rep.file), "%s", file);
	if (fr.progress)
		report_begin(fr.progress, fr.progress_fmt, &rep);
	rc = rep.exit_status = exit_status(run_topology(t, &o, &rep));
	if (fr.fmt == REPORT_JSON && fr.progress)
		report_end(stderr, REPORT_HUMAN, &rep);
	report_end(stdout, fr.fmt, &rep);
	if (junit && write_junit(junit, &rep) < 0 && rc == EXIT_PASS)
		rc = EXIT_SETUP;
	report_free(&rep);
	topo_free(t);
	return rc;
}
