/* run_assert.c: `assert` lines (see run_assert.h). Throughput and
 * integrity come from a step's output as JSON (iperf3 -J, mptcp-lab xfer)
 * read with libjansson; MIB counters and interface bytes from the node's
 * own /proc/net files (kernel/netstat.h), as differences over the run or
 * over a window bounded by a step. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/netstat.h"
#include "run/run_assert.h"
#include "run/run_step.h"
#include "util/json.h"

static bool has_kind(const struct topo *t, enum topo_assert_kind k)
{
	for (int i = 0; i < t->nasserts; i++)
		if (t->asserts[i].kind == k)
			return true;
	return false;
}

int run_assert_begin(struct run *r)
{
	const struct topo *t = r->t;
	struct lab_err e = { 0 };

	if (!t->nasserts)
		return 0;
	r->sampled = calloc(t->nsteps + 1, sizeof(*r->sampled));
	r->mib0 = calloc(t->nasserts, sizeof(*r->mib0));
	if (has_kind(t, TOPO_A_SHARE))
		r->samp = calloc((size_t)(t->nsteps + 1) * (t->nifaces + 1),
				 sizeof(*r->samp));
	if (!r->sampled || !r->mib0 || (has_kind(t, TOPO_A_SHARE) && !r->samp))
		return -ENOMEM;
	for (int i = 0; i < t->nasserts; i++) {
		const struct topo_assert *a = &t->asserts[i];

		/* a counter this kernel lacks fails the assertion later */
		if (a->kind == TOPO_A_MIB &&
		    netstat_counter(r->lab.nsfd[a->node], a->counter,
				    &r->mib0[i], &e) < 0)
			r->mib0[i] = -1;
	}
	return 0;
}

void run_assert_sample(struct run *r, int i)
{
	const struct topo *t = r->t;
	struct lab_err e = { 0 };

	if (!r->samp)
		return;
	for (int f = 0; f < t->nifaces; f++) {
		uint64_t rx = 0, tx = 0;

		netstat_if_bytes(r->lab.nsfd[t->ifaces[f].node],
				 t->ifaces[f].ifname, &rx, &tx, &e);
		r->samp[(size_t)i * t->nifaces + f] = rx + tx;
	}
	r->sampled[i] = true;
}

/* The measured bit/s of a step: iperf3 -J's receiver figure, or
 * mptcp-lab xfer's. */
static int step_bps(struct run *r, int step, double *bps, struct lab_err *e)
{
	char out[PATH_MAX], err[PATH_MAX];
	json_t *j;
	int rc;

	run_step_files(r, step, out, err);
	if (!(j = json_load_path(out, e)))
		return -EINVAL;
	rc = json_path_number(j, "end.sum_received.bits_per_second", bps);
	if (rc < 0)
		rc = json_path_number(j, "bits_per_second", bps);
	json_decref(j);
	if (rc < 0)
		return lab_errf(e, rc, "%s: no end.sum_received.bits_per_second (iperf3 -J) or bits_per_second (mptcp-lab xfer)",
				out);
	return 0;
}

static const char *mbit(double bps, char *buf, size_t len)
{
	snprintf(buf, len, "%.2f mbit/s", bps / 1e6);
	return buf;
}

static bool cmp(char op, double got, double want)
{
	return op == '>' ? got >= want : got <= want;
}

static bool a_throughput(struct run *r, const struct topo_assert *a,
			 struct report_item *it)
{
	struct lab_err e = { 0 };
	char g[32], w[32];
	double bps;

	if (step_bps(r, a->step, &bps, &e) < 0) {
		report_detail(it, "%s\n", e.msg);
		return false;
	}
	report_detail(it, "measured: %s\n", mbit(bps, g, sizeof(g)));
	if (cmp(a->op, bps, a->value))
		return true;
	report_detail(it, "%s measured %s, expected %s %s\n", a->label, g,
		      a->op == '>' ? "at least" : "at most",
		      mbit(a->value, w, sizeof(w)));
	return false;
}

static bool a_ratio(struct run *r, const struct topo_assert *a,
		    struct report_item *it)
{
	struct lab_err e = { 0 };
	char g1[32], g2[32];
	double b1, b2;

	if (step_bps(r, a->step, &b1, &e) < 0 ||
	    step_bps(r, a->step2, &b2, &e) < 0) {
		report_detail(it, "%s\n", e.msg);
		return false;
	}
	double ratio = b2 > 0 ? b1 / b2 : 0;

	report_detail(it, "measured: %.2f x (%s / %s)\n", ratio, mbit(b1, g1, sizeof(g1)),
		 mbit(b2, g2, sizeof(g2)));
	if (b2 > 0 && cmp(a->op, ratio, a->value))
		return true;
	report_detail(it, "%s / %s = %.3f, expected %s %g\n", a->label,
		      a->label2, ratio, a->op == '>' ? "at least" : "at most",
		      a->value);
	return false;
}

static bool a_intact(struct run *r, const struct topo_assert *a,
		     struct report_item *it)
{
	char out[PATH_MAX], err[PATH_MAX];
	struct lab_err e = { 0 };
	double up = 0, down = 0;
	json_t *j, *ok;
	bool intact;

