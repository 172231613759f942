/* cmd_args.c: the verbs' table and their option parsing (see
 * cmd_args.h). */
#include "cli/cmd_args.h"

#include <stdarg.h>
#include <string.h>

#include "cli/cmd.h"
#include "live/lab.h"

/* The one place each verb's usage is written. */
const struct cmd_verb cmd_verbs[] = {
	{ "run", cmd_run, "run FILE [--name NAME] [--tap|--json] [--junit FILE] [--strict] [--keep] [--capture] [--keep-lab] [--repeat N] [--quiet] [--verbose]" },
	{ "up", cmd_up, "up FILE [--name NAME] [--services]" },
	{ "down", cmd_down, "down NAME|FILE... [--if-exists] | down --all" },
	{ "check", cmd_check, "check FILE" },
	{ "exec", cmd_exec, "exec NAME NODE -- CMD [ARG...]" },
	{ "status", cmd_status, "status [NAME] [--json]" },
	{ "monitor", cmd_monitor, "monitor NAME NODE [--json] | monitor --netns PATH [--json]" },
	{ "graph", cmd_graph, "graph FILE" },
	{ "features", cmd_features, "features" },
	{ "xfer", cmd_xfer, "xfer server|client [ADDR:]PORT [--mptcp] [--bytes N] [--up N] [--down N] [--seed S] [--count N] [--timeout S]" },
};
const int cmd_nverbs = sizeof(cmd_verbs) / sizeof(cmd_verbs[0]);

const char *cmd_usage(const char *verb)
{
	for (int i = 0; i < cmd_nverbs; i++)
		if (!strcmp(cmd_verbs[i].name, verb))
			return cmd_verbs[i].usage;
	return NULL;
}

int cmd_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mptcp-lab %s: ", verb);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: mptcp-lab %s\n", cmd_usage(verb));
	return EXIT_BADINPUT;
}

/* The option a getopt error is about, as the user wrote it: "--name" of
 * "--name=x", or "-n". */
static const char *opt_word(const struct cmd_args *a, char *buf, size_t len)
{
	const char *w = optind > 0 && optind <= a->argc ? a->argv[optind - 1] : "";

	if (!strncmp(w, "--", 2) || !optopt)
		snprintf(buf, len, "%.*s", (int)strcspn(w, "="), w);
	else
		snprintf(buf, len, "-%c", optopt);
	return buf;
}

int cmd_args_next(struct cmd_args *a)
{
	char word[64];
	int c;

	if (!a->opts[0]) {
		/* ':' first: a missing value is ':' rather than '?'; '+':
		 * stop at the first operand. optind 0 restarts getopt. */
		snprintf(a->opts, sizeof(a->opts), "%s:%sh",
			 a->stop_at_operand ? "+" : "", a->shortopts);
		optind = 0;
		opterr = 0;
	}
	c = getopt_long(a->argc, a->argv, a->opts, a->longopts, NULL);
	switch (c) {
	case CMD_OPT_HELP:
		printf("usage: mptcp-lab %s\nSee mptcp-lab(8).\n",
		       cmd_usage(a->verb));
		a->status = EXIT_PASS;
		return CMD_ARGS_STOP;
	case CMD_OPT_STATE_DIR:
		lab_set_state_dir(optarg);
		return cmd_args_next(a);
	case ':':
		a->status = cmd_usage_error(a->verb, "option '%s' needs a value",
					    opt_word(a, word, sizeof(word)));
		return CMD_ARGS_STOP;
	case '?':
		opt_word(a, word, sizeof(word));
		/* A long option known but given "=VALUE" it does not take. */
		a->status = optopt && !strncmp(word, "--", 2)
			? cmd_usage_error(a->verb, "option '%s' takes no value", word)
			: cmd_usage_error(a->verb, "unknown option '%s'", word);
		return CMD_ARGS_STOP;
	}
	return c;
}
