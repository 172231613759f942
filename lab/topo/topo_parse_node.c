/* topo_parse_node.c: the statements of a node block: sysctl, forwarding,
 * route, mptcp limits/endpoint, bridge and mount. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

#include <ctype.h>
#include <linux/mptcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static int add_sysctl(struct topo_pstate *ps, const struct topo_word *w,
		      const char *key, size_t klen, const char *value)
{
	struct topo_sysctl *s = topo_push(&ps->t->sysctls, &ps->t->nsysctls,
					  sizeof(*s));

	if (!s)
		return topo_enomem(ps);
	s->node = ps->cur;
	s->loc = topo_wloc(ps, w);
	s->key = strndup(key, klen);
	s->value = strdup(value);
	if (!s->key || !s->value)
		return topo_enomem(ps);
	return 0;
}

int topo_p_sysctl(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "KEY=VALUE");
	const char *eq;
	size_t klen;

	if (!w)
		return -1;
	eq = strchr(w->text, '=');
	if (!eq || eq == w->text || !eq[1])
		return topo_perr(ps, w, "bad sysctl: '%s', expected KEY=VALUE (net.ipv4.ip_forward=1)",
				 w->text);
	klen = eq - w->text;
	for (size_t i = 0; i < klen; i++)
		if (!isalnum((unsigned char)w->text[i]) &&
		    !strchr("._-", w->text[i]))
			return topo_perr(ps, w, "bad sysctl key: '%.*s', expected letters, digits, '.', '_' or '-'",
					 (int)klen, w->text);
	if (strncmp(w->text, "net.", 4) || klen < 5 || strstr(w->text, ".."))
		return topo_perr(ps, w, "sysctl key outside net.*: '%.*s', expected a net.* key (only those are per namespace)",
				 (int)klen, w->text);
	if (add_sysctl(ps, w, w->text, klen, eq + 1) < 0)
		return -1;
	return topo_end(ps);
}

int topo_p_forwarding(struct topo_pstate *ps, const struct topo_word *kw)
{
	static const char k4[] = "net.ipv4.ip_forward";
	static const char k6[] = "net.ipv6.conf.all.forwarding";

	if (add_sysctl(ps, kw, k4, strlen(k4), "1") < 0 ||
	    add_sysctl(ps, kw, k6, strlen(k6), "1") < 0)
		return -1;
	return topo_end(ps);
}

/* The address family of an address given to a route must be the route's. */
static int same_family(struct topo_pstate *ps, const struct topo_word *w,
		       int *family, const struct topo_addr *a)
{
	if (!*family)
		*family = a->family;
	if (a->family != *family)
		return topo_perr(ps, w, "address family mismatch: '%s', expected an %s address like the rest of the route",
				 w->text, *family == AF_INET ? "IPv4" : "IPv6");
	return 0;
}

enum { R_VIA = 1, R_DEV = 2, R_SRC = 4, R_METRIC = 8, R_WEIGHT = 16 };

/* One "via/dev/weight" option of a nexthop (or of a single-path route). */
static int p_hop_opt(struct topo_pstate *ps, struct topo_word *w,
		     struct topo_nexthop *nh, unsigned *seen, int *family)
{
	struct topo_word *v;
	long n;

	if (!strcmp(w->text, "via")) {
		if (topo_once(ps, w, seen, R_VIA) < 0 ||
		    !(v = topo_need(ps, w, "a gateway address")) ||
		    topo_p_host(ps, v, "a gateway address", &nh->via) < 0 ||
		    same_family(ps, v, family, &nh->via) < 0)
			return -1;
		nh->via_loc = topo_wloc(ps, v);
		return 0;
	}
	if (!strcmp(w->text, "dev")) {
		if (topo_once(ps, w, seen, R_DEV) < 0 ||
		    !(v = topo_need(ps, w, "an interface name")) ||
		    topo_p_ifname(ps, v, nh->dev) < 0)
			return -1;
		nh->dev_loc = topo_wloc(ps, v);
		return 0;
	}
	if (topo_once(ps, w, seen, R_WEIGHT) < 0 ||
	    !(v = topo_need(ps, w, "a weight 1..256")) ||
	    topo_p_uint(ps, v, "weight", 1, 256, &n) < 0)
		return -1;
	nh->weight = (int)n;
	return 0;
}

