/* topo_parse.c: topology files into struct topo: reading the file, the
 * statement dispatcher and the block statements (node, network, member
 * lines). Node-block statements live in topo_parse_node.c, services and
 * steps in topo_parse_run.c. Syntax only; meaning is topo_check()'s. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOPO_MAX_FILE (64 << 20)
#define TOPO_BOM "\xef\xbb\xbf"	/* UTF-8 byte order mark */

static int p_node(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "a node name");
	char name[TOPO_NAME_MAX];
	int i;

	if (!w || topo_p_name(ps, w, "node", name) < 0)
		return -1;
	if (topo_is_keyword(name))
		return topo_perr(ps, w, "bad node name: '%s', expected a name that is not a keyword",
				 name);
	i = topo_node_find(ps->t, name);
	if (i >= 0 && ps->refs[i].declared)
		return topo_perr(ps, w, "duplicate node: '%s', first declared at line %d",
				 name, ps->t->nodes[i].loc.line);
	if (i < 0 && topo_p_noderef(ps, w, &i) < 0)
		return -1;
	ps->refs[i].declared = true;
	ps->t->nodes[i].loc = topo_wloc(ps, kw);
	ps->blk = BLK_NODE;
	ps->cur = i;
	return topo_end(ps);
}

static int p_subnet(struct topo_pstate *ps, struct topo_net *net,
		    const struct topo_word *w)
{
	struct topo_addr a;
	struct topo_addr *slot;

	if (topo_p_prefix(ps, w, true, "a subnet like 10.0.0.0/24 or fd00::/64",
			  &a) < 0)
		return -1;
	/* a /0 subnet holds every address (the unspecified, loopback and
	 * multicast ones too) and its connected route is the default route */
	if (a.plen == 0)
		return topo_perr(ps, w, "bad prefix length: '%s', expected a subnet of 1..%d bits",
				 w->text, topo_addr_bits(&a));
	slot = a.family == AF_INET ? &net->subnet4 : &net->subnet6;
	if (slot->family)
		return topo_perr(ps, w, "second %s subnet: '%s', expected one IPv4 and/or one IPv6 subnet",
				 a.family == AF_INET ? "IPv4" : "IPv6", w->text);
	*slot = a;
	return 0;
}

/* Link properties to the end of the statement (network and member
 * lines): "rate 50mbit delay 20ms ..."; on a network line (net not
 * NULL) also "capture". */
static int p_props(struct topo_pstate *ps, struct topo_shape *s,
		   struct topo_net *net)
{
	struct topo_word *w;
	int rc;

	while ((w = topo_next(ps))) {
		if (net && !strcmp(w->text, "capture")) {
			if (net->capture)
				return topo_perr(ps, w, "duplicate option: 'capture', expected it at most once");
			net->capture = true;
			continue;
		}
		rc = topo_p_shape(ps, w, s);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return topo_perr(ps, w, "unexpected word: '%s', expected %srate, delay, jitter, loss, limit or the end of the statement",
					 w->text, net ? "capture, " : "");
	}
	return 0;
}

static int p_network(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "a network name");
	struct topo_net *net;
	char name[TOPO_NAME_MAX];
	struct topo_netinfo *ni;
	int i;

	if (!w || topo_p_name(ps, w, "network", name) < 0)
		return -1;
	i = topo_net_find(ps->t, name);
	if (i >= 0)
		return topo_perr(ps, w, "duplicate network: '%s', first declared at line %d",
				 name, ps->t->nets[i].loc.line);
	net = topo_push(&ps->t->nets, &ps->t->nnets, sizeof(*net));
	if (!net || topo_map_puts(&ps->t->index->nets, 0, name,
				  ps->t->nnets - 1) == TOPO_MAP_NOMEM)
		return topo_enomem(ps);
	/* parallel to t->nets, grown as topo_push() grows it */
	ni = ps->netinfo;
	if (topo_capacity(ps->t->nnets) > topo_capacity(ps->t->nnets - 1) || !ni) {
		ni = realloc(ps->netinfo, topo_capacity(ps->t->nnets) * sizeof(*ni));
		if (!ni)
			return topo_enomem(ps);
		ps->netinfo = ni;
	}
	ni[ps->t->nnets - 1] = (struct topo_netinfo){ 0, topo_wloc(ps, w) };
	memcpy(net->name, name, sizeof(name));
	net->loc = topo_wloc(ps, kw);
	ps->blk = BLK_NET;
	ps->cur = ps->t->nnets - 1;
	w = topo_need(ps, w, "a subnet like 10.0.0.0/24 or fd00::/64");
	if (!w || p_subnet(ps, net, w) < 0)
		return -1;
	w = topo_next(ps);
	bool prop = w && (topo_prop_find(w->text) >= 0 || !strcmp(w->text, "capture"));

	if (w && !prop && p_subnet(ps, net, w) < 0)
		return -1;
	if (prop)
		ps->i--;
	return p_props(ps, &net->shape, net);
}

