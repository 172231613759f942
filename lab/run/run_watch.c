/* run_watch.c: the run engine's MPTCP event monitors, one per node that
 * has expectations, and its waiting primitives (run_wait, run_wait_pid),
 * which read events while they wait so the kernel's queue never fills. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/pm_monitor.h"
#include "run/run_watch.h"


struct ev_arg {
	struct run *r;
	int node;
};

static void on_event(const struct mptcp_event *ev, void *arg)
{
	struct ev_arg *a = arg;
	struct run_watch *w = &a->r->w[a->node];
	char line[512];
	size_t n;

	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_TOKEN))
		expect_count_conn(&w->counts, &w->conns, ev->type, ev->token,
				  MPTCP_EV_HAS(ev, MPTCP_ATTR_REM_ID) ?
				  ev->rem_id : -1);
	else
		expect_count(&w->counts, ev->type);
	mptcp_event_format(ev, false, line, sizeof(line));
	if (w->log)
		fprintf(w->log, "%s\n", line);
	if (a->r->o->on_event)
		a->r->o->on_event(a->r->t->nodes[a->node].name, line,
				  a->r->o->arg);
	if (w->seen_lines++ >= RUN_SEEN_MAX)
		return;
	n = strlen(line);
	char *p = realloc(w->seen, w->seen_len + n + 2);

	if (!p)
		return;
	memcpy(p + w->seen_len, line, n);
	p[w->seen_len + n] = '\n';
	p[w->seen_len + n + 1] = '\0';
	w->seen = p;
	w->seen_len += n + 1;
}

static void drain_one(struct run *r, int node)
{
	struct run_watch *w = &r->w[node];
	struct ev_arg a = { r, node };
	struct lab_err e = { 0 };

	if (!w->mon)
		return;
	for (;;) {
		int n = pm_monitor_read(w->mon, on_event, &a, &e);

		if (n == -ENOBUFS) {
			w->lost = true;	/* keep reading what is still queued */
			continue;
		}
		if (n <= 0)
			break;
	}
}

void run_watch_drain(struct run *r)
{
	for (int i = 0; i < r->t->nnodes; i++)
		drain_one(r, i);
}

/* NODE/events.log, made beneath the run directory's fd (proc.h). */
static FILE *open_log(const struct run *r, const char *path)
{
	struct proc_io io = run_io(r, path, NULL);
	int fd = proc_open_out(io.dirfd, io.out, NULL);
	FILE *f = fd >= 0 ? fdopen(fd, "we") : NULL;

	if (!f && fd >= 0)
		close(fd);
	return f;
}

int run_watch_open(struct run *r, struct lab_err *e)
{
	char path[PATH_MAX];
	int rc;

	for (int i = 0; i < r->t->nnodes; i++) {
		if (!expect_node_watched(r->t, i))
			continue;
		rc = pm_monitor_open(r->lab.nsfd[i], &r->w[i].mon, e);
		if (rc < 0)
			return lab_err_prefix(e, "node %s",
					      r->t->nodes[i].name);
		if (run_path(r, i, "events.log", path, sizeof(path)) == 0)
			r->w[i].log = open_log(r, path);
	}
	return 0;
}

void run_watch_close(struct run *r)
{
	for (int i = 0; i < r->t->nnodes; i++) {
		struct run_watch *w = &r->w[i];

		if (w->mon)
			pm_monitor_close(w->mon);
		if (w->log)
			fclose(w->log);
		free(w->seen);
		expect_conns_free(&w->conns);
		memset(w, 0, sizeof(*w));
	}
}

/* Poll until pidfd is readable (1), events were read (2), deadline
 * passes (0) or a stop is requested (-EINTR). pidfd -1: none. */
static int run_wait(struct run *r, int pidfd, double deadline)
{
	struct pollfd *pfd = r->pfd;	/* nnodes + 1 of them (run.c) */
	int n = r->t->nnodes;

	for (;;) {
		int k = 0;

		if (lab_stop_requested)
			return -EINTR;
		double left = deadline - now_mono();

		if (left <= 0)
			return 0;
		if (pidfd >= 0)
			pfd[k++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		for (int i = 0; i < n; i++)
			if (r->w[i].mon)
				pfd[k++] = (struct pollfd){
					.fd = pm_monitor_fd(r->w[i].mon),
					.events = POLLIN };
		int rc = poll(pfd, k, (int)(left * 1000) + 1);

		if (rc > 0 && pidfd >= 0 && pfd[0].revents)
			return 1;
		if (rc > 0) {
			run_watch_drain(r);
			return 2;
		}
	}
}

static bool all_closed(struct run *r)
{
	for (int i = 0; i < r->t->nnodes; i++) {
		const struct run_watch *w = &r->w[i];

		if (w->mon && w->counts.n[MPTCP_EVENT_CLOSED] <
			      w->counts.n[MPTCP_EVENT_CREATED])
			return false;
	}
	return true;
}

bool run_watch_wait_closed(struct run *r, double deadline, double quiet)
{
	double last = now_mono();
	int rc;

	run_watch_drain(r);
	while (!all_closed(r)) {
		double until = last + quiet < deadline ? last + quiet : deadline;

		rc = run_wait(r, -1, until);
		if (rc == 2)
			last = now_mono();
		else if (rc < 0 || now_mono() >= deadline || now_mono() >= last + quiet)
			return all_closed(r);
	}
	return true;
}

int run_wait_pid(struct run *r, int pidfd, double deadline)
{
	int rc;

	while ((rc = run_wait(r, pidfd, deadline)) == 2)
		;
	return rc;
}
