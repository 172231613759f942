/* pm_events.c: decoding and printing mptcp_pm events (see pm_events.h).
 *
 * The decoder walks the attributes itself, checking every length against
 * the message, so a truncated or hostile message is refused with -EINVAL
 * rather than read past its end. Attribute numbers the kernel adds later
 * are skipped; event numbers we do not know are kept as numbers. */
#include "kernel/pm_events.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/genetlink.h>

/* Newer than Debian 12's uapi header (kernel 6.18). */
#ifndef MPTCP_PM_EV_FLAG_SERVER_SIDE
#define MPTCP_PM_EV_FLAG_SERVER_SIDE (1u << 1)
#endif
#ifndef MPTCP_PM_EV_FLAG_DENY_JOIN_ID0
#define MPTCP_PM_EV_FLAG_DENY_JOIN_ID0 (1u << 0)
#endif

/* Payload size each attribute must have; 0 = unknown, skipped. */
static size_t attr_size(int type)
{
	switch (type) {
	case MPTCP_ATTR_LOC_ID: case MPTCP_ATTR_REM_ID:
	case MPTCP_ATTR_BACKUP: case MPTCP_ATTR_ERROR:
	case MPTCP_ATTR_SERVER_SIDE:
		return 1;
	case MPTCP_ATTR_FAMILY: case MPTCP_ATTR_SPORT: case MPTCP_ATTR_DPORT:
	case MPTCP_ATTR_FLAGS:
		return 2;
	case MPTCP_ATTR_TOKEN: case MPTCP_ATTR_SADDR4: case MPTCP_ATTR_DADDR4:
	case MPTCP_ATTR_TIMEOUT: case MPTCP_ATTR_IF_IDX:
	case MPTCP_ATTR_RESET_REASON: case MPTCP_ATTR_RESET_FLAGS:
		return 4;
	case MPTCP_ATTR_SADDR6: case MPTCP_ATTR_DADDR6:
		return 16;
	}
	return 0;
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Store one attribute whose size attr_size() has already checked. */
static void store(struct mptcp_event *ev, int type, const uint8_t *p)
{
	switch (type) {
	case MPTCP_ATTR_TOKEN: ev->token = get32(p); break;
	case MPTCP_ATTR_FAMILY: ev->family = get16(p); break;
	case MPTCP_ATTR_LOC_ID: ev->loc_id = p[0]; break;
	case MPTCP_ATTR_REM_ID: ev->rem_id = p[0]; break;
	case MPTCP_ATTR_SADDR4: memcpy(&ev->saddr, p, 4); break;
	case MPTCP_ATTR_DADDR4: memcpy(&ev->daddr, p, 4); break;
	case MPTCP_ATTR_SADDR6: memcpy(&ev->saddr, p, 16); break;
	case MPTCP_ATTR_DADDR6: memcpy(&ev->daddr, p, 16); break;
	case MPTCP_ATTR_SPORT: ev->sport = ntohs(get16(p)); break;
	case MPTCP_ATTR_DPORT: ev->dport = ntohs(get16(p)); break;
	case MPTCP_ATTR_BACKUP: ev->backup = p[0]; break;
	case MPTCP_ATTR_ERROR: ev->error = p[0]; break;
	case MPTCP_ATTR_FLAGS: ev->flags = get16(p); break;
	case MPTCP_ATTR_TIMEOUT: ev->timeout = get32(p); break;
	case MPTCP_ATTR_IF_IDX: ev->if_idx = (int32_t)get32(p); break;
	case MPTCP_ATTR_RESET_REASON: ev->reset_reason = get32(p); break;
	case MPTCP_ATTR_RESET_FLAGS: ev->reset_flags = get32(p); break;
	case MPTCP_ATTR_SERVER_SIDE: ev->server_side = p[0] != 0; break;
	}
}

int mptcp_event_decode(const struct nlmsghdr *nlh, int family_id,
		       struct mptcp_event *ev)
{
	const size_t head = NLMSG_HDRLEN + GENL_HDRLEN;
	const struct genlmsghdr *g;
	const uint8_t *p;
	size_t left;

	memset(ev, 0, sizeof(*ev));
	if (nlh->nlmsg_len < head || nlh->nlmsg_type != family_id)
		return -EINVAL;
	g = (const struct genlmsghdr *)((const uint8_t *)nlh + NLMSG_HDRLEN);
	ev->type = g->cmd;
	p = (const uint8_t *)nlh + head;
	left = nlh->nlmsg_len - head;
	while (left > 0) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t alen, want;
		int type;

		if (left < NLA_HDRLEN)
			return -EINVAL;
		alen = a->nla_len;
		if (alen < NLA_HDRLEN || alen > left)
			return -EINVAL;
		type = a->nla_type & NLA_TYPE_MASK;
		want = attr_size(type);
		if (want) {
			if (alen - NLA_HDRLEN != want)
				return -EINVAL;
			store(ev, type, p + NLA_HDRLEN);
			ev->present |= 1u << type;
		}
		alen = NLA_ALIGN(alen);
		if (alen >= left)
			break;
		p += alen;
		left -= alen;
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
