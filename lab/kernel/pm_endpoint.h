/* pm_endpoint.h: MPTCP endpoints changed while a lab runs (a timeline's
 * `endpoint` steps): deleted, or their backup flag set or cleared, in
 * the namespace nsfd, through the generic-netlink family mptcp_pm (a
 * pm_sock; requests from pm_msg.h). Adding one is pm_config.h's
 * pm_add_endpoint().
 *
 * The kernel deletes an endpoint by id only (id 0 means "the address of
 * the initial subflow"), so delete first finds the id of the address in
 * a dump of the endpoints. SET_FLAGS takes the address itself. */
#ifndef LAB_PM_ENDPOINT_H
#define LAB_PM_ENDPOINT_H

#include <stdbool.h>

#include "util/err.h"
#include "topo/topo.h"

int pm_endpoint_delete(int nsfd, const struct topo_addr *addr,
		       struct lab_err *e);
int pm_endpoint_backup(int nsfd, const struct topo_addr *addr, bool backup,
		       struct lab_err *e);

#endif
