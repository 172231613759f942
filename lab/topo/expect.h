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
#include <stdint.h>

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

/* The connections of one node seen CREATED and not yet CLOSED, by token,
 * with the remote address ids announced on each.
 * - The kernel also sends CLOSED for a token that never had CREATED (a
 *   refused MPTCP connect, or one whose SYN was dropped): that is no
 *   connection, so it is counted apart (orphan_closed), never as CLOSED.
 * - It sends ANNOUNCED for every ADD_ADDR it receives, and a peer sends
 *   the same one again when its echo did not come back within
 *   net.mptcp.add_addr_timeout (a slow or lossy path, or 6.1 missing the
 *   echo). The same address id on the same connection, until a REMOVED
 *   of it, is the same announcement: counted apart (resent_announced). */
struct expect_conn {
	uint32_t token;
	uint64_t announced[4];	/* remote address ids 0..255 */
};

struct expect_conns {
	struct expect_conn *c;
	size_t n, cap;
	long orphan_closed;
	long resent_announced;
};

/* Count an event that carries a connection token; rem_id is its remote
 * address id, or -1 when it has none. Returns 0, or -ENOMEM (the event is
 * still counted). */
int expect_count_conn(struct expect_counts *c, struct expect_conns *open,
		      int type, uint32_t token, int rem_id);
void expect_conns_free(struct expect_conns *open);

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
