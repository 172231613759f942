/* cmd_down.c: `mptcp-lab down NAME|FILE|--all [--state-dir DIR]`: tear
 * labs down from their state record alone. A FILE means every lab brought
 * up from it (it may have been edited or deleted since). */
#include "cli/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/lab.h"

static int usage(const char *why, const char *word)
{
	fprintf(stderr, "mptcp-lab down: %s%s%s\n"
			"usage: mptcp-lab down NAME|FILE|--all [--state-dir DIR]\n",
		why, word ? ": " : "", word ? word : "");
	return EXIT_BADINPUT;
}

static int down_list(char **names, int n)
{
	struct lab_err e = { 0 };
	int rc = EXIT_PASS;

	for (int i = 0; i < n; i++) {
		if (lab_down(names[i], &e) < 0) {
			fprintf(stderr, "mptcp-lab down: %s: %s\n", names[i], e.msg);
			rc = EXIT_SETUP;
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

static int down_one(const char *arg)
{
	struct lab_err e = { 0 };
	char **names;
	int n, rc;

	if (is_lab(arg))
		return down_list((char **)&arg, 1);
	if (lab_find_by_file(arg, &names, &n, &e) < 0) {
		fprintf(stderr, "mptcp-lab down: %s\n", e.msg);
		return EXIT_SETUP;
	}
	if (n == 0) {
		fprintf(stderr, "mptcp-lab down: %s: no lab of that name and none brought up from that file (see mptcp-lab status)\n",
			arg);
		return EXIT_BADINPUT;
	}
	rc = down_list(names, n);
	lab_list_free(names, n);
	return rc;
}

int cmd_down(int argc, char **argv)
{
	struct lab_err e = { 0 };
	bool all = false;
	int nargs = 0, rc = EXIT_PASS;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--state-dir")) {
			if (++i >= argc)
				return usage("expected a value after", "--state-dir");
			lab_set_state_dir(argv[i]);
		} else if (!strcmp(argv[i], "--all")) {
			all = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage("unknown option", argv[i]);
		} else {
			argv[nargs++ + 1] = argv[i];
		}
	}
	if (all == (nargs > 0))
		return usage(all ? "--all takes no NAME or FILE"
				 : "expected NAME, FILE or --all", NULL);
	if (all) {
		char **names;
		int n;

		if (lab_list(&names, &n, &e) < 0) {
			fprintf(stderr, "mptcp-lab down: %s\n", e.msg);
			return EXIT_SETUP;
		}
		rc = down_list(names, n);
		lab_list_free(names, n);
		return rc;
	}
	for (int i = 1; i <= nargs; i++) {
		int r = down_one(argv[i]);

		if (r != EXIT_PASS)
			rc = r;
	}
	return rc;
}
