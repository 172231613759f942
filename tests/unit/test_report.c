/* test_report.c: the four output formats of a run (lab/run/report*.c),
 * also with bytes that are not UTF-8 and control characters in a step's
 * output: JSON, JUnit and TAP stay valid. */
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
#include "util/utf8.h"

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
	it->min = it->max = 3;
	it->actual = 2;
	report_detail(it, "expected 3, got %d\n", 2);
	report_detail(it, "events seen in client:\n  a<b & c\n");
	it = report_add(r, REPORT_STEP, REPORT_SKIP, 0, "run client true");
	report_detail(it, "an earlier step failed\n");
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
	assert_non_null(strstr(out, "\nnot ok 3 - expect client CREATED=3 # time=0ms\n"
				"  ---\n  message: \"expected 3, got 2\"\n  severity: fail\n"));
	assert_non_null(strstr(out, "  node: \"client\"\n  event: CREATED\n  expected_min: 3\n"
				"  expected_max: 3\n  actual: 2\n  detail: |\n    expected 3, got 2\n"
				"    events seen in client:\n      a<b & c\n  ...\n"));
	/* The reason stands after SKIP, not the duration. */
	assert_non_null(strstr(out, "\nok 4 - run client true # SKIP an earlier step failed\n"));
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
	struct report_item *it;
	char *out;

	(void)state;
	r.verdict = VERDICT_ERROR;
	snprintf(r.reason, sizeof(r.reason), "setup failed: service x in node a is not ready");
	it = report_add(&r, REPORT_SERVICE, REPORT_FAIL, 1, "service x in a: ready tcp 9");
	it->error = true;
	report_detail(it, "service x in node a not ready after 1 s\n");
	out = capture(print_all, &r, REPORT_HUMAN);
	assert_non_null(strstr(out, "setup failed: service x in node a is not ready\nERROR: 0 passed, 1 failed"));
	free(out);
	out = capture(print_all, &r, REPORT_TAP);
	assert_non_null(strstr(out, "# setup failed: service x in node a is not ready\n"));
	assert_non_null(strstr(out, "  severity: error\n"));
	assert_non_null(strstr(out, "fail:0 xfail:0 xpass:0 skip:0 error:1\n"));
	free(out);
	/* JUnit: the error is an <error> element, and counted once. */
	out = capture(print_junit, &r, 0);
	assert_non_null(strstr(out, "<error message=\"service x in node a not ready after 1 s\" type=\"service\">"));
	assert_null(strstr(out, "<failure"));
	assert_non_null(strstr(out, "tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\""));
	free(out);
	report_free(&r);
}

/* An error that no item carries (a signal stopped the run between two
 * items) still gets an <error> element and a failing TAP line. */
static void test_run_error(void **state)
{
	struct report r = { 0 };
	char *out;

	(void)state;
	snprintf(r.file, sizeof(r.file), "t.topo");
	r.verdict = VERDICT_ERROR;
	snprintf(r.reason, sizeof(r.reason), "interrupted by a signal");
	report_add(&r, REPORT_SETUP, REPORT_PASS, 0.1, "lab up");
	out = capture(print_junit, &r, 0);
	assert_non_null(strstr(out, "tests=\"2\" failures=\"0\" errors=\"1\""));
	assert_non_null(strstr(out, "name=\"run\" time=\"0.000\">\n      <error message=\"interrupted by a signal\" type=\"setup\"/>"));
	free(out);
	out = capture(print_all, &r, REPORT_TAP);
	assert_non_null(strstr(out, "\nnot ok 2 - run t.topo\n"));
	assert_non_null(strstr(out, "\n1..2\n"));
	free(out);
	report_free(&r);
}

static void test_json(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	r.started = 1764770753;	/* 2025-12-03T14:05:53Z */
	snprintf(r.host, sizeof(r.host), "ci-7");
	snprintf(r.kernel, sizeof(r.kernel), "6.12.0-1-amd64");
	r.features = FEATURE_BIT(FEAT_MPTCP) | FEATURE_BIT(FEAT_PM_EVENTS) |
		     FEATURE_BIT(FEAT_NETEM);
	r.features_known = true;
	out = capture(print_all, &r, REPORT_JSON);
	/* Only the summary object, on one line. */
	assert_int_equal(out[0], '{');
	assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
	assert_non_null(strstr(out, "{\"schema\":1,\"tool\":\"mptcp-lab\",\"tool_version\":\"" VERSION "\","
				"\"hostname\":\"ci-7\",\"kernel_release\":\"6.12.0-1-amd64\","
				"\"kernel_features\":{\"mptcp\":true,\"pm-events\":true,\"listener-events\":false,"
));
	assert_non_null(strstr(out, "\"netem\":true},\"started\":\"2025-12-03T14:05:53Z\","));
	assert_non_null(strstr(out, "\"result\":\"fail\",\"exit\":1,\"reason\":null,\"seconds\":2.5,\"step_seconds\":2.1,"
				"\"passed\":2,\"failed\":1,\"skipped\":1,\"errors\":0"));
	assert_non_null(strstr(out, "\"events\":{\"client\":{\"CREATED\":2,\"SF_ESTABLISHED\":2}}"));
	assert_non_null(strstr(out, "\"name\":\"run client iperf3 \\\"x\\\"\""));
	/* Expected and actual are numbers; keys that do not apply are null. */
	assert_non_null(strstr(out, "\"node\":\"client\",\"event\":\"CREATED\",\"expected\":{\"min\":3,\"max\":3},\"actual\":2}"));
	assert_non_null(strstr(out, "\"kind\":\"setup\",\"name\":\"lab up\",\"result\":\"pass\",\"error\":false,\"seconds\":0.045,"
				"\"reason\":null,\"detail\":null,\"command\":null,\"node\":null,\"event\":null,\"expected\":null,\"actual\":null}"));
	assert_non_null(strstr(out, "\"reason\":\"expected 3, got 2\",\"detail\":\"expected 3, got 2\\nevents seen"));
	assert_non_null(strstr(out, "\"reason\":\"an earlier step failed\""));
	assert_non_null(strstr(out, "\"run_dir\":\"/var/tmp/mptcp-lab/simple-ab12\""));
	free(out);
	report_free(&r);
}

