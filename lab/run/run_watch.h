/* run_watch.h: the run engine's MPTCP event monitors, one per node that
 * has expectations, and its waiting primitives, which read events while
 * they wait so the kernel's queue never fills (run_watch.c). */
#ifndef LAB_RUN_WATCH_H
#define LAB_RUN_WATCH_H

#include <stdbool.h>

#include "run/run_int.h"

int run_watch_open(struct run *r, struct lab_err *e);
void run_watch_drain(struct run *r);
void run_watch_close(struct run *r);
/* Poll until pidfd is readable (1), the deadline passes (0) or a stop is
 * requested (-EINTR), reading events meanwhile. pidfd -1: none. */
int run_wait_pid(struct run *r, int pidfd, double deadline);
/* Until every watched node has seen as many CLOSED as CREATED, or no
 * event came for `quiet` seconds, or deadline. True if all closed. */
bool run_watch_wait_closed(struct run *r, double deadline, double quiet);

#endif
