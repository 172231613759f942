/* topo_check_assert.c: assertions name steps that exist: a throughput or
 * intact label is a `run` or `start` (something with output to read), a
 * window label any labelled step; the label names one step only. A share
 * names a member interface of its node. */
#include "topo/topo_int.h"

#include <stdio.h>
#include <string.h>

/* The step labelled `label`, or -1 with err filled. cmd: it must be a
 * run or a start. */
static int find_step(const struct topo *t, const char *label,
		     const struct topo_loc *loc, bool cmd,
		     struct topo_error *err)
{
	int found = -1;

	for (int i = 0; i < t->nsteps; i++) {
		if (strcmp(t->steps[i].name, label) ||
		    t->steps[i].kind == TOPO_STEP_JOIN)
			continue;
		if (found >= 0)
			return topo_errf_loc(err, loc,
					     "ambiguous label: '%s', expected a label one step has (lines %d and %d)",
					     label, t->steps[found].loc.line,
					     t->steps[i].loc.line);
		found = i;
	}
	if (found < 0)
		return topo_errf_loc(err, loc,
				     "undefined label: '%s', expected the label of a step ('name %s')",
				     label, label);
	if (cmd && t->steps[found].kind != TOPO_STEP_RUN &&
	    t->steps[found].kind != TOPO_STEP_START)
		return topo_errf_loc(err, loc,
				     "not a command: '%s', expected the label of a run or start step (its output is measured)",
				     label);
	return found;
}

static int check_one(struct topo *t, struct topo_assert *a,
		     struct topo_error *err)
{
	if (a->label[0] &&
	    (a->step = find_step(t, a->label, &a->label_loc, true, err)) < 0)
		return -1;
	if (a->label2[0] &&
	    (a->step2 = find_step(t, a->label2, &a->label2_loc, true, err)) < 0)
		return -1;
	if (a->wlabel[0] &&
	    (a->wstep = find_step(t, a->wlabel, &a->wlabel_loc, false, err)) < 0)
		return -1;
	if (a->kind == TOPO_A_SHARE &&
	    topo_iface_find(t, a->node, a->ifname) < 0)
		return topo_errf_loc(err, &a->ifname_loc,
				     "undefined interface: '%s', expected a member interface of node %s",
				     a->ifname, t->nodes[a->node].name);
	return 0;
}

int topo_check_asserts(struct topo *t, struct topo_error *err)
{
	for (int i = 0; i < t->nasserts; i++)
		if (check_one(t, &t->asserts[i], err) < 0)
			return -1;
	return 0;
}
