/* stats.h: connection and byte counters.
 *
 * Each worker owns one struct stats and is its only writer, so counters
 * are bumped with relaxed load+store (no locked instructions on the data
 * path); the main thread reads them for SIGUSR1 / --stats lines. */
#ifndef PROXY_STATS_H
#define PROXY_STATS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

enum stat_id {
	ST_ACTIVE,	/* open connections */
	ST_TOTAL,	/* accepted since start */
	ST_MPTCP,	/* the MPTCP side negotiated MPTCP */
	ST_FALLBACK,	/* the MPTCP side fell back to TCP */
	ST_FAILED,	/* could not connect to the remote */
	ST_RESET,	/* ended by a reset or error */
	ST_TO_REMOTE,	/* bytes accepted side -> remote */
	ST_TO_CLIENT,	/* bytes remote -> accepted side */
	ST_N
};

struct stats {
	_Atomic uint64_t v[ST_N];
} __attribute__((aligned(64)));

struct stats_snapshot {
	uint64_t v[ST_N];
};

static inline void stat_add(struct stats *s, enum stat_id id, int64_t n)
{
	uint64_t cur = atomic_load_explicit(&s->v[id], memory_order_relaxed);

	atomic_store_explicit(&s->v[id], cur + (uint64_t)n, memory_order_relaxed);
}

void stats_accumulate(struct stats_snapshot *sum, const struct stats *s);
/* One line: "stats: active=.. total=.. ...". Returns snprintf's count. */
int stats_format(const struct stats_snapshot *s, char *buf, size_t len);

#endif
