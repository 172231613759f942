/* cmd_down.c: `mptcp-lab down NAME|FILE... [--if-exists] | down --all`:
 * tear labs down from their state record alone. A FILE means the labs
 * this user brought up from it under this state dir (it may have been
 * edited or deleted since); labs others built from it are left alone and
 * named. --if-exists makes a lab that is not there a success, so CI
 * cleanup can run twice. */
#include "cli/cmd.h"
#include "cli/cmd_args.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/lab.h"

static int down_list(char **names, int n, const char *from)
{
	struct lab_err e = { 0 };
	int rc = EXIT_PASS;

	for (int i = 0; i < n; i++) {
		if (lab_down(names[i], &e) < 0) {
			fprintf(stderr, "mptcp-lab down: %s: %s\n", names[i], e.msg);
			rc = EXIT_SETUP;
		} else if (from) {
			printf("lab %s (from %s) is down\n", names[i], from);
		} else {
			printf("lab %s is down\n", names[i]);
		}
	}
	return rc;
}

static bool is_lab(const char *arg)
{
	char path[4200];
	struct stat st;

	if (strchr(arg, '/') || !strcmp(arg, ".") || !strcmp(arg, ".."))
		return false;
	snprintf(path, sizeof(path), "%s/%s", lab_state_dir(), arg);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void left_alone(char **names, int n, const char *arg)
{
	for (int i = 0; i < n; i++)
		printf("lab %s (from %s) left alone: another user built it\n",
		       names[i], arg);
}

static int down_one(const char *arg, bool if_exists)
{
	struct lab_err e = { 0 };
	char **mine, **others;
	int n, nothers, rc;

	if (is_lab(arg))
		return down_list((char **)&arg, 1, NULL);
	if (lab_find_by_file(arg, &mine, &n, &others, &nothers, &e) < 0) {
		fprintf(stderr, "mptcp-lab down: %s\n", e.msg);
		return EXIT_SETUP;
	}
	left_alone(others, nothers, arg);
	lab_list_free(others, nothers);
	if (n == 0) {
		/* With --if-exists that is what was asked for: no error. */
		fprintf(if_exists ? stdout : stderr,
			"%s%s: no lab of that name in %s and none you brought up from that file\n",
			if_exists ? "" : "mptcp-lab down: ", arg, lab_state_dir());
		return if_exists ? EXIT_PASS : EXIT_BADINPUT;
	}
	rc = down_list(mine, n, arg);
	lab_list_free(mine, n);
	return rc;
}

static int down_all(void)
{
	struct lab_err e = { 0 };
	char **names;
	int n, rc;

	if (lab_list(&names, &n, &e) < 0) {
		fprintf(stderr, "mptcp-lab down: %s\n", e.msg);
		return EXIT_SETUP;
	}
	rc = down_list(names, n, NULL);
	lab_list_free(names, n);
	return rc;
}

int cmd_down(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "if-exists", no_argument, NULL, 'i' },
		CMD_COMMON_OPTS,
		{ 0 },
	};
	struct cmd_args a = CMD_ARGS("down", argc, argv, "", opts);
	bool all = false, if_exists = false;
	int c, rc = EXIT_PASS;

	while ((c = cmd_args_next(&a)) != -1) {
		if (c == CMD_ARGS_STOP)
			return a.status;
		if (c == 'a')
			all = true;
		else if (c == 'i')
			if_exists = true;
	}
	if (all && optind < argc)
		return cmd_usage_error("down", "--all takes no NAME or FILE");
	if (!all && optind == argc)
		return cmd_usage_error("down", "expected NAME, FILE or --all");
	if (all)
		return down_all();
	for (int i = optind; i < argc; i++) {
		int r = down_one(argv[i], if_exists);

		/* The worst wins: a failed teardown over a name not found. */
		if (r == EXIT_SETUP || rc == EXIT_PASS)
			rc = r;
	}
	return rc;
}