static int p_member_addr(struct topo_pstate *ps, struct topo_iface *f,
			 const struct topo_word *w)
{
	const struct topo_net *net = &ps->t->nets[f->net];
	struct topo_addr a;
	const char *why;

	if (f->naddrs == TOPO_MAX_ADDRS)
		return topo_perr(ps, w, "too many addresses: '%s', expected at most %d on one interface",
				 w->text, TOPO_MAX_ADDRS);
	if (topo_addr_member(w->text, net, &a, &why) < 0) {
		if (!strcmp(why, "nosubnet"))
			return topo_perr(ps, w, "no %s subnet for a short address: '%s', expected a subnet of that family on network %s",
					 w->text[0] == '.' ? "IPv4" : "IPv6",
					 w->text, net->name);
		if (!strcmp(why, "fit"))
			return topo_perr(ps, w, "host part too large: '%s', expected it to fit the host bits of the network's subnet",
					 w->text);
		if (strchr(w->text, '/'))
			return topo_perr(ps, w, "bad address: '%s', expected an address without /PLEN (the network's prefix length is used)",
					 w->text);
		return topo_perr(ps, w, "bad address: '%s', expected an address (10.0.0.2, fd00::2) or a short host part (.2, ::2)",
				 w->text);
	}
	f->addr_loc[f->naddrs] = topo_wloc(ps, w);
	f->addrs[f->naddrs++] = a;
	return 0;
}

/* "NODE IFNAME [ADDR...] [PROPERTY VALUE...]" inside a network block. */
static int p_member(struct topo_pstate *ps, const struct topo_word *nw)
{
	struct topo_word *w;
	struct topo_iface *f;
	int node;

	if (topo_p_noderef(ps, nw, &node) < 0)
		return -1;
	f = topo_push(&ps->t->ifaces, &ps->t->nifaces, sizeof(*f));
	if (!f)
		return topo_enomem(ps);
	f->node = node;
	f->net = ps->cur;
	f->loc = topo_wloc(ps, nw);
	ps->netinfo[ps->cur].members++;
	w = topo_need(ps, nw, "an interface name");
	if (!w || topo_p_ifname(ps, w, f->ifname) < 0)
		return -1;
	f->ifname_loc = topo_wloc(ps, w);
	while ((w = topo_next(ps))) {
		if (topo_prop_find(w->text) >= 0) {
			ps->i--;
			return p_props(ps, &f->shape, NULL);
		}
		if (!strcmp(w->text, "capture"))
			return topo_perr(ps, w, "misplaced option: 'capture', expected it on the network line (it captures every member)");
		if (p_member_addr(ps, f, w) < 0)
			return -1;
	}
	return 0;
}

static int p_node_stmt(struct topo_pstate *ps, const struct topo_word *w)
{
	static const struct {
		const char *kw;
		int (*fn)(struct topo_pstate *, const struct topo_word *);
	} tab[] = {
		{ "sysctl", topo_p_sysctl }, { "forwarding", topo_p_forwarding },
		{ "route", topo_p_route }, { "mptcp", topo_p_mptcp },
		{ "bridge", topo_p_bridge }, { "mount", topo_p_mount },
		{ "service", topo_p_service },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(w->text, tab[i].kw))
			return tab[i].fn(ps, w);
	return topo_perr(ps, w, "unknown word: '%s', expected sysctl, forwarding, route, mptcp, bridge, mount, service, node, network, run, wait, link, expect, require, start, join, sleep, set, endpoint or assert",
			 w->text);
}

static int p_stmt(struct topo_pstate *ps)
{
	static const struct {
		const char *kw;
		int (*fn)(struct topo_pstate *, const struct topo_word *);
	} top[] = {
		{ "node", p_node }, { "network", p_network },
		{ "run", topo_p_run }, { "wait", topo_p_wait },
		{ "link", topo_p_link }, { "expect", topo_p_expect },
		{ "require", topo_p_require }, { "start", topo_p_start },
		{ "join", topo_p_join }, { "sleep", topo_p_sleep },
		{ "set", topo_p_set }, { "endpoint", topo_p_endpoint },
		{ "assert", topo_p_assert },
	};
	struct topo_word *w = topo_next(ps);

	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (!strcmp(w->text, top[i].kw)) {
			ps->blk = BLK_NONE;	/* node, network open their own */
			return top[i].fn(ps, w);
		}
	if (ps->blk == BLK_NODE)
		return p_node_stmt(ps, w);
	if (topo_is_node_keyword(w->text))
		return topo_perr(ps, w, "node statement outside a node block: '%s', expected 'node NAME' before it",
				 w->text);
	if (ps->blk == BLK_NET)
		return p_member(ps, w);
	return topo_perr(ps, w, "unknown word: '%s', expected node, network, run, wait, link, expect, require, start, join, sleep, set, endpoint or assert",
			 w->text);
}

/* After the last statement: every node used was declared, every network
 * has members. */
