/* run_item.c: how the run engine's parts record what happened: report
 * items (and telling the front end about each), the run's verdict so far,
 * and argv as a line for item names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/run_int.h"

void run_verdict(struct run *r, enum verdict v)
{
	if (v > r->verdict)	/* enum verdict is in order of severity */
		r->verdict = v;
}

struct report_item *run_item(struct run *r, enum report_kind kind,
			     enum report_status st, double secs,
			     const char *fmt, ...)
{
	char name[sizeof(((struct report_item *)0)->name)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return report_add(r->rep, kind, st, secs, "%s", name);
}

void run_item_done(struct run *r)
{
	if (r->o->progress)
		r->o->progress(r->rep, r->rep->nitems, r->o->arg);
}

const char *run_argv_str(char *const argv[], char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; argv && argv[i] && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? " " : "", argv[i]);
	if (n >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
	return buf;
}

/* The kernel lacks something: a skip, or a failure with --strict. */
void run_skip(struct run *r, const char *what, const char *why)
{
	struct report_item *it;

	it = run_item(r, REPORT_SETUP, r->o->strict ? REPORT_FAIL : REPORT_SKIP,
		      0, "%s", what);
	snprintf(r->rep->reason, sizeof(r->rep->reason), "%.400s%s", why,
		 r->o->strict ? " (--strict: a skip is a failure)" : "");
	if (it)		/* the reason TAP and JUnit show with the skip */
		report_detail(it, "%s\n", why);
	run_item_done(r);
	run_verdict(r, r->o->strict ? VERDICT_FAIL : VERDICT_SKIP);
}

int run_setup_failed(struct run *r, const char *what, double secs,
			const struct lab_err *e)
{
	struct report_item *it = run_item(r, REPORT_SETUP, REPORT_FAIL, secs,
					  "%s", what);

	if (it) {
		it->error = true;	/* JUnit <error>, not <failure> */
		report_detail(it, "%s\n", e->msg);
	}
	snprintf(r->rep->reason, sizeof(r->rep->reason), "%.60s: %.440s", what,
		 e->msg);
	run_item_done(r);
	run_verdict(r, VERDICT_ERROR);
	return -1;
}
