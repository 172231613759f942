/* topo_check_time.c: the timeline's meaning: every join names a start
 * before it (once), start labels are unique, a `set` names an interface
 * of the node and leaves it with a valid shape, an endpoint step names an
 * address of the node. A join takes its start's node. */
#include "topo/topo_int.h"

#include <stdio.h>
#include <string.h>

static int check_join(struct topo *t, int i, struct topo_error *err)
{
	struct topo_step *st = &t->steps[i];

	for (int j = 0; j < i; j++) {
		const struct topo_step *o = &t->steps[j];

		if (o->kind == TOPO_STEP_JOIN && o->target >= 0 &&
		    !strcmp(o->name, st->name))
			return topo_errf_loc(err, &st->name_loc,
					     "duplicate join: '%s', expected one join per start (first at line %d)",
					     st->name, o->loc.line);
		if (o->kind == TOPO_STEP_START && !strcmp(o->name, st->name))
			st->target = j;
	}
	if (st->target < 0)
		return topo_errf_loc(err, &st->name_loc,
				     "join without start: '%s', expected the label of a start before this line",
				     st->name);
	st->node = t->steps[st->target].node;
	return 0;
}

static int check_start(const struct topo *t, int i, struct topo_error *err)
{
	const struct topo_step *st = &t->steps[i];

	for (int j = 0; j < i; j++)
		if (t->steps[j].kind == TOPO_STEP_START &&
		    !strcmp(t->steps[j].name, st->name))
			return topo_errf_loc(err, &st->name_loc,
					     "duplicate label: '%s', expected labels unique among starts (first at line %d)",
					     st->name, t->steps[j].loc.line);
	return 0;
}

static int set_iface(const struct topo *t, const struct topo_step *st,
		     int f, struct topo_error *err)
{
	struct topo_shape s = t->ifaces[f].shape;
	char who[TOPO_NAME_MAX + IFNAMSIZ + 8];

	topo_shape_overlay(&s, &st->shape);
	snprintf(who, sizeof(who), "%s %s", t->nodes[t->ifaces[f].node].name,
		 t->ifaces[f].ifname);
	return topo_shape_check(&s, who, err);
}

static int check_set(const struct topo *t, const struct topo_step *st,
		     struct topo_error *err)
{
	char list[256];
	int f;

	if (st->net >= 0) {
		for (f = 0; f < t->nifaces; f++)
			if (t->ifaces[f].net == st->net &&
			    set_iface(t, st, f, err) < 0)
				return -1;
		return 0;
	}
	f = topo_iface_find(t, st->node, st->ifname);
	if (f < 0) {
		list[0] = '\0';
		for (int i = 0; i < t->nifaces; i++)
			if (t->ifaces[i].node == st->node)
				snprintf(list + strlen(list), sizeof(list) - strlen(list),
					 "%s%s", list[0] ? ", " : "", t->ifaces[i].ifname);
		return topo_errf_loc(err, &st->ifname_loc,
				     "undefined interface: '%s', expected a member interface of node %s (%s)",
				     st->ifname, t->nodes[st->node].name,
				     list[0] ? list : "it has none");
	}
	return set_iface(t, st, f, err);
}

static int check_endpoint(const struct topo *t, const struct topo_step *st,
			  struct topo_error *err)
{
	char as[64], list[512];

	if (!topo_node_has_addr(t, st->node, &st->ep.addr))
		return topo_errf_loc(err, &st->ep.addr_loc,
				     "endpoint address not on the node: '%s', expected an address of node %s (%s)",
				     topo_addr_str(&st->ep.addr, false, as, sizeof(as)),
				     t->nodes[st->node].name,
				     topo_node_addrs_str(t, st->node, list, sizeof(list)));
	return topo_check_dev(t, st->node, st->ep.dev, &st->ep.dev_loc, err);
}

int topo_check_timeline(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nsteps; i++) {
		struct topo_step *st = &t->steps[i];
		int rc = 0;

		switch (st->kind) {
		case TOPO_STEP_START: rc = check_start(t, i, err); break;
		case TOPO_STEP_JOIN:
			st->target = -1;	/* found again: checking twice is harmless */
			rc = check_join(t, i, err);
			break;
		case TOPO_STEP_SET: rc = check_set(t, st, err); break;
		case TOPO_STEP_ENDPOINT: rc = check_endpoint(t, st, err); break;
		default: break;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}
