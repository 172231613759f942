/* run_int.h: the run engine's parts, shared by run.c (the sequence),
 * run_eval.c (the verdict on the expectations),
 * run_watch.c (event monitors), run_svc.c (services) and run_step.c
 * (steps). Not for use outside the engine. */
#ifndef LAB_RUN_INT_H
#define LAB_RUN_INT_H

#include <limits.h>
#include <stdio.h>

#include "topo/expect.h"
#include "live/lab.h"
#include "live/proc.h"
#include "run/report.h"
#include "run/run.h"

struct pm_monitor;

#define RUN_SEEN_MAX 200	/* event lines kept in memory per node */

/* One monitored node's events. */
struct run_watch {
	struct pm_monitor *mon;	/* NULL: node not monitored */
	FILE *log;		/* NODE/events.log */
	struct expect_counts counts;
	char *seen;		/* the event lines, for failure details */
	size_t seen_len;
	int seen_lines;
	bool lost;		/* ENOBUFS: the kernel dropped events */
};

struct run_svc {
	struct proc p;
	char out[PATH_MAX], err[PATH_MAX];
};

struct run {
	const struct topo *t;
	const struct run_opts *o;
	struct report *rep;
	struct lab lab;
	bool lab_is_up;
	char dir[PATH_MAX];	/* the run directory */
	struct run_watch *w;	/* per node */
	struct run_svc *svc;	/* per service */
	int rc;			/* verdict so far, EXIT_* */
};

/* Worse verdicts win: setup error > failure > skip > pass. */
void run_verdict(struct run *r, int rc);

/* Add a report item and tell the front end. */
struct report_item *run_item(struct run *r, enum report_kind kind,
			     enum report_status st, double secs,
			     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void run_item_done(struct run *r);

/* A file in the run directory: DIR/NODE/NAME, its directory created. */
int run_path(struct run *r, int node, const char *name, char *buf,
	     size_t len);

/* The last n lines of a file, appended to it's detail after a heading. */
void run_detail_tail(struct report_item *it, const char *what,
		     const char *path, int n);

/* argv as one line for item names (shortened if long). */
const char *run_argv_str(char *const argv[], char *buf, size_t len);

/* run_watch.c */
int run_watch_open(struct run *r, struct lab_err *e);
void run_watch_drain(struct run *r);
void run_watch_close(struct run *r);
/* Poll until pidfd is readable (1), events were read (2), deadline
 * passes (0) or a stop is requested (-EINTR). pidfd -1: none. */
int run_wait(struct run *r, int pidfd, double deadline);
/* run_wait, but only the pid's exit, the deadline or a stop end it. */
int run_wait_pid(struct run *r, int pidfd, double deadline);
/* Until every watched node has seen as many CLOSED as CREATED, or no
 * event came for `quiet` seconds, or deadline. True if all closed. */
bool run_watch_wait_closed(struct run *r, double deadline, double quiet);

/* run_eval.c: evaluate the expectations, fill the report's counts. */
void run_evaluate(struct run *r);

/* run_svc.c */
int run_services_start(struct run *r);
void run_services_stop(struct run *r);

/* run_step.c */
void run_steps(struct run *r);

#endif
