/* cmd_run.c: `mptcp-lab run FILE [--name NAME] [--tap|--json]
 * [--junit FILE] [--strict] [--keep] [-v]`: the front end of the run
 * engine (run.h). Parses the command line and the topology, catches
 * SIGINT/SIGTERM so the engine can tear down, and prints the report. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
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

static int usage(const char *word, const char *expected)
{
	if (*word)
		fprintf(stderr, "mptcp-lab run: '%s': expected %s\n", word,
			expected);
	else
		fprintf(stderr, "mptcp-lab run: expected %s\n", expected);
	fprintf(stderr, "usage: mptcp-lab run FILE [--name NAME] [--tap|--json] [--junit FILE] [--strict] [--keep] [-v]\n");
	return EXIT_BADINPUT;
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

int cmd_run(int argc, char **argv)
{
	struct front fr = { .fmt = REPORT_HUMAN, .progress = stdout };
	struct run_opts o = { .progress = progress, .on_event = on_event,
			      .arg = &fr };
	struct report rep = { 0 };
	const char *file = NULL, *junit = NULL;
	struct topo *t;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--tap") || !strcmp(a, "--json")) {
			enum report_fmt fmt = a[2] == 't' ? REPORT_TAP : REPORT_JSON;

			if (fr.fmt != REPORT_HUMAN && fr.fmt != fmt)
				return usage(a, "one of --tap and --json, not both");
			fr.fmt = fmt;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			fr.quiet = true;
		else if (!strcmp(a, "--strict"))
			o.strict = true;
		else if (!strcmp(a, "--keep"))
			o.keep = true;
		else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
			fr.verbose = true;
		else if (!strcmp(a, "--name") || !strcmp(a, "--junit") ||
			 !strcmp(a, "--state-dir")) {
			if (i + 1 >= argc)
				return usage(a, "a value after it");
			if (!strcmp(a, "--name"))
				o.name = argv[++i];
			else if (!strcmp(a, "--junit"))
				junit = argv[++i];
			else
				lab_set_state_dir(argv[++i]);
		} else if (a[0] == '-' || file) {
			return usage(a, file ? "one topology file" :
				     "--name, --tap, --json, --junit, --strict, --keep or -v");
		} else {
			file = a;
		}
	}
	if (!file)
		return usage("", "a topology FILE");
	if (o.name && strlen(o.name) >= LAB_NAME_MAX - 8)
		return usage(o.name, "a lab name of at most 31 characters");
	t = cmd_load_topo(file);
	if (!t)
		return EXIT_BADINPUT;
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
