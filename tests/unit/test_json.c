/* test_json.c: the lab's JSON layer (lab/util/json.c, utf8.c): any bytes
 * become a valid JSON string, and a number is found in an iperf3 -J
 * style document by its path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/json.h"
#include "util/utf8.h"

static void test_utf8_clean(void **state)
{
	static const struct { const char *in, *out, *xml; } cases[] = {
		{ "plain é €", "plain é €", "plain é €" },
		{ "a\xff" "b", "a\xef\xbf\xbd" "b", "a\xef\xbf\xbd" "b" },
		/* A truncated sequence is one U+FFFD, the next byte stays. */
		{ "\xe2\x82" "A", "\xef\xbf\xbd" "A", "\xef\xbf\xbd" "A" },
		/* Overlong, surrogate, above U+10FFFF: one per byte. */
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		/* XML 1.0 forbids C0 controls but tab, LF, CR; and U+FFFF. */
		{ "\x1b[1m\t\n\x07", "\x1b[1m\t\n\x07", "\xef\xbf\xbd[1m\t\n\xef\xbf\xbd" },
		{ "\xef\xbf\xbf", "\xef\xbf\xbf", "\xef\xbf\xbd" },
		{ "\xf0\x9d\x84\x9e", "\xf0\x9d\x84\x9e", "\xf0\x9d\x84\x9e" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *a = utf8_clean(cases[i].in, false);
		char *b = utf8_clean(cases[i].in, true);

		assert_string_equal(a, cases[i].out);
		assert_string_equal(b, cases[i].xml);
		assert_true(utf8_valid(a) && utf8_valid(b));
		free(a);
		free(b);
	}
	assert_false(utf8_valid("\xff"));
}

static void test_json_text(void **state)
{
	json_t *o = json_object();
	char *s;

	(void)state;
	/* json_string() refuses these bytes; json_text() repairs them. */
	assert_null(json_string("x\xff"));
	json_put(o, "a", json_text("x\xff\x01"));
	json_put(o, "b", json_text_or_null(""));
	json_put(o, "c", json_text(NULL));
	json_put(o, "t", json_secs(2.1284));
	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	assert_string_equal(s, "{\"a\":\"x\xef\xbf\xbd\\u0001\",\"b\":null,\"c\":null,\"t\":2.128}");
	free(s);
	json_decref(o);
}

/* The shape of `iperf3 -c ... -J` output, cut down. */
static const char iperf3[] =
	"{\"start\":{\"connected\":[{\"socket\":5}]},"
	"\"intervals\":[{\"sum\":{\"bits_per_second\":9.5e6}}],"
	"\"end\":{\"sum_sent\":{\"bytes\":2500000,\"bits_per_second\":10000000.5},"
	"\"sum_received\":{\"bits_per_second\":9999000}}}";

static void test_json_read(void **state)
{
	struct lab_err e = { 0 };
	char path[] = "/tmp/test_json_XXXXXX";
	int fd = mkstemp(path);
	double v;
	json_t *j;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, iperf3, strlen(iperf3)), (ssize_t)strlen(iperf3));
	close(fd);
	j = json_load_path(path, &e);
	unlink(path);
	assert_non_null(j);
	assert_int_equal(json_path_number(j, "end.sum_received.bits_per_second", &v), 0);
	assert_true(v == 9999000);
	assert_int_equal(json_path_number(j, "end.sum_sent.bits_per_second", &v), 0);
	assert_true(v == 10000000.5);
	assert_int_equal(json_path_number(j, "intervals.0.sum.bits_per_second", &v), 0);
	assert_true(v == 9.5e6);
	assert_int_equal(json_path_number(j, "start.connected.0.socket", &v), 0);
	assert_true(v == 5);
	assert_int_equal(json_path_number(j, "end.sum_lost", &v), -ENOENT);
	assert_int_equal(json_path_number(j, "intervals.1.sum", &v), -ENOENT);
	assert_int_equal(json_path_number(j, "intervals.x", &v), -ENOENT);
	assert_int_equal(json_path_number(j, "end.sum_sent", &v), -EINVAL);
	json_decref(j);
	/* A broken document: one error naming where. */
	assert_null(json_load_text("{\"a\":1,", &e));
	assert_non_null(strstr(e.msg, "line 1"));
	assert_null(json_load_path("/nonexistent/x.json", &e));
	assert_non_null(strstr(e.msg, "/nonexistent/x.json"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_clean),
		cmocka_unit_test(test_json_text),
		cmocka_unit_test(test_json_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
