/* run_time.c: the timeline's steps: `start` (a command in the
 * background), `join` (wait for it, check its exit status), `sleep`,
 * `set` (an interface or a whole network down/up, its link properties
 * changed) and `endpoint` (MPTCP endpoints added, deleted, flagged).
 * Actions go through the same lab/live and lab/kernel code as `up`; each
 * item's name carries its offset from the first step. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "run/run_step.h"
#include "run/run_watch.h"
#include "util/argv_str.h"

#define KILL_GRACE 1.0

static const char *const ep_verb[] = {
	[TOPO_EP_ADD] = "add", [TOPO_EP_DELETE] = "delete",
	[TOPO_EP_BACKUP] = "backup", [TOPO_EP_NOBACKUP] = "nobackup",
};

/* "down rate 5mbit delay 0us" */
static void set_words(const struct topo_step *st, char *buf, size_t len)
{
	size_t n = 0;
	char v[32];

	buf[0] = '\0';
	if (st->updown)
		n += snprintf(buf, len, "%s", st->updown > 0 ? "up" : "down");
	for (int p = 0; p < TOPO_NPROPS && n < len; p++)
		if (st->shape.set & (1u << p))
			n += snprintf(buf + n, len - n, "%s%s %s", n ? " " : "",
				      topo_prop_names[p],
				      topo_prop_str(&st->shape, p, v, sizeof(v)));
}

void run_time_name(struct run *r, int i, double offset, char *buf,
		   size_t len)
{
	const struct topo_step *st = &r->t->steps[i];
	const char *node = st->node >= 0 ? r->t->nodes[st->node].name : "";
	char what[160], a[64];

	switch (st->kind) {
	case TOPO_STEP_START:
		snprintf(buf, len, "start %s %s", node, st->name);
		break;
	case TOPO_STEP_JOIN:
		snprintf(buf, len, "join %s", st->name);
		break;
	case TOPO_STEP_SLEEP:
		snprintf(buf, len, "sleep %g s", st->timeout);
		break;
	case TOPO_STEP_SET:
		set_words(st, what, sizeof(what));
		if (st->net >= 0)
			snprintf(buf, len, "set network %s %s",
				 r->t->nets[st->net].name, what);
		else
			snprintf(buf, len, "set %s %s %s", node, st->ifname, what);
		break;
	default:
		snprintf(buf, len, "endpoint %s %s %s", node, ep_verb[st->ep_op],
			 topo_addr_str(&st->ep.addr, false, a, sizeof(a)));
		break;
	}
	if (offset >= 0)
		snprintf(buf + strlen(buf), len - strlen(buf), " at +%.3f s",
			 offset);
}

bool run_step_start(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	struct run_bg *b = &r->bg[i];
	struct proc_io io;
	struct lab_err e = { 0 };

	run_step_files(r, i, b->out, b->err);
	io = run_io(r, b->out, b->err);
	if (proc_spawn(&r->lab, st->node, st->argv, &io, &b->p, &e) < 0) {
		report_detail(it, "%s\n", e.msg);
		return false;
	}
	b->running = true;
	b->deadline = now_mono() + st->timeout;
	return true;
}

/* Wait for the started command of step s (until its own deadline) and
 * check its exit status. */
static bool join_bg(struct run *r, int s, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[s];
	struct run_bg *b = &r->bg[s];
	int rc;

	if (!b->running) {
		report_detail(it, "%s was not started\n", st->name);
		return false;
	}
	rc = run_wait_pid(r, b->p.pidfd, b->deadline);
	b->running = false;
	if (rc <= 0) {
		proc_stop(&b->p, KILL_GRACE);
		proc_release(&b->p);
		report_detail(it, rc < 0 ? "interrupted\n" :
			      "timed out after %g s from its start, killed\n",
			      st->timeout);
		run_output_tails(it, b->out, b->err);
		return false;
	}
	proc_reap(&b->p);
	proc_release(&b->p);
	if (proc_exit_code(&b->p) == st->expect_exit)
		return true;
	report_detail(it, "exit status %d, expected %d\n",
		      proc_exit_code(&b->p), st->expect_exit);
	run_output_tails(it, b->out, b->err);
	return false;
}

bool run_step_join(struct run *r, int i, struct report_item *it)
{
	return join_bg(r, r->t->steps[i].target, it);
}

bool run_step_sleep(struct run *r, int i, struct report_item *it)
{
	double until = now_mono() + r->t->steps[i].timeout;

	while (now_mono() < until)
		if (run_wait_pid(r, -1, until) < 0) {
			report_detail(it, "interrupted\n");
			return false;
		}
	return true;
}

/* One interface: its shape from the file with the step's words over it
 * (so `set ... rate 5mbit` keeps the file's delay), then up/down. */
static int set_one(struct run *r, const struct topo_step *st, int f,
		   struct lab_err *e)
{
	const struct topo_iface *fi = &r->t->ifaces[f];
	struct topo_shape s = fi->shape;

	topo_shape_overlay(&s, &st->shape);
	return lab_iface_set(&r->lab, fi->node, fi->ifname, st->updown,
			     st->shape.set ? &s : NULL, e);
}

bool run_step_set(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	struct lab_err e = { 0 };
	int rc = 0;

	for (int f = 0; !rc && f < r->t->nifaces; f++) {
		const struct topo_iface *fi = &r->t->ifaces[f];

		if (st->net >= 0 ? fi->net == st->net :
		    fi->node == st->node && !strcmp(fi->ifname, st->ifname))
			rc = set_one(r, st, f, &e);
	}
	if (rc) {
		report_detail(it, "%s:%d:%d: %s\n", st->loc.file, st->loc.line,
			      st->loc.col, e.msg);
		return false;
	}
	return true;
}

bool run_step_endpoint(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	struct lab_err e = { 0 };

	if (lab_endpoint_change(&r->lab, st, &e) < 0) {
		report_detail(it, "%s:%d:%d: %s\n", st->loc.file, st->loc.line,
			      st->loc.col, e.msg);
		return false;
	}
	return true;
}

void run_bg_finish(struct run *r, bool failed)
{
	char name[192];

	for (int i = 0; r->bg && i < r->t->nsteps; i++) {
		struct run_bg *b = &r->bg[i];
		struct report_item *it;
		double t0 = now_mono();

		if (!b->running)
			continue;
		if (failed || lab_stop_requested) {
			proc_stop(&b->p, KILL_GRACE);
			proc_release(&b->p);
			b->running = false;
			continue;
		}
		snprintf(name, sizeof(name), "join %s (end of the steps) at +%.3f s",
			 r->t->steps[i].name, t0 - r->t0_steps);
		it = run_item(r, REPORT_STEP, REPORT_PASS, 0, "%s", name);
		if (!it)
			continue;
		int idx = r->rep->nitems - 1;
		bool ok = join_bg(r, i, it);

		it = &r->rep->items[idx];
		it->secs = now_mono() - t0;
		if (!ok) {
			it->status = REPORT_FAIL;
			failed = true;
			run_verdict(r, lab_stop_requested ? VERDICT_ERROR : VERDICT_FAIL);
		}
		run_item_done(r);
	}
	free(r->bg);
	r->bg = NULL;
}
