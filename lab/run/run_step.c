/* run_step.c: the run engine's steps, in file order: `run` (a command
 * with a timeout and an expected exit status), `wait` (poll a command
 * until it succeeds and prints what is asked) and `link` (configure an
 * interface something in the node creates). After a failed step the
 * rest are reported as skipped: they usually depend on it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "run/ready.h"
#include "run/run_assert.h"
#include "run/run_step.h"
#include "run/run_watch.h"
#include "util/argv_str.h"

#define KILL_GRACE 1.0	/* a timed-out step: SIGTERM, then SIGKILL */

void run_step_files(struct run *r, int i, char *out, char *err)
{
	char name[64];
	int node = r->t->steps[i].node;

	snprintf(name, sizeof(name), "step-%02d.stdout", i + 1);
	run_path(r, node, name, out, PATH_MAX);
	snprintf(name, sizeof(name), "step-%02d.stderr", i + 1);
	run_path(r, node, name, err, PATH_MAX);
}

void run_output_tails(struct report_item *it, const char *out,
		      const char *err)
{
	run_detail_tail(it, "stdout", out, 5);
	run_detail_tail(it, "stderr", err, 10);
}

/* Returns true if the step passed; fills the item. */
static bool step_run(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	char out[PATH_MAX], err[PATH_MAX];
	struct proc_io io;
	struct lab_err e = { 0 };
	struct proc p;
	double limit = st->timeout * time_scale();
	int rc;

	run_step_files(r, i, out, err);
	io = run_io(r, out, err);
	if (proc_spawn(&r->lab, st->node, st->argv, &io, &p, &e) < 0) {
		report_detail(it, "%s\n", e.msg);
		return false;
	}
	rc = run_wait_pid(r, p.pidfd, now_mono() + limit);
	if (rc <= 0) {
		proc_stop(&p, KILL_GRACE * time_scale());
		proc_release(&p);
		report_detail(it, rc < 0 ? "interrupted\n" :
			      "timed out after %g s, killed\n", limit);
		run_output_tails(it, out, err);
		return false;
	}
	proc_reap(&p);
	proc_release(&p);
	if (proc_exit_code(&p) == st->expect_exit)
		return true;
	report_detail(it, "exit status %d, expected %d\n", proc_exit_code(&p),
		      st->expect_exit);
	run_output_tails(it, out, err);
	return false;
}

static bool step_wait(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	double limit = st->timeout * time_scale();
	double deadline = now_mono() + limit;
	char out[PATH_MAX], err[PATH_MAX];
	struct lab_err e = { 0 };
	int rc;

	run_step_files(r, i, out, err);
	for (;;) {
		struct proc_io io = run_io(r, out, err);

		rc = ready_cmd_once(&r->lab, st->node, st->argv, st->match,
				    &io, deadline, &e);
		if (rc < 0) {
			report_detail(it, "%s\n", e.msg);
			return false;
		}
		if (rc == 1)
			return true;
		double next = now_mono() + st->interval;

		if (next >= deadline || lab_stop_requested)
			break;
		if (run_wait_pid(r, -1, next) < 0)
			break;
	}
	if (lab_stop_requested)
		report_detail(it, "interrupted\n");
	else if (st->match)
		report_detail(it, "no success with output containing '%s' within %g s\n",
			      st->match, limit);
	else
		report_detail(it, "no success within %g s\n", limit);
	report_detail(it, "last attempt:\n");
	run_output_tails(it, out, err);
	return false;
}

static bool step_link(struct run *r, int i, struct report_item *it)
{
	const struct topo_step *st = &r->t->steps[i];
	struct lab_err e = { 0 };

	if (lab_link_configure(&r->lab, st, now_mono() + st->timeout * time_scale(), &e) < 0) {
		report_detail(it, "%s\n", e.msg);
		return false;
	}
	return true;
}

/* "run NODE LABEL" for a named step, else "run NODE: CMD" with the
 * command quoted as a shell would need it. */