static int p_route_opt(struct topo_pstate *ps, struct topo_word *w,
		       struct topo_route *r, unsigned *seen, int *family)
{
	struct topo_word *v;
	long n;

	if (!strcmp(w->text, "src")) {
		if (topo_once(ps, w, seen, R_SRC) < 0 ||
		    !(v = topo_need(ps, w, "a source address")) ||
		    topo_p_host(ps, v, "a source address", &r->src) < 0 ||
		    same_family(ps, v, family, &r->src) < 0)
			return -1;
		r->src_loc = topo_wloc(ps, v);
		return 0;
	}
	if (topo_once(ps, w, seen, R_METRIC) < 0 ||
	    !(v = topo_need(ps, w, "a metric 0..4294967295")) ||
	    topo_p_uint(ps, v, "metric", 0, 4294967295L, &n) < 0)
		return -1;
	r->metric = (uint32_t)n;
	r->has_metric = true;
	return 0;
}

static int route_dst(struct topo_pstate *ps, struct topo_route *r,
		     const struct topo_word *kw, int *family)
{
	struct topo_word *w = topo_need(ps, kw, "a destination ADDR/PLEN or default");

	if (!w)
		return -1;
	r->dst_loc = topo_wloc(ps, w);
	if (!strcmp(w->text, "default")) {
		r->is_default = true;
		return 0;
	}
	if (topo_p_prefix(ps, w, true, "a destination ADDR/PLEN or default",
			  &r->dst) < 0)
		return -1;
	*family = r->dst.family;
	return 0;
}

/* A hop needs a gateway or a device; checked when the hop is complete. */
static int hop_done(struct topo_pstate *ps, const struct topo_word *at,
		    const struct topo_nexthop *nh)
{
	if (!nh->via.family && !nh->dev[0])
		return topo_perr(ps, at, "missing gateway: '%s', expected via GW or dev IF",
				 at->text);
	return 0;
}

int topo_p_route(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_route *r = topo_push(&ps->t->routes, &ps->t->nroutes,
					 sizeof(*r));
	const struct topo_word *hopw = kw;
	unsigned seen = 0, hseen = 0;
	struct topo_word *w;
	int family = 0;

	if (!r)
		return topo_enomem(ps);
	r->node = ps->cur;
	r->loc = topo_wloc(ps, kw);
	if (route_dst(ps, r, kw, &family) < 0)
		return -1;
	while ((w = topo_next(ps))) {
		bool hopopt = !strcmp(w->text, "via") || !strcmp(w->text, "dev") ||
			      (r->multipath && !strcmp(w->text, "weight"));

		if (!strcmp(w->text, "nexthop")) {
			if (!r->multipath && (hseen & (R_VIA | R_DEV)))
				return topo_perr(ps, w, "unexpected word: 'nexthop', expected either via/dev or nexthops in one route");
			if (r->multipath && hop_done(ps, hopw, &r->nh[r->nnh - 1]) < 0)
				return -1;
			if (r->nnh == TOPO_MAX_NH)
				return topo_perr(ps, w, "too many nexthops: 'nexthop', expected at most %d",
						 TOPO_MAX_NH);
			r->multipath = true;
			r->nnh++;
			hseen = 0;
			hopw = w;
		} else if (hopopt) {
			if (p_hop_opt(ps, w, &r->nh[r->multipath ? r->nnh - 1 : 0],
				      &hseen, &family) < 0)
				return -1;
		} else if (!r->multipath && (!strcmp(w->text, "src") ||
					     !strcmp(w->text, "metric"))) {
			if (p_route_opt(ps, w, r, &seen, &family) < 0)
				return -1;
		} else {
			return topo_perr(ps, w, "unknown word: '%s', expected %s",
					 w->text, r->multipath ?
					 "via, dev, weight or nexthop" :
					 "via, dev, src, metric or nexthop");
		}
	}
	if (!r->multipath)
		r->nnh = 1;
	if (hop_done(ps, r->multipath ? hopw : kw, &r->nh[r->nnh - 1]) < 0)
		return -1;
	if (r->is_default)
		r->dst.family = family ? family : AF_INET;
	return 0;
}

