/* run_svc.h: the run engine's services (run_svc.c): started in file
 * order, each waited for until ready, stopped at the end. */
#ifndef LAB_RUN_SVC_H
#define LAB_RUN_SVC_H

#include "run/run_int.h"

int run_services_start(struct run *r);
void run_services_stop(struct run *r);

#endif
