/* run.c: the run engine's sequence (see run.h): bring the lab up, watch,
 * start the services, run the steps, stop, count, evaluate, tear down.
 * The parts it calls have their own files and headers (run_*.h). */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live/node_env.h"
#include "kernel/pm_monitor.h"
#include "run/run_assert.h"
#include "run/run_capture.h"
#include "run/run_eval.h"
#include "run/run_kernel.h"
#include "run/run_step.h"
#include "run/run_svc.h"
#include "run/run_watch.h"

#define CLOSE_TIMEOUT 5.0
/* The kernel reports CLOSED from close() itself, so once the services are
 * reaped their events are queued: a short silence means no more will come
 * (a connection the peer fast-closed never reports CLOSED). */
#define CLOSE_QUIET 0.05
/* Before the services are stopped, the traffic's connections get the time
 * to close by themselves: stopping a service (iperf3 -s, say) while its
 * connection is still closing resets it, the proxy pair passes the reset
 * on as an MPTCP fast close, and the fast-closed side reports no CLOSED. */
#define SETTLE_MAX 2.0
#define SETTLE_QUIET 0.2

static bool is_missing_feature(int rc)
{
	return rc == -EPROTONOSUPPORT || rc == -ENOPROTOOPT || rc == -ENOENT;
}

static int bring_up(struct run *r)
{
	struct lab_err e = { 0 };
	double t0 = now_mono();
	int rc;

	rc = lab_up(&r->lab, r->t, r->o->name, &e);
	if (rc < 0) {
		struct lab_err fe = { 0 };

		if (!lab_stop_requested &&
		    is_missing_feature(pm_feature_check(-1, &fe))) {
			run_skip(r, "MPTCP in the kernel", fe.msg);
			return -1;
		}
		return run_setup_failed(r, "lab up", now_mono() - t0, &e);
	}
	r->lab_is_up = true;
	snprintf(r->rep->lab, sizeof(r->rep->lab), "%s", r->lab.name);
	if (run_dir_make(r, &e) < 0)
		return run_setup_failed(r, "run directory", 0, &e);
	for (int i = 0; i < r->t->nnodes; i++)
		if (node_env_prepare(&r->lab, i, &e) < 0)
			return run_setup_failed(r, "lab up", now_mono() - t0, &e);
	run_item(r, REPORT_SETUP, REPORT_PASS, now_mono() - t0,
		 "lab up: %d nodes", r->t->nnodes);
	run_item_done(r);
	return 0;
}

/* Events can be counted: feature check, then one monitor per node. */
static int watch(struct run *r)
{
	struct lab_err e = { 0 };
	double t0 = now_mono();
	int node = -1, n = 0, rc;

	for (int i = 0; i < r->t->nnodes; i++)
		if (expect_node_watched(r->t, i)) {
			if (node < 0)
				node = i;
			n++;
		}
	if (node < 0)
		return 0;
	rc = pm_feature_check(r->lab.nsfd[node], &e);
	if (rc == 0)
		rc = run_watch_open(r, &e);
	if (is_missing_feature(rc)) {
		run_skip(r, "MPTCP events", e.msg);
		return -1;
	}
	if (rc < 0)
		return run_setup_failed(r, "MPTCP event monitors", now_mono() - t0, &e);
	run_item(r, REPORT_SETUP, REPORT_PASS, now_mono() - t0,
		 "watch MPTCP events in %d node%s", n, n == 1 ? "" : "s");
	run_item_done(r);
	return 0;
}

/* The watched nodes that saw fewer CLOSED than CREATED events, with
 * both counts: "client (CREATED=2 CLOSED=1)". */
static void open_nodes(struct run *r, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < r->t->nnodes && n < len; i++) {
		const struct run_watch *w = &r->w[i];
		long cr = w->counts.n[MPTCP_EVENT_CREATED];
		long cl = w->counts.n[MPTCP_EVENT_CLOSED];

		if (w->mon && cl < cr)
			n += snprintf(buf + n, len - n, "%s%s (CREATED=%ld CLOSED=%ld)",
				      n ? ", " : "", r->t->nodes[i].name, cr, cl);
	}
}

/* Wait up to `limit` seconds for every connection the watchers saw to
 * close, and report that as a passing teardown item `what`; `why` (with
 * a %s for the nodes) tells a reader what a timeout means (the
 * expectations decide, not this). */
static void wait_closed_item(struct run *r, double limit, double quiet,
			     const char *what, const char *why)
{
	double t0 = now_mono();
	struct report_item *it;
	bool closed = run_watch_wait_closed(r, t0 + limit, quiet);
	char nodes[256];

	it = run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0, "%s", what);
	if (it && !closed) {
		open_nodes(r, nodes, sizeof(nodes));
		report_detail(it, why, nodes);
		report_detail(it, "\n");
	}
	run_item_done(r);
}

