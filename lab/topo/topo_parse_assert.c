/* topo_parse_assert.c: `assert` lines, checked after the steps:
 *
 *   assert throughput LABEL >=|<= RATE
 *   assert throughput LABEL >=|<= FACTOR x LABEL2
 *   assert intact LABEL
 *   assert mib NODE COUNTER>=N | COUNTER<=N | COUNTER=N | COUNTER=N..M
 *   assert share NODE IFNAME >=|<= PCT [until|from LABEL]
 *
 * Syntax only; labels, nodes' interfaces are topo_check_assert.c's. */
#include "topo/topo_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int p_label(struct topo_pstate *ps, const struct topo_word *prev,
		   char out[TOPO_NAME_MAX], struct topo_loc *loc)
{
	struct topo_word *w = topo_need(ps, prev, "a step label");

	if (!w || topo_p_name(ps, w, "step", out) < 0)
		return -1;
	*loc = topo_wloc(ps, w);
	return 0;
}

static int p_op(struct topo_pstate *ps, const struct topo_word *prev,
		struct topo_assert *a)
{
	struct topo_word *w = topo_need(ps, prev, ">= or <=");

	if (!w)
		return -1;
	if (strcmp(w->text, ">=") && strcmp(w->text, "<="))
		return topo_perr(ps, w, "bad comparison: '%s', expected >= or <=",
				 w->text);
	a->op = w->text[0];
	return 0;
}

/* A plain decimal ("1.8"): digits and one dot. */
static int p_factor(const char *s, double *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			return -1;
	errno = 0;
	*out = strtod(s, &end);
	return errno || *end || *out <= 0 || *out > 1000 ? -1 : 0;
}

static int p_throughput(struct topo_pstate *ps, const struct topo_word *kw,
			struct topo_assert *a)
{
	struct topo_word *w, *x;

	if (p_label(ps, kw, a->label, &a->label_loc) < 0 ||
	    p_op(ps, &ps->st.w[ps->i - 1], a) < 0 ||
	    !(w = topo_need(ps, &ps->st.w[ps->i - 1], "a rate (50mbit) or FACTOR x LABEL")))
		return -1;
	x = topo_next(ps);
	if (!x) {
		if (topo_parse_rate(w->text, &a->value) < 0 || a->value <= 0)
			return topo_perr(ps, w, "bad rate: '%s', expected a number and a unit: bit, kbit, mbit or gbit (50mbit), or FACTOR x LABEL",
					 w->text);
		return 0;
	}
	if (strcmp(x->text, "x"))
		return topo_perr(ps, x, "unexpected word: '%s', expected x LABEL after a factor",
				 x->text);
	if (p_factor(w->text, &a->value) < 0)
		return topo_perr(ps, w, "bad factor: '%s', expected a number more than 0 and at most 1000 (1.8)",
				 w->text);
	a->kind = TOPO_A_RATIO;
	if (p_label(ps, x, a->label2, &a->label2_loc) < 0)
		return -1;
	return topo_end(ps);
}

/* "COUNTER>=N" and the forms of expect's terms, for a MIB counter. */
static int p_mib_term(struct topo_pstate *ps, const struct topo_word *w,
		      struct topo_assert *a)
{
	static const char form[] = "COUNTER>=N, COUNTER<=N, COUNTER=N or COUNTER=N..M";
	const char *s = w->text, *op = s;
	char *end;

