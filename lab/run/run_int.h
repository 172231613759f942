/* run_int.h: the state of one run and the helpers every part of the run
 * engine uses: report items and the verdict (run_item.c), the run
 * directory (run_dir.c). The parts (run_watch.h, run_svc.h, run_step.h,
 * run_eval.h) include this; run.c sequences them. Nothing here calls
 * back into run.c. Not for use outside lab/run. */
#ifndef LAB_RUN_INT_H
#define LAB_RUN_INT_H

#include <limits.h>
#include <stdio.h>

#include "topo/expect.h"
#include "live/lab.h"
#include "kernel/kfeat.h"
#include "live/proc.h"
#include "run/report.h"
#include "run/run.h"

struct pm_monitor;
struct pollfd;

#define RUN_SEEN_MAX 200	/* event lines kept in memory per node */

/* One monitored node's events. */
struct run_watch {
	struct pm_monitor *mon;	/* NULL: node not monitored */
	FILE *log;		/* NODE/events.log */
	struct expect_counts counts;
	struct expect_conns conns;	/* open connections, orphan CLOSEDs */
	char *seen;		/* the event lines, for failure details */
	size_t seen_len;
	int seen_lines;
	bool lost;		/* ENOBUFS: the kernel dropped events */
};

struct run_svc {
	struct proc p;
	char out[PATH_MAX], err[PATH_MAX];
	bool gone;		/* had exited before the stop */
};

/* One tcpdump (run_capture.c). */
struct run_cap {
	struct proc p;
	bool running;
	char file[PATH_MAX], err[PATH_MAX];
};

/* A `start` step's process (the timeline, run_time.c). */
struct run_bg {
	struct proc p;
	bool running;		/* spawned and not yet joined or stopped */
	double deadline;	/* start + its timeout, CLOCK_MONOTONIC */
	char out[PATH_MAX], err[PATH_MAX];
};

struct run {
	const struct topo *t;
	const struct run_opts *o;
	struct report *rep;
	struct lab lab;
	bool lab_is_up;
	char dir[PATH_MAX];	/* the run directory */
	int dirfd;		/* open on it (-1 none): files are made in it */
	struct run_watch *w;	/* per node */
	struct run_svc *svc;	/* per service */
	struct pollfd *pfd;	/* run_wait's poll set: per node, + a pidfd */
	enum verdict verdict;	/* so far */
	struct run_bg *bg;	/* per step (START steps only used) */
	double t0_steps;	/* when the steps began: the timeline's zero */
	struct run_cap *cap;	/* captures (run_capture.c) */
	int ncap;
	bool captured;		/* pcaps were written: keep the run directory */
	/* assertions (run_assert.c) */
	uint64_t *samp;		/* [(nsteps + 1) * nifaces]: rx+tx bytes
				 * before step i, [nsteps]: after the last */
	bool *sampled;		/* [nsteps + 1] */
	long long *mib0;	/* [nasserts]: MIB counters before the steps */
	struct kfeat_set feat;	/* the kernel's features (run_kernel.c) */
	bool feat_known;
};

/* run_item.c */
/* Worse verdicts win: error > failure > skip > pass. */
void run_verdict(struct run *r, enum verdict v);

/* Add a report item and tell the front end. */
struct report_item *run_item(struct run *r, enum report_kind kind,
			     enum report_status st, double secs,
			     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void run_item_done(struct run *r);

/* The kernel lacks something: a skip item, or a failure with --strict;
 * why goes to the report's reason. */
void run_skip(struct run *r, const char *what, const char *why);
/* A setup item that failed with e's message: the verdict is an error.
 * Returns -1. */
int run_setup_failed(struct run *r, const char *what, double secs,
		     const struct lab_err *e);

/* argv as one line for item names (shortened if long). */
const char *run_argv_str(char *const argv[], char *buf, size_t len);

/* run_dir.c */
/* Make the run directory BASE/LAB (BASE: o->base, $MPTCP_LAB_RUN_DIR or
 * RUN_DEFAULT_BASE), replacing one an earlier run kept; sets r->dir. */
int run_dir_make(struct run *r, struct lab_err *e);
/* Remove r->dir and everything in it. */
void run_dir_remove(struct run *r);

/* A file in the run directory: DIR/NODE/NAME, its directory created. */
/* Where a process's stdout and stderr go: out and err (run_path()
 * paths) as names beneath the run directory's fd (proc.h). */
struct proc_io run_io(const struct run *r, const char *out, const char *err);
int run_path(struct run *r, int node, const char *name, char *buf,
	     size_t len);

/* The last n lines of a file, appended to it's detail after a heading. */
void run_detail_tail(struct report_item *it, const char *what,
		     const char *path, int n);

#endif