static void step_name(struct run *r, int i, bool runs, char *buf,
		      size_t len)
{
	const struct topo_step *st = &r->t->steps[i];

	if (st->kind >= TOPO_STEP_START) {
		run_time_name(r, i, runs ? now_mono() - r->t0_steps : -1, buf,
			      len);
		return;
	}
	const char *node = r->t->nodes[st->node].name;
	const char *verb = st->kind == TOPO_STEP_RUN ? "run" : "wait";
	char cmd[160];

	if (st->kind == TOPO_STEP_LINK)
		snprintf(buf, len, "link %s %s", node, st->ifname);
	else if (st->name[0])
		snprintf(buf, len, "%s %s %s", verb, node, st->name);
	else
		snprintf(buf, len, "%s %s: %s", verb, node,
			 argv_str(st->argv, cmd, sizeof(cmd)));
}

/* A step after a failed one, or after a stop request: skipped, with why. */
static void step_skipped(struct run *r, int i, const char *name,
			 const char *failed)
{
	struct report_item *it = run_item(r, REPORT_STEP, REPORT_SKIP, 0,
					  "%s", name);

	if (it) {
		if (r->t->steps[i].argv)
			argv_str(r->t->steps[i].argv, it->command,
				 sizeof(it->command));
		if (failed[0])
			report_detail(it, "an earlier step failed: %s\n", failed);
		else
			report_detail(it, "interrupted\n");
	}
	run_item_done(r);
}

static bool step_do(struct run *r, int i, struct report_item *it)
{
	switch (r->t->steps[i].kind) {
	case TOPO_STEP_RUN: return step_run(r, i, it);
	case TOPO_STEP_WAIT: return step_wait(r, i, it);
	case TOPO_STEP_LINK: return step_link(r, i, it);
	case TOPO_STEP_START: return run_step_start(r, i, it);
	case TOPO_STEP_JOIN: return run_step_join(r, i, it);
	case TOPO_STEP_SLEEP: return run_step_sleep(r, i, it);
	case TOPO_STEP_SET: return run_step_set(r, i, it);
	case TOPO_STEP_ENDPOINT: return run_step_endpoint(r, i, it);
	}
	return false;
}

void run_steps(struct run *r)
{
	char name[192], failed[192] = "";

	r->t0_steps = now_mono();
	r->bg = calloc(r->t->nsteps + 1, sizeof(*r->bg));
	if (!r->bg || run_assert_begin(r) < 0) {
		run_verdict(r, VERDICT_ERROR);
		return;
	}
	for (int i = 0; i < r->t->nsteps; i++) {
		struct report_item *it;
		double t0 = now_mono();
		bool ok;

		step_name(r, i, !failed[0] && !lab_stop_requested, name,
			  sizeof(name));
		if (failed[0] || lab_stop_requested) {
			step_skipped(r, i, name, failed);
			continue;
		}
		/* The item exists before the step runs so details can be
		 * added; its status and time are set after. */
		it = run_item(r, REPORT_STEP, REPORT_PASS, 0, "%s", name);
		if (!it)
			return;
		int idx = r->rep->nitems - 1;

		if (r->t->steps[i].argv)
			argv_str(r->t->steps[i].argv, it->command,
				 sizeof(it->command));
		run_assert_sample(r, i);
		ok = step_do(r, i, it);
		it = &r->rep->items[idx];
		it->secs = now_mono() - t0;
		r->rep->traffic_secs += it->secs;
		if (!ok) {
			it->status = REPORT_FAIL;
			/* Stopped by a signal: not the step's fault. */
			it->error = lab_stop_requested;
			snprintf(failed, sizeof(failed), "%s", name);
			run_verdict(r, lab_stop_requested ? VERDICT_ERROR : VERDICT_FAIL);
		}
		run_item_done(r);
	}
	run_bg_finish(r, failed[0]);
	if (!failed[0] && !lab_stop_requested)
		run_assert_sample(r, r->t->nsteps);
}
