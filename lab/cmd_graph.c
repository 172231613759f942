/* cmd_graph.c: `mptcp-lab graph FILE`: the topology as Graphviz DOT on
 * stdout (`mptcp-lab graph x.topo | dot -Tsvg > x.svg`). A file that
 * does not pass `check` gets its error line and exit status 2. */
#include "cmd.h"
#include "graph.h"
#include "topo.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_graph(int argc, char **argv)
{
	struct topo_error err;
	struct topo *t;
	char line[1024], *dot;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: mptcp-lab graph FILE\n");
		return EXIT_BADINPUT;
	}
	t = topo_parse_file(argv[1], &err);
	if (!t || topo_check(t, &err) < 0) {
		topo_error_format(&err, line, sizeof(line));
		fprintf(stderr, "%s\n", line);
		topo_free(t);
		return EXIT_BADINPUT;
	}
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
