/* topo_pwords.c: the parser's word-level helpers: fetching words, and
 * reading numbers, durations, names, interface names and addresses with
 * one consistent error style ("WHAT: 'WORD', expected WHAT"). */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const top_keywords[] = {
	"node", "network", "run", "wait", "link", "expect", "require",
	"start", "join", "sleep", "set", "endpoint", "assert", NULL,
};

static const char *const node_keywords[] = {
	"sysctl", "forwarding", "route", "mptcp", "bridge", "mount",
	"service", NULL,
};

static bool in_list(const char *const *l, const char *s)
{
	for (; *l; l++)
		if (!strcmp(*l, s))
			return true;
	return false;
}

bool topo_is_keyword(const char *s)
{
	return in_list(top_keywords, s) || in_list(node_keywords, s);
}

bool topo_is_node_keyword(const char *s)
{
	return in_list(node_keywords, s);
}

struct topo_loc topo_wloc(const struct topo_pstate *ps,
			  const struct topo_word *w)
{
	struct topo_loc l = { ps->t->file, w->line, w->col };

	return l;
}

int topo_perr(struct topo_pstate *ps, const struct topo_word *w,
	      const char *fmt, ...)
{
	va_list ap;
	char msg[sizeof(ps->err->msg)];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return topo_errf(ps->err, ps->t->file, w->line, w->col, "%s", msg);
}

int topo_enomem(struct topo_pstate *ps)
{
	const struct topo_word *w = ps->st.n ? &ps->st.w[0] : NULL;

	return topo_errf(ps->err, ps->t->file, w ? w->line : 0,
			 w ? w->col : 0, "out of memory");
}

struct topo_word *topo_next(struct topo_pstate *ps)
{
	return ps->i < ps->st.n ? &ps->st.w[ps->i++] : NULL;
}

struct topo_word *topo_need(struct topo_pstate *ps,
			    const struct topo_word *prev, const char *what)
{
	struct topo_word *w = topo_next(ps);

	if (!w)
		topo_perr(ps, prev, "missing argument: '%s', expected %s after it",
			  prev->text, what);
	return w;
}

int topo_end(struct topo_pstate *ps)
{
	struct topo_word *w = topo_next(ps);

	if (w)
		return topo_perr(ps, w,
				 "unexpected word: '%s', expected the end of the statement",
				 w->text);
	return 0;
}

int topo_once(struct topo_pstate *ps, const struct topo_word *w,
	      unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return topo_perr(ps, w,
				 "duplicate option: '%s', expected it at most once",
				 w->text);
	*seen |= bit;
	return 0;
}

int topo_p_uint(struct topo_pstate *ps, const struct topo_word *w,
		const char *noun, long lo, long hi, long *out)
{
	const char *s = w->text;
	char *end;
	long v;

	if (!isdigit((unsigned char)s[0]) || strlen(s) > 12)
		goto bad;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno)
		goto bad;
	if (v < lo || v > hi)
		return topo_perr(ps, w, "%s out of range: '%s', expected %ld..%ld",
				 noun, s, lo, hi);
	*out = v;
	return 0;
bad:
	return topo_perr(ps, w, "bad %s: '%s', expected a number %ld..%ld",
			 noun, s, lo, hi);
}

int topo_p_dur(struct topo_pstate *ps, const struct topo_word *w,
	       double *out)
{
	const char *s = w->text;
	char *end;
	double v, scale = 1;

	if (!isdigit((unsigned char)s[0]))
		goto bad;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s)
		goto bad;
	/* strtod accepts hex, exponents, "inf": only digits and one dot */
	for (const char *p = s; p < end; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			goto bad;
	if (!strcmp(end, "ms"))
		scale = 0.001;
	else if (strcmp(end, "s") && *end)
		goto bad;
	v *= scale;
	if (v <= 0 || v > 86400)
		return topo_perr(ps, w,
				 "duration out of range: '%s', expected more than 0 and at most 86400 s",
				 s);
	*out = v;
	return 0;
bad:
	return topo_perr(ps, w,
			 "bad duration: '%s', expected seconds (3, 0.5, 3s) or milliseconds (250ms)",
			 s);
}

bool topo_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= TOPO_NAME_MAX || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

int topo_p_name(struct topo_pstate *ps, const struct topo_word *w,
		const char *kind, char out[TOPO_NAME_MAX])
{
	const char *s = w->text;

	if (!topo_name_ok(s))
		goto bad;
	memcpy(out, s, strlen(s) + 1);
	return 0;
bad:
	return topo_perr(ps, w,
			 "bad %s name: '%s', expected 1-%d letters, digits, '-' or '_', starting with a letter",
			 kind, s, TOPO_NAME_MAX - 1);
}

