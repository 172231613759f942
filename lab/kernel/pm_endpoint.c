/* pm_endpoint.c: endpoints deleted or flagged mid-run (see
 * pm_endpoint.h), on a pm_sock: requests built by pm_msg.c, sent through
 * pm_xfer(), so a refusal carries the kernel's extended-ACK text. */
#include "kernel/pm_endpoint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/mptcp.h>

#include "kernel/pm_config.h"
#include "kernel/pm_int.h"
#include "kernel/pm_msg.h"

struct find {
	const struct topo_addr *want;
	int id;			/* -1 until found */
};

/* One endpoint of the dump: its id if its address is the one wanted. */
static int on_endpoint(struct nl_msg *msg, void *arg)
{
	struct find *f = arg;
	struct topo_addr a;
	int id;

	if (pm_msg_parse_addr(nlmsg_hdr(msg), &a, &id) == 0 &&
	    a.family == f->want->family &&
	    !memcmp(a.bytes, f->want->bytes, a.family == AF_INET ? 4 : 16))
		f->id = id;
	return NL_OK;
}

/* The id of the endpoint with address a in *id (-1: none), or -errno. */
static int find_id(struct pm_sock *ps, const struct topo_addr *a, int *id,
		   struct lab_err *e)
{
	struct find f = { a, -1 };
	struct nl_msg *msg = nlmsg_alloc();
	int rc;

	rc = pm_xfer(ps, msg, pm_msg_get_addrs(msg, ps->family), on_endpoint,
		     &f, "GET_ADDR dump", e);
	*id = f.id;
	return rc;
}

static const char *astr(const struct topo_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->bytes, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

/* The kernel deletes by id only (id 0: the initial subflow's address),
 * so the id comes from a dump first. */
static int del_endpoint(struct pm_sock *ps, const struct topo_addr *a,
			struct lab_err *e)
{
	char what[96], as[INET6_ADDRSTRLEN];
	struct nl_msg *msg;
	int id, rc;

	astr(a, as, sizeof(as));
	if ((rc = find_id(ps, a, &id, e)) < 0)
		return rc;
	if (id < 0)
		return lab_errf(e, -ENOENT,
				"mptcp_pm: no endpoint with address %s", as);
	snprintf(what, sizeof(what), "DEL_ADDR %s (id %d)", as, id);
	msg = nlmsg_alloc();
	return pm_xfer(ps, msg, pm_msg_del_addr(msg, ps->family, a, id), NULL,
		       NULL, what, e);
}

static int set_backup(struct pm_sock *ps, const struct topo_addr *a,
		      bool on, struct lab_err *e)
{
	char what[96], as[INET6_ADDRSTRLEN];
	struct nl_msg *msg = nlmsg_alloc();

	snprintf(what, sizeof(what), "SET_FLAGS %s %s",
		 astr(a, as, sizeof(as)), on ? "backup" : "nobackup");
	return pm_xfer(ps, msg,
		       pm_msg_set_flags(msg, ps->family, a,
					on ? MPTCP_PM_ADDR_FLAG_BACKUP : 0),
		       NULL, NULL, what, e);
}

int pm_endpoint_delete(int nsfd, const struct topo_addr *addr,
		       struct lab_err *e)
{
	struct pm_sock *ps;
	int rc = pm_open(nsfd, &ps, e);

	if (!rc)
		rc = del_endpoint(ps, addr, e);
	pm_close(ps);
	return rc;
}

int pm_endpoint_backup(int nsfd, const struct topo_addr *addr, bool backup,
		       struct lab_err *e)
{
	struct pm_sock *ps;
	int rc = pm_open(nsfd, &ps, e);

	if (!rc)
		rc = set_backup(ps, addr, backup, e);
	pm_close(ps);
	return rc;
}
