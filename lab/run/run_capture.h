/* run_capture.h: packet captures of a run (run_capture.c): one tcpdump
 * per member interface of every network marked `capture` (every network
 * with run --capture), inside its node, writing NODE/IFNAME.pcap into the
 * run directory; started before the services and the first step, stopped
 * (so flushed) before the verdict. A run with captures keeps its run
 * directory. */
#ifndef LAB_RUN_CAPTURE_H
#define LAB_RUN_CAPTURE_H

#include "run/run_int.h"

/* 0, or -1 after reporting a setup failure (and stopping what started). */
int run_capture_start(struct run *r);
/* Stop every capture (SIGTERM: tcpdump writes out what it holds). */
void run_capture_stop(struct run *r);

#endif
