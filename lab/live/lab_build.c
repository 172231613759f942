/* lab_build.c: the build stages of lab_up(): links, bridges inside nodes,
 * addresses, routes, sysctls, MPTCP configuration. Each stage walks the
 * model in file order and stops at the first refusal, prefixing the
 * kernel's reason with the file location of the object it came from. */
#include "live/lab_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel/netns.h"
#include "kernel/rt_addr.h"
#include "kernel/rt_link.h"
#include "kernel/nlreq.h"
#include "kernel/rt_route.h"
#include "kernel/pm_config.h"
#include "kernel/sysctl.h"

int up_check_stop(struct lab_err *e)
{
	if (lab_stop_requested)
		return lab_errf(e, -EINTR, "interrupted by a signal");
	return 0;
}

static int at(struct lab_err *e, const struct topo_loc *loc)
{
	if (loc->file)
		lab_err_prefix(e, "%s:%d:%d", loc->file, loc->line, loc->col);
	return e->code;
}

int up_ifindex(struct up *u, int node, const char *name, struct lab_err *e)
{
	struct up_node *n = &u->n[node];
	struct up_if *nv;
	int idx;

	for (int i = 0; i < n->nifs; i++)
		if (!strcmp(n->ifs[i].name, name))
			return n->ifs[i].index;
	idx = rt_link_index(n->rt, name, e);
	if (idx == -ENODEV)
		return lab_errf(e, -ENODEV, "no interface %s in %s", name,
				u->lab->nsname[node]);
	if (idx < 0)
		return idx;
	nv = realloc(n->ifs, (n->nifs + 1) * sizeof(*nv));
	if (!nv)
		return lab_errf(e, -ENOMEM, "out of memory");
	n->ifs = nv;
	snprintf(nv[n->nifs].name, sizeof(nv[n->nifs].name), "%s", name);
	nv[n->nifs++].index = idx;
	return idx;
}

/* Names in the switch namespace: the bridge is the network's name when it
 * fits, ports are "vNET.K"; '.' never occurs in topology names. */
void lab_switch_bridge_name(const struct topo *t, int net, char br[16])
{
	const char *name = t->nets[net].name;
	size_t n = strlen(name);

	/* lo exists in the switch namespace, all and default the kernel
	 * refuses; "br.N" has a dot no network name has, so never clashes */
	if (n < 16 && strcmp(name, "lo") && strcmp(name, "all") &&
	    strcmp(name, "default"))
		memcpy(br, name, n + 1);
	else
		snprintf(br, 16, "br.%d", net);
}

/* v in base 36: at most 6 digits for any int. */
static char *b36(unsigned v, char *p)
{
	char tmp[8];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36];
		v /= 36;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	*p = '\0';
	return p;
}

void lab_switch_port_name(int net, int member, char port[16])
{
	/* "v" NET "." MEMBER, base 36: 1 + 6 + 1 + 6 characters at most, so
	 * unique for every network and member count (it used to be decimal
	 * modulo 1000: member 1000 clashed with member 0) */
	char *p = b36((unsigned)net, port + 1);

	port[0] = 'v';
	*p = '.';
	b36((unsigned)member, p + 1);
}

/* The members of every network in file order: network n's are
 * order[start[n] .. start[n + 1]). A counting sort, so a lab of 10 000
 * networks is not 10 000 scans of every interface. */
static int members_by_net(const struct topo *t, int **order, int **start)
{
	int *o = calloc(t->nifaces + 1, sizeof(*o));
	int *s = calloc(t->nnets + 2, sizeof(*s));

	if (!o || !s) {
		free(o);
		free(s);
		return -ENOMEM;
	}
	for (int i = 0; i < t->nifaces; i++)
		s[t->ifaces[i].net + 2]++;
	for (int n = 0; n < t->nnets; n++)
		s[n + 2] += s[n + 1];
	for (int i = 0; i < t->nifaces; i++)
		o[s[t->ifaces[i].net + 1]++] = i;
	*order = o;
	*start = s;
	return 0;
}

