/* expect.c: event counts against expectations (see expect.h). */
#include "topo/expect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#include "util/event_names.h"

void expect_count(struct expect_counts *c, int type)
{
	if (type < 0 || type >= EXPECT_OTHER)
		type = EXPECT_OTHER;
	c->n[type]++;
}

static ssize_t conn_find(const struct expect_conns *o, uint32_t token)
{
	for (size_t i = o->n; i-- > 0;)	/* the newest are closed first */
		if (o->c[i].token == token)
			return (ssize_t)i;
	return -1;
}

static ssize_t conn_add(struct expect_conns *o, uint32_t token)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		struct expect_conn *c = realloc(o->c, cap * sizeof(*c));

		if (!c)
			return -ENOMEM;
		o->c = c;
		o->cap = cap;
	}
	o->c[o->n] = (struct expect_conn){ .token = token };
	return (ssize_t)o->n++;
}

/* Was this address id already announced on the connection? Marks it. */
static bool announced_again(struct expect_conn *c, int id)
{
	uint64_t bit = 1ULL << (id & 63);
	bool again = c->announced[id >> 6] & bit;

	c->announced[id >> 6] |= bit;
	return again;
}

int expect_count_conn(struct expect_counts *c, struct expect_conns *o,
		      int type, uint32_t token, int rem_id)
{
	ssize_t i = conn_find(o, token);
	bool has_id = rem_id >= 0 && rem_id <= 255;

	switch (type) {
	case MPTCP_EVENT_CLOSED:
		if (i < 0) {
			o->orphan_closed++;
			return 0;
		}
		o->c[i] = o->c[--o->n];
		break;
	case MPTCP_EVENT_CREATED:
		if (i < 0 && conn_add(o, token) < 0) {
			expect_count(c, type);
			return -ENOMEM;
		}
		break;
	case MPTCP_EVENT_ANNOUNCED:
		if (i >= 0 && has_id && announced_again(&o->c[i], rem_id)) {
			o->resent_announced++;
			return 0;
		}
		break;
	case MPTCP_EVENT_REMOVED:
		if (i >= 0 && has_id)
			o->c[i].announced[rem_id >> 6] &= ~(1ULL << (rem_id & 63));
		break;
	}
	expect_count(c, type);
	return 0;
}

void expect_conns_free(struct expect_conns *o)
{
	free(o->c);
	*o = (struct expect_conns){ 0 };
}

static bool in_range(long v, long min, long max)
{
	return v >= min && (max < 0 || v <= max);
}

int expect_eval(const struct topo *t, const struct expect_counts *per_node,
		feature_mask have, struct expect_result *out)
{
	int failed = 0;

	for (int i = 0; i < t->nexpects; i++) {
		const struct topo_expect *x = &t->expects[i];
		struct expect_result *r = &out[i];
		int ev = x->event >= 0 && x->event < EXPECT_OTHER ?
			 x->event : EXPECT_OTHER;

		r->node = x->node;
		r->event = x->event;
		r->min = x->min;
		r->max = x->max;
		r->actual = per_node[x->node].n[ev];
		r->missing = x->needs & ~have;
		r->ok = r->missing || in_range(r->actual, x->min, x->max);
		failed += !r->ok;
	}
	return failed;
}

bool expect_node_watched(const struct topo *t, int node)
{
	for (int i = 0; i < t->nexpects; i++)
		if (t->expects[i].node == node)
			return true;
	return false;
}

const char *expect_range_str(long min, long max, char *buf, size_t len)
{
	if (max < 0)
		snprintf(buf, len, ">=%ld", min);
	else if (min == max)
		snprintf(buf, len, "%ld", min);
	else if (min == 0)
		snprintf(buf, len, "<=%ld", max);
	else
		snprintf(buf, len, "%ld..%ld", min, max);
	return buf;
}

const char *expect_event_str(int type, char *buf, size_t len)
{
	const char *n = event_name(type);

	if (n)
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "EVENT_%d", type);
	return buf;
}
