/* cmd_status.c: `mptcp-lab status [NAME] [--json] [--state-dir DIR]`:
 * the labs in the state dir, their nodes and namespaces, whether each
 * namespace still exists, and the file each lab came from. One walk
 * feeds both the text and the JSON output (libjansson, util/json.h). */
#include "cli/cmd.h"
#include "cli/cmd_args.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "live/lab.h"
#include "util/json.h"

/* One lab as a JSON object: name, file (null if not recorded), and its
 * namespaces (node null for the switch namespace). */
static json_t *lab_json(const struct lab_info *in)
{
	json_t *o = json_object(), *ns = json_array();

	for (int i = 0; ns && i < in->nns; i++)
		json_array_append_new(ns, json_pack("{s:o,s:o,s:b}",
			"node", json_text_or_null(in->ns[i].node),
			"netns", json_text(in->ns[i].nsname),
			"exists", in->ns[i].exists));
	if (o) {
		json_put(o, "name", json_text(in->name));
		json_put(o, "file", json_text_or_null(in->file));
		json_put(o, "namespaces", ns);
	} else {
		json_decref(ns);
	}
	return o;
}

static void print_text(const struct lab_info *in)
{
	int missing = 0;

	for (int i = 0; i < in->nns; i++)
		missing += !in->ns[i].exists;
	printf("%s  %s%s\n", in->name, in->file[0] ? in->file : "(no file)",
	       missing ? "  (damaged: namespaces missing)" : "");
	for (int i = 0; i < in->nns; i++)
		printf("  %-16s %-40s %s\n",
		       in->ns[i].node[0] ? in->ns[i].node : "(switch)",
		       in->ns[i].nsname, in->ns[i].exists ? "up" : "missing");
}

static int show(char **names, int n, bool json)
{
	struct lab_err e = { 0 };
	struct lab_info in;
	json_t *labs = json ? json_array() : NULL;
	int rc = EXIT_PASS;

	for (int i = 0; i < n; i++) {
		if (lab_info_read(names[i], &in, &e) < 0) {
			fprintf(stderr, "mptcp-lab status: %s\n", e.msg);
			rc = e.code == -ENOENT || e.code == -EINVAL ? EXIT_BADINPUT
								     : EXIT_SETUP;
			continue;
		}
		if (labs)
			json_array_append_new(labs, lab_json(&in));
		else
			print_text(&in);
		lab_info_free(&in);
	}
	if (json) {
		json_t *o = json_pack("{s:o,s:o}", "state_dir",
				      json_text(lab_state_dir()), "labs", labs);

		if (!o || json_print(stdout, o) < 0)
			rc = EXIT_SETUP;
		json_decref(o);
	} else if (n == 0)
		printf("no labs in %s\n", lab_state_dir());
	return rc;
}

int cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		CMD_COMMON_OPTS,
		{ 0 },
	};
	struct cmd_args a = CMD_ARGS("status", argc, argv, "", opts);
	struct lab_err e = { 0 };
	bool json = false;
	char **names;
	int c, n, rc;

	while ((c = cmd_args_next(&a)) != -1) {
		if (c == CMD_ARGS_STOP)
			return a.status;
		json = json || c == 'j';
	}
	if (argc - optind > 1)
		return cmd_usage_error("status", "expected at most one NAME, got '%s' too",
				       argv[optind + 1]);
	if (optind < argc)
		return show(argv + optind, 1, json);
	if (lab_list(&names, &n, &e) < 0) {
		fprintf(stderr, "mptcp-lab status: %s\n", e.msg);
		return EXIT_SETUP;
	}
	rc = show(names, n, json);
	lab_list_free(names, n);
	return rc;
}
