/* test_journal.c: the lab's creation record (lab/live/journal.c): entries in
 * order, blanks kept in arguments, pop of the last entry, a torn last line
 * ignored, reopening appends, the up/down lock. */
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

#include "live/journal.h"

static char dir[64], path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_journal.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/journal", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	return 0;
}

static void test_add_load(void **state)
{
	struct journal *j;
	struct journal_entry *ents;
	struct lab_err e;
	int n;

	(void)state;
	assert_int_equal(journal_open(path, &j, &e), 0);
	assert_int_equal(journal_add(j, "netns", "lab-a", &e), 0);
	assert_int_equal(journal_add(j, "hostdir", "/var/lib/with blank", &e), 0);
	journal_close(j);
	assert_int_equal(journal_load(path, &ents, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ents[0].kind, "netns");
	assert_string_equal(ents[0].arg, "lab-a");
	assert_string_equal(ents[1].kind, "hostdir");
	assert_string_equal(ents[1].arg, "/var/lib/with blank");
	journal_free(ents, n);
}

static void test_pop_and_reopen(void **state)
{
	struct journal *j;
	struct journal_entry *ents;
	struct lab_err e;
	int n;

	(void)state;
	assert_int_equal(journal_open(path, &j, &e), 0);
	assert_int_equal(journal_add(j, "netns", "one", &e), 0);
	assert_int_equal(journal_add(j, "netns", "two", &e), 0);
	assert_int_equal(journal_pop(j, &e), 0);
	journal_close(j);
	assert_int_equal(journal_open(path, &j, &e), 0);	/* appends */
	assert_int_equal(journal_add(j, "dir", "/x", &e), 0);
	journal_close(j);
	assert_int_equal(journal_load(path, &ents, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ents[0].arg, "one");
	assert_string_equal(ents[1].kind, "dir");
	journal_free(ents, n);
}

static void test_torn_line_ignored(void **state)
{
	struct journal_entry *ents;
	struct lab_err e;
	FILE *f = fopen(path, "w");
	int n;

	(void)state;
	assert_non_null(f);
	fputs("netns a\n# comment\n\nnetns b\nnetns tor", f);
	fclose(f);
	assert_int_equal(journal_load(path, &ents, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ents[1].arg, "b");
	journal_free(ents, n);
}

static void test_bad_entries(void **state)
{
	struct journal *j;
	struct lab_err e;

	(void)state;
	assert_int_equal(journal_open(path, &j, &e), 0);
	assert_int_equal(journal_add(j, "net ns", "a", &e), -EINVAL);
	assert_int_equal(journal_add(j, "netns", "a\nb", &e), -EINVAL);
	journal_close(j);
}

static void test_missing_file(void **state)
{
	struct journal_entry *ents;
	struct lab_err e;
	int n;

	(void)state;
	assert_int_equal(journal_load("/nonexistent/journal", &ents, &n, &e),
			 -ENOENT);
}

static void test_lock(void **state)
{
	struct journal *j;
	struct lab_err e;
	int fd;

	(void)state;
	assert_int_equal(journal_open(path, &j, &e), 0);
	assert_int_equal(journal_lock(j, path, &e), 0);
	assert_int_equal(journal_lock_path(path, 0.05, &e), -EBUSY);
	journal_unlock(j);
	fd = journal_lock_path(path, 0.05, &e);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(journal_lock_path("/nonexistent/journal", 0, &e),
			 -ENOENT);
	/* Removed between open and lock: stale. */
	unlink(path);
	journal_unlock(j);
	assert_int_equal(journal_lock(j, path, &e), -ESTALE);
	journal_close(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pop_and_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_line_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_entries, setup, teardown),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
