/* test_argv_str.c: argv shown as a shell would need it typed
 * (lab/util/argv_str.c): quoting survives, long lines are cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/argv_str.h"

static const char *show(char *const argv[])
{
	static char buf[256];

	return argv_str(argv, buf, sizeof(buf));
}

static void test_plain(void **state)
{
	char *a[] = { "iperf3", "-c", "10.0.0.1", "-p", "5555", NULL };

	(void)state;
	assert_string_equal(show(a), "iperf3 -c 10.0.0.1 -p 5555");
	assert_string_equal(show(NULL), "");
}

static void test_quoting(void **state)
{
	char *a[] = { "sh", "-c", "echo a b; exit 3", NULL };
	char *b[] = { "printf", "it's", "", "$HOME", NULL };

	(void)state;
	assert_string_equal(show(a), "sh -c 'echo a b; exit 3'");
	assert_string_equal(show(b), "printf 'it'\\''s' '' '$HOME'");
}

static void test_cut(void **state)
{
	char *a[] = { "sh", "-c", "echo 0123456789 0123456789", NULL };
	char buf[16];

	(void)state;
	assert_string_equal(argv_str(a, buf, sizeof(buf)), "sh -c 'echo ...");
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
