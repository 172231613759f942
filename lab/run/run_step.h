/* run_step.h: the run engine's steps (run_step.c), in file order. */
#ifndef LAB_RUN_STEP_H
#define LAB_RUN_STEP_H

#include "run/run_int.h"

void run_steps(struct run *r);

#endif
