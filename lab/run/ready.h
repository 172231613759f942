/* ready.h: is a service ready? Probes the run engine polls against a
 * deadline (never a fixed sleep).
 *
 * Whether a port LISTENs is the kernel layer's question
 * (kernel/sock_diag.h). ready_cmd_once() runs a command in the node and
 * says whether it succeeded (and printed the text asked for). */
#ifndef LAB_READY_H
#define LAB_READY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "live/lab.h"
#include "live/proc.h"

/* Run argv once in node, killing it at deadline (CLOCK_MONOTONIC s).
 * stdout goes to io->out (needed when match is set), stderr to io->err
 * (NULL: /dev/null), relative names beneath io->dirfd (proc.h). 1: exited 0 and stdout contains match (if not NULL);
 * 0: not (yet); < 0: it could not be started at all. */
int ready_cmd_once(const struct lab *lab, int node, char *const argv[],
		   const char *match, const struct proc_io *io,
		   double deadline, struct lab_err *e);

/* Does the file at path contain text? (Reads at most its first MiBs.) */
bool ready_file_contains(const char *path, const char *text);

#endif
