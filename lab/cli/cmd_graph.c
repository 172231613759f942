/* cmd_graph.c: `mptcp-lab graph FILE`: the topology as Graphviz DOT on
 * stdout (`mptcp-lab graph x.topo | dot -Tsvg > x.svg`). A file that
 * does not pass `check` gets its error line and exit status 2. */
#include "cli/cmd.h"
#include "topo/graph.h"
#include "topo/topo.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_graph(int argc, char **argv)
{
	struct topo *t;
	char *dot;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: mptcp-lab graph FILE\n");
		return EXIT_BADINPUT;
	}
	t = cmd_load_topo(argv[1]);
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
