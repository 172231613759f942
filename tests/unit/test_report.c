/* test_report.c: the four output formats of a run (lab/run/report.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/event_names.h"
#include "run/report.h"

/* A failed run: lab up ok, a step ok, one expectation failed, one step
 * skipped. */
static void make_report(struct report *r)
{
	struct report_item *it;

	memset(r, 0, sizeof(*r));
	snprintf(r->file, sizeof(r->file), "topologies/simple.topo");
	snprintf(r->lab, sizeof(r->lab), "simple-ab12");
	snprintf(r->run_dir, sizeof(r->run_dir), "/var/tmp/mptcp-lab/simple-ab12");
	r->verdict = VERDICT_FAIL;
	r->exit_status = 1;
	r->secs = 2.5;
	r->traffic_secs = 2.1;
	report_add(r, REPORT_SETUP, REPORT_PASS, 0.045, "lab up");
	report_add(r, REPORT_STEP, REPORT_PASS, 2.1, "run client iperf3 \"x\"");
	it = report_add(r, REPORT_EXPECT, REPORT_FAIL, 0, "expect client CREATED=3");
	snprintf(it->node, sizeof(it->node), "client");
	snprintf(it->event, sizeof(it->event), "CREATED");
	snprintf(it->expected, sizeof(it->expected), "3");
	it->actual = 2;
	report_detail(it, "expected 3, got %d\n", 2);
	report_detail(it, "events seen in client:\n  a<b & c\n");
	report_add(r, REPORT_STEP, REPORT_SKIP, 0, "run client true");
	r->nnodes = 1;
	r->nodes = calloc(1, sizeof(*r->nodes));
	snprintf(r->nodes[0].name, sizeof(r->nodes[0].name), "client");
	r->nodes[0].counts.n[MPTCP_EVENT_CREATED] = 2;
	r->nodes[0].counts.n[MPTCP_EVENT_SUB_ESTABLISHED] = 2;
}

/* Print with fn into memory; caller frees. */
static char *capture(void (*fn)(FILE *, const struct report *, int),
		     const struct report *r, int arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, r, arg);
	fclose(f);
	return buf;
}

static void print_all(FILE *f, const struct report *r, int fmt)
{
	report_begin(f, fmt, r);
	for (int i = 1; i <= r->nitems; i++)
		report_item_print(f, fmt, r, i);
	report_end(f, fmt, r);
}

static void print_junit(FILE *f, const struct report *r, int unused)
{
	(void)unused;
	report_junit(f, r);
}

static void test_counts(void **state)
{
	struct report r;

	(void)state;
	make_report(&r);
	assert_int_equal(r.nitems, 4);
	assert_int_equal(report_count(&r, REPORT_PASS), 2);
	assert_int_equal(report_count(&r, REPORT_FAIL), 1);
	assert_int_equal(report_count(&r, REPORT_SKIP), 1);
	assert_string_equal(report_verdict(VERDICT_PASS), "pass");
	assert_string_equal(report_verdict(VERDICT_FAIL), "fail");
	assert_string_equal(report_verdict(VERDICT_SKIP), "skip");
	assert_string_equal(report_verdict(VERDICT_ERROR), "error");
	report_free(&r);
}

static void test_human(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	out = capture(print_all, &r, REPORT_HUMAN);
	assert_non_null(strstr(out, "  ok    lab up"));
	assert_non_null(strstr(out, "0.045 s\n"));
	assert_non_null(strstr(out, "  FAIL  expect client CREATED=3"));
	assert_non_null(strstr(out, "\n        expected 3, got 2\n"));
	assert_non_null(strstr(out, "  skip  run client true"));
	assert_non_null(strstr(out, "FAIL: 2 passed, 1 failed, 1 skipped"));
	assert_non_null(strstr(out, "run directory: /var/tmp/mptcp-lab/simple-ab12\n"));
	free(out);
	report_free(&r);
}

static void test_human_long_name(void **state)
{
	struct report r = { 0 };
	char *out;

	(void)state;
	report_add(&r, REPORT_STEP, REPORT_PASS, 1.5, "run a: %s",
		   "a-command-with-a-very-long-argument-list-that-goes-on-and-on");
	out = capture(print_all, &r, REPORT_HUMAN);
	/* cut at 53 characters plus "...", so the time keeps its column */
	assert_non_null(strstr(out, "  ok    run a: a-command-with-a-very-long-argument-list-that-...    1.500 s\n"));
	free(out);
	report_free(&r);
}

