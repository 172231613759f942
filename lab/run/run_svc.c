/* run_svc.c: the run engine's services: start each in file order, wait
 * until it is ready (a TCP port listening in its node, or a command that
 * succeeds), and stop them all at the end. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "kernel/sock_diag.h"
#include "run/ready.h"
#include "run/run_svc.h"
#include "run/run_watch.h"

#define TCP_POLL_FIRST 0.001
#define TCP_POLL_MAX 0.05
#define CMD_POLL 0.05

static double min_d(double a, double b)
{
	return a < b ? a : b;
}

/* One look at service i's readiness: 1 ready, 0 not yet, < 0 error. */
static int probe(struct run *r, int i, const char *out, const char *err,
		 double deadline, struct lab_err *e)
{
	const struct topo_service *s = &r->t->services[i];

	if (s->ready == TOPO_READY_TCP)
		return sock_diag_tcp_listening(r->lab.nsfd[s->node],
					       s->ready_port, e);
	struct proc_io io = run_io(r, out, err);

	return ready_cmd_once(&r->lab, s->node, s->ready_argv, s->ready_match,
			      &io, deadline, e);
}

/* Poll until service i is ready, waking early if it dies. A listener
 * usually appears within a millisecond, so TCP polls start fast and back
 * off; a command costs a process per look, so it is polled evenly.
 * 1 ready, 0 deadline passed, -ECHILD it died, other < 0 errors. */
static int wait_ready(struct run *r, int i, double deadline,
		      struct lab_err *e)
{
	const struct topo_service *s = &r->t->services[i];
	struct run_svc *rs = &r->svc[i];
	bool tcp = s->ready == TOPO_READY_TCP;
	double interval = tcp ? TCP_POLL_FIRST : CMD_POLL;
	char out[PATH_MAX] = "", err[PATH_MAX] = "", name[64];
	int rc;

	if (!tcp) {
		snprintf(name, sizeof(name), "%s.ready.stdout", s->name);
		run_path(r, s->node, name, out, sizeof(out));
		snprintf(name, sizeof(name), "%s.ready.stderr", s->name);
		run_path(r, s->node, name, err, sizeof(err));
	}
	for (;;) {
		rc = probe(r, i, out, err, deadline, e);
		if (rc != 0)
			return rc;
		if (proc_reap(&rs->p))
			return -ECHILD;
		if (now_mono() >= deadline)
			return 0;
		if (run_wait_pid(r, rs->p.pidfd,
				 min_d(now_mono() + interval, deadline)) < 0)
			return -EINTR;
		if (tcp)
			interval = min_d(2 * interval, TCP_POLL_MAX);
	}
}

static const char *ready_str(const struct topo_service *s, char *buf,
			     size_t len)
{
	char cmd[256];

	if (s->ready == TOPO_READY_TCP)
		snprintf(buf, len, "ready tcp %d", s->ready_port);
	else if (s->ready == TOPO_READY_CMD)
		snprintf(buf, len, "ready cmd '%s'%s%s%s",
			 run_argv_str(s->ready_argv, cmd, sizeof(cmd)),
			 s->ready_match ? " output '" : "",
			 s->ready_match ? s->ready_match : "",
			 s->ready_match ? "'" : "");
	else
		snprintf(buf, len, "started");
	return buf;
}

