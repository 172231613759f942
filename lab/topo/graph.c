/* graph.c: topology -> Graphviz DOT (see graph.h). */
#include "topo/graph.h"

#include <linux/mptcp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A DOT quoted string: '"' and '\' escaped; "\n" in s is a line break
 * DOT understands and is written as it is. */
static void dot_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void endpoint_line(FILE *f, const struct topo_endpoint *ep)
{
	static const struct {
		uint32_t flag;
		const char *name;
	} flags[] = {
		{ MPTCP_PM_ADDR_FLAG_SIGNAL, "signal" },
		{ MPTCP_PM_ADDR_FLAG_SUBFLOW, "subflow" },
		{ MPTCP_PM_ADDR_FLAG_BACKUP, "backup" },
		{ MPTCP_PM_ADDR_FLAG_FULLMESH, "fullmesh" },
	};
	char a[64];

	fprintf(f, "\nendpoint %s", topo_addr_str(&ep->addr, false, a, sizeof(a)));
	if (ep->dev[0])
		fprintf(f, " dev %s", ep->dev);
	if (ep->id)
		fprintf(f, " id %d", ep->id);
	if (ep->port)
		fprintf(f, " port %d", ep->port);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (ep->flags & flags[i].flag)
			fprintf(f, " %s", flags[i].name);
}

/* What belongs to each node, as chains in file order: the first of
 * node n is head[n], the one after i is next[i], -1 ends. Built once, so
 * that labelling every node is linear, not nodes times objects. */
struct chain {
	int *head, *next;
};

static int chain_build(struct chain *c, int nnodes, int n, const void *arr,
		       size_t size, size_t node_off)
{
	c->head = malloc((nnodes + 1) * sizeof(int));
	c->next = malloc((n + 1) * sizeof(int));
	if (!c->head || !c->next)
		return -1;
	for (int i = 0; i < nnodes; i++)
		c->head[i] = -1;
	for (int i = n - 1; i >= 0; i--) {	/* backwards: file order */
		int node;

		memcpy(&node, (const char *)arr + i * size + node_off, sizeof(node));
		c->next[i] = c->head[node];
		c->head[node] = i;
	}
	return 0;
}

static void chain_free(struct chain *c)
{
	free(c->head);
	free(c->next);
}

struct node_chains {
	struct chain bridges, limits, endpoints;
};

