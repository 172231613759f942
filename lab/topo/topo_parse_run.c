/* topo_parse_run.c: what a lab does once it is up: services (in a node
 * block), the steps run, wait and link, and expect lines. */
#include "topo/topo_int.h"
#include "util/event_names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { O_NAME = 1, O_READY = 2, O_OUTPUT = 4, O_TIMEOUT = 8, O_GRACE = 16,
       O_EXIT = 32, O_INTERVAL = 64, O_UP = 128, O_MASTER = 256 };

/* The options of a service or step. */
struct optctx {
	struct topo_service *svc;
	struct topo_step *step;
	unsigned seen;
};

/* "timeout DUR", shared by every statement that has it. */
static int p_timeout(struct topo_pstate *ps, struct topo_word *w,
		     unsigned *seen, unsigned bit, double *out)
{
	struct topo_word *v;

	if (topo_once(ps, w, seen, bit) < 0 ||
	    !(v = topo_need(ps, w, "a duration (3, 0.5, 3s, 250ms)")))
		return -1;
	return topo_p_dur(ps, v, out);
}

static int p_output(struct topo_pstate *ps, struct topo_word *w,
		    unsigned *seen, char **out)
{
	struct topo_word *v;

	if (topo_once(ps, w, seen, O_OUTPUT) < 0 ||
	    !(v = topo_need(ps, w, "the text to look for")))
		return -1;
	*out = topo_p_strdup(ps, v->text);
	return *out ? 0 : -1;
}

static int p_ready(struct topo_pstate *ps, struct topo_word *w,
		   struct topo_service *s, unsigned *seen)
{
	struct topo_word *v, *a;
	long port;

	if (topo_once(ps, w, seen, O_READY) < 0 ||
	    !(v = topo_need(ps, w, "tcp PORT or cmd COMMAND")))
		return -1;
	if (!strcmp(v->text, "tcp")) {
		if (!(a = topo_need(ps, v, "a port 1..65535")) ||
		    topo_p_uint(ps, a, "port", 1, 65535, &port) < 0)
			return -1;
		s->ready = TOPO_READY_TCP;
		s->ready_port = (int)port;
		return 0;
	}
	if (strcmp(v->text, "cmd"))
		return topo_perr(ps, v, "unknown word: '%s', expected tcp or cmd",
				 v->text);
	if (!(a = topo_need(ps, v, "a command in one quoted word")))
		return -1;
	s->ready = TOPO_READY_CMD;
	return topo_lex_split(ps->t->file, a->line, a->col, a->text,
			      &s->ready_argv, ps->err);
}

static int p_service_opt(struct topo_pstate *ps, struct topo_word *w,
			 struct optctx *c, bool *is_opt)
{
	struct topo_service *s = c->svc;
	unsigned *seen = &c->seen;
	struct topo_word *v;

	*is_opt = true;
	if (!strcmp(w->text, "name")) {
		if (topo_once(ps, w, seen, O_NAME) < 0 ||
		    !(v = topo_need(ps, w, "a service name")) ||
		    topo_p_name(ps, v, "service", s->name) < 0)
			return -1;
		s->name_loc = topo_wloc(ps, v);
		return 0;
	}
	if (!strcmp(w->text, "ready"))
		return p_ready(ps, w, s, seen);
	if (!strcmp(w->text, "output")) {
		if (s->ready != TOPO_READY_CMD)
			return topo_perr(ps, w, "unexpected word: 'output', expected 'ready cmd COMMAND' before it");
		return p_output(ps, w, seen, &s->ready_match);
	}
	if (!strcmp(w->text, "timeout"))
		return p_timeout(ps, w, seen, O_TIMEOUT, &s->timeout);
	if (!strcmp(w->text, "grace"))
		return p_timeout(ps, w, seen, O_GRACE, &s->grace);
	*is_opt = false;
	return 0;
}

/* Options, then "--" or the first word that is not an option, then the
 * command. fn reads one option; *is_opt false means w starts the command. */
static int options_then_argv(struct topo_pstate *ps,
			     const struct topo_word *kw, char ***argv,
			     int (*fn)(struct topo_pstate *, struct topo_word *,
				       struct optctx *, bool *),
			     struct optctx *c)
{
	struct topo_word *w;
	bool is_opt;

	while ((w = topo_next(ps))) {
		if (!strcmp(w->text, "--"))
			break;
		if (fn(ps, w, c, &is_opt) < 0)
			return -1;
		if (!is_opt) {
			ps->i--;
			break;
		}
	}
	return topo_p_argv(ps, kw, argv);
}

int topo_p_service(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_service *s = topo_push(&ps->t->services, &ps->t->nservices,
					   sizeof(*s));
	struct optctx c = { .svc = s };

	if (!s)
		return topo_enomem(ps);
	s->node = ps->cur;
	s->loc = topo_wloc(ps, kw);
	s->timeout = 10;
	s->grace = 3;
	return options_then_argv(ps, kw, &s->argv, p_service_opt, &c);
}

static struct topo_step *new_step(struct topo_pstate *ps,
				  const struct topo_word *kw,
				  enum topo_step_kind kind, double timeout)
{
	struct topo_step *st = topo_push(&ps->t->steps, &ps->t->nsteps,
					 sizeof(*st));
	struct topo_word *w;

