/* main.c: mptcp-lab's entry point: dispatch the verb. */
#include "cli/cmd.h"
#include "live/lab.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
} cmds[] = {
	{ "run", cmd_run, "run FILE [--name NAME] [--tap|--json] [--junit FILE] [--strict] [--keep] [-v]" },
	{ "up", cmd_up, "up FILE [--name NAME]" },
	{ "down", cmd_down, "down NAME|FILE|--all" },
	{ "check", cmd_check, "check FILE" },
	{ "exec", cmd_exec, "exec NAME NODE -- CMD [ARG...]" },
	{ "status", cmd_status, "status [NAME] [--json]" },
	{ "monitor", cmd_monitor, "monitor NAME NODE [--json] | monitor --netns PATH [--json]" },
	{ "graph", cmd_graph, "graph FILE" },
	{ "features", cmd_features, "features" },
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void usage(FILE *f)
{
	fprintf(f, "usage: mptcp-lab VERB ...\n");
	for (size_t i = 0; i < NCMDS; i++)
		fprintf(f, "       mptcp-lab %s\n", cmds[i].usage);
	fprintf(f, "Global: --state-dir DIR (or $MPTCP_LAB_STATE_DIR; default /run/mptcp-lab)\n"
		   "See mptcp-lab(8) and mptcp-lab.topo(5).\n");
}

int main(int argc, char **argv)
{
	/* Global options stand before the verb. */
	while (argc >= 3 && !strcmp(argv[1], "--state-dir")) {
		lab_set_state_dir(argv[2]);
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_BADINPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_PASS;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("mptcp-lab %s\n", VERSION);
		return EXIT_PASS;
	}
	for (size_t i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i].name))
			continue;
		/* One place answers `mptcp-lab VERB --help` for every verb. */
		if (argc == 3 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
			printf("usage: mptcp-lab %s\nSee mptcp-lab(8).\n", cmds[i].usage);
			return EXIT_PASS;
		}
		return cmds[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "mptcp-lab: unknown verb '%s', expected one of: run up down check exec status monitor graph features\n",
		argv[1]);
	return EXIT_BADINPUT;
}
