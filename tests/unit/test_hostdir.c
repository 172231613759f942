/* test_hostdir.c: host directories shared between labs (lab/live/hostdir.c):
 * created once and marked, shared when marked, and "in use" while
 * another mount namespace has a mount on them. Works in a temporary
 * directory; the mark and the mount need root (skipped otherwise). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live/hostdir.h"

static char base[PATH_MAX];

static int setup(void **state)
{
	(void)state;
	snprintf(base, sizeof(base), "/tmp/test_hostdir.XXXXXX");
	return mkdtemp(base) ? 0 : -1;
}

static int teardown(void **state)
{
	char p[PATH_MAX + 32];

	(void)state;
	snprintf(p, sizeof(p), "%s/d", base);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/plain", base);
	rmdir(p);
	return rmdir(base);
}

static void test_make_once(void **state)
{
	char p[PATH_MAX + 32];
	struct stat st;

	(void)state;
	snprintf(p, sizeof(p), "%s/d", base);
	assert_int_equal(hostdir_make(p), 1);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(hostdir_make(p), 0);	/* exists: not ours to create */
	if (geteuid() == 0)
		assert_true(hostdir_is_ours(p));
	/* No temporary name left beside it. */
	snprintf(p, sizeof(p), "%s/d.mptcp-lab-%d", base, (int)getpid());
	assert_int_not_equal(stat(p, &st), 0);
}

static void test_plain_dir_not_ours(void **state)
{
	char p[PATH_MAX + 32];

	(void)state;
	snprintf(p, sizeof(p), "%s/plain", base);
	assert_int_equal(mkdir(p, 0755), 0);
	assert_false(hostdir_is_ours(p));
	assert_int_equal(hostdir_make(p), 0);
	assert_false(hostdir_is_ours(p));
}

static void test_missing_parent(void **state)
{
	char p[PATH_MAX + 32];

	(void)state;
	snprintf(p, sizeof(p), "%s/no/such", base);
	assert_int_equal(hostdir_make(p), -ENOENT);
}

/* A child in its own mount namespace binds a directory over p and holds
 * it until told to go: meanwhile p is in use, afterwards not. */
static void test_in_use_by_other_namespace(void **state)
{
	char p[PATH_MAX + 32];
	int up[2], go[2];
	pid_t pid;
	char c;

	(void)state;
	if (geteuid() != 0)
		skip();
	snprintf(p, sizeof(p), "%s/d", base);
	hostdir_make(p);
	assert_false(hostdir_in_use(p));
	assert_int_equal(pipe(up), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWNS) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0 ||
		    mount(base, p, NULL, MS_BIND, NULL) < 0)
			_exit(1);
		if (write(up[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(read(up[0], &c, 1), 1);
	assert_true(hostdir_in_use(p));
	assert_int_equal(write(go[1], "x", 1), 1);
	int status;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_false(hostdir_in_use(p));
	close(up[0]); close(up[1]); close(go[0]); close(go[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make_once),
		cmocka_unit_test(test_plain_dir_not_ours),
		cmocka_unit_test(test_missing_parent),
		cmocka_unit_test(test_in_use_by_other_namespace),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
