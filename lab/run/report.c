/* report.c: printing a run (see report.h). */
#include "run/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/event_names.h"

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

const char *report_verdict(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS: return "pass";
	case VERDICT_FAIL: return "fail";
	case VERDICT_SKIP: return "skip";
	default: return "error";
	}
}

static const char *kind_str(enum report_kind k)
{
	static const char *const s[] = { "setup", "service", "step",
					 "expect", "teardown" };

	return s[k];
}

static const char *status_str(enum report_status st)
{
	return st == REPORT_PASS ? "pass" : st == REPORT_FAIL ? "fail" : "skip";
}

/* Print text line by line, each line after prefix. */
static void print_lines(FILE *f, const char *prefix, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		int n = nl ? (int)(nl - text) : (int)strlen(text);

		fprintf(f, "%s%.*s\n", prefix, n, text);
		text += n + (nl != NULL);
	}
}

void report_begin(FILE *f, enum report_fmt fmt, const struct report *r)
{
	if (fmt == REPORT_TAP)
		fprintf(f, "TAP version 13\n# mptcp-lab run %s\n", r->file);
	else if (fmt == REPORT_HUMAN)
		fprintf(f, "mptcp-lab: run %s\n", r->file);
	fflush(f);
}

void report_item_print(FILE *f, enum report_fmt fmt, const struct report *r,
		       int index)
{
	const struct report_item *it = &r->items[index - 1];
	static const char *const human[] = { "ok  ", "FAIL", "skip" };

	if (fmt == REPORT_HUMAN) {
		/* Long names are cut so the times stay in one column. */
		int w = strlen(it->name) > 56 ? 53 : 56;

		fprintf(f, "  %s  %-*.*s%s %8.3f s\n", human[it->status], w, w,
			it->name, w < 56 ? "..." : "", it->secs);
		print_lines(f, "        ", it->detail);
	} else if (fmt == REPORT_TAP) {
		fprintf(f, "%s %d - %s # %s%.0fms\n",
			it->status == REPORT_FAIL ? "not ok" : "ok", index,
			it->name, it->status == REPORT_SKIP ? "SKIP " : "time=",
			it->secs * 1000);
		print_lines(f, "# ", it->detail);
	}
	fflush(f);
}

static void human_end(FILE *f, const struct report *r)
{
	if (r->reason[0])
		fprintf(f, "%s\n", r->reason);
	fprintf(f, "%s: %d passed, %d failed, %d skipped in %.3f s (steps %.3f s, the rest %.3f s)\n",
		r->verdict == VERDICT_PASS ? "PASS" :
		r->verdict == VERDICT_SKIP ? "SKIP" :
		r->verdict == VERDICT_FAIL ? "FAIL" : "ERROR",
		report_count(r, REPORT_PASS), report_count(r, REPORT_FAIL),
		report_count(r, REPORT_SKIP), r->secs, r->traffic_secs,
		r->secs - r->traffic_secs);
	if (r->run_dir[0])
		fprintf(f, "run directory: %s\n", r->run_dir);
}

static void tap_end(FILE *f, const struct report *r)
{
	if (r->nitems == 0 && r->verdict == VERDICT_SKIP) {
		fprintf(f, "1..0 # SKIP %s\n", r->reason);
		return;
	}
	if (r->reason[0])
		print_lines(f, "# ", r->reason);
	if (r->run_dir[0])
		fprintf(f, "# run directory: %s\n", r->run_dir);
	fprintf(f, "1..%d\n", r->nitems);
	fprintf(f, "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:%d\n",
		report_count(r, REPORT_PASS), report_count(r, REPORT_FAIL),
		report_count(r, REPORT_SKIP),
		r->verdict == VERDICT_ERROR);
}

void report_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_item(FILE *f, const struct report_item *it)
{
	fprintf(f, "{\"kind\":\"%s\",\"name\":", kind_str(it->kind));
	report_json_str(f, it->name);
	fprintf(f, ",\"result\":\"%s\",\"seconds\":%.3f", status_str(it->status),
		it->secs);
	if (it->kind == REPORT_EXPECT) {
		fprintf(f, ",\"node\":");
		report_json_str(f, it->node);
		fprintf(f, ",\"event\":");
		report_json_str(f, it->event);
		fprintf(f, ",\"expected\":");
		report_json_str(f, it->expected);
		fprintf(f, ",\"actual\":%ld", it->actual);
	}
	if (it->detail) {
		fprintf(f, ",\"detail\":");
		report_json_str(f, it->detail);
	}
	fputc('}', f);
}

