/* pm_msg.c: mptcp_pm requests and replies as bytes (see pm_msg.h). */
#include "kernel/pm_msg.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/mptcp.h>

/* A message being built. The first error sticks, so callers check once. */
struct msgbuf {
	uint8_t *buf;
	size_t len;
	size_t off;
	int err;
};

static void *mb_reserve(struct msgbuf *mb, size_t n)
{
	size_t aligned = NLMSG_ALIGN(n);
	void *p;

	if (mb->err || mb->off + aligned > mb->len) {
		mb->err = -ENOSPC;
		return NULL;
	}
	p = mb->buf + mb->off;
	memset(p, 0, aligned);
	mb->off += aligned;
	return p;
}

static void mb_put(struct msgbuf *mb, uint16_t type, const void *data,
		   size_t n)
{
	struct nlattr *a = mb_reserve(mb, NLA_HDRLEN + n);

	if (!a)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + n;
	memcpy((uint8_t *)a + NLA_HDRLEN, data, n);
}

static void mb_put_u8(struct msgbuf *mb, uint16_t type, uint8_t v)
{
	mb_put(mb, type, &v, sizeof(v));
}

static void mb_put_u16(struct msgbuf *mb, uint16_t type, uint16_t v)
{
	mb_put(mb, type, &v, sizeof(v));
}

static void mb_put_u32(struct msgbuf *mb, uint16_t type, uint32_t v)
{
	mb_put(mb, type, &v, sizeof(v));
}

/* Returns the offset of the nest header, for mb_nest_end. */
static size_t mb_nest_start(struct msgbuf *mb, uint16_t type)
{
	size_t at = mb->off;
	struct nlattr *a = mb_reserve(mb, NLA_HDRLEN);

	if (a)
		a->nla_type = type | NLA_F_NESTED;
	return at;
}

static void mb_nest_end(struct msgbuf *mb, size_t at)
{
	struct nlattr *a = (struct nlattr *)(mb->buf + at);

	if (!mb->err)
		a->nla_len = mb->off - at;
}

static void mb_start(struct msgbuf *mb, void *buf, size_t len,
		     int family_id, uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	mb->buf = buf;
	mb->len = len;
	mb->off = 0;
	mb->err = 0;
	nlh = mb_reserve(mb, NLMSG_HDRLEN);
	g = mb_reserve(mb, GENL_HDRLEN);
	if (!nlh || !g)
		return;
	nlh->nlmsg_type = family_id;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g->cmd = cmd;
	g->version = MPTCP_PM_VER;
}

static int mb_finish(struct msgbuf *mb)
{
	if (mb->err)
		return mb->err;
	((struct nlmsghdr *)mb->buf)->nlmsg_len = mb->off;
	return (int)mb->off;
}

int pm_msg_set_limits(void *buf, size_t len, int family_id,
		      uint32_t subflows, uint32_t add_addr_accepted)
{
	struct msgbuf mb;

	mb_start(&mb, buf, len, family_id, MPTCP_PM_CMD_SET_LIMITS);
	mb_put_u32(&mb, MPTCP_PM_ATTR_RCV_ADD_ADDRS, add_addr_accepted);
	mb_put_u32(&mb, MPTCP_PM_ATTR_SUBFLOWS, subflows);
	return mb_finish(&mb);
}

int pm_msg_get_limits(void *buf, size_t len, int family_id)
{
	struct msgbuf mb;

	mb_start(&mb, buf, len, family_id, MPTCP_PM_CMD_GET_LIMITS);
	return mb_finish(&mb);
}

/* The nested MPTCP_PM_ATTR_ADDR the kernel expects: family and address
 * always; id, port, flags and if_idx only when set, as `ip mptcp
 * endpoint add` sends them. The port is host order (the kernel converts). */