static int link_pair(struct up *u, const struct topo_iface *a,
		     const struct topo_iface *b, struct lab_err *e)
{
	int err = rt_link_veth(u->n[a->node].rt, a->ifname, 0, b->ifname,
			       u->lab->nsfd[b->node], e);

	if (!err)
		err = rt_link_up_name(u->n[b->node].rt, b->ifname, e);
	return err ? at(e, &b->loc) : 0;
}

static int link_bridged(struct up *u, int net, const int *m, int nm,
			struct lab_err *e)
{
	const struct topo *t = u->t;
	struct nlreq *sw = u->n[u->sw].rt;
	char br[16], port[16];
	int err, bidx;

	lab_switch_bridge_name(t, net, br);
	if (rt_link_bridge(sw, br, e))
		return at(e, &t->nets[net].loc);
	if ((bidx = up_ifindex(u, u->sw, br, e)) < 0)
		return bidx;
	for (int k = 0; k < nm; k++) {
		const struct topo_iface *f = &t->ifaces[m[k]];

		if ((err = up_check_stop(e)))
			return err;
		lab_switch_port_name(net, k, port);
		err = rt_link_veth(sw, port, bidx, f->ifname,
				   u->lab->nsfd[f->node], e);
		if (!err)
			err = rt_link_up_name(u->n[f->node].rt, f->ifname, e);
		if (err)
			return at(e, &f->loc);
	}
	return 0;
}

int up_links(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	int *m, *start, err = 0;

	if (members_by_net(t, &m, &start) < 0)
		return lab_errf(e, -ENOMEM, "out of memory");
	for (int net = 0; !err && net < t->nnets; net++) {
		int *mm = m + start[net], nm = start[net + 1] - start[net];

		if (!(err = up_check_stop(e)) && nm == 2)
			err = link_pair(u, &t->ifaces[mm[0]], &t->ifaces[mm[1]], e);
		else if (!err && nm > 0)
			err = link_bridged(u, net, mm, nm, e);
	}
	free(m);
	free(start);
	return err;
}

int up_node_bridges(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	int err, bidx, pidx;

	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge *b = &t->bridges[i];
		struct nlreq *rt = u->n[b->node].rt;

		if ((err = up_check_stop(e)))
			return err;
		if (rt_link_bridge(rt, b->name, e))
			return at(e, &b->loc);
		if ((bidx = up_ifindex(u, b->node, b->name, e)) < 0)
			return at(e, &b->loc);
		for (int p = 0; p < b->nports; p++) {
			pidx = up_ifindex(u, b->node, b->ports[p], e);
			if (pidx < 0)
				return at(e, &b->loc);
			if (rt_link_set(rt, pidx, bidx, true, e))
				return at(e, &b->loc);
		}
	}
	return 0;
}

/* The link that carries f's addresses: f itself, or the bridge of its
 * node that f is a port of. */
static const char *addr_holder(const struct topo *t,
			       const struct topo_iface *f)
{
	for (int i = 0; i < t->nbridges; i++) {
		const struct topo_bridge *b = &t->bridges[i];

		if (b->node != f->node)
			continue;
		for (int p = 0; p < b->nports; p++)
			if (!strcmp(b->ports[p], f->ifname))
				return b->name;
	}
	return f->ifname;
}

int up_addrs(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	int err, idx;

	for (int i = 0; i < t->nifaces; i++) {
		const struct topo_iface *f = &t->ifaces[i];

		if (!f->naddrs)
			continue;
		if ((err = up_check_stop(e)))
			return err;
		idx = up_ifindex(u, f->node, addr_holder(t, f), e);
		if (idx < 0)
			return at(e, &f->loc);
		for (int a = 0; a < f->naddrs; a++)
			if (rt_addr_add(u->n[f->node].rt, idx, &f->addrs[a],
					e)) {
				lab_err_prefix(e, "%s %s",
					       t->nodes[f->node].name,
					       addr_holder(t, f));
				return at(e, &f->loc);
			}
	}
	return 0;
}

