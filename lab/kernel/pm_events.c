/* pm_events.c: decoding and printing mptcp_pm events (see pm_events.h).
 *
 * The decoder parses with libnl through attrs.h, which checks every
 * length against the message and the policy below, so a truncated or
 * hostile message is refused with -EINVAL rather than read past its end.
 * Attribute numbers the kernel adds later are skipped; event numbers we do
 * not know are kept as numbers. */
#include "kernel/pm_events.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel/attrs.h"

/* Newer than Debian 12's uapi header (kernel 6.18). */
#ifndef MPTCP_PM_EV_FLAG_SERVER_SIDE
#define MPTCP_PM_EV_FLAG_SERVER_SIDE (1u << 1)
#endif
#ifndef MPTCP_PM_EV_FLAG_DENY_JOIN_ID0
#define MPTCP_PM_EV_FLAG_DENY_JOIN_ID0 (1u << 0)
#endif

/* The size each attribute must have; those left out are not decoded. */
#define SIZE(n) { .minlen = (n), .maxlen = (n) }
static struct nla_policy policy[MPTCP_ATTR_MAX + 1] = {
	[MPTCP_ATTR_LOC_ID] = SIZE(1),		[MPTCP_ATTR_REM_ID] = SIZE(1),
	[MPTCP_ATTR_BACKUP] = SIZE(1),		[MPTCP_ATTR_ERROR] = SIZE(1),
	[MPTCP_ATTR_SERVER_SIDE] = SIZE(1),	[MPTCP_ATTR_FAMILY] = SIZE(2),
	[MPTCP_ATTR_SPORT] = SIZE(2),		[MPTCP_ATTR_DPORT] = SIZE(2),
	[MPTCP_ATTR_FLAGS] = SIZE(2),		[MPTCP_ATTR_TOKEN] = SIZE(4),
	[MPTCP_ATTR_SADDR4] = SIZE(4),		[MPTCP_ATTR_DADDR4] = SIZE(4),
	[MPTCP_ATTR_TIMEOUT] = SIZE(4),		[MPTCP_ATTR_IF_IDX] = SIZE(4),
	[MPTCP_ATTR_RESET_REASON] = SIZE(4),	[MPTCP_ATTR_RESET_FLAGS] = SIZE(4),
	[MPTCP_ATTR_SADDR6] = SIZE(16),		[MPTCP_ATTR_DADDR6] = SIZE(16),
};

_Static_assert(MPTCP_ATTR_MAX < 32, "mptcp_event.present has 32 bits");

/* Store one attribute whose size the policy has checked. */
static void store(struct mptcp_event *ev, int type, const struct nlattr *a)
{
	const void *p = nla_data(a);

	switch (type) {
	case MPTCP_ATTR_TOKEN: ev->token = nla_get_u32(a); break;
	case MPTCP_ATTR_FAMILY: ev->family = nla_get_u16(a); break;
	case MPTCP_ATTR_LOC_ID: ev->loc_id = nla_get_u8(a); break;
	case MPTCP_ATTR_REM_ID: ev->rem_id = nla_get_u8(a); break;
	case MPTCP_ATTR_SADDR4: memcpy(&ev->saddr, p, 4); break;
	case MPTCP_ATTR_DADDR4: memcpy(&ev->daddr, p, 4); break;
	case MPTCP_ATTR_SADDR6: memcpy(&ev->saddr, p, 16); break;
	case MPTCP_ATTR_DADDR6: memcpy(&ev->daddr, p, 16); break;
	case MPTCP_ATTR_SPORT: ev->sport = ntohs(nla_get_u16(a)); break;
	case MPTCP_ATTR_DPORT: ev->dport = ntohs(nla_get_u16(a)); break;
	case MPTCP_ATTR_BACKUP: ev->backup = nla_get_u8(a); break;
	case MPTCP_ATTR_ERROR: ev->error = nla_get_u8(a); break;
	case MPTCP_ATTR_FLAGS: ev->flags = nla_get_u16(a); break;
	case MPTCP_ATTR_TIMEOUT: ev->timeout = nla_get_u32(a); break;
	case MPTCP_ATTR_IF_IDX: ev->if_idx = (int32_t)nla_get_u32(a); break;
	case MPTCP_ATTR_RESET_REASON: ev->reset_reason = nla_get_u32(a); break;
	case MPTCP_ATTR_RESET_FLAGS: ev->reset_flags = nla_get_u32(a); break;
	case MPTCP_ATTR_SERVER_SIDE: ev->server_side = nla_get_u8(a) != 0; break;
	}
}

int mptcp_event_decode(const struct nlmsghdr *nlh, int family_id,
		       struct mptcp_event *ev)
{
	struct nlattr *tb[MPTCP_ATTR_MAX + 1];

