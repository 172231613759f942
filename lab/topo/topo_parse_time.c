/* topo_parse_time.c: the timeline's statements: join, sleep, set and
 * endpoint (start is a run in the background: topo_parse_run.c). Syntax
 * only; labels, interfaces and addresses are topo_check_time.c's. */
#include "topo/topo_int.h"

#include <linux/mptcp.h>
#include <string.h>

static struct topo_step *push_step(struct topo_pstate *ps,
				   const struct topo_word *kw,
				   enum topo_step_kind kind)
{
	struct topo_step *st = topo_push(&ps->t->steps, &ps->t->nsteps,
					 sizeof(*st));

	if (!st) {
		topo_enomem(ps);
		return NULL;
	}
	st->kind = kind;
	st->loc = topo_wloc(ps, kw);
	st->node = -1;
	st->net = -1;
	st->target = -1;
	return st;
}

/* If w is "name", read the LABEL after it into st (1); else 0; -1 error. */
static int step_label(struct topo_pstate *ps, const struct topo_word *w,
		      struct topo_step *st)
{
	struct topo_word *v;

	if (strcmp(w->text, "name"))
		return 0;
	if (st->name[0])
		return topo_perr(ps, w, "duplicate option: 'name', expected it at most once");
	if (!(v = topo_need(ps, w, "a step name")) ||
	    topo_p_name(ps, v, "step", st->name) < 0)
		return -1;
	st->name_loc = topo_wloc(ps, v);
	return 1;
}

/* The rest of the statement: at most "name LABEL". */
static int label_then_end(struct topo_pstate *ps, struct topo_step *st)
{
	struct topo_word *w = topo_next(ps);
	int rc;

	if (!w)
		return 0;
	if ((rc = step_label(ps, w, st)) < 0)
		return -1;
	if (rc == 0)
		return topo_perr(ps, w, "unexpected word: '%s', expected 'name LABEL' or the end of the statement",
				 w->text);
	return topo_end(ps);
}

/* "join LABEL" */
int topo_p_join(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_step *st = push_step(ps, kw, TOPO_STEP_JOIN);
	struct topo_word *w;

	if (!st || !(w = topo_need(ps, kw, "the label of a start")) ||
	    topo_p_name(ps, w, "step", st->name) < 0)
		return -1;
	st->name_loc = topo_wloc(ps, w);
	return topo_end(ps);
}

/* "sleep DUR" */
int topo_p_sleep(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_step *st = push_step(ps, kw, TOPO_STEP_SLEEP);
	struct topo_word *w;

	if (!st || !(w = topo_need(ps, kw, "a duration (3, 0.5, 3s, 250ms)")) ||
	    topo_p_dur(ps, w, &st->timeout) < 0)
		return -1;
	return label_then_end(ps, st);
}

/* "set NODE IFNAME ..." or "set network NET ...", then up or down and/or
 * properties, at least one. */
int topo_p_set(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_step *st = push_step(ps, kw, TOPO_STEP_SET);
	struct topo_word *w, *v;
	int rc;

	if (!st || !(w = topo_need(ps, kw, "a node name or 'network'")))
		return -1;
	if (!strcmp(w->text, "network")) {
		char name[TOPO_NAME_MAX];

		if (!(v = topo_need(ps, w, "a network name")) ||
		    topo_p_name(ps, v, "network", name) < 0)
			return -1;
		st->net = topo_net_find(ps->t, name);
		if (st->net < 0)
			return topo_perr(ps, v, "undefined network: '%s', expected a network declared before this line",
					 name);
		w = v;
	} else {
		if (topo_p_noderef(ps, w, &st->node) < 0 ||
		    !(v = topo_need(ps, w, "an interface name")) ||
		    topo_p_ifname(ps, v, st->ifname) < 0)
			return -1;
		st->ifname_loc = topo_wloc(ps, v);
		w = v;
	}
	const struct topo_word *last = w;
	while ((v = topo_next(ps))) {
		if (!strcmp(v->text, "up") || !strcmp(v->text, "down")) {
			if (st->updown)
				return topo_perr(ps, v, "duplicate option: '%s', expected up or down once",
						 v->text);
			st->updown = v->text[0] == 'u' ? 1 : -1;
			continue;
		}
		if ((rc = step_label(ps, v, st)) != 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		rc = topo_p_shape(ps, v, &st->shape);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return topo_perr(ps, v, "unknown word: '%s', expected up, down, rate, delay, jitter, loss, limit or name",
					 v->text);
	}
	if (!st->updown && !st->shape.set)
		return topo_perr(ps, last, "missing argument: '%s', expected up, down or a property (rate, delay, jitter, loss, limit) after it",
				 last->text);
	return 0;
}

static int p_ep_add(struct topo_pstate *ps, struct topo_step *st)
{
	const struct topo_word *portw = NULL;
	struct topo_word *w;
	unsigned seen = 0;

	while ((w = topo_next(ps))) {
		int rc = step_label(ps, w, st);

		if (rc < 0 || (rc == 0 &&
			       topo_p_ep_opt(ps, w, &st->ep, &seen, &portw) < 0))
			return -1;
	}
	if (portw && !(st->ep.flags & MPTCP_PM_ADDR_FLAG_SIGNAL))
		return topo_perr(ps, portw, "port without signal: '%s', expected the signal flag with a port",
				 portw->text);
	return 0;
}

/* "endpoint NODE add ADDR [OPTION...]", "endpoint NODE delete ADDR",
 * "endpoint NODE backup|nobackup ADDR" */
int topo_p_endpoint(struct topo_pstate *ps, const struct topo_word *kw)
{
	static const struct { const char *w; enum topo_ep_op op; } ops[] = {
		{ "add", TOPO_EP_ADD }, { "delete", TOPO_EP_DELETE },
		{ "backup", TOPO_EP_BACKUP }, { "nobackup", TOPO_EP_NOBACKUP },
	};
	struct topo_step *st = push_step(ps, kw, TOPO_STEP_ENDPOINT);
	struct topo_word *w, *v;

	if (!st || !(w = topo_need(ps, kw, "a node name")) ||
	    topo_p_noderef(ps, w, &st->node) < 0 ||
	    !(v = topo_need(ps, w, "add, delete, backup or nobackup")))
		return -1;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(v->text, ops[i].w))
			st->ep_op = ops[i].op;
	if (!st->ep_op)
		return topo_perr(ps, v, "unknown word: '%s', expected add, delete, backup or nobackup",
				 v->text);
	st->ep.node = st->node;
	st->ep.loc = st->loc;
	if (!(w = topo_need(ps, v, "an address of the node")) ||
	    topo_p_host(ps, w, "an address of the node", &st->ep.addr) < 0)
		return -1;
	st->ep.addr_loc = topo_wloc(ps, w);
	if (st->ep_op == TOPO_EP_ADD)
		return p_ep_add(ps, st);
	return label_then_end(ps, st);
}