int up_routes(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	int oif[TOPO_MAX_NH], err;

	for (int i = 0; i < t->nroutes; i++) {
		const struct topo_route *rt = &t->routes[i];

		if ((err = up_check_stop(e)))
			return err;
		for (int h = 0; h < rt->nnh && h < TOPO_MAX_NH; h++) {
			oif[h] = 0;
			if (rt->nh[h].dev[0] &&
			    (oif[h] = up_ifindex(u, rt->node, rt->nh[h].dev, e)) < 0)
				return at(e, &rt->loc);
		}
		if (rt_route_add(u->n[rt->node].rt, rt, oif, e))
			return at(e, &rt->loc);
	}
	return 0;
}

struct sysctl_arg {
	struct up *u;
	int node;
	struct lab_err *e;
};

/* The node's sysctls, written from inside its namespace. */
static int sysctls_here(void *arg)
{
	struct sysctl_arg *a = arg;
	const struct topo *t = a->u->t;

	for (int i = 0; i < t->nsysctls; i++) {
		const struct topo_sysctl *s = &t->sysctls[i];

		if (s->node != a->node)
			continue;
		if (up_check_stop(a->e) ||
		    sysctl_write(s->key, s->value, a->e))
			return at(a->e, &s->loc);
	}
	return 0;
}

static bool node_has_sysctls(const struct topo *t, int node)
{
	for (int i = 0; i < t->nsysctls; i++)
		if (t->sysctls[i].node == node)
			return true;
	return false;
}

/* Node by node, so each namespace is entered once. */
int up_sysctls(struct up *u, struct lab_err *e)
{
	int err = 0;

	for (int node = 0; !err && node < u->t->nnodes; node++) {
		struct sysctl_arg a = { u, node, e };

		if (node_has_sysctls(u->t, node))
			err = netns_run(u->lab->nsfd[node], sysctls_here, &a, e);
	}
	return err;
}

static bool node_has_mptcp(const struct topo *t, int node)
{
	for (int i = 0; i < t->nlimits; i++)
		if (t->limits[i].node == node)
			return true;
	for (int i = 0; i < t->nendpoints; i++)
		if (t->endpoints[i].node == node)
			return true;
	return false;
}

static int node_mptcp(struct up *u, struct pm_sock *ps, int node,
		      struct lab_err *e)
{
	const struct topo *t = u->t;
	int err, idx;

	for (int i = 0; i < t->nlimits; i++) {
		const struct topo_limits *l = &t->limits[i];

		if (l->node == node &&
		    pm_set_limits(ps, l->subflows, l->add_addr_accepted, e))
			return at(e, &l->loc);
	}
	for (int i = 0; i < t->nendpoints; i++) {
		const struct topo_endpoint *ep = &t->endpoints[i];

		if (ep->node != node)
			continue;
		if ((err = up_check_stop(e)))
			return err;
		idx = 0;
		if (ep->dev[0] && (idx = up_ifindex(u, node, ep->dev, e)) < 0)
			return at(e, &ep->loc);
		if (pm_add_endpoint(ps, ep, idx, e))
			return at(e, &ep->loc);
	}
	return 0;
}

int up_mptcp(struct up *u, struct lab_err *e)
{
	struct pm_sock *ps;
	int err;

	for (int node = 0; node < u->t->nnodes; node++) {
		if (!node_has_mptcp(u->t, node))
			continue;
		if ((err = up_check_stop(e)) ||
		    (err = pm_open(u->lab->nsfd[node], &ps, e)))
			return err;
		err = node_mptcp(u, ps, node, e);
		pm_close(ps);
		if (err)
			return err;
	}
	return 0;
}