	while (isalnum((unsigned char)*op))
		op++;
	if (strncmp(s, "MPTcpExt", 8) || op - s <= 8 ||
	    (size_t)(op - s) >= sizeof(a->counter))
		return topo_perr(ps, w, "bad counter: '%s', expected an MPTcpExt counter as nstat names it (MPTcpExtMPJoinSynAckRx>=1)",
				 s);
	memcpy(a->counter, s, op - s);
	a->counter[op - s] = '\0';
	if (!strncmp(op, ">=", 2) || !strncmp(op, "<=", 2))
		a->op = *op, op += 2;
	else if (*op == '=')
		a->op = '=', op++;
	else
		return topo_perr(ps, w, "bad assertion: '%s', expected %s", s, form);
	if (!isdigit((unsigned char)*op) || strlen(op) > 24)
		goto bad;
	errno = 0;
	a->min = strtol(op, &end, 10);
	a->max = a->op == '>' ? -1 : a->min;
	if (a->op == '<')
		a->min = 0;
	if (a->op == '=' && !strncmp(end, "..", 2)) {
		if (!isdigit((unsigned char)end[2]))
			goto bad;
		a->max = strtol(end + 2, &end, 10);
		if (a->max < a->min)
			return topo_perr(ps, w, "bad range: '%s', expected the minimum not above the maximum",
					 s);
	}
	if (*end || errno)
		goto bad;
	return 0;
bad:
	return topo_perr(ps, w, "bad count: '%s', expected %s", s, form);
}

static int p_share(struct topo_pstate *ps, const struct topo_word *kw,
		   struct topo_assert *a)
{
	struct topo_word *w;

	if (!(w = topo_need(ps, kw, "a node name")) ||
	    topo_p_noderef(ps, w, &a->node) < 0 ||
	    !(w = topo_need(ps, w, "an interface name")) ||
	    topo_p_ifname(ps, w, a->ifname) < 0)
		return -1;
	a->ifname_loc = topo_wloc(ps, w);
	if (p_op(ps, w, a) < 0 ||
	    !(w = topo_need(ps, &ps->st.w[ps->i - 1], "a percentage (1%)")))
		return -1;
	if (topo_parse_pct(w->text, &a->value) < 0 || a->value > 1)
		return topo_perr(ps, w, "bad share: '%s', expected a percentage 0%%..100%% (1%%)",
				 w->text);
	if (!(w = topo_next(ps)))
		return 0;
	if (!strcmp(w->text, "until"))
		a->window = TOPO_W_UNTIL;
	else if (!strcmp(w->text, "from"))
		a->window = TOPO_W_FROM;
	else
		return topo_perr(ps, w, "unexpected word: '%s', expected until LABEL, from LABEL or the end of the statement",
				 w->text);
	if (p_label(ps, w, a->wlabel, &a->wlabel_loc) < 0)
		return -1;
	return topo_end(ps);
}

int topo_p_assert(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_assert *a = topo_push(&ps->t->asserts, &ps->t->nasserts,
					  sizeof(*a));
	struct topo_word *w, *v;

	if (!a)
		return topo_enomem(ps);
	a->step = a->step2 = a->wstep = a->node = -1;
	if (!(w = topo_need(ps, kw, "throughput, intact, mib or share")))
		return -1;
	a->loc = topo_wloc(ps, w);
	if (!strcmp(w->text, "throughput")) {
		a->kind = TOPO_A_THROUGHPUT;
		return p_throughput(ps, w, a);
	}
	if (!strcmp(w->text, "intact")) {
		a->kind = TOPO_A_INTACT;
		if (p_label(ps, w, a->label, &a->label_loc) < 0)
			return -1;
		return topo_end(ps);
	}
	if (!strcmp(w->text, "mib")) {
		a->kind = TOPO_A_MIB;
		if (!(v = topo_need(ps, w, "a node name")) ||
		    topo_p_noderef(ps, v, &a->node) < 0 ||
		    !(v = topo_need(ps, v, "a counter term (MPTcpExtMPJoinSynAckRx>=1)")) ||
		    p_mib_term(ps, v, a) < 0)
			return -1;
		return topo_end(ps);
	}
	if (!strcmp(w->text, "share")) {
		a->kind = TOPO_A_SHARE;
		return p_share(ps, w, a);
	}
	return topo_perr(ps, w, "unknown word: '%s', expected throughput, intact, mib or share",
			 w->text);
}
