/* cmd_args.h: how every verb reads its command line: glibc getopt_long
 * (`--name=x` and `--name x`, options before or after the operands,
 * unique abbreviations), with the lab's messages, and the one table of
 * verbs and their usage lines (main.c lists it, each verb prints its own
 * line from it on a usage error and for --help).
 *
 *     static const struct option opts[] = {
 *             { "json", no_argument, NULL, 'j' }, CMD_COMMON_OPTS, { 0 } };
 *     struct cmd_args a = CMD_ARGS("status", argc, argv, "", opts);
 *     while ((c = cmd_args_next(&a)) != -1)
 *             switch (c) {
 *             case 'j': json = true; break;
 *             case CMD_ARGS_STOP: return a.status;
 *             }
 *     // operands: argv[optind] .. argv[argc - 1]
 */
#ifndef LAB_CMD_ARGS_H
#define LAB_CMD_ARGS_H

#include <getopt.h>
#include <stdio.h>

/* Every verb takes --help (-h) and --state-dir DIR. */
#define CMD_OPT_HELP 'h'
#define CMD_OPT_STATE_DIR 0x100
#define CMD_COMMON_OPTS \
	{ "help", no_argument, NULL, CMD_OPT_HELP }, \
	{ "state-dir", required_argument, NULL, CMD_OPT_STATE_DIR }

/* Returned by cmd_args_next(): stop and exit with a.status (--help was
 * answered, or a usage error was reported). */
#define CMD_ARGS_STOP (-2)

struct cmd_args {
	const char *verb;
	int argc;
	char **argv;
	const char *shortopts;	/* the verb's own, without "h" */
	const struct option *longopts;	/* ends with CMD_COMMON_OPTS, { 0 } */
	int status;		/* exit status after CMD_ARGS_STOP */
	char opts[32];		/* the optstring given to getopt_long */
	/* Stop at the first operand (exec: the command follows). */
	int stop_at_operand;
};

#define CMD_ARGS(verb, argc, argv, shortopts, longopts) \
	{ (verb), (argc), (argv), (shortopts), (longopts), 0, "", 0 }

/* The next option's value, -1 after the last one (operands start at
 * optind), or CMD_ARGS_STOP. Handles --help and --state-dir itself. */
int cmd_args_next(struct cmd_args *a);

/* "mptcp-lab VERB: MESSAGE" and the verb's usage line on stderr;
 * returns EXIT_BADINPUT. */
int cmd_usage_error(const char *verb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The usage line of a verb without "mptcp-lab " ("up FILE [--name
 * NAME]"), or NULL for an unknown verb. */
const char *cmd_usage(const char *verb);

/* The verbs, for main.c. */
struct cmd_verb {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
};
extern const struct cmd_verb cmd_verbs[];
extern const int cmd_nverbs;

#endif
