/* features.h: the kernel features a topology can depend on, by name.
 *
 * MPTCP and the queueing disciplines differ between kernel versions (6.1
 * has no LISTENER_* events, no MPTCP_FULL_INFO, no close_timeout sysctl;
 * some kernels have no netem). Topology files name a feature in `require
 * FEATURE` and `expect ... if FEATURE`; reports list what was present. The
 * names live here, below the parser; lab/kernel/kfeat.h detects them. */
#ifndef LAB_FEATURES_H
#define LAB_FEATURES_H

#include <stdint.h>

enum feature {
	FEAT_MPTCP,		/* MPTCP sockets (IPPROTO_MPTCP) */
	FEAT_PM_EVENTS,		/* the mptcp_pm genl family and its events */
	FEAT_LISTENER_EVENTS,	/* LISTENER_CREATED/CLOSED events (6.2+) */
	FEAT_TCP_IS_MPTCP,	/* getsockopt TCP_IS_MPTCP (6.5+) */
	FEAT_FULL_INFO,		/* getsockopt MPTCP_FULL_INFO (6.5+) */
	FEAT_INFO_COUNTERS,	/* MPTCP_INFO with byte counters (96 bytes) */
	FEAT_ADD_ADDR_TIMEOUT,	/* net.mptcp.add_addr_timeout */
	FEAT_CLOSE_TIMEOUT,	/* net.mptcp.close_timeout (6.6+) */
	FEAT_SCHEDULER,		/* net.mptcp.scheduler (6.6+) */
	FEAT_PATH_MANAGER,	/* net.mptcp.path_manager (6.15+) */
	FEAT_TBF,		/* the tbf qdisc */
	FEAT_HTB,		/* the htb qdisc */
	FEAT_NETEM,		/* the netem qdisc: delay, jitter, loss */
	FEAT_COUNT
};

typedef uint32_t feature_mask;
#define FEATURE_BIT(f) ((feature_mask)1 << (f))

/* "listener-events", ...; NULL out of range. */
const char *feature_name(enum feature f);

/* One line a user reads: what the feature is. */
const char *feature_what(enum feature f);

/* The feature of a name, or -1. */
int feature_from_name(const char *name);

/* "tbf, htb, netem": every feature in mask, comma-separated, in enum
 * order, into buf ("" for none). Returns buf. */
char *feature_list(feature_mask mask, char *buf, unsigned len);

#endif
