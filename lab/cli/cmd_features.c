/* cmd_features.c: `mptcp-lab features`: what this kernel has of the
 * features topology files can name (`require`, `expect ... if`), one line
 * each: NAME yes|no WHAT, after a line with the kernel release. Exit
 * status 3 when the probe cannot run (not root). */
#include "cli/cmd.h"
#include "cli/cmd_args.h"
#include "kernel/kfeat.h"

#include <stdio.h>

int cmd_features(int argc, char **argv)
{
	struct kfeat_set s;
	struct lab_err e = { 0 };

	static const struct option opts[] = { CMD_COMMON_OPTS, { 0 } };
	struct cmd_args a = CMD_ARGS("features", argc, argv, "", opts);

	if (cmd_args_next(&a) == CMD_ARGS_STOP)
		return a.status;
	if (optind < argc)
		return cmd_usage_error("features", "unexpected '%s'", argv[optind]);
	if (kfeat_probe(NULL, 0, &s, &e) < 0) {
		fprintf(stderr, "mptcp-lab: %s\n", e.msg);
		return EXIT_SETUP;
	}
	printf("kernel %s\n", s.release);
	for (int f = 0; f < FEAT_COUNT; f++)
		printf("%-17s %-3s %s\n", feature_name(f),
		       kfeat_has(&s, f) ? "yes" : "no", feature_what(f));
	if (s.info_size)
		printf("# MPTCP_INFO: %d bytes\n", s.info_size);
	return fflush(stdout) == 0 ? EXIT_PASS : EXIT_SETUP;
}
