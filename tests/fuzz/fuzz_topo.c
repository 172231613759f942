/* fuzz_topo.c: libFuzzer harness over the topology model: any bytes are
 * parsed (topo_parse_buf(): NULs and all), checked, and drawn
 * (graph_dot()). A crash, a sanitizer report, a leak or an error message
 * that is not one line "FILE:LINE:COL: ..." (or "FILE: ..." for errors
 * with no place) fails the run. `make fuzz` builds and runs it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo/graph.h"
#include "topo/topo.h"

static void check_one_line(const struct topo_error *err)
{
	char line[1024];

	topo_error_format(err, line, sizeof(line));
	if (strchr(line, '\n') || strchr(line, '\r') || strchr(line, '\033')) {
		fprintf(stderr, "error message is not one plain line: %s\n", line);
		abort();
	}
	if (err->line > 0 && err->col <= 0) {
		fprintf(stderr, "error with a line but no column: %s\n", line);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct topo_error err;
	struct topo *t;
	char *dot;

	t = topo_parse_buf("fuzz.topo", (const char *)data, size, &err);
	if (!t) {
		check_one_line(&err);
		return 0;
	}
	if (topo_check(t, &err) < 0) {
		check_one_line(&err);
	} else {
		dot = graph_dot(t);
		free(dot);
	}
	topo_free(t);
	return 0;
}
