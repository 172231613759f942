/* cmd_status.c: `mptcp-lab status [NAME] [--json] [--state-dir DIR]`:
 * the labs in the state dir, their nodes and namespaces, whether each
 * namespace still exists, and the file each lab came from. One walk
 * feeds both the text and the JSON output. */
#include "cli/cmd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "live/lab.h"

static int usage(const char *why, const char *word)
{
	fprintf(stderr, "mptcp-lab status: %s%s%s\n"
			"usage: mptcp-lab status [NAME] [--json] [--state-dir DIR]\n",
		why, word ? ": " : "", word ? word : "");
	return EXIT_BADINPUT;
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json(const struct lab_info *in, bool first)
{
	printf("%s{\"name\":", first ? "" : ",");
	json_str(in->name);
	printf(",\"file\":");
	json_str(in->file);
	printf(",\"namespaces\":[");
	for (int i = 0; i < in->nns; i++) {
		printf("%s{\"node\":", i ? "," : "");
		if (in->ns[i].node[0])
			json_str(in->ns[i].node);
		else
			printf("null");
		printf(",\"netns\":");
		json_str(in->ns[i].nsname);
		printf(",\"exists\":%s}", in->ns[i].exists ? "true" : "false");
	}
	printf("]}");
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
	int rc = EXIT_PASS, shown = 0;

	if (json)
		printf("{\"state_dir\":\"%s\",\"labs\":[", lab_state_dir());
	for (int i = 0; i < n; i++) {
		if (lab_info_read(names[i], &in, &e) < 0) {
			fprintf(stderr, "mptcp-lab status: %s\n", e.msg);
			rc = e.code == -ENOENT || e.code == -EINVAL ? EXIT_BADINPUT
								     : EXIT_SETUP;
			continue;
		}
		if (json)
			print_json(&in, shown == 0);
		else
			print_text(&in);
		shown++;
		lab_info_free(&in);
	}
	if (json)
		printf("]}\n");
	else if (n == 0)
		printf("no labs in %s\n", lab_state_dir());
	return rc;
}

int cmd_status(int argc, char **argv)
{
	const char *name = NULL;
	struct lab_err e = { 0 };
	bool json = false;
	char **names;
	int n, rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--state-dir")) {
			if (++i >= argc)
				return usage("expected a value after", "--state-dir");
			lab_set_state_dir(argv[i]);
		} else if (argv[i][0] == '-' || name) {
			return usage(name ? "expected at most one NAME" : "unknown option",
				     argv[i]);
		} else {
			name = argv[i];
		}
	}
	if (name)
		return show((char **)&name, 1, json);
	if (lab_list(&names, &n, &e) < 0) {
		fprintf(stderr, "mptcp-lab status: %s\n", e.msg);
		return EXIT_SETUP;
	}
	rc = show(names, n, json);
	lab_list_free(names, n);
	return rc;
}