	memset(ev, 0, sizeof(*ev));
	if (nlh->nlmsg_type != family_id ||
	    attrs_genl_parse(nlh, tb, MPTCP_ATTR_MAX, policy) < 0)
		return -EINVAL;
	ev->type = ((const struct genlmsghdr *)nlmsg_data(nlh))->cmd;
	for (int type = 0; type <= MPTCP_ATTR_MAX; type++) {
		if (!tb[type] || !policy[type].minlen)
			continue;
		store(ev, type, tb[type]);
		ev->present |= 1u << type;
	}
	/* 6.18 moved server_side into flags; older kernels send the u8. */
	if (ev->flags & MPTCP_PM_EV_FLAG_SERVER_SIDE)
		ev->server_side = 1;
	return 0;
}

/* An output buffer that remembers whether it overflowed. */
struct out {
	char *buf;
	size_t len, off;
	bool full;
};

static void outf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void outf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->off, o->len - o->off, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->off) {
		o->full = true;
		return;
	}
	o->off += n;
}

/* " key=val" in the text output. */
static void field(struct out *o, const char *key, const char *vfmt, ...)
	__attribute__((format(printf, 3, 4)));

static void field(struct out *o, const char *key, const char *vfmt, ...)
{
	char val[64];
	va_list ap;

	va_start(ap, vfmt);
	vsnprintf(val, sizeof(val), vfmt, ap);
	va_end(ap);
	outf(o, " %s=%s", key, val);
}

static void addr_field(struct out *o, const char *key, int af,
		       const struct in6_addr *a)
{
	char s[INET6_ADDRSTRLEN];

	if (inet_ntop(af, a, s, sizeof(s)))
		field(o, key, "%s", s);
}

/* The order and spelling are those of `ip mptcp monitor` (iproute2
 * ipmptcp.c), so lines can be compared with it. */
static void format_attrs(struct out *o, const struct mptcp_event *ev)
{
	uint16_t flags = ev->flags;

	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_TOKEN))
		field(o, "token", "%08x", ev->token);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_REM_ID))
		field(o, "remid", "%u", ev->rem_id);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_LOC_ID))
		field(o, "locid", "%u", ev->loc_id);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_SADDR4))
		addr_field(o, "saddr4", AF_INET, &ev->saddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_DADDR4))
		addr_field(o, "daddr4", AF_INET, &ev->daddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_SADDR6))
		addr_field(o, "saddr6", AF_INET6, &ev->saddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_DADDR6))
		addr_field(o, "daddr6", AF_INET6, &ev->daddr);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_SPORT))
		field(o, "sport", "%u", ev->sport);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_DPORT))
		field(o, "dport", "%u", ev->dport);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_BACKUP))
		field(o, "backup", "%u", ev->backup);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_ERROR))
		field(o, "error", "%u", ev->error);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_TIMEOUT))
		field(o, "timeout", "%u", ev->timeout);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_IF_IDX))
		field(o, "ifindex", "%d", ev->if_idx);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_RESET_REASON))
		field(o, "reset_reason", "%u", ev->reset_reason);
	if (MPTCP_EV_HAS(ev, MPTCP_ATTR_RESET_FLAGS))
		field(o, "reset_flags", "0x%x", ev->reset_flags);
	flags &= ~(MPTCP_PM_EV_FLAG_SERVER_SIDE | MPTCP_PM_EV_FLAG_DENY_JOIN_ID0);
	if (ev->server_side)
		outf(o, " server_side");
	if (ev->flags & MPTCP_PM_EV_FLAG_DENY_JOIN_ID0)
		outf(o, " deny_join_id0");
	if (flags)
		field(o, "flags", "%x", flags);
}

/* The JSON form is built by libjansson (pm_event_json.c) and printed
 * into buf. */
static int format_json(const struct mptcp_event *ev, char *buf, size_t len)
{
	json_t *j = mptcp_event_json(ev);
	size_t n = j ? json_dumpb(j, buf, len, JSON_COMPACT) : 0;

	json_decref(j);
	if (!j || n == 0 || n >= len) {
		if (len)
			buf[0] = '\0';
		return j ? -ENOSPC : -ENOMEM;
	}
	buf[n] = '\0';
	return (int)n;
}

int mptcp_event_format(const struct mptcp_event *ev, bool json, char *buf,
		       size_t len)
{
	struct out o = { buf, len, 0, len == 0 };
	const char *name = event_name(ev->type);

	if (json)
		return format_json(ev, buf, len);
	if (name)
		outf(&o, "[%16s]", name);
	else
		outf(&o, "[UNKNOWN %d]", ev->type);
	format_attrs(&o, ev);
	if (o.full) {
		if (len)
			buf[0] = '\0';
		return -ENOSPC;
	}
	return (int)o.off;
}