	if (!st) {
		topo_enomem(ps);
		return NULL;
	}
	st->kind = kind;
	st->loc = topo_wloc(ps, kw);
	st->timeout = timeout;
	st->interval = 0.1;
	if (!(w = topo_need(ps, kw, "a node name")) ||
	    topo_p_noderef(ps, w, &st->node) < 0)
		return NULL;
	return st;
}

static int p_run_opt(struct topo_pstate *ps, struct topo_word *w,
		     struct optctx *c, bool *is_opt)
{
	struct topo_step *st = c->step;
	unsigned *seen = &c->seen;
	struct topo_word *v;
	long n;

	*is_opt = true;
	if (!strcmp(w->text, "timeout"))
		return p_timeout(ps, w, seen, O_TIMEOUT, &st->timeout);
	if (!strcmp(w->text, "name")) {
		/* A label for the report; checked like a service's name so it
		 * is safe in every output format. */
		if (topo_once(ps, w, seen, O_NAME) < 0 ||
		    !(v = topo_need(ps, w, "a step name")) ||
		    topo_p_name(ps, v, "step", st->name) < 0)
			return -1;
		st->name_loc = topo_wloc(ps, v);
		return 0;
	}
	if (st->kind != TOPO_STEP_WAIT && !strcmp(w->text, "exit")) {
		if (topo_once(ps, w, seen, O_EXIT) < 0 ||
		    !(v = topo_need(ps, w, "an exit status 0..255")) ||
		    topo_p_uint(ps, v, "exit status", 0, 255, &n) < 0)
			return -1;
		st->expect_exit = (int)n;
		return 0;
	}
	if (st->kind == TOPO_STEP_WAIT && !strcmp(w->text, "interval"))
		return p_timeout(ps, w, seen, O_INTERVAL, &st->interval);
	if (st->kind == TOPO_STEP_WAIT && !strcmp(w->text, "output"))
		return p_output(ps, w, seen, &st->match);
	*is_opt = false;
	return 0;
}

int topo_p_run(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct optctx c = { .step = new_step(ps, kw, TOPO_STEP_RUN, 60) };

	if (!c.step)
		return -1;
	return options_then_argv(ps, kw, &c.step->argv, p_run_opt, &c);
}

/* "start NODE name LABEL [timeout DUR] [exit N] [--] CMD...": run's
 * options, the label required (join names it). */
int topo_p_start(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct optctx c = { .step = new_step(ps, kw, TOPO_STEP_START, 60) };

	if (!c.step)
		return -1;
	if (options_then_argv(ps, kw, &c.step->argv, p_run_opt, &c) < 0)
		return -1;
	if (!c.step->name[0])
		return topo_perr(ps, kw, "missing label: '%s', expected 'name LABEL' (join LABEL waits for it)",
				 kw->text);
	return 0;
}

int topo_p_wait(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct optctx c = { .step = new_step(ps, kw, TOPO_STEP_WAIT, 10) };

	if (!c.step)
		return -1;
	return options_then_argv(ps, kw, &c.step->argv, p_run_opt, &c);
}

static int p_link_addr(struct topo_pstate *ps, struct topo_word *w,
		       struct topo_step *st)
{
	struct topo_word *v = topo_need(ps, w, "an address ADDR/PLEN");

	if (!v)
		return -1;
	if (st->naddrs == TOPO_MAX_ADDRS)
		return topo_perr(ps, v, "too many addresses: '%s', expected at most %d on one interface",
				 v->text, TOPO_MAX_ADDRS);
	if (topo_p_prefix(ps, v, false, "an address with its prefix length (10.0.0.5/24)",
			  &st->addrs[st->naddrs]) < 0)
		return -1;
	st->addr_loc[st->naddrs++] = topo_wloc(ps, v);
	return 0;
}

int topo_p_link(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_step *st = new_step(ps, kw, TOPO_STEP_LINK, 10);
	struct topo_word *w, *v;
	unsigned seen = 0;

	if (!st || !(w = topo_need(ps, &ps->st.w[ps->i - 1], "an interface name")) ||
	    topo_p_ifname(ps, w, st->ifname) < 0)
		return -1;
	st->ifname_loc = topo_wloc(ps, w);
	while ((w = topo_next(ps))) {
		if (!strcmp(w->text, "timeout")) {
			if (p_timeout(ps, w, &seen, O_TIMEOUT, &st->timeout) < 0)
				return -1;
		} else if (!strcmp(w->text, "up")) {
			if (topo_once(ps, w, &seen, O_UP) < 0)
				return -1;
			st->up = true;
		} else if (!strcmp(w->text, "master")) {
			if (topo_once(ps, w, &seen, O_MASTER) < 0 ||
			    !(v = topo_need(ps, w, "a bridge name")) ||
			    topo_p_ifname(ps, v, st->master) < 0)
				return -1;
			st->master_loc = topo_wloc(ps, v);
		} else if (!strcmp(w->text, "address")) {
			if (p_link_addr(ps, w, st) < 0)
				return -1;
		} else {
			return topo_perr(ps, w, "unknown word: '%s', expected timeout, up, master or address",
					 w->text);
		}
	}
	return 0;
}