static int p_limits(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_limits *l;
	struct topo_word *w, *v;
	unsigned seen = 0;
	long n;
	int first = topo_map_put(&ps->t->index->limits, ps->cur, "", 0,
				 ps->t->nlimits);

	if (first == TOPO_MAP_NOMEM)
		return topo_enomem(ps);
	if (first >= 0)
		return topo_perr(ps, kw, "duplicate statement: 'limits', expected one 'mptcp limits' per node (first at line %d)",
				 ps->t->limits[first].loc.line);
	l = topo_push(&ps->t->limits, &ps->t->nlimits, sizeof(*l));
	if (!l)
		return topo_enomem(ps);
	l->node = ps->cur;
	l->loc = topo_wloc(ps, &ps->st.w[0]);
	l->subflows = l->add_addr_accepted = -1;
	if (ps->i >= ps->st.n)
		return topo_perr(ps, kw, "missing argument: 'limits', expected subflows N and/or add_addr_accepted N after it");
	while ((w = topo_next(ps))) {
		int *slot;

		if (!strcmp(w->text, "subflows"))
			slot = &l->subflows;
		else if (!strcmp(w->text, "add_addr_accepted"))
			slot = &l->add_addr_accepted;
		else
			return topo_perr(ps, w, "unknown word: '%s', expected subflows or add_addr_accepted",
					 w->text);
		if (topo_once(ps, w, &seen, slot == &l->subflows ? 1 : 2) < 0 ||
		    !(v = topo_need(ps, w, "a limit 0..8")) ||
		    topo_p_uint(ps, v, "limit", 0, 8, &n) < 0)
			return -1;
		*slot = (int)n;
	}
	return 0;
}

static int p_ep_flag(struct topo_pstate *ps, struct topo_word *w,
		     struct topo_endpoint *ep, unsigned *seen)
{
	static const struct {
		const char *name;
		uint32_t flag;
	} flags[] = {
		{ "signal", MPTCP_PM_ADDR_FLAG_SIGNAL },
		{ "subflow", MPTCP_PM_ADDR_FLAG_SUBFLOW },
		{ "backup", MPTCP_PM_ADDR_FLAG_BACKUP },
		{ "fullmesh", MPTCP_PM_ADDR_FLAG_FULLMESH },
	};

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (strcmp(w->text, flags[i].name))
			continue;
		if (topo_once(ps, w, seen, 8u << i) < 0)
			return -1;
		ep->flags |= flags[i].flag;
		if ((ep->flags & MPTCP_PM_ADDR_FLAG_SIGNAL) &&
		    (ep->flags & MPTCP_PM_ADDR_FLAG_FULLMESH))
			return topo_perr(ps, w, "invalid flag combination: '%s', expected signal or fullmesh, not both",
					 w->text);
		return 0;
	}
	return topo_perr(ps, w, "unknown word: '%s', expected dev, id, port, signal, subflow, backup or fullmesh",
			 w->text);
}

int topo_p_ep_opt(struct topo_pstate *ps, struct topo_word *w,
		  struct topo_endpoint *ep, unsigned *seen,
		  const struct topo_word **portw)
{
	struct topo_word *v;
	long n;

	if (!strcmp(w->text, "dev")) {
		if (topo_once(ps, w, seen, 1) < 0 ||
		    !(v = topo_need(ps, w, "an interface name")) ||
		    topo_p_ifname(ps, v, ep->dev) < 0)
			return -1;
		ep->dev_loc = topo_wloc(ps, v);
	} else if (!strcmp(w->text, "id")) {
		if (topo_once(ps, w, seen, 2) < 0 ||
		    !(v = topo_need(ps, w, "an endpoint id 1..255")) ||
		    topo_p_uint(ps, v, "endpoint id", 1, 255, &n) < 0)
			return -1;
		ep->id = (int)n;
		ep->id_loc = topo_wloc(ps, v);
	} else if (!strcmp(w->text, "port")) {
		if (topo_once(ps, w, seen, 4) < 0 ||
		    !(v = topo_need(ps, w, "a port 1..65535")) ||
		    topo_p_uint(ps, v, "port", 1, 65535, &n) < 0)
			return -1;
		ep->port = (int)n;
		*portw = v;
	} else {
		return p_ep_flag(ps, w, ep, seen);
	}
	return 0;
}

