/* run_step.h: the run engine's steps (run_step.c), in file order. */
#ifndef LAB_RUN_STEP_H
#define LAB_RUN_STEP_H

#include "run/run_int.h"

void run_steps(struct run *r);

/* Step i's output files, DIR/NODE/step-NN.stdout and .stderr (PATH_MAX
 * each); the last lines of both into it. */
void run_step_files(struct run *r, int i, char *out, char *err);
void run_output_tails(struct report_item *it, const char *out,
		      const char *err);

/* The timeline's steps (run_time.c): true if the step passed. */
bool run_step_start(struct run *r, int i, struct report_item *it);
bool run_step_join(struct run *r, int i, struct report_item *it);
bool run_step_sleep(struct run *r, int i, struct report_item *it);
bool run_step_set(struct run *r, int i, struct report_item *it);
bool run_step_endpoint(struct run *r, int i, struct report_item *it);
/* Item name of a timeline step, with its offset from the first step
 * ("set client eth0 down at +1.002 s"). */
void run_time_name(struct run *r, int i, double offset, char *buf,
		   size_t len);
/* After the steps: a started command nobody joined is joined now (its
 * own report item), unless the steps failed or a stop was requested:
 * then it is stopped. */
void run_bg_finish(struct run *r, bool failed);

#endif
