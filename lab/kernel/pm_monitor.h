/* pm_monitor.h: a subscription to the kernel's MPTCP events in one
 * namespace (genl family mptcp_pm, multicast group mptcp_pm_events). */
#ifndef LAB_PM_MONITOR_H
#define LAB_PM_MONITOR_H

#include "util/err.h"
#include "kernel/pm_events.h"

struct pm_monitor;

/* Open a socket inside nsfd (-1: the caller's namespace), join the events
 * group, set a large receive buffer, non-blocking. -ENOENT with a message
 * naming what is missing (the family or the group). */
int pm_monitor_open(int nsfd, struct pm_monitor **out, struct lab_err *e);

/* For poll()/epoll. */
int pm_monitor_fd(const struct pm_monitor *m);

/* Read every event queued now, calling cb for each. Returns the number of
 * events, or -ENOBUFS if the kernel dropped events (a failed run). */
int pm_monitor_read(struct pm_monitor *m,
		    void (*cb)(const struct mptcp_event *ev, void *arg),
		    void *arg, struct lab_err *e);

/* How many messages of the family could not be decoded (and were not
 * passed to cb) since the monitor was opened. */
unsigned pm_monitor_malformed(const struct pm_monitor *m);

void pm_monitor_close(struct pm_monitor *m);

/* Why MPTCP cannot be tested in nsfd, or 0 if it can: -EPROTONOSUPPORT
 * no MPTCP in the kernel, -ENOPROTOOPT net.mptcp.enabled=0, -ENOENT no
 * mptcp_pm family or no events group. The message says which. */
int pm_feature_check(int nsfd, struct lab_err *e);

#endif
