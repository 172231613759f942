/* run_capture.c: tcpdump in the lab's nodes (see run_capture.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "run/run_capture.h"
#include "run/run_watch.h"

#define READY_SECS 5.0	/* for tcpdump to say "listening on" */
#define STOP_GRACE 3.0

static bool captured(const struct run *r, const struct topo_iface *f)
{
	return r->o->capture || r->t->nets[f->net].capture;
}

/* tcpdump says "listening on IF" on stderr once the capture runs. */
static bool listening(const char *err)
{
	char buf[512] = "";
	FILE *f = fopen(err, "re");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return strstr(buf, "listening on") != NULL;
}

static int start_one(struct run *r, int i, struct lab_err *e)
{
	const struct topo_iface *f = &r->t->ifaces[i];
	struct run_cap *c = &r->cap[r->ncap];
	char name[IFNAMSIZ + 16];
	/* -Z root: stay root, the run directory is root's; -U and
	 * --immediate-mode: every packet written as it comes (else packets
	 * wait in a kernel block that a stop loses); 256 bytes hold every
	 * header and TCP option */
	char *argv[] = { "tcpdump", "-i", (char *)f->ifname, "-w", c->file,
			 "-U", "--immediate-mode", "-n", "-s", "256", "-Z", "root",
			 NULL };
	struct proc_io io;

	snprintf(name, sizeof(name), "%s.pcap", f->ifname);
	run_path(r, f->node, name, c->file, sizeof(c->file));
	snprintf(name, sizeof(name), "%s.tcpdump", f->ifname);
	run_path(r, f->node, name, c->err, sizeof(c->err));
	io = run_io(r, NULL, c->err);
	if (proc_spawn(&r->lab, f->node, argv, &io, &c->p, e) < 0)
		return e->code;
	c->running = true;
	r->ncap++;
	r->captured = true;
	double deadline = now_mono() + READY_SECS;

	while (!listening(c->err)) {
		if (proc_reap(&c->p)) {
			c->running = false;
			return lab_errf(e, -EIO, "tcpdump on %s %s exited (see %s)",
					r->t->nodes[f->node].name, f->ifname,
					c->err);
		}
		if (now_mono() > deadline || lab_stop_requested)
			return lab_errf(e, -ETIMEDOUT, "tcpdump on %s %s did not start listening",
					r->t->nodes[f->node].name, f->ifname);
		run_wait_pid(r, -1, now_mono() + 0.02);
	}
	return 0;
}

int run_capture_start(struct run *r)
{
	struct lab_err e = { 0 };
	double t0 = now_mono();
	int n = 0;

	for (int i = 0; i < r->t->nifaces; i++)
		n += captured(r, &r->t->ifaces[i]);
	if (!n)
		return 0;
	r->cap = calloc(n, sizeof(*r->cap));
	if (!r->cap)
		return run_setup_failed(r, "captures", 0,
					&(struct lab_err){ -ENOMEM, "out of memory" });
	for (int i = 0; i < r->t->nifaces; i++)
		if (captured(r, &r->t->ifaces[i]) && start_one(r, i, &e) < 0) {
			run_capture_stop(r);
			return run_setup_failed(r, "captures", now_mono() - t0, &e);
		}
	run_item(r, REPORT_SETUP, REPORT_PASS, now_mono() - t0,
		 "capture %d interface%s", n, n == 1 ? "" : "s");
	run_item_done(r);
	return 0;
}

void run_capture_stop(struct run *r)
{
	struct report_item *it;
	double t0 = now_mono();
	int n = r->ncap;

	for (int i = 0; i < r->ncap; i++) {
		if (r->cap[i].running)
			proc_stop(&r->cap[i].p, STOP_GRACE);
		proc_release(&r->cap[i].p);
	}
	if (n && (it = run_item(r, REPORT_TEARDOWN, REPORT_PASS, now_mono() - t0,
				"captures written: %d pcap%s", n,
				n == 1 ? "" : "s"))) {
		for (int i = 0; i < n; i++)
			report_detail(it, "%s\n", r->cap[i].file);
		run_item_done(r);
	}
	free(r->cap);
	r->cap = NULL;
	r->ncap = 0;
}