int topo_p_ifname(struct topo_pstate *ps, const struct topo_word *w,
		  char out[IFNAMSIZ])
{
	const char *s = w->text;
	size_t n = strlen(s);

	if (n >= IFNAMSIZ)
		return topo_perr(ps, w,
				 "interface name too long: '%s', expected at most %d characters",
				 s, IFNAMSIZ - 1);
	if (n == 0 || !strcmp(s, ".") || !strcmp(s, ".."))
		goto bad;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("-_.", s[i]))
			goto bad;
	memcpy(out, s, n + 1);
	return 0;
bad:
	return topo_perr(ps, w,
			 "bad interface name: '%s', expected letters, digits, '-', '_' or '.'",
			 s);
}

int topo_p_host(struct topo_pstate *ps, const struct topo_word *w,
		const char *what, struct topo_addr *a)
{
	switch (topo_addr_parse_host(w->text, a)) {
	case TOPO_ADDR_OK:
		return 0;
	case TOPO_ADDR_PLEN:
		return topo_perr(ps, w, "bad address: '%s', expected %s without /PLEN",
				 w->text, what);
	default:
		return topo_perr(ps, w, "bad address: '%s', expected %s", w->text,
				 what);
	}
}

int topo_p_prefix(struct topo_pstate *ps, const struct topo_word *w,
		  bool net, const char *what, struct topo_addr *a)
{
	switch (topo_addr_parse_prefix(w->text, net, a)) {
	case TOPO_ADDR_OK:
		return 0;
	case TOPO_ADDR_HOSTBITS: {
		char buf[64];

		for (int i = a->plen; i < topo_addr_bits(a); i++)
			a->bytes[i / 8] &= ~(0x80 >> (i % 8));
		return topo_perr(ps, w,
				 "host bits set: '%s', expected the network address %s",
				 w->text, topo_addr_str(a, true, buf, sizeof(buf)));
	}
	case TOPO_ADDR_NOPLEN:
		return topo_perr(ps, w, "missing prefix length: '%s', expected %s",
				 w->text, what);
	case TOPO_ADDR_PLEN:
		return topo_perr(ps, w, "bad prefix length: '%s', expected %s",
				 w->text, what);
	default:
		return topo_perr(ps, w, "bad address: '%s', expected %s", w->text,
				 what);
	}
}

int topo_p_noderef(struct topo_pstate *ps, const struct topo_word *w,
		   int *node)
{
	char name[TOPO_NAME_MAX];
	struct topo_node *n;
	struct topo_noderef *r;
	int i;

	if (topo_p_name(ps, w, "node", name) < 0)
		return -1;
	if (topo_is_keyword(name))
		return topo_perr(ps, w, "bad node name: '%s', expected a name that is not a keyword",
				 name);
	i = topo_node_find(ps->t, name);
	if (i >= 0) {
		*node = i;
		return 0;
	}
	r = topo_push(&ps->refs, &ps->nrefs, sizeof(*r));
	if (!r)
		return topo_enomem(ps);
	r->first_use = topo_wloc(ps, w);
	n = topo_push(&ps->t->nodes, &ps->t->nnodes, sizeof(*n));
	if (!n || topo_map_puts(&ps->t->index->nodes, 0, name,
				ps->t->nnodes - 1) == TOPO_MAP_NOMEM) {
		if (n)
			ps->t->nnodes--;
		ps->nrefs--;
		return topo_enomem(ps);
	}
	memcpy(n->name, name, sizeof(name));
	n->loc = r->first_use;
	*node = ps->t->nnodes - 1;
	return 0;
}

char *topo_p_strdup(struct topo_pstate *ps, const char *s)
{
	char *d = strdup(s);

	if (!d)
		topo_enomem(ps);
	return d;
}

/* The rest of the statement from the cursor as a NULL-terminated argv. */
int topo_p_argv(struct topo_pstate *ps, const struct topo_word *kw,
		char ***argv)
{
	int n = ps->st.n - ps->i;
	char **v;

	if (n <= 0)
		return topo_perr(ps, kw,
				 "missing command: '%s', expected a command after the options",
				 kw->text);
	/* exec of "" fails with ENOENT only when the lab is up */
	if (!ps->st.w[ps->i].text[0])
		return topo_perr(ps, &ps->st.w[ps->i],
				 "empty command: '', expected a program name or path");
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return topo_enomem(ps);
	for (int k = 0; k < n; k++) {
		struct topo_word *w = topo_next(ps);

		v[k] = w->text;		/* moved from the statement */
		w->text = NULL;
	}
	*argv = v;
	return 0;
}
