/* clock.h: the one clock the lab measures time with, and how slow a
 * machine is allowed to be.
 *
 * now_mono() is CLOCK_MONOTONIC in seconds: immune to the wall clock
 * being set. time_scale() is MPTCP_LAB_TIME_SCALE (default 1, at least 1):
 * every time limit of the lab (readiness, step timeouts and graces, given
 * or default, the close and settle waits, down's waits) is multiplied by
 * it, so a kernel under software emulation (a VM without KVM runs several
 * times slower) gets the time it needs without any test asserting less. */
#ifndef LAB_CLOCK_H
#define LAB_CLOCK_H

double now_mono(void);

double time_scale(void);

#endif
