/* report_junit.c: a run as JUnit XML in the Jenkins/Ant form that
 * tests/junit.xsd describes (see report.h): one <testsuite> with its
 * timestamp and hostname, a <testcase> per item; a failed test holds
 * <failure>, a setup that failed holds <error>, a skip holds <skipped>
 * whose message is the reason. Text is valid UTF-8 XML whatever bytes a
 * step printed. */
#include "run/report.h"

#include <stdlib.h>
#include <string.h>

#include "topo/topo.h"
#include "util/utf8.h"

/* Write s as XML text or attribute value: markup escaped, invalid UTF-8
 * and characters XML 1.0 forbids replaced by U+FFFD; in an attribute
 * (attr true) newlines and tabs are written as character references so
 * they survive attribute normalisation. */
static void xml_str(FILE *f, const char *s, bool attr)
{
	char *clean = utf8_clean(s, true);

	for (const char *p = clean ? clean : ""; *p; p++) {
		switch (*p) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		/* A parser turns these into spaces inside an attribute,
		 * and a bare CR into LF in text: keep them as written. */
		case '\n': fputs(attr ? "&#10;" : "\n", f); break;
		case '\t': fputs(attr ? "&#9;" : "\t", f); break;
		case '\r': fputs("&#13;", f); break;
		default: fputc(*p, f);
		}
	}
	free(clean);
}

/* The topology's name (file name without directory and ".topo"): a
 * class name that stays the same from run to run, unlike the lab's. */
static void topo_name(const char *file, char *buf, size_t len)
{
	size_t n;
	const char *b = topo_file_stem(file, &n);

	snprintf(buf, len, "%.*s", (int)n, b);
}

static void case_open(FILE *f, const struct report *r, const char *kind,
		      const char *name, double secs)
{
	char topo[256];

	topo_name(r->file, topo, sizeof(topo));
	fprintf(f, "    <testcase classname=\"mptcp-lab.");
	xml_str(f, topo, true);
	fprintf(f, ".%s\" name=\"", kind);
	xml_str(f, name, true);
	fprintf(f, "\" time=\"%.3f\"", secs);
}

/* <failure>, <error> or <skipped> with its message and the detail. */
static void outcome(FILE *f, const char *tag, const char *type,
		    const char *message, const char *detail)
{
	fprintf(f, "      <%s message=\"", tag);
	xml_str(f, message, true);
	fputc('"', f);
	if (type)
		fprintf(f, " type=\"%s\"", type);
	if (!detail || !*detail) {
		fprintf(f, "/>\n");
		return;
	}
	fputc('>', f);
	xml_str(f, detail, false);
	fprintf(f, "</%s>\n", tag);
}

static void junit_case(FILE *f, const struct report *r,
		       const struct report_item *it)
{
	char why[256];

	case_open(f, r, report_kind_str(it->kind), it->name, it->secs);
	if (it->status == REPORT_PASS) {
		fprintf(f, "/>\n");
		return;
	}
	fprintf(f, ">\n");
	report_reason(it, why, sizeof(why));
	if (it->status == REPORT_SKIP)
		outcome(f, "skipped", NULL, why[0] ? why : r->reason, NULL);
	else
		outcome(f, it->error ? "error" : "failure",
			report_kind_str(it->kind), why[0] ? why : it->name,
			it->detail);
	fprintf(f, "    </testcase>\n");
}

/* A run that ended in an error no item carries (interrupted, out of
 * memory): one more test case holds the <error>. */
static void run_error_case(FILE *f, const struct report *r)
{
	case_open(f, r, "setup", "run", r->secs);
	fprintf(f, ">\n");
	outcome(f, "error", "setup", r->reason[0] ? r->reason : "setup error",
		NULL);
	fprintf(f, "    </testcase>\n");
}

static void properties(FILE *f, const struct report *r)
{
	const char *kv[][2] = {
		{ "mptcp-lab.version", VERSION },
		{ "kernel.release", r->kernel },
		{ "lab", r->lab },
		{ "run_dir", r->run_dir },
	};

	fprintf(f, "    <properties>\n");
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		if (!kv[i][1][0])
			continue;
		fprintf(f, "      <property name=\"%s\" value=\"", kv[i][0]);
		xml_str(f, kv[i][1], true);
		fprintf(f, "\"/>\n");
	}
	for (int i = 0; r->features_known && i < FEAT_COUNT; i++)
		fprintf(f, "      <property name=\"kernel.feature.%s\" value=\"%s\"/>\n",
			feature_name(i),
			r->features & FEATURE_BIT(i) ? "yes" : "no");
	fprintf(f, "    </properties>\n");
}

/* tests="" failures="" errors="" skipped="" time="" */
static void counts(FILE *f, const struct report *r)
{
	int errors = report_errors(r);

	fprintf(f, " tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\"",
		r->nitems + report_run_error(r),
		report_count(r, REPORT_FAIL) - (errors - report_run_error(r)),
		errors, report_count(r, REPORT_SKIP), r->secs);
}

void report_junit(FILE *f, const struct report *r)
{
	char when[32], topo[256];

	report_time_str(r, false, when, sizeof(when));
	topo_name(r->file, topo, sizeof(topo));
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"mptcp-lab\"");
	counts(f, r);
	fprintf(f, ">\n  <testsuite name=\"");
	xml_str(f, r->file, true);
	fprintf(f, "\" package=\"mptcp-lab.");
	xml_str(f, topo, true);
	fprintf(f, "\" id=\"0\" hostname=\"");
	xml_str(f, r->host[0] ? r->host : "localhost", true);
	/* The schema wants a timestamp; an unknown start is the epoch. */
	fprintf(f, "\" timestamp=\"%s\"", when[0] ? when : "1970-01-01T00:00:00");
	counts(f, r);
	fprintf(f, ">\n");
	properties(f, r);
	for (int i = 0; i < r->nitems; i++)
		junit_case(f, r, &r->items[i]);
	if (report_run_error(r))
		run_error_case(f, r);
	fprintf(f, "    <system-out>");
	xml_str(f, r->reason, false);
	if (r->run_dir[0]) {
		fprintf(f, "%srun directory: ", r->reason[0] ? "\n" : "");
		xml_str(f, r->run_dir, false);
	}
	fprintf(f, "</system-out>\n    <system-err/>\n");
	fprintf(f, "  </testsuite>\n</testsuites>\n");
	fflush(f);
}