static int p_finish(struct topo_pstate *ps)
{
	for (int i = 0; i < ps->t->nnodes; i++)
		if (!ps->refs[i].declared)
			return topo_errf_loc(ps->err, &ps->refs[i].first_use,
					     "undefined node: '%s', expected a node declared with 'node %s'",
					     ps->t->nodes[i].name, ps->t->nodes[i].name);
	for (int i = 0; i < ps->t->nnets; i++)
		if (ps->netinfo[i].members == 0)
			return topo_errf_loc(ps->err, &ps->netinfo[i].name_loc,
					     "empty network: '%s', expected member lines 'NODE IFNAME [ADDR...]' after it",
					     ps->t->nets[i].name);
	return 0;
}

static char *default_name(const char *file)
{
	size_t n;
	const char *b = topo_file_stem(file, &n);

	return strndup(b, n);
}

struct topo *topo_parse_string(const char *name, const char *text,
			       struct topo_error *err)
{
	struct topo_pstate ps = { .err = err };
	struct topo_lexer lx;
	int rc;

	ps.t = calloc(1, sizeof(*ps.t));
	if (!ps.t || !(ps.t->file = strdup(name)) ||
	    !(ps.t->name = default_name(name)) || !topo_index_get(ps.t)) {
		topo_errf(err, name, 0, 0, "out of memory");
		goto fail;
	}
	if (!strncmp(text, TOPO_BOM, 3))
		text += 3;	/* Windows editors write it; it is no word */
	topo_lex_init(&lx, ps.t->file, text);
	while ((rc = topo_lex_next(&lx, &ps.st, err)) > 0) {
		ps.i = 0;
		if (p_stmt(&ps) < 0)
			goto fail;
	}
	if (rc < 0 || p_finish(&ps) < 0)
		goto fail;
	topo_stmt_free(&ps.st);
	free(ps.refs);
	free(ps.netinfo);
	return ps.t;
fail:
	topo_stmt_free(&ps.st);
	free(ps.refs);
	free(ps.netinfo);
	topo_free(ps.t);
	return NULL;
}

/* Read a regular file whole (up to TOPO_MAX_FILE). Anything else is
 * refused before reading: a FIFO or a terminal would block `check`
 * forever, a device could be endless. */
static char *read_all(const char *path, size_t *len, struct topo_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	char *buf = NULL;
	struct stat st;
	size_t n = 0;

	if (fd < 0) {
		topo_errf(err, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		topo_errf(err, path, 0, 0, "cannot read: %s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		topo_errf(err, path, 0, 0, "not a regular file: expected a topology file");
		goto fail;
	}
	if (st.st_size > TOPO_MAX_FILE) {
		topo_errf(err, path, 0, 0, "file too large: more than %d bytes",
			  TOPO_MAX_FILE);
		goto fail;
	}
	/* one byte more than stat said: a file growing meanwhile is seen */
	buf = malloc((size_t)st.st_size + 2);
	if (!buf) {
		topo_errf(err, path, 0, 0, "out of memory");
		goto fail;
	}
	for (;;) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size + 1 - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			topo_errf(err, path, 0, 0, "cannot read: %s", strerror(errno));
			goto fail;
		}
		n += (size_t)r;
		if (r == 0 || n == (size_t)st.st_size + 1)
			break;
	}
	if (n > (size_t)st.st_size) {
		topo_errf(err, path, 0, 0, "file changed while read: expected a file nobody writes to");
		goto fail;
	}
	buf[n] = '\0';
	close(fd);
	*len = n;
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

/* A NUL in text[0..len) is an error with its line and column (counted
 * after a byte order mark, as the lexer counts). */
static int nul_error(const char *name, const char *text, size_t len,
		     struct topo_error *err)
{
	const char *nul = memchr(text, '\0', len);
	int line = 1, col = 1;

	if (!nul)
		return 0;
	if (len >= 3 && !memcmp(text, TOPO_BOM, 3))
		text += 3;
	for (const char *p = text; p < nul; p++, col++)
		if (*p == '\n') {
			line++;
			col = 0;
		}
	return topo_errf(err, name, line, col,
			 "unexpected control character: '\\x00', expected text");
}

struct topo *topo_parse_buf(const char *name, const char *buf, size_t len,
			    struct topo_error *err)
{
	struct topo *t;
	char *copy;

	if (nul_error(name, buf, len, err) < 0)
		return NULL;
	copy = strndup(buf, len);	/* buf need not end in a NUL */
	if (!copy) {
		topo_errf(err, name, 0, 0, "out of memory");
		return NULL;
	}
	t = topo_parse_string(name, copy, err);
	free(copy);
	return t;
}

struct topo *topo_parse_file(const char *path, struct topo_error *err)
{
	size_t len;
	char *text = read_all(path, &len, err);
	struct topo *t;

	if (!text)
		return NULL;
	t = nul_error(path, text, len, err) < 0 ? NULL :
	    topo_parse_string(path, text, err);
	free(text);
	return t;
}
