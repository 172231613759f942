/* topo_parse_shape.c: link properties with units ("rate 50mbit",
 * "delay 20ms", "jitter 5ms", "loss 1%", "limit 1000") as they appear on
 * network lines, member lines and `set` steps. Syntax and ranges only;
 * combinations (jitter needs delay, ...) are topo_check_shape.c's. */
#include "topo/topo_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const topo_prop_names[TOPO_NPROPS] = {
	"rate", "delay", "jitter", "loss", "limit",
};

struct unit {
	const char *name;
	double scale;
};

/* tc's units for rates: bits per second (tc's "bps" means bytes, so it
 * is not accepted here: one spelling, no surprise). */
static const struct unit rate_units[] = {
	{ "bit", 1 }, { "kbit", 1e3 }, { "mbit", 1e6 }, { "gbit", 1e9 },
	{ NULL, 0 },
};

static const struct unit time_units[] = {
	{ "us", 1 }, { "ms", 1e3 }, { "s", 1e6 }, { NULL, 0 },
};

#define RATE_MIN 8e3		/* tbf's resolution is bytes per second */
#define RATE_MAX 10e9		/* libnl takes the rate as an int of bytes/s */
#define TIME_MAX 10e6		/* 10 s of delay or jitter, in us */
#define LIMIT_MAX 1000000

/* "12.5" then a unit from tab; -1 if the number or unit is bad. Only
 * digits and one dot: strtod's hex, exponents and "inf" are refused. */
static int number_unit(const char *s, const struct unit *tab, double *out)
{
	const char *p = s;
	int dots = 0;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*p) || (*p == '.' && !dots++))
		p++;
	errno = 0;
	double v = strtod(s, &end);

	if (errno || end != p || p[-1] == '.')
		return -1;
	for (; tab->name; tab++)
		if (!strcmp(p, tab->name)) {
			*out = v * tab->scale;
			return 0;
		}
	return -1;
}

int topo_parse_rate(const char *s, double *bits)
{
	return number_unit(s, rate_units, bits);
}

int topo_parse_pct(const char *s, double *fraction)
{
	static const struct unit pct[] = { { "%", 0.01 }, { NULL, 0 } };

	return number_unit(s, pct, fraction);
}

static int p_rate(struct topo_pstate *ps, const struct topo_word *v,
		  struct topo_shape *s)
{
	double bits;

	if (number_unit(v->text, rate_units, &bits) < 0)
		return topo_perr(ps, v, "bad rate: '%s', expected a number and a unit: bit, kbit, mbit or gbit (50mbit)",
				 v->text);
	if (bits < RATE_MIN || bits > RATE_MAX)
		return topo_perr(ps, v, "rate out of range: '%s', expected 8kbit..10gbit",
				 v->text);
	s->rate = (uint64_t)(bits + 0.5);
	return 0;
}

static int p_time(struct topo_pstate *ps, const struct topo_word *v,
		  const char *what, uint32_t *out)
{
	double us;

	if (number_unit(v->text, time_units, &us) < 0)
		return topo_perr(ps, v, "bad %s: '%s', expected a number and a unit: us, ms or s (20ms)",
				 what, v->text);
	if (us > TIME_MAX || (us > 0 && us < 1))
		return topo_perr(ps, v, "%s out of range: '%s', expected 0 or 1us..10s",
				 what, v->text);
	*out = (uint32_t)(us + 0.5);
	return 0;
}

static int p_loss(struct topo_pstate *ps, const struct topo_word *v,
		  struct topo_shape *s)
{
	static const struct unit pct[] = { { "%", 1e4 }, { NULL, 0 } };
	double ppm;

	if (number_unit(v->text, pct, &ppm) < 0)
		return topo_perr(ps, v, "bad loss: '%s', expected a percentage (1%%, 0.5%%)",
				 v->text);
	if (ppm > 1e6 || (ppm > 0 && ppm < 1))
		return topo_perr(ps, v, "loss out of range: '%s', expected 0%%..100%% in steps of 0.0001%%",
				 v->text);
	s->loss_ppm = (uint32_t)(ppm + 0.5);
	return 0;
}

int topo_prop_find(const char *word)
{
	for (int i = 0; i < TOPO_NPROPS; i++)
		if (!strcmp(word, topo_prop_names[i]))
			return i;
	return -1;
}

int topo_p_shape(struct topo_pstate *ps, const struct topo_word *w,
		 struct topo_shape *s)
{
	static const char *const what[TOPO_NPROPS] = {
		"a rate (50mbit)", "a delay (20ms)", "a jitter (5ms)",
		"a loss (1%)", "a queue limit in packets (1000)",
	};
	int prop = topo_prop_find(w->text);
	struct topo_word *v;
	long n;
	int rc;

	if (prop < 0)
		return 0;
	if (s->set & (1u << prop))
		return topo_perr(ps, w, "duplicate option: '%s', expected it at most once",
				 w->text);
	if (!(v = topo_need(ps, w, what[prop])))
		return -1;
	switch (prop) {
	case TOPO_P_RATE: rc = p_rate(ps, v, s); break;
	case TOPO_P_DELAY: rc = p_time(ps, v, "delay", &s->delay_us); break;
	case TOPO_P_JITTER: rc = p_time(ps, v, "jitter", &s->jitter_us); break;
	case TOPO_P_LOSS: rc = p_loss(ps, v, s); break;
	default:
		rc = topo_p_uint(ps, v, "queue limit", 1, LIMIT_MAX, &n);
		if (rc == 0)
			s->limit = (uint32_t)n;
		break;
	}
	if (rc < 0)
		return -1;
	s->set |= 1u << prop;
	s->loc[prop] = topo_wloc(ps, v);
	return 1;
}
