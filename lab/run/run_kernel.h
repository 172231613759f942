/* run_kernel.h: what the kernel must have for a topology, checked before
 * anything is built.
 *
 * run_kernel_check() probes the kernel's features (kernel/kfeat.h) with
 * the sysctl keys the file writes, records the release and the features
 * in the report (one setup item lists them), and skips the scenario,
 * naming what is missing, when a `require`d feature or a sysctl key is
 * absent (--strict: a failure). Never a half-built lab. */
#ifndef LAB_RUN_KERNEL_H
#define LAB_RUN_KERNEL_H

#include "run/run_int.h"

/* 0: go on; -1: skipped or failed (the report says why). */
int run_kernel_check(struct run *r);

#endif
