/* pm_event_json.c: an MPTCP event as a JSON object (see pm_events.h),
 * built with libjansson: the same attributes as the text line, numbers as
 * numbers, the token as the hex string `ip mptcp monitor` prints. */
#include "kernel/pm_events.h"

#include <arpa/inet.h>


static void put_addr(json_t *o, const char *key, int af,
		     const struct in6_addr *a)
{
	char s[INET6_ADDRSTRLEN];

	if (inet_ntop(af, a, s, sizeof(s)))
		json_put(o, key, json_string(s));
}

static void put_uint(json_t *o, const struct mptcp_event *ev, int attr,
		     const char *key, json_int_t v)
{
	if (MPTCP_EV_HAS(ev, attr))
		json_put(o, key, json_integer(v));
}

static void put_addrs(json_t *o, const struct mptcp_event *ev)
{
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_SADDR4))
		put_addr(o, "saddr4", AF_INET, &ev->saddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_DADDR4))
		put_addr(o, "daddr4", AF_INET, &ev->daddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_SADDR6))
		put_addr(o, "saddr6", AF_INET6, &ev->saddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_DADDR6))
		put_addr(o, "daddr6", AF_INET6, &ev->daddr);
}

json_t *mptcp_event_json(const struct mptcp_event *ev)
{
	const char *name = event_name(ev->type);
	json_t *o = json_object();
	char token[16];

	if (!o)
		return NULL;
	json_put(o, "type", json_integer(ev->type));
	json_put(o, "event", name ? json_string(name) : json_null());
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_TOKEN)) {
		snprintf(token, sizeof(token), "%08x", ev->token);
		json_put(o, "token", json_string(token));
	}
	put_uint(o, ev, MPTCP_ATTR_FAMILY, "family", ev->family);
	put_uint(o, ev, MPTCP_ATTR_REM_ID, "remid", ev->rem_id);
	put_uint(o, ev, MPTCP_ATTR_LOC_ID, "locid", ev->loc_id);
	put_addrs(o, ev);
	put_uint(o, ev, MPTCP_ATTR_SPORT, "sport", ev->sport);
	put_uint(o, ev, MPTCP_ATTR_DPORT, "dport", ev->dport);
	put_uint(o, ev, MPTCP_ATTR_BACKUP, "backup", ev->backup);
	put_uint(o, ev, MPTCP_ATTR_ERROR, "error", ev->error);
	put_uint(o, ev, MPTCP_ATTR_TIMEOUT, "timeout", ev->timeout);
	put_uint(o, ev, MPTCP_ATTR_IF_IDX, "ifindex", ev->if_idx);
	put_uint(o, ev, MPTCP_ATTR_RESET_REASON, "reset_reason", ev->reset_reason);
	put_uint(o, ev, MPTCP_ATTR_RESET_FLAGS, "reset_flags", ev->reset_flags);
	put_uint(o, ev, MPTCP_ATTR_FLAGS, "flags", ev->flags);
	json_put(o, "server_side", json_boolean(ev->server_side));
	return o;
}
