/* report_text.c: a run as the lines a person reads and as TAP version 13
 * (see report.h). TAP: `ok N - NAME # SKIP REASON` for a skip, and what
 * a failure found in a YAML block under its `not ok` line, as TAP 13
 * consumers (prove, the kernel selftests' tooling) read it. */
#include "run/report.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

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

/* TAP text outside YAML: a '#' would start a directive, so it and the
 * backslash that escapes it are escaped; no line breaks. */
static void tap_str(FILE *f, const char *s)
{
	char *clean = utf8_clean(s, true);

	for (const char *p = clean ? clean : ""; *p; p++) {
		if (*p == '#' || *p == '\\')
			fputc('\\', f);
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, f);
	}
	free(clean);
}

/* "# " comment lines: any text, as valid UTF-8. */
static void tap_comment(FILE *f, const char *head, const char *text)
{
	char *all = NULL, *clean;

	if (asprintf(&all, "%s%s", head, text) < 0)
		return;
	clean = utf8_clean(all, true);
	print_lines(f, "# ", clean);
	free(clean);
	free(all);
}

/* A YAML double-quoted scalar, with only the escapes every TAP YAML
 * reader knows (\\, \", \t, \n, \r, \xHH). */
static void yaml_str(FILE *f, const char *s)
{
	char *clean = utf8_clean(s, true);

	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)(clean ? clean : "");
	     *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

/* The YAML block of a failed item: what was expected and what was seen. */
static void tap_yaml(FILE *f, const struct report_item *it)
{
	char why[256];
	char *clean;

	fprintf(f, "  ---\n  message: ");
	yaml_str(f, report_reason(it, why, sizeof(why)));
	fprintf(f, "\n  severity: %s\n  kind: %s\n  duration_ms: %.0f\n",
		it->error ? "error" : "fail", report_kind_str(it->kind),
		it->secs * 1000);
	if (it->command[0]) {
		fprintf(f, "  command: ");
		yaml_str(f, it->command);
		fputc('\n', f);
	}
	if (it->kind == REPORT_EXPECT) {
		fprintf(f, "  node: ");
		yaml_str(f, it->node);
		fprintf(f, "\n  event: %s\n  expected_min: %ld\n", it->event,
			it->min);
		if (it->max >= 0)
			fprintf(f, "  expected_max: %ld\n", it->max);
		else
			fprintf(f, "  expected_max: ~\n");
		fprintf(f, "  actual: %ld\n", it->actual);
	}
	clean = it->detail ? utf8_clean(it->detail, true) : NULL;
	if (clean && *clean) {
		fprintf(f, "  detail: |\n");
		print_lines(f, "    ", clean);
	}
	free(clean);
	fprintf(f, "  ...\n");
}

void report_begin(FILE *f, enum report_fmt fmt, const struct report *r)
{
	if (fmt == REPORT_TAP) {
		fprintf(f, "TAP version 13\n# mptcp-lab run ");
		tap_str(f, r->file);
		fputc('\n', f);
	} else if (fmt == REPORT_HUMAN) {
		fprintf(f, "mptcp-lab: run %s\n", r->file);
	}
	fflush(f);
}

static void tap_item(FILE *f, const struct report_item *it, int index)
{
	char why[256];

	fprintf(f, "%s %d - ", it->status == REPORT_FAIL ? "not ok" : "ok",
		index);
	tap_str(f, it->name);
	if (it->status == REPORT_SKIP) {
		fprintf(f, " # SKIP ");
		tap_str(f, report_reason(it, why, sizeof(why)));
		fputc('\n', f);
		return;
	}
	fprintf(f, " # time=%.0fms\n", it->secs * 1000);
	if (it->status == REPORT_FAIL)
		tap_yaml(f, it);
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
		tap_item(f, it, index);
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
	int n = r->nitems;

	if (n == 0 && r->verdict == VERDICT_SKIP) {
		fprintf(f, "1..0 # SKIP ");
		tap_str(f, r->reason);
		fputc('\n', f);
		return;
	}
	/* An error no item carries (interrupted, say) still fails the
	 * stream: one more test point says so. */
	if (report_run_error(r)) {
		fprintf(f, "not ok %d - run ", ++n);
		tap_str(f, r->file);
		fprintf(f, "\n  ---\n  message: ");
		yaml_str(f, r->reason[0] ? r->reason : "setup error");
		fprintf(f, "\n  severity: error\n  ...\n");
	}
	if (r->reason[0])
		tap_comment(f, "", r->reason);
	if (r->run_dir[0])
		tap_comment(f, "run directory: ", r->run_dir);
	fprintf(f, "1..%d\n", n);
	fprintf(f, "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:%d\n",
		report_count(r, REPORT_PASS),
		report_count(r, REPORT_FAIL) + report_run_error(r) -
		report_errors(r), report_count(r, REPORT_SKIP),
		report_errors(r));
}

void report_end(FILE *f, enum report_fmt fmt, const struct report *r)
{
	if (fmt == REPORT_HUMAN)
		human_end(f, r);
	else if (fmt == REPORT_TAP)
		tap_end(f, r);
	else
		report_json(f, r);
	fflush(f);
}
