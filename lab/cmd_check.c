/* cmd_check.c: placeholder until the verb lands. */
#include "cmd.h"

#include <stdio.h>

int cmd_check(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "mptcp-lab: %s: not implemented yet\n", argv[0]);
	return EXIT_SETUP;
}
