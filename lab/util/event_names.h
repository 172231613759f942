/* event_names.h: names of the kernel's MPTCP path-manager events.
 *
 * The names are the ones `ip mptcp monitor` prints (SUB_ESTABLISHED is
 * shown as SF_ESTABLISHED, SUB_PRIORITY as SF_PRIO), used by topology files, reports and the
 * monitor. Numbers are the kernel's MPTCP_EVENT_* values; the two listener
 * events are defined here because older uapi headers lack them. */
#ifndef LAB_EVENT_NAMES_H
#define LAB_EVENT_NAMES_H

#include <linux/mptcp.h>

#ifndef MPTCP_EVENT_LISTENER_CREATED
#define MPTCP_EVENT_LISTENER_CREATED 15
#define MPTCP_EVENT_LISTENER_CLOSED 16
#endif

/* "CREATED", "SF_ESTABLISHED", ...; NULL for a number we do not know. */
const char *event_name(int type);

/* Accepts the names above, the kernel's own spellings (SUB_ESTABLISHED,
 * SUB_CLOSED, SUB_PRIORITY) and SF_PRIORITY, case-insensitively. -1 if
 * unknown. */
int event_from_name(const char *name);

#endif