/* {"client":{"CREATED":2,...},...}: every event type seen, by name. */
static void json_events(FILE *f, const struct report *r)
{
	char buf[32];

	fputc('{', f);
	for (int i = 0; i < r->nnodes; i++) {
		const struct report_node *n = &r->nodes[i];
		bool first = true;

		fprintf(f, "%s", i ? "," : "");
		report_json_str(f, n->name);
		fputs(":{", f);
		for (int ev = 0; ev < EXPECT_NEV; ev++) {
			if (!n->counts.n[ev])
				continue;
			fprintf(f, "%s", first ? "" : ",");
			report_json_str(f, ev == EXPECT_OTHER ? "OTHER" :
					expect_event_str(ev, buf, sizeof(buf)));
			fprintf(f, ":%ld", n->counts.n[ev]);
			first = false;
		}
		fputc('}', f);
	}
	fputc('}', f);
}

static void json_end(FILE *f, const struct report *r)
{
	fprintf(f, "{\"file\":");
	report_json_str(f, r->file);
	fprintf(f, ",\"lab\":");
	report_json_str(f, r->lab);
	fprintf(f, ",\"result\":\"%s\",\"exit\":%d,\"reason\":",
		report_verdict(r->verdict), r->exit_status);
	report_json_str(f, r->reason);
	fprintf(f, ",\"seconds\":%.3f,\"step_seconds\":%.3f,\"passed\":%d,\"failed\":%d,\"skipped\":%d,\"run_dir\":",
		r->secs, r->traffic_secs, report_count(r, REPORT_PASS),
		report_count(r, REPORT_FAIL), report_count(r, REPORT_SKIP));
	if (r->run_dir[0])
		report_json_str(f, r->run_dir);
	else
		fputs("null", f);
	fprintf(f, ",\"events\":");
	json_events(f, r);
	fprintf(f, ",\"tests\":[");
	for (int i = 0; i < r->nitems; i++) {
		fprintf(f, "%s", i ? "," : "");
		json_item(f, &r->items[i]);
	}
	fprintf(f, "]}\n");
}

void report_end(FILE *f, enum report_fmt fmt, const struct report *r)
{
	if (fmt == REPORT_HUMAN)
		human_end(f, r);
	else if (fmt == REPORT_TAP)
		tap_end(f, r);
	else
		json_end(f, r);
	fflush(f);
}

void report_xml_str(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			/* XML 1.0 allows no other control characters. */
			if (c >= 0x20 || c == '\n' || c == '\t')
				fputc(c, f);
		}
	}
}

/* The topology's name (file name without directory and ".topo"): a
 * class name that stays the same from run to run, unlike the lab's. */
static void topo_name(const char *file, char *buf, size_t len)
{
	size_t n;
	const char *b = topo_file_stem(file, &n);

	snprintf(buf, len, "%.*s", (int)n, b);
}

static void junit_case(FILE *f, const struct report *r,
		       const struct report_item *it)
{
	char name[256];

	topo_name(r->file, name, sizeof(name));
	fprintf(f, "    <testcase classname=\"mptcp-lab.");
	report_xml_str(f, name);
	fprintf(f, ".%s\" name=\"", kind_str(it->kind));
	report_xml_str(f, it->name);
	fprintf(f, "\" time=\"%.3f\"", it->secs);
	if (it->status == REPORT_PASS) {
		fprintf(f, "/>\n");
		return;
	}
	fprintf(f, ">\n      <%s message=\"",
		it->status == REPORT_FAIL ? "failure" : "skipped");
	report_xml_str(f, it->name);
	fprintf(f, "\">");
	report_xml_str(f, it->detail);
	fprintf(f, "</%s>\n    </testcase>\n",
		it->status == REPORT_FAIL ? "failure" : "skipped");
}

void report_junit(FILE *f, const struct report *r)
{
	int fails = report_count(r, REPORT_FAIL);
	int skips = report_count(r, REPORT_SKIP);
	int errors = r->verdict == VERDICT_ERROR;

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"mptcp-lab\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
		r->nitems, fails, errors, skips, r->secs);
	fprintf(f, "  <testsuite name=\"");
	report_xml_str(f, r->file);
	fprintf(f, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
		r->nitems, fails, errors, skips, r->secs);
	for (int i = 0; i < r->nitems; i++)
		junit_case(f, r, &r->items[i]);
	if (r->reason[0] || r->run_dir[0]) {
		fprintf(f, "    <system-out>");
		report_xml_str(f, r->reason);
		if (r->run_dir[0]) {
			fprintf(f, "%srun directory: ", r->reason[0] ? "\n" : "");
			report_xml_str(f, r->run_dir);
		}
		fprintf(f, "</system-out>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	fflush(f);
}
