/* run_eval.h: the run engine's verdict on the expectations (run_eval.c). */
#ifndef LAB_RUN_EVAL_H
#define LAB_RUN_EVAL_H

#include "run/run_int.h"

/* Evaluate the expectations: one report item each, the report's counts. */
void run_evaluate(struct run *r);

#endif
