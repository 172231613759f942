/* clock.c: monotonic seconds and the time-scale factor (see clock.h). */
#include "util/clock.h"

#include <stdlib.h>
#include <time.h>

double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

double time_scale(void)
{
	const char *s = getenv("MPTCP_LAB_TIME_SCALE");
	char *end;
	double v;

	if (!s || !*s)
		return 1.0;
	v = strtod(s, &end);
	return *end || !(v >= 1.0) || v > 100.0 ? 1.0 : v;
}
