/* expect.h: checking a run's MPTCP event counts against a topology's
 * `expect` lines. Pure code: counts in, verdicts out.
 *
 * Counts are kept per node and per event number; numbers beyond the
 * table (events a newer kernel may invent) land in one "other" bucket so
 * they are still shown, never silently lost. */
#ifndef LAB_EXPECT_H
#define LAB_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "topo/topo.h"

#define EXPECT_NEV 32			/* event numbers 0..31 */
#define EXPECT_OTHER (EXPECT_NEV - 1)	/* bucket for anything larger */

struct expect_counts {
	long n[EXPECT_NEV];
};

struct expect_result {
	int node;
	int event;
	long min, max;		/* max -1: no upper bound */
	long actual;
	bool ok;		/* held, or was not checked */
	feature_mask missing;	/* features it needs that the kernel lacks:
				 * not checked */
};

/* Count one event of kernel type `type` (any number). */
void expect_count(struct expect_counts *c, int type);

/* Evaluate every expectation of t against per_node[t->nnodes] on a
 * kernel with the features `have`; out has room for t->nexpects results.
 * One that needs a feature outside `have` is not checked (missing says
 * which). Returns how many failed. */
int expect_eval(const struct topo *t, const struct expect_counts *per_node,
		feature_mask have, struct expect_result *out);

/* Does node have at least one expectation (and so needs monitoring)? */
bool expect_node_watched(const struct topo *t, int node);

/* "2", ">=1", "<=3", "1..3" (the topology file's notation, without '='
 * for an exact count). */
const char *expect_range_str(long min, long max, char *buf, size_t len);

/* Event name for reports: "CREATED", or "EVENT_42" for an unknown one. */
const char *expect_event_str(int type, char *buf, size_t len);

#endif