/* Step output is whatever bytes a program wrote. */
static const char hostile[] = "ok \xff\xfe bad \xc3 end \xed\xa0\x80 esc \x1b[31m bel \x07 \"<&>\" \xe2\x82\xac\n";

static struct report *hostile_report(struct report *r)
{
	struct report_item *it;

	memset(r, 0, sizeof(*r));
	snprintf(r->file, sizeof(r->file), "bad\xff.topo");
	r->verdict = VERDICT_FAIL;
	r->exit_status = 1;
	snprintf(r->reason, sizeof(r->reason), "why \xff");
	it = report_add(r, REPORT_STEP, REPORT_FAIL, 0.2, "run a: printf '\xff'");
	report_detail(it, "%s", hostile);
	snprintf(it->command, sizeof(it->command), "printf '\xff\x01'");
	it = report_add(r, REPORT_STEP, REPORT_SKIP, 0, "run a # b");
	report_detail(it, "skipped \xfe\n");
	return r;
}

static void test_json_hostile(void **state)
{
	struct report r;
	char *out;

	(void)state;
	out = capture(print_all, hostile_report(&r), REPORT_JSON);
	/* Valid UTF-8 throughout: each bad sequence became U+FFFD. */
	assert_true(utf8_valid(out));
	assert_non_null(strstr(out, "\"file\":\"bad\xef\xbf\xbd.topo\""));
	assert_non_null(strstr(out, "\"detail\":\"ok \xef\xbf\xbd\xef\xbf\xbd bad \xef\xbf\xbd end "
				"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd esc \\u001B[31m bel \\u0007 \\\"<&>\\\" \xe2\x82\xac\\n\""));
	assert_non_null(strstr(out, "\"command\":\"printf '\xef\xbf\xbd\\u0001'\""));
	free(out);
	report_free(&r);
}

static void test_junit_hostile(void **state)
{
	struct report r;
	char *out;

	(void)state;
	out = capture(print_junit, hostile_report(&r), 0);
	assert_true(utf8_valid(out));
	/* No byte XML 1.0 forbids: C0 controls other than tab, LF, CR. */
	for (const char *p = out; *p; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t');
	assert_non_null(strstr(out, "esc \xef\xbf\xbd[31m bel \xef\xbf\xbd &quot;&lt;&amp;&gt;&quot;"));
	assert_non_null(strstr(out, "<skipped message=\"skipped \xef\xbf\xbd\"/>"));
	free(out);
	report_free(&r);
}

static void test_tap_hostile(void **state)
{
	struct report r;
	char *out;

	(void)state;
	out = capture(print_all, hostile_report(&r), REPORT_TAP);
	assert_true(utf8_valid(out));
	/* '#' in a name is escaped so it does not start a directive. */
	assert_non_null(strstr(out, "\nok 2 - run a \\# b # SKIP skipped \xef\xbf\xbd\n"));
	assert_non_null(strstr(out, "  message: \"ok \xef\xbf\xbd\xef\xbf\xbd bad"));
	assert_non_null(strstr(out, "  command: \"printf '\xef\xbf\xbd\xef\xbf\xbd'\"\n"));
	free(out);
	report_free(&r);
}

static void test_junit(void **state)
{
	struct report r;
	char *out;

	(void)state;
	make_report(&r);
	r.started = 1764770753;
	snprintf(r.host, sizeof(r.host), "ci-7");
	out = capture(print_junit, &r, 0);
	assert_non_null(strstr(out, "<testsuites name=\"mptcp-lab\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""));
	assert_non_null(strstr(out, "<testsuite name=\"topologies/simple.topo\" package=\"mptcp-lab.simple\" id=\"0\" "
				"hostname=\"ci-7\" timestamp=\"2025-12-03T14:05:53\" tests=\"4\""));
	assert_non_null(strstr(out, "name=\"run client iperf3 &quot;x&quot;\" time=\"2.100\"/>"));
	assert_non_null(strstr(out, "<failure message=\"expected 3, got 2\" type=\"expect\">expected 3, got 2\nevents seen in client:\n  a&lt;b &amp; c\n</failure>"));
	/* The reason, not the test's name. */
	assert_non_null(strstr(out, "<skipped message=\"an earlier step failed\"/>"));
	assert_non_null(strstr(out, "classname=\"mptcp-lab.simple.expect\""));
	assert_non_null(strstr(out, "<system-out>run directory: /var/tmp/mptcp-lab/simple-ab12</system-out>\n    <system-err/>\n"));
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
		cmocka_unit_test(test_run_error),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_hostile),
		cmocka_unit_test(test_junit_hostile),
		cmocka_unit_test(test_tap_hostile),
		cmocka_unit_test(test_junit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
