/* cmd.h: the verbs of mptcp-lab. Each lives in its own cmd_<verb>.c, parses
 * its own arguments (argv[0] is the verb), prints what the user sees and
 * returns the process exit status (see EXIT_* below). */
#ifndef LAB_CMD_H
#define LAB_CMD_H

#include "topo/topo.h"

/* Exit statuses shared by all verbs (issue #4 defines them for run). Only
 * the command line knows them: the run engine returns an enum verdict
 * (report.h) that cmd_run.c maps to one of these. */
enum {
	EXIT_PASS = 0,		/* success / every expectation held */
	EXIT_FAIL = 1,		/* an expectation failed */
	EXIT_BADINPUT = 2,	/* bad command line or topology file */
	EXIT_SETUP = 3,		/* setup or environment error */
	EXIT_SKIP = 4,		/* the kernel lacks a feature */
};

/* Parse and check a topology file; on failure print its error line and
 * return NULL (the caller exits EXIT_BADINPUT). */
struct topo *cmd_load_topo(const char *file);

/* A --name for a lab of t: 0, or -1 after printing a usage error (the
 * caller exits EXIT_BADINPUT), for up and run alike. */
int cmd_check_name(const char *verb, const char *name, const struct topo *t);

int cmd_check(int argc, char **argv);
int cmd_graph(int argc, char **argv);
int cmd_features(int argc, char **argv);
int cmd_up(int argc, char **argv);
int cmd_down(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_xfer(int argc, char **argv);

#endif