int pm_msg_add_addr(void *buf, size_t len, int family_id,
		    const struct topo_endpoint *ep, int ifindex)
{
	struct msgbuf mb;
	size_t nest;

	if (ep->addr.family != AF_INET && ep->addr.family != AF_INET6)
		return -EINVAL;
	mb_start(&mb, buf, len, family_id, MPTCP_PM_CMD_ADD_ADDR);
	nest = mb_nest_start(&mb, MPTCP_PM_ATTR_ADDR);
	mb_put_u16(&mb, MPTCP_PM_ADDR_ATTR_FAMILY, ep->addr.family);
	if (ep->addr.family == AF_INET)
		mb_put(&mb, MPTCP_PM_ADDR_ATTR_ADDR4, ep->addr.bytes, 4);
	else
		mb_put(&mb, MPTCP_PM_ADDR_ATTR_ADDR6, ep->addr.bytes, 16);
	if (ep->id > 0)
		mb_put_u8(&mb, MPTCP_PM_ADDR_ATTR_ID, ep->id);
	if (ep->port > 0)
		mb_put_u16(&mb, MPTCP_PM_ADDR_ATTR_PORT, ep->port);
	if (ep->flags)
		mb_put_u32(&mb, MPTCP_PM_ADDR_ATTR_FLAGS, ep->flags);
	if (ifindex > 0)
		mb_put_u32(&mb, MPTCP_PM_ADDR_ATTR_IF_IDX, (uint32_t)ifindex);
	mb_nest_end(&mb, nest);
	return mb_finish(&mb);
}

/* Walk attributes in [p, p + len): calls back with each, bounds-checked.
 * Returns -EINVAL on a truncated attribute. */
static int attr_find_u32(const uint8_t *p, size_t len, uint16_t type,
			 uint32_t *out, int *found)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t alen = a->nla_len, step = NLA_ALIGN(alen);

		if (alen < NLA_HDRLEN || alen > len)
			return -EINVAL;
		if ((a->nla_type & NLA_TYPE_MASK) == type) {
			if (alen != NLA_HDRLEN + sizeof(uint32_t))
				return -EINVAL;
			memcpy(out, p + NLA_HDRLEN, sizeof(*out));
			*found = 1;
		}
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

int pm_msg_parse_limits(const struct nlmsghdr *nlh, uint32_t *subflows,
			uint32_t *add_addr_accepted)
{
	const uint8_t *p = (const uint8_t *)nlh + NLMSG_HDRLEN + GENL_HDRLEN;
	int fs = 0, fa = 0;
	size_t len;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EINVAL;
	len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	if (attr_find_u32(p, len, MPTCP_PM_ATTR_SUBFLOWS, subflows, &fs) ||
	    attr_find_u32(p, len, MPTCP_PM_ATTR_RCV_ADD_ADDRS,
			  add_addr_accepted, &fa))
		return -EINVAL;
	return fs && fa ? 0 : -EINVAL;
}

/* The TLVs follow struct nlmsgerr, and after it the echoed request unless
 * the kernel capped it (NETLINK_CAP_ACK, or a successful ack). */
const char *pm_msg_ext_ack(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err;
	const uint8_t *p, *end;

	if (nlh->nlmsg_type != NLMSG_ERROR ||
	    !(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*err))
		return NULL;
	err = (const struct nlmsgerr *)((const uint8_t *)nlh + NLMSG_HDRLEN);
	p = (const uint8_t *)err + sizeof(*err);
	end = (const uint8_t *)nlh + nlh->nlmsg_len;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < NLMSG_HDRLEN ||
		    err->msg.nlmsg_len - NLMSG_HDRLEN > (size_t)(end - p))
			return NULL;
		p += NLMSG_ALIGN(err->msg.nlmsg_len - NLMSG_HDRLEN);
	}
	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > end - p)
			return NULL;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			const char *s = (const char *)p + NLA_HDRLEN;
			size_t n = a->nla_len - NLA_HDRLEN;

			/* Only a NUL-terminated string is safe to hand out. */
			return n && memchr(s, '\0', n) ? s : NULL;
		}
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}
