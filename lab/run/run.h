/* run.h: the run engine behind `mptcp-lab run FILE`.
 *
 * run_topology() does the whole run of one checked topology: build the
 * lab, check that the kernel can report MPTCP events, subscribe to them
 * in every node that has expectations, start the services and wait until
 * each is ready, run the steps, stop the services, wait until the
 * connections have closed, drain and count the events, evaluate the
 * expectations and tear the lab down. Every outcome becomes an item of
 * the struct report (report.h); the engine itself prints nothing and
 * calls opts->progress after each item so the front end can.
 *
 * Everything a process printed and every event seen is kept in the run
 * directory (RUN_BASE/LAB/NODE/...), removed after a passing run unless
 * opts->keep. SIGINT/SIGTERM (lab_stop_requested) stop the run at the
 * next step and still tear everything down. */
#ifndef LAB_RUN_H
#define LAB_RUN_H

#include <stdbool.h>

#include "run/report.h"
#include "topo/topo.h"

#define RUN_DEFAULT_BASE "/var/tmp/mptcp-lab"

struct run_opts {
	const char *name;	/* lab name; NULL: lab_up's default */
	const char *base;	/* run directories; NULL: $MPTCP_LAB_RUN_DIR,
				 * else RUN_DEFAULT_BASE */
	bool strict;		/* a skip is a failure */
	bool keep;		/* keep the run directory after a pass */
	bool capture;		/* a pcap of every member interface (and
				 * the networks marked `capture` anyway);
				 * captures keep the run directory */
	double close_timeout;	/* wait for connections to close; 0: 5 s */
	bool services_only;	/* `up --services`: build, start the services
				 * (outliving us), stop there: the lab stays
				 * up, `down` stops them */
	bool keep_lab;		/* a failed run leaves the lab up
				 * (rep->lab_kept) */
	void (*progress)(const struct report *r, int index, void *arg);
	/* Each event as it is read (node name, formatted line), or NULL. */
	void (*on_event)(const char *node, const char *line, void *arg);
	void *arg;
};

/* Returns the verdict (also in rep->verdict) and fills rep (caller frees
 * with report_free). */
enum verdict run_topology(const struct topo *t, const struct run_opts *o,
			  struct report *rep);

#endif