static int p_endpoint(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_endpoint *ep;
	const struct topo_word *portw = NULL;
	struct topo_word *w;
	unsigned seen = 0;

	ep = topo_push(&ps->t->endpoints, &ps->t->nendpoints, sizeof(*ep));
	if (!ep)
		return topo_enomem(ps);
	ep->node = ps->cur;
	ep->loc = topo_wloc(ps, &ps->st.w[0]);
	w = topo_need(ps, kw, "an address of the node");
	if (!w || topo_p_host(ps, w, "an address of the node", &ep->addr) < 0)
		return -1;
	ep->addr_loc = topo_wloc(ps, w);
	while ((w = topo_next(ps)))
		if (topo_p_ep_opt(ps, w, ep, &seen, &portw) < 0)
			return -1;
	if (portw && !(ep->flags & MPTCP_PM_ADDR_FLAG_SIGNAL))
		return topo_perr(ps, portw, "port without signal: '%s', expected the signal flag with a port",
				 portw->text);
	/* net/mptcp/pm_netlink.c (address_use_port()): "flags must have
	 * signal and not subflow when using port" */
	if (portw && (ep->flags & MPTCP_PM_ADDR_FLAG_SUBFLOW))
		return topo_perr(ps, portw, "port with subflow: '%s', expected signal without subflow with a port (the kernel refuses it)",
				 portw->text);
	return 0;
}

int topo_p_mptcp(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "limits or endpoint");

	if (!w)
		return -1;
	if (!strcmp(w->text, "limits"))
		return p_limits(ps, w);
	if (!strcmp(w->text, "endpoint"))
		return p_endpoint(ps, w);
	return topo_perr(ps, w, "unknown word: '%s', expected limits or endpoint",
			 w->text);
}

int topo_p_bridge(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_bridge *b = topo_push(&ps->t->bridges, &ps->t->nbridges,
					  sizeof(*b));
	struct topo_word *w;
	int n;

	if (!b)
		return topo_enomem(ps);
	b->node = ps->cur;
	b->loc = topo_wloc(ps, kw);
	w = topo_need(ps, kw, "a bridge name");
	if (!w || topo_p_ifname(ps, w, b->name) < 0)
		return -1;
	b->name_loc = topo_wloc(ps, w);
	n = ps->st.n - ps->i;
	if (n == 0)
		return topo_perr(ps, w, "missing argument: '%s', expected the interfaces the bridge joins after it",
				 w->text);
	b->ports = calloc(n, sizeof(*b->ports));
	b->port_locs = calloc(n, sizeof(*b->port_locs));
	if (!b->ports || !b->port_locs)
		return topo_enomem(ps);
	while ((w = topo_next(ps))) {
		if (topo_p_ifname(ps, w, b->ports[b->nports]) < 0)
			return -1;
		b->port_locs[b->nports++] = topo_wloc(ps, w);
	}
	return 0;
}

int topo_p_mount(struct topo_pstate *ps, const struct topo_word *kw)
{
	struct topo_word *w = topo_need(ps, kw, "private or null");
	enum topo_mount_kind kind;

	if (!w)
		return -1;
	if (!strcmp(w->text, "private"))
		kind = TOPO_MOUNT_PRIVATE;
	else if (!strcmp(w->text, "null"))
		kind = TOPO_MOUNT_NULL;
	else
		return topo_perr(ps, w, "unknown word: '%s', expected private or null",
				 w->text);
	if (ps->i >= ps->st.n)
		return topo_perr(ps, w, "missing argument: '%s', expected an absolute path after it",
				 w->text);
	while ((w = topo_next(ps))) {
		struct topo_mount *m;

		if (w->text[0] != '/' || strstr(w->text, "/../") ||
		    (strlen(w->text) >= 3 &&
		     !strcmp(w->text + strlen(w->text) - 3, "/..")))
			return topo_perr(ps, w, "bad path: '%s', expected an absolute path without '..'",
					 w->text);
		m = topo_push(&ps->t->mounts, &ps->t->nmounts, sizeof(*m));
		if (!m)
			return topo_enomem(ps);
		m->node = ps->cur;
		m->kind = kind;
		m->loc = topo_wloc(ps, w);
		if (!(m->path = topo_p_strdup(ps, w->text)))
			return -1;
	}
	return 0;
}
