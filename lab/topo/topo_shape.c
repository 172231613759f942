/* topo_shape.c: what link properties need of the kernel, and their text
 * form (see topo.h). Pure. */
#include "topo/topo_int.h"

#include <stdio.h>

unsigned topo_shape_kinds(const struct topo_shape *s)
{
	unsigned k = 0;

	if (s->rate)
		k |= TOPO_NEEDS_TBF;
	if (s->delay_us || s->jitter_us || s->loss_ppm)
		k |= TOPO_NEEDS_NETEM;
	return k;
}

unsigned topo_needs_qdiscs(const struct topo *t)
{
	unsigned k = 0;

	for (int i = 0; i < t->nifaces; i++)
		k |= topo_shape_kinds(&t->ifaces[i].shape);
	for (int i = 0; i < t->nsteps; i++)
		k |= topo_shape_kinds(&t->steps[i].shape);
	return k;
}

static const char *scaled(double v, const char *const units[],
			  const double scale[], char *buf, size_t len)
{
	int u = 0;

	while (units[u + 1] && v >= scale[u + 1])
		u++;
	snprintf(buf, len, "%g%s", v / scale[u], units[u]);
	return buf;
}

const char *topo_prop_str(const struct topo_shape *s, int prop, char *buf,
			  size_t len)
{
	static const char *const ru[] = { "bit", "kbit", "mbit", "gbit", NULL };
	static const double rs[] = { 1, 1e3, 1e6, 1e9 };
	static const char *const tu[] = { "us", "ms", "s", NULL };
	static const double ts[] = { 1, 1e3, 1e6 };

	switch (prop) {
	case TOPO_P_RATE: return scaled((double)s->rate, ru, rs, buf, len);
	case TOPO_P_DELAY: return scaled(s->delay_us, tu, ts, buf, len);
	case TOPO_P_JITTER: return scaled(s->jitter_us, tu, ts, buf, len);
	case TOPO_P_LOSS:
		snprintf(buf, len, "%g%%", s->loss_ppm / 1e4);
		return buf;
	default:
		snprintf(buf, len, "%u", s->limit);
		return buf;
	}
}

void topo_shape_overlay(struct topo_shape *dst, const struct topo_shape *src)
{
	for (int p = 0; p < TOPO_NPROPS; p++) {
		if (!(src->set & (1u << p)))
			continue;
		switch (p) {
		case TOPO_P_RATE: dst->rate = src->rate; break;
		case TOPO_P_DELAY: dst->delay_us = src->delay_us; break;
		case TOPO_P_JITTER: dst->jitter_us = src->jitter_us; break;
		case TOPO_P_LOSS: dst->loss_ppm = src->loss_ppm; break;
		default: dst->limit = src->limit; break;
		}
		dst->set |= 1u << p;
		dst->loc[p] = src->loc[p];
	}
}
