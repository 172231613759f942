/* cmd_load.c: the one way the verbs read a topology file. */
#include "cli/cmd.h"

#include <stdio.h>

#include "cli/cmd_args.h"
#include "live/lab.h"

/* Parse and check FILE. On failure print the one error line
 * "FILE:LINE:COL: message" (as a compiler would) and return NULL, so every
 * verb reports a bad file the same way and exits EXIT_BADINPUT. */
struct topo *cmd_load_topo(const char *file)
{
	struct topo_error te = { 0 };
	struct topo *t = topo_parse_file(file, &te);
	char line[1024];

	if (t && topo_check(t, &te) == 0)
		return t;
	topo_error_format(&te, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
	topo_free(t);
	return NULL;
}

int cmd_check_name(const char *verb, const char *name, const struct topo *t)
{
	struct lab_err e = { 0 };

	if (lab_name_usable(name, t, &e) == 0)
		return 0;
	cmd_usage_error(verb, "%s", e.msg);
	return -1;
}
