/* cmd_check.c: `mptcp-lab check FILE`: parse and check a topology file
 * without touching the kernel. Prints "FILE: ok (...)" and exits 0, or
 * prints the one error line "FILE:LINE:COL: message" and exits 2. */
#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "topo/topo.h"

#include <stdio.h>
#include <string.h>

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = { CMD_COMMON_OPTS, { 0 } };
	struct cmd_args a = CMD_ARGS("check", argc, argv, "", opts);
	struct topo *t;

	if (cmd_args_next(&a) == CMD_ARGS_STOP)
		return a.status;
	if (argc - optind != 1)
		return cmd_usage_error("check", "expected one topology FILE");
	argv += optind - 1;
	t = cmd_load_topo(argv[1]);
	if (!t)
		return EXIT_BADINPUT;
	printf("%s: ok (%d nodes, %d networks, %d interfaces, %d routes, %d endpoints, %d services, %d steps, %d expectations)\n",
	       argv[1], t->nnodes, t->nnets, t->nifaces, t->nroutes,
	       t->nendpoints, t->nservices, t->nsteps, t->nexpects);
	topo_free(t);
	return EXIT_PASS;
}
