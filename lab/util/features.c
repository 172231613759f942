/* features.c: kernel feature names (see features.h). */
#include "util/features.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *what;
} features[FEAT_COUNT] = {
	[FEAT_MPTCP] = { "mptcp", "MPTCP sockets" },
	[FEAT_PM_EVENTS] = { "pm-events",
			     "the mptcp_pm generic-netlink family and its events" },
	[FEAT_LISTENER_EVENTS] = { "listener-events",
				   "LISTENER_CREATED and LISTENER_CLOSED events" },
	[FEAT_TCP_IS_MPTCP] = { "tcp-is-mptcp", "getsockopt TCP_IS_MPTCP" },
	[FEAT_FULL_INFO] = { "full-info", "getsockopt MPTCP_FULL_INFO" },
	[FEAT_INFO_COUNTERS] = { "info-counters",
				 "byte counters in MPTCP_INFO" },
	[FEAT_ADD_ADDR_TIMEOUT] = { "add-addr-timeout",
				    "the sysctl net.mptcp.add_addr_timeout" },
	[FEAT_CLOSE_TIMEOUT] = { "close-timeout",
				 "the sysctl net.mptcp.close_timeout" },
	[FEAT_SCHEDULER] = { "scheduler", "the sysctl net.mptcp.scheduler" },
	[FEAT_PATH_MANAGER] = { "path-manager",
				"the sysctl net.mptcp.path_manager" },
	[FEAT_TBF] = { "tbf", "the tbf queueing discipline" },
	[FEAT_HTB] = { "htb", "the htb queueing discipline" },
	[FEAT_NETEM] = { "netem",
			 "the netem queueing discipline (delay, jitter, loss)" },
};

const char *feature_name(enum feature f)
{
	return (unsigned)f < FEAT_COUNT ? features[f].name : NULL;
}

const char *feature_what(enum feature f)
{
	return (unsigned)f < FEAT_COUNT ? features[f].what : NULL;
}

int feature_from_name(const char *name)
{
	for (int f = 0; f < FEAT_COUNT; f++)
		if (!strcmp(name, features[f].name))
			return f;
	return -1;
}

char *feature_list(feature_mask mask, char *buf, unsigned len)
{
	unsigned n = 0;

	if (len)
		buf[0] = '\0';
	for (int f = 0; f < FEAT_COUNT && n < len; f++)
		if (mask & FEATURE_BIT(f))
			n += snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
				      features[f].name);
	return buf;
}
