/* run.c: the run engine's sequence (see run.h) and the helpers its parts
 * share (run_int.h). */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "live/node_env.h"
#include "kernel/pm_monitor.h"
#include "run/run_int.h"

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

static int rank(int rc)
{
	switch (rc) {
	case EXIT_PASS: return 0;
	case EXIT_SKIP: return 1;
	case EXIT_FAIL: return 2;
	case EXIT_SETUP: return 3;
	default: return 4;
	}
}

void run_verdict(struct run *r, int rc)
{
	if (rank(rc) > rank(r->rc))
		r->rc = rc;
}

struct report_item *run_item(struct run *r, enum report_kind kind,
			     enum report_status st, double secs,
			     const char *fmt, ...)
{
	char name[sizeof(((struct report_item *)0)->name)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return report_add(r->rep, kind, st, secs, "%s", name);
}

void run_item_done(struct run *r)
{
	if (r->o->progress)
		r->o->progress(r->rep, r->rep->nitems, r->o->arg);
}

int run_path(struct run *r, int node, const char *name, char *buf,
	     size_t len)
{
	snprintf(buf, len, "%s/%s", r->dir, r->t->nodes[node].name);
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return -errno;
	if ((size_t)snprintf(buf, len, "%s/%s/%s", r->dir,
			     r->t->nodes[node].name, name) >= len)
		return -ENAMETOOLONG;
	return 0;
}

void run_detail_tail(struct report_item *it, const char *what,
		     const char *path, int n)
{
	char buf[4096];
	FILE *f = fopen(path, "re");
	long size, off;
	size_t got;

	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	off = size > (long)sizeof(buf) - 1 ? size - (long)sizeof(buf) + 1 : 0;
	fseek(f, off, SEEK_SET);
	got = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[got] = '\0';
	while (got && buf[got - 1] == '\n')
		buf[--got] = '\0';
	if (!got)
		return;
	char *p = buf + got;

	for (int lines = 0; p > buf; p--)
		if (p[-1] == '\n' && ++lines == n)
			break;
	report_detail(it, "last lines of %s (%s):\n", what, path);
	for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n"))
		report_detail(it, "  | %s\n", line);
}

const char *run_argv_str(char *const argv[], char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; argv && argv[i] && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? " " : "", argv[i]);
	if (n >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
	return buf;
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static void rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int make_run_dir(struct run *r, struct lab_err *e)
{
	const char *base = r->o->base ? r->o->base : getenv("MPTCP_LAB_RUN_DIR");
	char tmp[PATH_MAX];

	if (!base || !*base)
		base = RUN_DEFAULT_BASE;
	snprintf(tmp, sizeof(tmp), "%s", base);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
		return lab_errf(e, -errno, "mkdir %s: %m", tmp);
	if ((size_t)snprintf(r->dir, sizeof(r->dir), "%s/%s", base,
			     r->lab.name) >= sizeof(r->dir))
		return lab_errf(e, -ENAMETOOLONG, "%s: path too long", base);
	rm_rf(r->dir);	/* a kept directory of an earlier run of that name */
	if (mkdir(r->dir, 0755) < 0)
		return lab_errf(e, -errno, "mkdir %s: %m", r->dir);
	return 0;
}

static bool is_missing_feature(int rc)
{
	return rc == -EPROTONOSUPPORT || rc == -ENOPROTOOPT || rc == -ENOENT;
}

/* The kernel lacks something: a skip, or a failure with --strict. */
static void skip(struct run *r, const char *what, const char *why)
{
	struct report_item *it;

	it = run_item(r, REPORT_SETUP, r->o->strict ? REPORT_FAIL : REPORT_SKIP,
		      0, "%s", what);
	snprintf(r->rep->reason, sizeof(r->rep->reason), "%.400s%s", why,
		 r->o->strict ? " (--strict: a skip is a failure)" : "");
	if (it && r->o->strict)
		report_detail(it, "%s\n", why);
	run_item_done(r);
	run_verdict(r, r->o->strict ? EXIT_FAIL : EXIT_SKIP);
}

static int setup_failed(struct run *r, const char *what, double secs,
			const struct lab_err *e)
{
	struct report_item *it = run_item(r, REPORT_SETUP, REPORT_FAIL, secs,
					  "%s", what);

	if (it)
		report_detail(it, "%s\n", e->msg);
	snprintf(r->rep->reason, sizeof(r->rep->reason), "%.60s: %.440s", what,
		 e->msg);
	run_item_done(r);
	run_verdict(r, EXIT_SETUP);
	return -1;
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
			skip(r, "MPTCP in the kernel", fe.msg);
			return -1;
		}
		return setup_failed(r, "lab up", now_mono() - t0, &e);
	}
	r->lab_is_up = true;
	snprintf(r->rep->lab, sizeof(r->rep->lab), "%s", r->lab.name);
	if (make_run_dir(r, &e) < 0)
		return setup_failed(r, "run directory", 0, &e);
	for (int i = 0; i < r->t->nnodes; i++)
		if (node_env_prepare(&r->lab, i, &e) < 0)
			return setup_failed(r, "lab up", now_mono() - t0, &e);
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
		skip(r, "MPTCP events", e.msg);
		return -1;
	}
	if (rc < 0)
		return setup_failed(r, "MPTCP event monitors", now_mono() - t0, &e);
	run_item(r, REPORT_SETUP, REPORT_PASS, now_mono() - t0,
		 "watch MPTCP events in %d node%s", n, n == 1 ? "" : "s");
	run_item_done(r);
	return 0;
}

