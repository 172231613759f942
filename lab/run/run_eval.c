/* run_eval.c: the run engine's verdict on the expectations: counts from
 * the event monitors against the topology's `expect` lines (expect.c),
 * one report item each, with the events seen in the node when one fails
 * (listed once per node, however many of its expectations fail). */
#include <stdlib.h>
#include <string.h>

#include "run/run_eval.h"

/* The kernel lacks what the count needs: a skipped item, naming the
 * features (with --strict, a failure). */
static void not_checked(struct run *r, const struct expect_result *x,
			const char *node, const char *ev, const char *range)
{
	bool strict = r->o->strict;
	char lacks[256];
	struct report_item *it;

	feature_list(x->missing, lacks, sizeof(lacks));
	it = run_item(r, REPORT_EXPECT, strict ? REPORT_FAIL : REPORT_SKIP, 0,
		      "expect %s %s%s%s: not checked, the kernel lacks %s",
		      node, ev, range[0] == '<' || range[0] == '>' ? "" : "=",
		      range, lacks);
	if (it) {
		snprintf(it->node, sizeof(it->node), "%s", node);
		snprintf(it->event, sizeof(it->event), "%s", ev);
		it->min = x->min;
		it->max = x->max;
		it->actual = x->actual;
		report_detail(it, "the kernel lacks %s%s\n", lacks,
			      strict ? " (--strict: a skip is a failure)" : "");
	}
	if (strict)
		run_verdict(r, VERDICT_FAIL);
	run_item_done(r);
}

/* The events a node saw, listed once per node: under its first failed
 * expectation; later ones point there instead of repeating the list. */
static void events_seen(struct run *r, struct report_item *it, int node,
			char (*listed)[192])
{
	const struct run_watch *w = &r->w[node];
	const char *name = r->t->nodes[node].name;

	if (listed[node][0]) {
		report_detail(it, "events seen in %s (%d): listed under '%s'\n",
			      name, w->seen_lines, listed[node]);
		return;
	}
	snprintf(listed[node], sizeof(listed[node]), "%s", it->name);
	report_detail(it, "events seen in %s (%d):\n", name, w->seen_lines);
	for (char *p = w->seen, *nl; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		report_detail(it, "  %.*s\n", (int)(nl - p), p);
	}
	if (!w->seen_lines)
		report_detail(it, "  (none)\n");
	if (w->seen_lines > RUN_SEEN_MAX)
		report_detail(it, "  ... %d more in %s/events.log\n",
			      w->seen_lines - RUN_SEEN_MAX, name);
}

static void one_expectation(struct run *r, const struct expect_result *x,
			    char (*listed)[192])
{
	const char *node = r->t->nodes[x->node].name;
	char range[32], ev[32];
	struct report_item *it;

	expect_range_str(x->min, x->max, range, sizeof(range));
	expect_event_str(x->event, ev, sizeof(ev));
	if (x->missing) {
		not_checked(r, x, node, ev, range);
		return;
	}
	it = run_item(r, REPORT_EXPECT, x->ok ? REPORT_PASS : REPORT_FAIL, 0,
		      "expect %s %s%s%s", node, ev,
		      range[0] == '<' || range[0] == '>' ? "" : "=", range);
	if (!it)
		return;
	snprintf(it->node, sizeof(it->node), "%s", node);
	snprintf(it->event, sizeof(it->event), "%s", ev);
	it->min = x->min;
	it->max = x->max;
	it->actual = x->actual;
	if (!x->ok) {
		report_detail(it, "%s in %s: expected %s, actual %ld\n", ev,
			      node, range, x->actual);
		events_seen(r, it, x->node, listed);
	}
	run_item_done(r);
}

/* Events the counts leave out, said once per node: CLOSED for tokens
 * that never had CREATED (a refused or dropped MPTCP connect), and
 * ANNOUNCED for an ADD_ADDR the peer sent again (expect.h). */
static void uncounted(struct run *r, int node, long n, const char *what,
		      const char *why)
{
	struct report_item *it;

	if (!n)
		return;
	it = run_item(r, REPORT_TEARDOWN, REPORT_PASS, 0,
		      "events of %s: %ld %s, not counted",
		      r->t->nodes[node].name, n, what);
	if (it)
		report_detail(it, "%s\n", why);
	run_item_done(r);
}

static void uncounted_events(struct run *r)
{
	for (int i = 0; i < r->t->nnodes; i++) {
		uncounted(r, i, r->w[i].conns.orphan_closed,
			  "CLOSED without CREATED",
			  "the kernel reports CLOSED for an MPTCP connect that was refused or whose SYN was dropped; it was no connection");
		uncounted(r, i, r->w[i].conns.resent_announced,
			  "ANNOUNCED again (a re-sent ADD_ADDR)",
			  "the peer sends an ADD_ADDR again when its echo does not come back within net.mptcp.add_addr_timeout; the same address id on the same connection is one announcement");
	}
}

void run_evaluate(struct run *r)
{
	const struct topo *t = r->t;
	struct expect_counts *counts = calloc(t->nnodes, sizeof(*counts));
	struct expect_result *res = calloc(t->nexpects + 1, sizeof(*res));
	struct report *rep = r->rep;
	/* Per node: the expectation whose detail lists its events. */
	char (*listed)[192] = calloc(t->nnodes, sizeof(*listed));

	if (!counts || !res || !listed) {
		free(counts);
		free(res);
		free(listed);
		snprintf(rep->reason, sizeof(rep->reason),
			 "out of memory evaluating the expectations");
		run_verdict(r, VERDICT_ERROR);
		return;
	}
	uncounted_events(r);
	for (int i = 0; i < t->nnodes; i++)
		counts[i] = r->w[i].counts;
	if (expect_eval(t, counts, r->feat_known ? r->feat.present :
			(feature_mask)-1, res) > 0)
		run_verdict(r, VERDICT_FAIL);
	for (int i = 0; i < t->nexpects; i++)
		one_expectation(r, &res[i], listed);
	free(counts);
	free(res);
	free(listed);
	rep->nodes = calloc(t->nnodes, sizeof(*rep->nodes));
	for (int i = 0; rep->nodes && i < t->nnodes; i++) {
		if (!r->w[i].mon)
			continue;
		struct report_node *n = &rep->nodes[rep->nnodes++];

		snprintf(n->name, sizeof(n->name), "%s", t->nodes[i].name);
		n->counts = r->w[i].counts;
	}
}
