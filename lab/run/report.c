/* report.c: the items of a run and what every format asks of them (see
 * report.h); the formats are report_text.c, report_json.c and
 * report_junit.c. */
#include "run/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


void report_stamp(struct report *r)
{
	r->started = time(NULL);
	if (gethostname(r->host, sizeof(r->host)) < 0)
		r->host[0] = '\0';
	r->host[sizeof(r->host) - 1] = '\0';
}

struct report_item *report_add(struct report *r, enum report_kind kind,
			       enum report_status st, double secs,
			       const char *fmt, ...)
{
	struct report_item *it;
	va_list ap;

	if (r->nitems == r->cap) {
		int cap = r->cap ? 2 * r->cap : 16;
		void *p = realloc(r->items, cap * sizeof(*r->items));

		if (!p)
			return NULL;
		r->items = p;
		r->cap = cap;
	}
	it = &r->items[r->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->status = st;
	it->secs = secs;
	it->max = -1;
	va_start(ap, fmt);
	vsnprintf(it->name, sizeof(it->name), fmt, ap);
	va_end(ap);
	return it;
}

void report_detail(struct report_item *it, const char *fmt, ...)
{
	size_t old = it->detail ? strlen(it->detail) : 0;
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = realloc(it->detail, old + n + 1)))
		return;
	va_start(ap, fmt);
	vsnprintf(p + old, n + 1, fmt, ap);
	va_end(ap);
	it->detail = p;
}

void report_free(struct report *r)
{
	for (int i = 0; i < r->nitems; i++)
		free(r->items[i].detail);
	free(r->items);
	free(r->nodes);
	r->items = NULL;
	r->nodes = NULL;
	r->nitems = r->cap = r->nnodes = 0;
}

int report_count(const struct report *r, enum report_status st)
{
	int n = 0;

	for (int i = 0; i < r->nitems; i++)
		n += r->items[i].status == st;
	return n;
}

bool report_run_error(const struct report *r)
{
	if (r->verdict != VERDICT_ERROR)
		return false;
	for (int i = 0; i < r->nitems; i++)
		if (r->items[i].status == REPORT_FAIL && r->items[i].error)
			return false;
	return true;
}

int report_errors(const struct report *r)
{
	int n = report_run_error(r);

	for (int i = 0; i < r->nitems; i++)
		n += r->items[i].status == REPORT_FAIL && r->items[i].error;
	return n;
}

const char *report_reason(const struct report_item *it, char *buf,
			  size_t len)
{
	const char *d = it->detail ? it->detail : "";

	snprintf(buf, len, "%.*s", (int)strcspn(d, "\n"), d);
	return buf;
}

const char *report_verdict(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS: return "pass";
	case VERDICT_FAIL: return "fail";
	case VERDICT_SKIP: return "skip";
	default: return "error";
	}
}

const char *report_kind_str(enum report_kind k)
{
	static const char *const s[] = { "setup", "service", "step",
					 "expect", "teardown", "assert" };

	return s[k];
}

const char *report_status_str(enum report_status st)
{
	return st == REPORT_PASS ? "pass" : st == REPORT_FAIL ? "fail" : "skip";
}

const char *report_time_str(const struct report *r, bool zone, char *buf,
			    size_t len)
{
	struct tm tm;

	buf[0] = '\0';
	if (r->started && gmtime_r(&r->started, &tm))
		strftime(buf, len, zone ? "%Y-%m-%dT%H:%M:%SZ" :
			 "%Y-%m-%dT%H:%M:%S", &tm);
	return buf;
}