/* Wait up to `limit` seconds for every connection the watchers saw to
 * close, and report that as a passing teardown item `what`; `why` tells a
 * reader what a timeout means (the expectations decide, not this). */
static void wait_closed_item(struct run *r, double limit, double quiet,
			     const char *what, const char *why)
{
	double t0 = now_mono();
	struct report_item *it;
	bool closed = run_watch_wait_closed(r, t0 + limit, quiet);

	it = run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0, "%s", what);
	if (it && !closed)
		report_detail(it, "%s\n", why);
	run_item_done(r);
}

static void settle(struct run *r)
{
	if (!r->t->nexpects || lab_stop_requested || r->rc == EXIT_SETUP)
		return;
	wait_closed_item(r, SETTLE_MAX, SETTLE_QUIET, "traffic settled",
			 "connections still open when the services were stopped");
}

static void connections_closed(struct run *r)
{
	double limit = r->o->close_timeout > 0 ? r->o->close_timeout : CLOSE_TIMEOUT;
	struct report_item *it;

	if (!r->w || !r->t->nexpects)
		return;
	wait_closed_item(r, limit, CLOSE_QUIET, "connections closed",
			 "fewer CLOSED than CREATED events (a connection reset by its peer reports no CLOSED); the expectations decide");
	for (int i = 0; i < r->t->nnodes; i++) {
		if (!r->w[i].lost)
			continue;
		it = run_item(r, REPORT_TEARDOWN, REPORT_FAIL, 0,
			      "events of %s complete", r->t->nodes[i].name);
		if (it)
			report_detail(it, "the kernel dropped events (ENOBUFS): counts are not reliable\n");
		run_item_done(r);
		run_verdict(r, EXIT_FAIL);
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
		setup_failed(r, "lab down", now_mono() - t0, &e);
		return;
	}
	run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0, "lab down");
	run_item_done(r);
}

/* Only the part that needs a live lab; the caller tears down. */
static void live(struct run *r)
{
	if (watch(r) < 0)
		return;
	if (run_services_start(r) == 0) {
		run_steps(r);
		settle(r);
	}
	run_services_stop(r);
	if (r->rc != EXIT_SETUP && !lab_stop_requested) {
		connections_closed(r);
		run_watch_drain(r);
		run_evaluate(r);
	}
}

int run_topology(const struct topo *t, const struct run_opts *o,
		 struct report *rep)
{
	struct run r = { .t = t, .o = o, .rep = rep, .rc = EXIT_PASS };
	double t0 = now_mono();

	snprintf(rep->file, sizeof(rep->file), "%s", t->file ? t->file : "");
	r.w = calloc(t->nnodes, sizeof(*r.w));
	r.svc = calloc(t->nservices + 1, sizeof(*r.svc));
	if (!r.w || !r.svc) {
		snprintf(rep->reason, sizeof(rep->reason), "out of memory");
		free(r.w);
		free(r.svc);
		return EXIT_SETUP;
	}
	if (bring_up(&r) == 0)
		live(&r);
	run_watch_close(&r);
	tear_down(&r);
	if (lab_stop_requested) {
		run_verdict(&r, EXIT_SETUP);
		snprintf(rep->reason, sizeof(rep->reason),
			 "interrupted by a signal; the lab was torn down");
	}
	if (r.dir[0] && r.rc == EXIT_PASS && !o->keep)
		rm_rf(r.dir);
	else if (r.dir[0])
		snprintf(rep->run_dir, sizeof(rep->run_dir), "%.255s", r.dir);
	free(r.w);
	free(r.svc);
	rep->exit_code = r.rc;
	rep->secs = now_mono() - t0;
	return r.rc;
}
