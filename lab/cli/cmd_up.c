/* cmd_up.c: `mptcp-lab up FILE [--name NAME] [--services] [--state-dir
 * DIR]`: build the lab and leave it running; say how to enter each node.
 * With --services the run engine (run.h) also starts the file's services
 * and leaves them running too; `down` stops them. */
#include "cli/cmd.h"
#include "cli/cmd_args.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "live/lab.h"
#include "run/run.h"

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

static void progress(const struct report *r, int index, void *arg)
{
	(void)arg;
	report_item_print(stdout, REPORT_HUMAN, r, index);
}

/* --services: the run engine builds the lab and starts the services,
 * then leaves both; on any failure it tears the lab down. */
static int up_services(const struct topo *t, const char *name)
{
	struct run_opts o = { .name = name, .services_only = true,
			      .progress = progress };
	struct report rep = { 0 };
	enum verdict v;

	signal(SIGPIPE, SIG_IGN);
	v = run_topology(t, &o, &rep);
	if (v != VERDICT_PASS || !rep.lab_kept) {
		fprintf(stderr, "mptcp-lab up: %s\n",
			rep.reason[0] ? rep.reason : "the services did not start; the lab was torn down");
		report_free(&rep);
		return v == VERDICT_SKIP ? EXIT_SKIP : EXIT_SETUP;
	}
	printf("lab %s is up with %d service%s running (logs in %s)\n",
	       rep.lab, t->nservices, t->nservices == 1 ? "" : "s",
	       rep.run_dir[0] ? rep.run_dir : "-");
	if (t->nnodes)
		printf("enter a node: mptcp-lab exec %s %s -- bash\n", rep.lab,
		       t->nodes[0].name);
	printf("tear down:    mptcp-lab down %s (stops the services too)\n",
	       rep.lab);
	report_free(&rep);
	return EXIT_PASS;
}

int cmd_up(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "services", no_argument, NULL, 's' },
		CMD_COMMON_OPTS,
		{ 0 },
	};
	struct cmd_args a = CMD_ARGS("up", argc, argv, "", opts);
	const char *name = NULL;
	bool services = false;
	struct lab_err e = { 0 };
	struct lab lab;
	struct topo *t;
	int c, err;

	while ((c = cmd_args_next(&a)) != -1) {
		if (c == CMD_ARGS_STOP)
			return a.status;
		if (c == 'n')
			name = optarg;
		if (c == 's')
			services = true;
	}
	if (argc - optind != 1)
		return argc == optind ? cmd_usage_error("up", "expected a topology FILE")
			: cmd_usage_error("up", "expected one topology FILE, got '%s' too",
					  argv[optind + 1]);
	if (!(t = cmd_load_topo(argv[optind])))
		return EXIT_BADINPUT;
	if (name && cmd_check_name("up", name, t) < 0) {
		topo_free(t);
		return EXIT_BADINPUT;
	}
	install_stop_handlers();
	if (services) {
		err = up_services(t, name);
		topo_free(t);
		return err;
	}
	err = lab_up(&lab, t, name, &e);
	if (err) {
		fprintf(stderr, "mptcp-lab up: %s%s\n", e.msg,
			(err == -EPERM || err == -EACCES) && geteuid() != 0
			? " (mptcp-lab up needs root)" : "");
		topo_free(t);
		/* The file and the name were checked above: whatever fails
		 * now is the kernel's or the host's refusal. */
		return EXIT_SETUP;
	}
	print_lab(&lab, t);
	lab_close(&lab);
	topo_free(t);
	return EXIT_PASS;
}
