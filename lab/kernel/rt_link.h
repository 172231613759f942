/* rt_link.h: links through rtnetlink: veth pairs whose two ends are born
 * in their target namespaces, bridges, up/master changes, name lookups.
 *
 * Every function acts in the namespace of the socket r was opened in. A
 * veth is created from node A's socket with its peer given the namespace
 * fd of node B (IFLA_NET_NS_FD inside VETH_INFO_PEER), so no lab link
 * ever appears in the host's namespace, not even for a moment. */
#ifndef LAB_RT_LINK_H
#define LAB_RT_LINK_H

#include <stdbool.h>

#include "util/err.h"
#include "kernel/nlreq.h"

/* A veth pair: NAME here, up (enslaved to master if > 0), PEER in the
 * namespace peer_nsfd (-1: here too), down: raise it with
 * rt_link_up_name() on a socket of its namespace (the kernel cannot bring
 * a veth end up before both ends exist). */
int rt_link_veth(struct nlreq *r, const char *name, int master,
		 const char *peer, int peer_nsfd, struct lab_err *e);

/* A Linux bridge NAME, up. */
int rt_link_bridge(struct nlreq *r, const char *name, struct lab_err *e);

/* Change an existing link: master (> 0 to set) and/or IFF_UP. */
int rt_link_set(struct nlreq *r, int ifindex, int master, bool up,
		struct lab_err *e);

/* Bring a link up or down (a timeline's `set NODE IF down`). */
int rt_link_set_state(struct nlreq *r, int ifindex, bool up,
		      struct lab_err *e);

/* Bring NAME up, looked up by name (one request). */
int rt_link_up_name(struct nlreq *r, const char *name, struct lab_err *e);

/* The ifindex of NAME, or -ENODEV (e not filled) / another -errno. */
int rt_link_index(struct nlreq *r, const char *name, struct lab_err *e);

#endif
