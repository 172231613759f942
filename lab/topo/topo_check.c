/* topo_check.c: topo_check(), the semantic checks run before anything
 * touches the kernel, in the order users fix things: interfaces, then
 * addresses, bridges, routes, MPTCP, the rest; then the defaults that
 * depend on the whole file. Each group lives in topo_check_*.c. */
#include "topo/topo_index.h"
#include "topo/topo_int.h"

int topo_check(struct topo *t, struct topo_error *err)
{
	if (topo_index_build(t) < 0)
		return topo_errf(err, t->file, 0, 0, "out of memory");
	if (topo_check_ifaces(t, err) < 0 ||
	    topo_check_addrs(t, err) < 0 ||
	    topo_check_bridges(t, err) < 0 ||
	    topo_check_routes(t, err) < 0 ||
	    topo_check_mptcp(t, err) < 0 ||
	    topo_check_misc(t, err) < 0 ||
	    topo_check_shapes(t, err) < 0 ||
	    topo_check_timeline(t, err) < 0 ||
	    topo_check_asserts(t, err) < 0)
		return -1;
	return topo_fill_defaults(t, err);
}
