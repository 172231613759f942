/* cmd_load.c: the one way the verbs read a topology file. */
#include "cli/cmd.h"

#include <stdio.h>

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
