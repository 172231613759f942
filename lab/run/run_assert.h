/* run_assert.h: the `assert` lines of a run (run_assert.c): counters
 * sampled before the steps, before each step and after the last, and the
 * verdict on each assertion, one report item each with the figures it
 * measured. */
#ifndef LAB_RUN_ASSERT_H
#define LAB_RUN_ASSERT_H

#include "run/run_int.h"

/* Before the first step: room for the samples, the MIB counters' start
 * values. 0, or -1 after reporting a setup failure. */
int run_assert_begin(struct run *r);
/* Interface byte counters before step i (i == nsteps: after the last). */
void run_assert_sample(struct run *r, int i);
/* After the steps: every assertion, one item each; frees the samples. */
void run_assert_eval(struct run *r);

#endif
