/* pm_endpoint.c: endpoints deleted or flagged mid-run (see
 * pm_endpoint.h). Requests are libnl-genl messages sent on an nl_req
 * socket, so a refusal carries the kernel's extended-ACK text. */
#include "kernel/pm_endpoint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/mptcp.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "kernel/netns.h"
#include "kernel/nlreq.h"

struct pm_req {
	struct nlreq *r;
	int family;
	struct lab_err *e;
};

static int open_here(void *arg)
{
	struct pm_req *p = arg;
	int rc = nlreq_open(&p->r, NETLINK_GENERIC, p->e);

	if (rc)
		return rc;
	p->family = genl_ctrl_resolve(p->r->sk, MPTCP_PM_NAME);
	if (p->family < 0)
		return lab_errf(p->e, -ENOENT,
				"the kernel has no generic-netlink family %s",
				MPTCP_PM_NAME);
	return 0;
}

static struct nl_msg *pm_msg(const struct pm_req *p, int cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, p->family, 0,
			      flags, cmd, MPTCP_PM_VER)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* MPTCP_PM_ATTR_ADDR { FAMILY, ADDR4|ADDR6, [ID], [FLAGS] } */
static int put_addr(struct nl_msg *m, const struct topo_addr *a, int id,
		    bool with_flags, uint32_t flags)
{
	struct nlattr *n = nla_nest_start(m, MPTCP_PM_ATTR_ADDR);

	if (!n || nla_put_u16(m, MPTCP_PM_ADDR_ATTR_FAMILY, a->family) < 0 ||
	    (a->family == AF_INET &&
	     nla_put(m, MPTCP_PM_ADDR_ATTR_ADDR4, 4, a->bytes) < 0) ||
	    (a->family == AF_INET6 &&
	     nla_put(m, MPTCP_PM_ADDR_ATTR_ADDR6, 16, a->bytes) < 0) ||
	    (id > 0 && nla_put_u8(m, MPTCP_PM_ADDR_ATTR_ID, (uint8_t)id) < 0) ||
	    (with_flags && nla_put_u32(m, MPTCP_PM_ADDR_ATTR_FLAGS, flags) < 0))
		return -ENOMEM;
	nla_nest_end(m, n);
	return 0;
}

struct find {
	const struct topo_addr *want;
	int id;
};

/* One endpoint of the dump: its id if its address is the one wanted. */
static int on_endpoint(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MPTCP_PM_ATTR_MAX + 1], *ab[MPTCP_PM_ADDR_ATTR_MAX + 1];
	struct find *f = arg;
	const struct topo_addr *w = f->want;
	int type = w->family == AF_INET ? MPTCP_PM_ADDR_ATTR_ADDR4 :
				      MPTCP_PM_ADDR_ATTR_ADDR6;
	int len = w->family == AF_INET ? 4 : 16;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, MPTCP_PM_ATTR_MAX, NULL) < 0 ||
	    !tb[MPTCP_PM_ATTR_ADDR] ||
	    nla_parse_nested(ab, MPTCP_PM_ADDR_ATTR_MAX, tb[MPTCP_PM_ATTR_ADDR],
			     NULL) < 0 ||
	    !ab[type] || !ab[MPTCP_PM_ADDR_ATTR_ID] || nla_len(ab[type]) != len)
		return NL_OK;
	if (!memcmp(nla_data(ab[type]), w->bytes, len))
		f->id = nla_get_u8(ab[MPTCP_PM_ADDR_ATTR_ID]);
	return NL_OK;
}

static int find_id(struct pm_req *p, const struct topo_addr *a)
{
	struct find f = { a, -1 };
	struct nl_msg *m = pm_msg(p, MPTCP_PM_CMD_GET_ADDR, NLM_F_DUMP);
	int rc;

	if (!m)
		return lab_errf(p->e, -ENOMEM, "out of memory");
	nl_socket_modify_cb(p->r->sk, NL_CB_VALID, NL_CB_CUSTOM, on_endpoint, &f);
	nlreq_begin(p->r);
	rc = nl_send_auto(p->r->sk, m);
	nlmsg_free(m);
	if (rc >= 0)
		rc = nl_recvmsgs_default(p->r->sk);
	nl_socket_modify_cb(p->r->sk, NL_CB_VALID, NL_CB_DEFAULT, NULL, NULL);
	if (rc < 0)
		return nlreq_fail(p->r, rc, p->e, "mptcp_pm: GET_ADDR dump");
	return f.id;
}

static const char *astr(const struct topo_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->bytes, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

static int do_delete(struct pm_req *p, const struct topo_addr *a)
{
	char what[96], as[INET6_ADDRSTRLEN];
	struct nl_msg *m;
	int id = find_id(p, a), rc;

	astr(a, as, sizeof(as));
	if (id < 0)
		return id == -1 ? lab_errf(p->e, -ENOENT,
					   "mptcp_pm: no endpoint with address %s", as)
				: id;
	snprintf(what, sizeof(what), "mptcp_pm: DEL_ADDR %s (id %d)", as, id);
	m = pm_msg(p, MPTCP_PM_CMD_DEL_ADDR, 0);
	if (!m || put_addr(m, a, id, false, 0) < 0) {
		nlmsg_free(m);
		return lab_errf(p->e, -ENOMEM, "%s: out of memory", what);
	}
	rc = nlreq_send(p->r, m, p->e, what);
	nlmsg_free(m);
	return rc;
}

static int do_backup(struct pm_req *p, const struct topo_addr *a, bool on)
{
	char what[96], as[INET6_ADDRSTRLEN];
	struct nl_msg *m = pm_msg(p, MPTCP_PM_CMD_SET_FLAGS, 0);
	int rc;

	snprintf(what, sizeof(what), "mptcp_pm: SET_FLAGS %s %s",
		 astr(a, as, sizeof(as)), on ? "backup" : "nobackup");
	if (!m || put_addr(m, a, 0, true, on ? MPTCP_PM_ADDR_FLAG_BACKUP : 0) < 0) {
		nlmsg_free(m);
		return lab_errf(p->e, -ENOMEM, "%s: out of memory", what);
	}
	rc = nlreq_send(p->r, m, p->e, what);
	nlmsg_free(m);
	return rc;
}

int pm_endpoint_delete(int nsfd, const struct topo_addr *addr,
		       struct lab_err *e)
{
	struct pm_req p = { .e = e };
	int rc = netns_run(nsfd, open_here, &p, e);

	if (!rc)
		rc = do_delete(&p, addr);
	nlreq_close(p.r);
	return rc;
}

int pm_endpoint_backup(int nsfd, const struct topo_addr *addr, bool backup,
		       struct lab_err *e)
{
	struct pm_req p = { .e = e };
	int rc = netns_run(nsfd, open_here, &p, e);

	if (!rc)
		rc = do_backup(&p, addr, backup);
	nlreq_close(p.r);
	return rc;
}