static void settle(struct run *r)
{
	if (!r->t->nexpects || lab_stop_requested || r->verdict == VERDICT_ERROR)
		return;
	wait_closed_item(r, SETTLE_MAX * time_scale(), SETTLE_QUIET, "traffic settled",
			 "connections still open in %s when the services were stopped");
}

static void connections_closed(struct run *r)
{
	double limit = (r->o->close_timeout > 0 ? r->o->close_timeout : CLOSE_TIMEOUT) *
		       time_scale();
	struct report_item *it;

	if (!r->w || !r->t->nexpects)
		return;
	wait_closed_item(r, limit, CLOSE_QUIET, "connections closed",
			 "fewer CLOSED than CREATED events in %s (a connection reset by its peer reports no CLOSED); the expectations decide");
	for (int i = 0; i < r->t->nnodes; i++) {
		if (!r->w[i].lost)
			continue;
		it = run_item(r, REPORT_TEARDOWN, REPORT_FAIL, 0,
			      "events of %s complete", r->t->nodes[i].name);
		if (it)
			report_detail(it, "the kernel dropped events (ENOBUFS): counts are not reliable\n");
		run_item_done(r);
		run_verdict(r, VERDICT_FAIL);
	}
}

static void tear_down(struct run *r)
{
	char name[LAB_NAME_MAX];
	struct lab_err e = { 0 };
	double t0 = now_mono();

	if (!r->lab_is_up)
		return;
	snprintf(name, sizeof(name), "%s", r->lab.name);
	lab_close(&r->lab);
	r->lab_is_up = false;
	if (lab_down(name, &e) < 0) {
		run_setup_failed(r, "lab down", now_mono() - t0, &e);
		return;
	}
	run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0, "lab down");
	run_item_done(r);
}

/* Only the part that needs a live lab; the caller tears down. */
static void live(struct run *r)
{
	if (r->o->services_only) {
		run_services_start(r);	/* and leave them running */
		return;
	}
	if (watch(r) < 0 || run_capture_start(r) < 0)
		return;
	if (run_services_start(r) == 0) {
		run_steps(r);
		settle(r);
	}
	run_services_stop(r);
	run_capture_stop(r);
	if (r->verdict != VERDICT_ERROR && !lab_stop_requested) {
		connections_closed(r);
		run_watch_drain(r);
		run_evaluate(r);
	}
	run_assert_eval(r);	/* frees its samples whatever happened */
}

enum verdict run_topology(const struct topo *t, const struct run_opts *o,
			  struct report *rep)
{
	struct run r = { .t = t, .o = o, .rep = rep, .verdict = VERDICT_PASS,
			 .dirfd = -1 };
	double t0 = now_mono();

	snprintf(rep->file, sizeof(rep->file), "%s", t->file ? t->file : "");
	report_stamp(rep);
	r.w = calloc(t->nnodes, sizeof(*r.w));
	r.svc = calloc(t->nservices + 1, sizeof(*r.svc));
	r.pfd = calloc(t->nnodes + 1, sizeof(*r.pfd));
	if (!r.w || !r.svc || !r.pfd) {
		snprintf(rep->reason, sizeof(rep->reason), "out of memory");
		free(r.w);
		free(r.svc);
		free(r.pfd);
		return rep->verdict = VERDICT_ERROR;
	}
	if (run_kernel_check(&r) == 0 && bring_up(&r) == 0)
		live(&r);
	run_watch_close(&r);
	/* up --services leaves a lab whose services started; --keep-lab
	 * one that failed (not one that could not be set up, nor one
	 * interrupted: Ctrl-C means stop) */
	if (r.lab_is_up && !lab_stop_requested &&
	    ((o->services_only && r.verdict == VERDICT_PASS) ||
	     (o->keep_lab && r.verdict == VERDICT_FAIL))) {
		lab_close(&r.lab);
		r.lab_is_up = false;
		rep->lab_kept = true;
	}
	tear_down(&r);
	if (lab_stop_requested) {
		run_verdict(&r, VERDICT_ERROR);
		snprintf(rep->reason, sizeof(rep->reason),
			 "interrupted by a signal; the lab was torn down");
	}
	if (r.dir[0] && r.verdict == VERDICT_PASS && !o->keep && !r.captured &&
	    !rep->lab_kept)
		run_dir_remove(&r);
	else if (r.dir[0])
		snprintf(rep->run_dir, sizeof(rep->run_dir), "%.255s", r.dir);
	if (r.dirfd >= 0)
		close(r.dirfd);
	free(r.w);
	free(r.svc);
	free(r.pfd);
	rep->verdict = r.verdict;
	rep->secs = now_mono() - t0;
	return r.verdict;
}
