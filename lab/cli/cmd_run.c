/* cmd_run.c: `mptcp-lab run FILE [--name NAME] [--tap|--json]
 * [--junit FILE] [--strict] [--keep] [--capture] [--keep-lab]
 * [--repeat N] [--quiet] [--verbose]`: the front end of the run engine
 * (run.h). Parses the command line and the topology, catches
 * SIGINT/SIGTERM so the engine can tear down, and prints the report
 * (with --repeat, each run's and a tally). */
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
	long repeat;		/* --repeat N: runs, default 1 */
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
	{ "keep-lab", no_argument, NULL, 'K' },
	{ "repeat", required_argument, NULL, 'r' },
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
		case 'K': o->keep_lab = true; break;
		case 'r': {
			char *end;

			fr->repeat = strtol(optarg, &end, 10);
			if (*end || fr->repeat < 1 || fr->repeat > 10000) {
				*rc = cmd_usage_error("run", "--repeat '%s': expected a number 1..10000",
						      optarg);
				return NULL;
			}
			break;
		}
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

/* A failed run left its lab up: how to look inside and take it down. */
static void kept_lab_hints(const struct report *rep, const struct topo *t)
{
	printf("the lab %s was left up (--keep-lab):\n", rep->lab);
	if (t->nnodes)
		printf("  enter a node: mptcp-lab exec %s %s -- bash\n", rep->lab,
		       t->nodes[0].name);
	printf("  tear down:    mptcp-lab down %s\n", rep->lab);
}

/* One run: report, JUnit, hints. Returns the exit status. */
static int one_run(const struct topo *t, struct front *fr, struct run_opts *o,
		   const char *file, const char *junit, struct report *rep)
{
	int rc;

	snprintf(rep->file, sizeof(rep->file), "%s", file);
	if (fr->progress)
		report_begin(fr->progress, fr->progress_fmt, rep);
	rc = rep->exit_status = exit_status(run_topology(t, o, rep));
	if (fr->fmt == REPORT_JSON && fr->progress)
		report_end(stderr, REPORT_HUMAN, rep);
	report_end(stdout, fr->fmt, rep);
	if (junit && write_junit(junit, rep) < 0 && rc == EXIT_PASS)
		rc = EXIT_SETUP;
	if (rep->lab_kept && fr->fmt != REPORT_JSON)
		kept_lab_hints(rep, t);
	return rc;
}

/* Worse exit statuses win, as verdicts do: setup > fail > skip > pass. */
static int worse(int a, int b)
{
	static const int rank[] = { [EXIT_PASS] = 0, [EXIT_SKIP] = 1,
				    [EXIT_FAIL] = 2, [EXIT_SETUP] = 3 };

	return rank[b] > rank[a] ? b : a;
}

/* --repeat N: the runs one after the other, then the tally and the run
 * directories of the ones that did not pass. */
static int repeat(const struct topo *t, struct front *fr, struct run_opts *o,
		  const char *file, const char *junit)
{
	char (*dirs)[256] = calloc(fr->repeat, sizeof(*dirs));
	long pass = 0, fail = 0, skip = 0, other = 0;
	int worst = EXIT_PASS;

	if (!dirs)
		return EXIT_SETUP;
	for (long i = 0; i < fr->repeat && !lab_stop_requested; i++) {
		struct report rep = { 0 };
		int rc = one_run(t, fr, o, file, junit, &rep);

		worst = worse(worst, rc);
		pass += rc == EXIT_PASS;
		skip += rc == EXIT_SKIP;
		fail += rc == EXIT_FAIL;
		other += rc == EXIT_SETUP;
		if (rc != EXIT_PASS)
			snprintf(dirs[i], sizeof(dirs[i]), "%s",
				 rep.run_dir[0] ? rep.run_dir : "(no run directory)");
		bool kept = rep.lab_kept;

		report_free(&rep);
		if (kept)
			break;	/* --keep-lab: stop at the first failure */
	}
	fprintf(fr->fmt == REPORT_HUMAN ? stdout : stderr,
		"repeat: %ld of %ld passed, %ld failed, %ld skipped, %ld setup errors\n",
		pass, fr->repeat, fail, skip, other);
	for (long i = 0; i < fr->repeat; i++)
		if (dirs[i][0])
			fprintf(fr->fmt == REPORT_HUMAN ? stdout : stderr,
				"  run %ld: %s\n", i + 1, dirs[i]);
	free(dirs);
	return worst;
}

int cmd_run(int argc, char **argv)
{
	struct front fr = { .fmt = REPORT_HUMAN, .progress = stdout, .repeat = 1 };
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
	if (fr.repeat > 1 && o.name) {
		topo_free(t);
		return cmd_usage_error("run", "--repeat with --name: expected default names (each run's lab is new)");
	}
	if (fr.repeat > 1) {
		rc = repeat(t, &fr, &o, file, junit);
	} else {
		rc = one_run(t, &fr, &o, file, junit, &rep);
		report_free(&rep);
	}
	topo_free(t);
	return rc;
}