/* Why service i is not ready, for the report. */
static void not_ready(struct run *r, int i, int rc, double secs,
		      const struct lab_err *e)
{
	const struct topo_service *s = &r->t->services[i];
	const char *node = r->t->nodes[s->node].name;
	struct run_svc *rs = &r->svc[i];
	struct report_item *it;
	char rs_buf[320];

	ready_str(s, rs_buf, sizeof(rs_buf));
	it = run_item(r, REPORT_SERVICE, REPORT_FAIL, secs,
		      "service %s in %s: %s", s->name, node, rs_buf);
	if (!it) {
		run_item_done(r);
		return;
	}
	it->error = true;	/* the run could not start: a setup error */
	if (rc == -ECHILD)
		report_detail(it, "service %s in node %s exited with status %d before it was ready (%s)\n",
			      s->name, node, proc_exit_code(&rs->p), rs_buf);
	else if (rc == 0)
		report_detail(it, "service %s in node %s not ready after %g s (%s)\n",
			      s->name, node, s->timeout * time_scale(), rs_buf);
	else if (rc == -EINTR)
		report_detail(it, "interrupted while waiting for service %s in node %s\n",
			      s->name, node);
	else
		report_detail(it, "service %s in node %s: %s\n", s->name, node,
			      e->msg);
	if (rs->p.pid > 0)
		run_detail_tail(it, "its stderr", rs->err, 10);
	snprintf(r->rep->reason, sizeof(r->rep->reason),
		 "setup failed: service %.31s in node %.31s is not ready", s->name, node);
	run_item_done(r);
}

static int start_one(struct run *r, int i)
{
	const struct topo_service *s = &r->t->services[i];
	struct run_svc *rs = &r->svc[i];
	struct proc_io io;
	struct lab_err e = { 0 };
	double t0 = now_mono(), deadline = t0 + s->timeout * time_scale();
	char name[64], rs_buf[320];
	int rc;

	snprintf(name, sizeof(name), "%s.stdout", s->name);
	run_path(r, s->node, name, rs->out, sizeof(rs->out));
	snprintf(name, sizeof(name), "%s.stderr", s->name);
	run_path(r, s->node, name, rs->err, sizeof(rs->err));
	io = run_io(r, rs->out, rs->err);
	io.detach = r->o->services_only;
	rc = proc_spawn(&r->lab, s->node, s->argv, &io, &rs->p, &e);
	if (rc == 0)
		rc = s->ready == TOPO_READY_NONE ? 1 : wait_ready(r, i, deadline, &e);
	if (rc != 1) {
		not_ready(r, i, rc, now_mono() - t0, &e);
		return -1;
	}
	run_item(r, REPORT_SERVICE, REPORT_PASS, now_mono() - t0,
		 "service %s in %s: %s", s->name, r->t->nodes[s->node].name,
		 ready_str(s, rs_buf, sizeof(rs_buf)));
	run_item_done(r);
	return 0;
}

int run_services_start(struct run *r)
{
	for (int i = 0; i < r->t->nservices; i++) {
		if (lab_stop_requested || start_one(r, i) < 0) {
			run_verdict(r, VERDICT_ERROR);
			return -1;
		}
	}
	return 0;
}

/* In the reverse order of their start, each waited for (SIGTERM, SIGKILL
 * after its grace) before the next gets SIGTERM, as a service manager
 * does: the client end of a chain goes first, while what it talks to is
 * still up. Stopped all at once, a server end that closes its
 * connections first made a client that was still running reconnect
 * through proxies that were still listening (a VPN client did, in an
 * emulated guest): a connection the counts did not expect. */
void run_services_stop(struct run *r)
{
	double t0 = now_mono();
	struct report_item *it;
	int n = 0;

	for (int i = r->t->nservices - 1; i >= 0; i--) {
		struct run_svc *rs = &r->svc[i];

		rs->gone = rs->p.pid > 0 && proc_reap(&rs->p);
		if (rs->p.pid > 0 && !rs->gone)
			n++;
		proc_stop(&rs->p, r->t->services[i].grace * time_scale());
		proc_release(&rs->p);
	}
	if (!r->t->nservices)
		return;
	it = run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0,
		      "stop %d service%s", n, n == 1 ? "" : "s");
	for (int i = 0; i < r->t->nservices; i++) {
		const struct run_svc *rs = &r->svc[i];

		if (rs->gone)
			report_detail(it, "service %s had exited before the stop, status %d\n",
				      r->t->services[i].name, proc_exit_code(&rs->p));
		else if (rs->p.pid > 0 && WIFSIGNALED(rs->p.status) &&
		    WTERMSIG(rs->p.status) == SIGKILL)
			report_detail(it, "service %s needed SIGKILL\n",
				      r->t->services[i].name);
	}
	run_item_done(r);
}
