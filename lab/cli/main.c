/* main.c: mptcp-lab's entry point: the global options (--state-dir,
 * --help, --version) before the verb, then the verb (cmd_args.h has the
 * table; each verb parses the rest, where --state-dir may stand too). */
#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "live/lab.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f, "usage: mptcp-lab [--state-dir DIR] VERB ...\n");
	for (int i = 0; i < cmd_nverbs; i++)
		fprintf(f, "       mptcp-lab %s\n", cmd_verbs[i].usage);
	fprintf(f, "--state-dir DIR (or $MPTCP_LAB_STATE_DIR; default /run/mptcp-lab) may stand before or after the verb.\n"
		   "See mptcp-lab(8) and mptcp-lab.topo(5).\n");
}

static void verbs(FILE *f)
{
	for (int i = 0; i < cmd_nverbs; i++)
		fprintf(f, "%s%s", i ? " " : "", cmd_verbs[i].name);
	fputc('\n', f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ 0 },
	};
	int c;

	/* '+': the options end at the verb; the verb parses the rest. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return EXIT_PASS;
		case 'V':
			printf("mptcp-lab %s\n", VERSION);
			return EXIT_PASS;
		case 'S':
			lab_set_state_dir(optarg);
			break;
		case ':':
			fprintf(stderr, "mptcp-lab: option '%s' needs a value\n",
				argv[optind - 1]);
			usage(stderr);
			return EXIT_BADINPUT;
		default:
			fprintf(stderr, "mptcp-lab: unknown option '%s'\n",
				argv[optind - 1]);
			usage(stderr);
			return EXIT_BADINPUT;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_BADINPUT;
	}
	if (!strcmp(argv[optind], "help")) {
		usage(stdout);
		return EXIT_PASS;
	}
	for (int i = 0; i < cmd_nverbs; i++)
		if (!strcmp(argv[optind], cmd_verbs[i].name))
			return cmd_verbs[i].fn(argc - optind, argv + optind);
	fprintf(stderr, "mptcp-lab: unknown verb '%s', expected one of: ",
		argv[optind]);
	verbs(stderr);
	return EXIT_BADINPUT;
}
