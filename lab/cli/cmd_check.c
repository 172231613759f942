/* cmd_check.c: `mptcp-lab check FILE`: parse and check a topology file
 * without touching the kernel. Prints "FILE: ok (...)" and exits 0, or
 * prints the one error line "FILE:LINE:COL: message" and exits 2. */
#include "cli/cmd.h"
#include "topo/topo.h"

#include <stdio.h>
#include <string.h>

int cmd_check(int argc, char **argv)
{
	struct topo *t;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: mptcp-lab check FILE\n");
		return EXIT_BADINPUT;
	}
	t = cmd_load_topo(argv[1]);
	if (!t)
		return EXIT_BADINPUT;
	printf("%s: ok (%d nodes, %d networks, %d interfaces, %d routes, %d endpoints, %d services, %d steps, %d expectations)\n",
	       argv[1], t->nnodes, t->nnets, t->nifaces, t->nroutes,
	       t->nendpoints, t->nservices, t->nsteps, t->nexpects);
	topo_free(t);
	return EXIT_PASS;
}
