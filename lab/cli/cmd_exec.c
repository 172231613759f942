/* cmd_exec.c: `mptcp-lab exec NAME NODE -- CMD [ARG...]`: run a command in
 * a node of a running lab, with the node's network namespace and mounts
 * (node_env.h), as the run engine runs services and steps. mptcp-lab
 * becomes the command (execvp), so its exit status, signals and terminal
 * are the command's own. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "live/lab.h"
#include "live/node_env.h"
#include "live/proc.h"

static void list_nodes(const struct topo *t)
{
	fprintf(stderr, "nodes:");
	for (int i = 0; i < t->nnodes; i++)
		fprintf(stderr, " %s", t->nodes[i].name);
	fprintf(stderr, "\n");
}

int cmd_exec(int argc, char **argv)
{
	struct lab lab = { 0 };
	struct lab_err e = { 0 };
	struct topo *t = NULL;
	char buf[PATH_MAX];
	const char *path;
	static const struct option opts[] = { CMD_COMMON_OPTS, { 0 } };
	struct cmd_args a = CMD_ARGS("exec", argc, argv, "", opts);
	int i, node;

	/* Options stop at NAME: what follows NODE is the command's own. */
	a.stop_at_operand = 1;
	if (cmd_args_next(&a) == CMD_ARGS_STOP)
		return a.status;
	i = optind;
	if (argc - i < 2)
		return cmd_usage_error("exec", "expected a lab NAME and a NODE");
	const char *name = argv[i], *nodename = argv[i + 1];

	i += 2;
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		return cmd_usage_error("exec", "expected a command after '%s'",
				       argv[i - 1]);
	if (lab_open(&lab, name, &t, &e) < 0) {
		fprintf(stderr, "mptcp-lab exec: lab %s: %s\n", name, e.msg);
		return e.code == -ENOENT ? EXIT_BADINPUT : EXIT_SETUP;
	}
	node = topo_node_find(t, nodename);
	if (node < 0) {
		fprintf(stderr, "mptcp-lab exec: lab %s has no node '%s'\n",
			name, nodename);
		list_nodes(t);
		lab_close(&lab);
		topo_free(t);
		return EXIT_BADINPUT;
	}
	if (node_env_prepare(&lab, node, &e) < 0 ||
	    node_env_enter(&lab, node, &e) < 0) {
		fprintf(stderr, "mptcp-lab exec: node %s: %s\n", nodename, e.msg);
		lab_close(&lab);
		topo_free(t);
		return EXIT_SETUP;
	}
	lab_close(&lab);
	topo_free(t);	/* nothing may leak if exec fails (LSan builds) */
	path = proc_resolve(argv[i], buf, sizeof(buf));
	execvp(path, argv + i);
	fprintf(stderr, "mptcp-lab exec: %s: %m\n", argv[i]);
	return errno == ENOENT ? 127 : 126;
}
