/* netstat.h: a namespace's own counters, read from inside it: the MIB
 * counters of /proc/net/netstat (as nstat names them: the section's
 * prefix and the field, "MPTcpExtMPJoinSynAckRx") and the bytes each
 * interface received and sent (/proc/net/dev). The files are opened
 * under /proc/thread-self, which shows the namespace of the thread that
 * netns_run() moved there. */
#ifndef LAB_NETSTAT_H
#define LAB_NETSTAT_H

#include <stdint.h>

#include "util/err.h"

/* The counter NAME ("MPTcpExtMPJoinSynAckRx") of namespace nsfd (-1: the
 * caller's). 0, or -ENOENT if this kernel has no such counter. */
int netstat_counter(int nsfd, const char *name, long long *out,
		    struct lab_err *e);

/* Bytes received and sent so far by IFNAME in nsfd. -ENODEV if absent. */
int netstat_if_bytes(int nsfd, const char *ifname, uint64_t *rx,
		     uint64_t *tx, struct lab_err *e);

/* Pure parsers of those files' text (unit-tested). */
int netstat_parse_counter(const char *text, const char *name,
			  long long *out);
int netstat_parse_dev(const char *text, const char *ifname, uint64_t *rx,
		      uint64_t *tx);

#endif
