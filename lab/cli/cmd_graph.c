/* cmd_graph.c: `mptcp-lab graph FILE`: the topology as Graphviz DOT on
 * stdout (`mptcp-lab graph x.topo | dot -Tsvg > x.svg`). A file that
 * does not pass `check` gets its error line and exit status 2. */
#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "topo/graph.h"
#include "topo/topo.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_graph(int argc, char **argv)
{
	static const struct option opts[] = { CMD_COMMON_OPTS, { 0 } };
	struct cmd_args a = CMD_ARGS("graph", argc, argv, "", opts);
	struct topo *t;
	char *dot;

	if (cmd_args_next(&a) == CMD_ARGS_STOP)
		return a.status;
	if (argc - optind != 1)
		return cmd_usage_error("graph", "expected one topology FILE");
	t = cmd_load_topo(argv[optind]);
	if (!t)
		return EXIT_BADINPUT;
	dot = graph_dot(t);
	topo_free(t);
	if (!dot) {
		fprintf(stderr, "mptcp-lab: graph: out of memory\n");
		return EXIT_SETUP;
	}
	fputs(dot, stdout);
	free(dot);
	return fflush(stdout) == 0 ? EXIT_PASS : EXIT_SETUP;
}