/* The label of a node box, built in memory so it can be quoted whole. */
static char *node_label(const struct topo *t, const struct node_chains *c,
			int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	fputs(t->nodes[n].name, f);
	for (int i = c->bridges.head[n]; i >= 0; i = c->bridges.next[i]) {
		const struct topo_bridge *b = &t->bridges[i];

		fprintf(f, "\nbridge %s:", b->name);
		for (int p = 0; p < b->nports; p++)
			fprintf(f, " %s", b->ports[p]);
	}
	for (int i = c->limits.head[n]; i >= 0; i = c->limits.next[i]) {
		const struct topo_limits *l = &t->limits[i];

		fputs("\nlimits", f);
		if (l->subflows >= 0)
			fprintf(f, " subflows %d", l->subflows);
		if (l->add_addr_accepted >= 0)
			fprintf(f, " add_addr_accepted %d", l->add_addr_accepted);
	}
	for (int i = c->endpoints.head[n]; i >= 0; i = c->endpoints.next[i])
		endpoint_line(f, &t->endpoints[i]);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int chains_build(const struct topo *t, struct node_chains *c)
{
	memset(c, 0, sizeof(*c));
	return chain_build(&c->bridges, t->nnodes, t->nbridges, t->bridges,
			   sizeof(*t->bridges), offsetof(struct topo_bridge, node)) |
	       chain_build(&c->limits, t->nnodes, t->nlimits, t->limits,
			   sizeof(*t->limits), offsetof(struct topo_limits, node)) |
	       chain_build(&c->endpoints, t->nnodes, t->nendpoints, t->endpoints,
			   sizeof(*t->endpoints), offsetof(struct topo_endpoint, node));
}

static void chains_free(struct node_chains *c)
{
	chain_free(&c->bridges);
	chain_free(&c->limits);
	chain_free(&c->endpoints);
}

static void net_label(FILE *f, const struct topo_net *n)
{
	char s[64], label[256];

	snprintf(label, sizeof(label), "%s", n->name);
	if (n->subnet4.family)
		snprintf(label + strlen(label), sizeof(label) - strlen(label),
			 "\n%s", topo_addr_str(&n->subnet4, true, s, sizeof(s)));
	if (n->subnet6.family)
		snprintf(label + strlen(label), sizeof(label) - strlen(label),
			 "\n%s", topo_addr_str(&n->subnet6, true, s, sizeof(s)));
	dot_str(f, label);
}

static void iface_edge(FILE *f, const struct topo *t, const struct topo_iface *x)
{
	char s[64], label[IFNAMSIZ + TOPO_MAX_ADDRS * 48 + 128];
	size_t n;

	snprintf(label, sizeof(label), "%s", x->ifname);
	for (int i = 0; i < x->naddrs; i++)
		snprintf(label + strlen(label), sizeof(label) - strlen(label),
			 "\n%s", topo_addr_str(&x->addrs[i], true, s, sizeof(s)));
	/* what this side sends through: "out 50mbit 40ms 1%" */
	if (topo_shape_kinds(&x->shape)) {
		snprintf(label + strlen(label), sizeof(label) - strlen(label), "\nout");
		for (int p = 0; p < TOPO_P_LIMIT; p++) {
			const struct topo_shape *sh = &x->shape;
			bool on = p == TOPO_P_RATE ? sh->rate : p == TOPO_P_DELAY ?
				  sh->delay_us : p == TOPO_P_JITTER ? sh->jitter_us :
				  sh->loss_ppm;

			n = strlen(label);
			if (on)
				snprintf(label + n, sizeof(label) - n, " %s%s",
					 p == TOPO_P_JITTER ? "+-" : "",
					 topo_prop_str(sh, p, s, sizeof(s)));
		}
	}
	fprintf(f, "\t\"node:%s\" -- \"net:%s\" [label=", t->nodes[x->node].name,
		t->nets[x->net].name);
	dot_str(f, label);
	fputs("];\n", f);
}

static int write_nodes(FILE *f, const struct topo *t)
{
	struct node_chains c;
	int rc = 0;

	if (chains_build(t, &c) < 0) {
		chains_free(&c);
		return -1;
	}
	for (int i = 0; i < t->nnodes && !rc; i++) {
		char *label = node_label(t, &c, i);

		if (!label) {
			rc = -1;
			break;
		}
		fprintf(f, "\t\"node:%s\" [shape=box, style=rounded, label=",
			t->nodes[i].name);
		dot_str(f, label);
		fputs("];\n", f);
		free(label);
	}
	chains_free(&c);
	return rc;
}

static int write_dot(FILE *f, const struct topo *t)
{
	fputs("graph ", f);
	dot_str(f, t->name ? t->name : "lab");
	fputs(" {\n\tgraph [rankdir=LR];\n"
	      "\tnode [fontname=\"Helvetica\", fontsize=11];\n"
	      "\tedge [fontname=\"Helvetica\", fontsize=9];\n", f);
	if (write_nodes(f, t) < 0)
		return -1;
	for (int i = 0; i < t->nnets; i++) {
		fprintf(f, "\t\"net:%s\" [shape=ellipse, style=filled, fillcolor=\"#e8eef7\", label=",
			t->nets[i].name);
		net_label(f, &t->nets[i]);
		fputs("];\n", f);
	}
	for (int i = 0; i < t->nifaces; i++)
		iface_edge(f, t, &t->ifaces[i]);
	fputs("}\n", f);
	return 0;
}

char *graph_dot(const struct topo *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return NULL;
	rc = write_dot(f, t);
	if (fclose(f) != 0 || rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