	run_step_files(r, a->step, out, err);
	if (!(j = json_load_path(out, &e))) {
		report_detail(it, "%s (expected the output of mptcp-lab xfer client)\n",
			      e.msg);
		return false;
	}
	ok = json_path(j, "intact");
	intact = json_is_true(ok);
	json_path_number(j, "bytes_up", &up);
	json_path_number(j, "bytes_down", &down);
	json_decref(j);
	report_detail(it, "measured: %.0f bytes up, %.0f down, %s\n", up, down,
		 intact ? "every byte verified" : "NOT intact");
	if (!ok)
		report_detail(it, "%s: no \"intact\" (expected the output of mptcp-lab xfer client)\n",
			      out);
	else if (!intact)
		run_output_tails(it, out, err);
	return intact;
}

static bool a_mib(struct run *r, int i, struct report_item *it)
{
	const struct topo_assert *a = &r->t->asserts[i];
	struct lab_err e = { 0 };
	long long now;

	if (r->mib0[i] < 0 ||
	    netstat_counter(r->lab.nsfd[a->node], a->counter, &now, &e) < 0) {
		report_detail(it, "%s: this kernel has no such counter\n",
			      a->counter);
		return false;
	}
	long long d = now - r->mib0[i];

	report_detail(it, "measured: %lld\n", d);
	if (d >= a->min && (a->max < 0 || d <= a->max))
		return true;
	report_detail(it, "%s in %s changed by %lld over the run (from %lld to %lld)\n",
		      a->counter, r->t->nodes[a->node].name, d, r->mib0[i], now);
	return false;
}

static bool a_share(struct run *r, const struct topo_assert *a,
		    struct report_item *it)
{
	const struct topo *t = r->t;
	int from = a->window == TOPO_W_FROM ? a->wstep : 0;
	int to = a->window == TOPO_W_UNTIL ? a->wstep : t->nsteps;
	uint64_t mine = 0, all = 0;

	if (!r->sampled[from] || !r->sampled[to]) {
		report_detail(it, "not measured: the step bounding the window did not run\n");
		return false;
	}
	for (int f = 0; f < t->nifaces; f++) {
		if (t->ifaces[f].node != a->node)
			continue;
		uint64_t d = r->samp[(size_t)to * t->nifaces + f] -
			     r->samp[(size_t)from * t->nifaces + f];

		all += d;
		if (!strcmp(t->ifaces[f].ifname, a->ifname))
			mine = d;
	}
	double share = all ? (double)mine / (double)all : 0;

	report_detail(it, "measured: %.3f%% (%llu of %llu bytes)\n", share * 100,
		 (unsigned long long)mine, (unsigned long long)all);
	if (all && cmp(a->op, share, a->value))
		return true;
	report_detail(it, all ? "%s %s carried %.3f%% of the node's bytes, expected %s %g%%\n"
			      : "%s %s: the node moved no bytes in the window\n",
		      t->nodes[a->node].name, a->ifname, share * 100,
		      a->op == '>' ? "at least" : "at most", a->value * 100);
	return false;
}

/* "assert throughput bulk >= 40mbit" as written (before the figures). */
static void assert_name(const struct run *r, const struct topo_assert *a,
			char *buf, size_t len)
{
	const char *op = a->op == '>' ? ">=" : "<=";
	char w[32];

	switch (a->kind) {
	case TOPO_A_THROUGHPUT:
		snprintf(buf, len, "assert throughput %s %s %gmbit", a->label, op,
			 a->value / 1e6);
		break;
	case TOPO_A_RATIO:
		snprintf(buf, len, "assert throughput %s %s %g x %s", a->label,
			 op, a->value, a->label2);
		break;
	case TOPO_A_INTACT:
		snprintf(buf, len, "assert intact %s", a->label);
		break;
	case TOPO_A_MIB:
		if (a->op == '=' && a->max != a->min)
			snprintf(w, sizeof(w), "=%ld..%ld", a->min, a->max);
		else
			snprintf(w, sizeof(w), "%s%ld", a->op == '=' ? "=" :
				 a->op == '>' ? ">=" : "<=",
				 a->op == '<' ? a->max : a->min);
		snprintf(buf, len, "assert mib %s %s%s",
			 r->t->nodes[a->node].name, a->counter, w);
		break;
	case TOPO_A_SHARE:
		snprintf(buf, len, "assert share %s %s %s %g%%%s%s",
			 r->t->nodes[a->node].name, a->ifname, op, a->value * 100,
			 a->window == TOPO_W_UNTIL ? " until " :
			 a->window == TOPO_W_FROM ? " from " : "", a->wlabel);
		break;
	}
}

void run_assert_eval(struct run *r)
{
	char name[192];

	/* nothing to judge after a setup error or a signal */
	bool judge = r->verdict != VERDICT_ERROR && !lab_stop_requested;

	for (int i = 0; judge && r->sampled && i < r->t->nasserts; i++) {
		const struct topo_assert *a = &r->t->asserts[i];
		struct report_item *it;
		bool ok = false;

		assert_name(r, a, name, sizeof(name));
		it = run_item(r, REPORT_ASSERT, REPORT_PASS, 0, "%s", name);
		if (!it)
			break;
		switch (a->kind) {
		case TOPO_A_THROUGHPUT: ok = a_throughput(r, a, it); break;
		case TOPO_A_RATIO: ok = a_ratio(r, a, it); break;
		case TOPO_A_INTACT: ok = a_intact(r, a, it); break;
		case TOPO_A_MIB: ok = a_mib(r, i, it); break;
		case TOPO_A_SHARE: ok = a_share(r, a, it); break;
		}
		if (!ok) {
			it->status = REPORT_FAIL;
			run_verdict(r, VERDICT_FAIL);
		}
		run_item_done(r);
	}
	free(r->samp);
	free(r->sampled);
	free(r->mib0);
	r->samp = NULL;
	r->sampled = NULL;
	r->mib0 = NULL;
}
