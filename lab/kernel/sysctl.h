/* sysctl.h: write a net.* sysctl in the calling thread's network
 * namespace (run it inside a node with netns_run()). /proc/sys/net
 * shows the namespace of the thread that opens the file. */
#ifndef LAB_SYSCTL_H
#define LAB_SYSCTL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

/* KEY is dotted ("net.ipv4.ip_forward") or slashed
 * ("net/ipv4/conf/eth0.5/rp_filter", for names holding dots). */
int sysctl_write(const char *key, const char *value, struct lab_err *e);

/* The /proc/sys path of KEY; -EINVAL unless it is a net.* key. */
int sysctl_path(const char *key, char *buf, size_t len);

#endif
