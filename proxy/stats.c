/* stats.c: summing and printing counters (see stats.h). */
#include "stats.h"

#include <inttypes.h>
#include <stdio.h>

void stats_accumulate(struct stats_snapshot *sum, const struct stats *s)
{
	for (int i = 0; i < ST_N; i++)
		sum->v[i] += atomic_load_explicit(&s->v[i], memory_order_relaxed);
}

int stats_format(const struct stats_snapshot *s, char *buf, size_t len)
{
	return snprintf(buf, len,
			"stats: active=%" PRIu64 " total=%" PRIu64
			" mptcp=%" PRIu64 " fallback=%" PRIu64
			" failed=%" PRIu64 " reset=%" PRIu64
			" bytes_to_remote=%" PRIu64 " bytes_to_client=%" PRIu64,
			s->v[ST_ACTIVE], s->v[ST_TOTAL], s->v[ST_MPTCP],
			s->v[ST_FALLBACK], s->v[ST_FAILED], s->v[ST_RESET],
			s->v[ST_TO_REMOTE], s->v[ST_TO_CLIENT]);
}