/* "EVENT=N", "EVENT>=N", "EVENT<=N", "EVENT=N..M". */
static int p_term(struct topo_pstate *ps, const struct topo_word *w,
		  struct topo_expect *e)
{
	static const char form[] = "EVENT=N, EVENT>=N, EVENT<=N or EVENT=N..M";
	const char *s = w->text, *op = s, *num;
	char name[32], *end, *end2;

	while (isalnum((unsigned char)*op) || *op == '_')
		op++;
	if (op == s || (size_t)(op - s) >= sizeof(name) ||
	    (strncmp(op, "=", 1) && strncmp(op, ">=", 2) && strncmp(op, "<=", 2)))
		return topo_perr(ps, w, "bad expectation: '%s', expected %s", s, form);
	memcpy(name, s, op - s);
	name[op - s] = '\0';
	e->event = event_from_name(name);
	for (char *p = name; *p; p++)
		if (islower((unsigned char)*p))
			e->event = -1;	/* event names are upper case */
	if (e->event < 0)
		return topo_perr(ps, w, "unknown event: '%s', expected CREATED, ESTABLISHED, CLOSED, ANNOUNCED, REMOVED, SF_ESTABLISHED, SF_CLOSED, SF_PRIO, LISTENER_CREATED or LISTENER_CLOSED",
				 name);
	num = op + (*op == '=' ? 1 : 2);
	if (!isdigit((unsigned char)*num) || strlen(num) > 20)
		goto bad;
	e->min = strtol(num, &end, 10);
	e->max = e->min;
	if (*op == '>')
		e->max = -1;
	else if (*op == '<')
		e->min = 0;
	if (*op == '=' && !strncmp(end, "..", 2)) {
		if (!isdigit((unsigned char)end[2]))
			goto bad;
		e->max = strtol(end + 2, &end2, 10);
		end = end2;
		if (e->max < e->min)
			return topo_perr(ps, w, "bad range: '%s', expected the minimum not above the maximum",
					 s);
	}
	if (*end || e->min > 1000000 || e->max > 1000000)
		goto bad;
	return 0;
bad:
	return topo_perr(ps, w, "bad count: '%s', expected %s with N, M in 0..1000000",
			 s, form);
}

/* A feature name, or one error listing the known ones. */
static int p_feature(struct topo_pstate *ps, const struct topo_word *w)
{
	char known[512];
	int f = feature_from_name(w->text);

	if (f >= 0)
		return f;
	return topo_perr(ps, w, "unknown feature: '%s', expected one of %s",
			 w->text, feature_list((feature_mask)-1 >> (32 - FEAT_COUNT),
					       known, sizeof(known)));
}

/* "... if FEATURE...": the terms of this line count only where the
 * kernel has every feature named. */
static int p_expect_if(struct topo_pstate *ps, const struct topo_word *kw,
		       int first)
{
	struct topo_word *w = topo_need(ps, kw, "a kernel feature");
	feature_mask m = 0;
	int f;

	if (first == ps->t->nexpects)
		return topo_perr(ps, kw, "missing argument: 'if', expected EVENT=N terms before it");
	for (; w; w = topo_next(ps)) {
		if ((f = p_feature(ps, w)) < 0)
			return -1;
		m |= FEATURE_BIT(f);
	}
	if (!m)
		return -1;	/* topo_need reported it */
	for (int i = first; i < ps->t->nexpects; i++)
		ps->t->expects[i].needs |= m;
	return 0;
}

/* "require FEATURE...": without them the scenario is skipped. */
int topo_p_require(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "a kernel feature");
	int f;

	if (!w)
		return -1;
	if (!ps->t->requires)
		ps->t->requires_loc = topo_wloc(ps, kw);
	for (; w; w = topo_next(ps)) {
		if ((f = p_feature(ps, w)) < 0)
			return -1;
		ps->t->requires |= FEATURE_BIT(f);
	}
	return 0;
}

int topo_p_expect(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w;
	int node, first;

	if (!(w = topo_need(ps, kw, "a node name")) ||
	    topo_p_noderef(ps, w, &node) < 0)
		return -1;
	if (ps->i >= ps->st.n)
		return topo_perr(ps, w, "missing argument: '%s', expected EVENT=N terms after it",
				 w->text);
	first = ps->t->nexpects;
	while ((w = topo_next(ps))) {
		if (!strcmp(w->text, "if"))
			return p_expect_if(ps, w, first);
		struct topo_expect *e = topo_push(&ps->t->expects,
						  &ps->t->nexpects, sizeof(*e));

		if (!e)
			return topo_enomem(ps);
		e->node = node;
		e->loc = topo_wloc(ps, w);
		if (p_term(ps, w, e) < 0)
			return -1;
		if (e->event == MPTCP_EVENT_LISTENER_CREATED ||
		    e->event == MPTCP_EVENT_LISTENER_CLOSED)
			e->needs |= FEATURE_BIT(FEAT_LISTENER_EVENTS);
	}
	return 0;
}
