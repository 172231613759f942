/* event_names.c: MPTCP event numbers <-> names (see event_names.h). */
#include "util/event_names.h"

#include <stddef.h>
#include <strings.h>

static const struct {
	int type;
	const char *name;
	const char *alias;	/* the kernel's spelling, if different */
	const char *alias2;	/* another accepted spelling */
} events[] = {
	{ MPTCP_EVENT_CREATED, "CREATED", NULL, NULL },
	{ MPTCP_EVENT_ESTABLISHED, "ESTABLISHED", NULL, NULL },
	{ MPTCP_EVENT_CLOSED, "CLOSED", NULL, NULL },
	{ MPTCP_EVENT_ANNOUNCED, "ANNOUNCED", NULL, NULL },
	{ MPTCP_EVENT_REMOVED, "REMOVED", NULL, NULL },
	{ MPTCP_EVENT_SUB_ESTABLISHED, "SF_ESTABLISHED", "SUB_ESTABLISHED", NULL },
	{ MPTCP_EVENT_SUB_CLOSED, "SF_CLOSED", "SUB_CLOSED", NULL },
	{ MPTCP_EVENT_SUB_PRIORITY, "SF_PRIO", "SUB_PRIORITY", "SF_PRIORITY" },
	{ MPTCP_EVENT_LISTENER_CREATED, "LISTENER_CREATED", NULL, NULL },
	{ MPTCP_EVENT_LISTENER_CLOSED, "LISTENER_CLOSED", NULL, NULL },
};

const char *event_name(int type)
{
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (events[i].type == type)
			return events[i].name;
	return NULL;
}

int event_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		if (!strcasecmp(name, events[i].name))
			return events[i].type;
		if (events[i].alias && !strcasecmp(name, events[i].alias))
			return events[i].type;
		if (events[i].alias2 && !strcasecmp(name, events[i].alias2))
			return events[i].type;
	}
	return -1;
}