static void test_tap(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	out = capture(print_all, &r, REPORT_TAP);
	assert_memory_equal(out, "TAP version 13\n", 15);
	assert_non_null(strstr(out, "\nok 1 - lab up # time=45ms\n"));
	assert_non_null(strstr(out, "\nok 2 - run client iperf3 \"x\" # time=2100ms\n"));
	assert_non_null(strstr(out, "\nnot ok 3 - expect client CREATED=3 # time=0ms\n# expected 3, got 2\n"));
	assert_non_null(strstr(out, "\nok 4 - run client true # SKIP"));
	assert_non_null(strstr(out, "\n1..4\n"));
	assert_non_null(strstr(out, "# Totals: pass:2 fail:1 xfail:0 xpass:0 skip:1 error:0\n"));
	free(out);
	report_free(&r);
}

static void test_tap_skipped_run(void **state)
{
	struct report r = { 0 };
	char *out;

	(void)state;
	r.verdict = VERDICT_SKIP;
	snprintf(r.reason, sizeof(r.reason), "no mptcp_pm family");
	out = capture(print_all, &r, REPORT_TAP);
	assert_non_null(strstr(out, "\n1..0 # SKIP no mptcp_pm family\n"));
	free(out);
}

static void test_setup_error(void **state)
{
	struct report r = { 0 };
	char *out;

	(void)state;
	r.verdict = VERDICT_ERROR;
	snprintf(r.reason, sizeof(r.reason), "setup failed: service x in node a is not ready");
	report_add(&r, REPORT_SERVICE, REPORT_FAIL, 1, "service x in a: ready tcp 9");
	out = capture(print_all, &r, REPORT_HUMAN);
	assert_non_null(strstr(out, "setup failed: service x in node a is not ready\nERROR: 0 passed, 1 failed"));
	free(out);
	out = capture(print_all, &r, REPORT_TAP);
	assert_non_null(strstr(out, "# setup failed: service x in node a is not ready\n"));
	assert_non_null(strstr(out, "error:1\n"));
	free(out);
	report_free(&r);
}

static void test_json(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	out = capture(print_all, &r, REPORT_JSON);
	/* Only the summary object, on one line. */
	assert_int_equal(out[0], '{');
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
	assert_non_null(strstr(out, "\"result\":\"fail\",\"exit\":1"));
	assert_non_null(strstr(out, "\"events\":{\"client\":{\"CREATED\":2,\"SF_ESTABLISHED\":2}}"));
	assert_non_null(strstr(out, "\"name\":\"run client iperf3 \\\"x\\\"\""));
	assert_non_null(strstr(out, "\"node\":\"client\",\"event\":\"CREATED\",\"expected\":\"3\",\"actual\":2"));
	assert_non_null(strstr(out, "\"detail\":\"expected 3, got 2\\nevents seen"));
	assert_non_null(strstr(out, "\"run_dir\":\"/var/tmp/mptcp-lab/simple-ab12\""));
	free(out);
	report_free(&r);
}

static void test_json_escapes(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	report_json_str(f, "a\"b\\c\n\x01");
	fclose(f);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\n\\u0001\"");
	free(buf);
}

static void test_junit(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	out = capture(print_junit, &r, 0);
	assert_non_null(strstr(out, "<testsuites name=\"mptcp-lab\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""));
	assert_non_null(strstr(out, "name=\"run client iperf3 &quot;x&quot;\" time=\"2.100\"/>"));
	assert_non_null(strstr(out, "<failure message=\"expect client CREATED=3\">expected 3, got 2\nevents seen in client:\n  a&lt;b &amp; c\n</failure>"));
	assert_non_null(strstr(out, "<skipped message=\"run client true\"></skipped>"));
	assert_non_null(strstr(out, "classname=\"mptcp-lab.simple.expect\""));
	assert_non_null(strstr(out, "</testsuites>\n"));
	free(out);
	report_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_human),
		cmocka_unit_test(test_human_long_name),
		cmocka_unit_test(test_tap),
		cmocka_unit_test(test_tap_skipped_run),
		cmocka_unit_test(test_setup_error),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_junit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
