/* cmd_up.c: `mptcp-lab up FILE [--name NAME] [--state-dir DIR]`: build
 * the lab and leave it running; say how to enter each node. */
#include "cli/cmd.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "live/lab.h"

static void on_stop(int sig)
{
	(void)sig;
	lab_stop_requested = 1;
}

/* Ctrl-C and SIGTERM only set a flag: lab_up() notices it between
 * objects and rolls back, so nothing half-built is left. */
static void install_stop_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static int usage(const char *why, const char *word)
{
	fprintf(stderr, "mptcp-lab up: %s%s%s\n"
			"usage: mptcp-lab up FILE [--name NAME] [--state-dir DIR]\n",
		why, word ? ": " : "", word ? word : "");
	return EXIT_BADINPUT;
}

static void print_lab(const struct lab *lab, const struct topo *t)
{
	printf("lab %s is up (%s, state in %s)\n", lab->name, t->file, lab->dir);
	for (int i = 0; i < t->nnodes; i++)
		printf("  %-16s netns %s\n", t->nodes[i].name, lab->nsname[i]);
	if (lab->nsfd[t->nnodes] >= 0)
		printf("  %-16s netns %s (bridges of networks with more than two members)\n",
		       "(switch)", lab->nsname[t->nnodes]);
	if (t->nnodes > 0) {
		printf("enter a node: ip netns exec %s bash\n", lab->nsname[0]);
		printf("          or: mptcp-lab exec %s %s -- bash\n",
		       lab->name, t->nodes[0].name);
	}
	printf("tear down:    mptcp-lab down %s\n", lab->name);
}

int cmd_up(int argc, char **argv)
{
	const char *file = NULL, *name = NULL;
	struct lab_err e = { 0 };
	struct lab lab;
	struct topo *t;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--name") || !strcmp(argv[i], "--state-dir")) {
			if (i + 1 >= argc)
				return usage("expected a value after", argv[i]);
			if (argv[i][2] == 'n')
				name = argv[++i];
			else
				lab_set_state_dir(argv[++i]);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage("unknown option", argv[i]);
		} else if (file) {
			return usage("expected one FILE, got another", argv[i]);
		} else {
			file = argv[i];
		}
	}
	if (!file)
		return usage("expected a topology FILE", NULL);
	if (!(t = cmd_load_topo(file)))
		return EXIT_BADINPUT;
	install_stop_handlers();
	err = lab_up(&lab, t, name, &e);
	if (err) {
		fprintf(stderr, "mptcp-lab up: %s%s\n", e.msg,
			(err == -EPERM || err == -EACCES) && geteuid() != 0
			? " (mptcp-lab up needs root)" : "");
		topo_free(t);
		return err == -EINVAL || err == -ENAMETOOLONG ? EXIT_BADINPUT
							       : EXIT_SETUP;
	}
	print_lab(&lab, t);
	lab_close(&lab);
	topo_free(t);
	return EXIT_PASS;
}
