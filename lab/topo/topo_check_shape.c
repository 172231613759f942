/* topo_check_shape.c: link properties: the network's merged into each
 * member (a member's own word wins), then combinations checked on what
 * each interface ends up with: jitter needs a delay, a queue limit needs
 * a rate, delay or loss to queue for. The qdiscs they need become
 * features the topology requires (util/features.h). */
#include "topo/topo_int.h"

#include <stdio.h>

int topo_shape_check(const struct topo_shape *s, const char *who,
		     struct topo_error *err)
{
	char v[32];

	if (s->jitter_us && !s->delay_us)
		return topo_errf_loc(err, &s->loc[TOPO_P_JITTER],
				     "jitter without delay: '%s', expected a delay on %s (jitter varies it)",
				     topo_prop_str(s, TOPO_P_JITTER, v, sizeof(v)), who);
	if ((s->set & (1u << TOPO_P_LIMIT)) && !topo_shape_kinds(s))
		return topo_errf_loc(err, &s->loc[TOPO_P_LIMIT],
				     "limit without a queue: '%s', expected a rate, delay or loss on %s",
				     topo_prop_str(s, TOPO_P_LIMIT, v, sizeof(v)), who);
	return 0;
}

int topo_check_shapes(struct topo *t, struct topo_error *err)
{
	char who[TOPO_NAME_MAX + IFNAMSIZ + 8];

	for (int i = 0; i < t->nifaces; i++) {
		struct topo_iface *f = &t->ifaces[i];
		struct topo_shape own = f->shape;

		/* network first, the member's own words over it */
		f->shape = t->nets[f->net].shape;
		topo_shape_overlay(&f->shape, &own);
		snprintf(who, sizeof(who), "%s %s", t->nodes[f->node].name,
			 f->ifname);
		if (topo_shape_check(&f->shape, who, err) < 0)
			return -1;
	}
	/* what the properties need of the kernel: run skips without it */
	if (topo_needs_qdiscs(t) & TOPO_NEEDS_TBF)
		t->requires |= FEATURE_BIT(FEAT_TBF);
	if (topo_needs_qdiscs(t) & TOPO_NEEDS_NETEM)
		t->requires |= FEATURE_BIT(FEAT_NETEM);
	return 0;
}
