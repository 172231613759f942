/* pm_events.h: decoding and printing MPTCP path-manager events.
 *
 * Pure code: turns one generic-netlink message of the mptcp_pm_events
 * group into a struct mptcp_event, and an event into one line of text or
 * JSON. No sockets here (see pm_monitor.h), so it is unit-tested on
 * messages built in the test. */
#ifndef LAB_PM_EVENTS_H
#define LAB_PM_EVENTS_H

#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/event_names.h"
#include "util/json.h"

/* Bits of mptcp_event.present: 1u << MPTCP_ATTR_* for each attribute the
 * kernel sent. Optional attributes stay optional: test before use. */
#define MPTCP_EV_HAS(ev, attr) (((ev)->present >> (attr)) & 1u)

struct mptcp_event {
	int type;		/* MPTCP_EVENT_*, or any number the kernel sent */
	uint32_t present;
	uint32_t token;
	uint16_t family;
	uint8_t loc_id, rem_id;
	struct in6_addr saddr, daddr;	/* IPv4 in the first 4 bytes */
	uint16_t sport, dport;		/* host order */
	uint8_t backup;
	uint8_t error;
	uint16_t flags;
	uint32_t timeout;
	int32_t if_idx;
	uint32_t reset_reason, reset_flags;
	uint8_t server_side;	/* attribute or MPTCP_PM_EV_FLAG_SERVER_SIDE */
};

/* Decode one netlink message (nlmsg_type must be family_id). Returns 0,
 * or -EINVAL for a malformed or truncated message. */
int mptcp_event_decode(const struct nlmsghdr *nlh, int family_id,
		       struct mptcp_event *ev);

/* The event as a JSON object (libjansson, pm_event_json.c): "type",
 * "event" (its name or null), then every attribute the kernel sent.
 * NULL only when out of memory; the caller json_decref()s it. */
json_t *mptcp_event_json(const struct mptcp_event *ev);

/* One line, no newline: like `ip mptcp monitor` (text) or the JSON
 * object of mptcp_event_json(). -ENOSPC if it does not fit. */
int mptcp_event_format(const struct mptcp_event *ev, bool json, char *buf,
		       size_t len);

#endif
