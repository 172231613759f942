/* lab_priv.h: what lab_up.c, lab_down.c, lab_open.c and lab_state.c share
 * and nobody else needs. */
#ifndef LAB_LAB_PRIV_H
#define LAB_LAB_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "live/lab.h"

/* Journal kinds. */
#define J_FILE		"file"		/* absolute path of the topology file */
#define J_REALFILE	"realfile"	/* the same, symlinks resolved */
#define J_USER		"user"		/* the uid of who built it (lab_user_id) */
#define J_NETNS		"netns"		/* a namespace under /run/netns */
#define J_DIR		"dir"		/* a lab-owned dir under the state dir: rm -rf */
#define J_HOSTDIR	"hostdir"	/* a dir outside it: rmdir if empty */
#define J_QDISC		"qdisc"		/* "NAMESPACE IFNAME": root qdisc to delete */

/* File names inside STATE_DIR/NAME. */
#define LAB_JOURNAL	"journal"
#define LAB_TOPOLOGY	"topology"

/* Suffix of the switch namespace (bridges of networks with >2 members). */
#define LAB_SW_SUFFIX	".sw"

/* 0 if name is usable as a lab name (1..LAB_NAME_MAX-1 characters of
 * [A-Za-z0-9_.-], starting with a letter or digit), else -EINVAL with e. */
int lab_name_check(const char *name, struct lab_err *e);

/* STATE_DIR/NAME[/FILE] into buf. */
int lab_path(char *buf, size_t len, const char *name, const char *file,
	     struct lab_err *e);

/* "LAB-NODE" / "LAB.sw" into buf (64 bytes); -ENAMETOOLONG if it does not
 * fit, with e naming both. */
int lab_nsname(char *buf, size_t len, const char *lab, const char *node,
	       struct lab_err *e);

/* Remove a tree under the state dir (refuses anything outside it). */
int lab_rm_tree(const char *path, struct lab_err *e);

/* The absolute path of FILE without touching it (it may be gone):
 * cwd-relative made absolute, "." and ".." folded. */
int lab_abs_path(const char *file, char *buf, size_t len);

#endif

/* ---- lab_up.c / lab_build.c: the state of one `up` in progress ---- */

struct nlreq;

struct up_if {
	char name[16];
	int index;
};

/* One node's (or the switch namespace's) sockets and known links. */
struct up_node {
	struct nlreq *rt;	/* route socket opened inside the namespace */
	struct up_if *ifs;
	int nifs;
};

struct up {
	struct lab *lab;
	const struct topo *t;
	struct up_node *n;	/* t->nnodes + 1 entries; the last: switch */
	int sw;			/* index of the switch entry (= t->nnodes) */
	bool need_sw;
	bool ipv6;		/* the file uses IPv6 addresses */
};

/* The ifindex of NAME in node (cached), or -errno with e filled. */
int up_ifindex(struct up *u, int node, const char *name, struct lab_err *e);

/* Build stages, in this order (lab_build.c). Each checks
 * lab_stop_requested between objects and returns -EINTR if set. */
int up_links(struct up *u, struct lab_err *e);
/* Names in the switch namespace of a network of more than two members:
 * its bridge, and the switch's end of member k's veth (unique for any
 * number of networks and members). */
void lab_switch_bridge_name(const struct topo *t, int net, char br[16]);
void lab_switch_port_name(int net, int member, char port[16]);
int up_node_bridges(struct up *u, struct lab_err *e);
int up_addrs(struct up *u, struct lab_err *e);
int up_routes(struct up *u, struct lab_err *e);
int up_sysctls(struct up *u, struct lab_err *e);
int up_mptcp(struct up *u, struct lab_err *e);
int up_qdiscs(struct up *u, struct lab_err *e);	/* lab_shape.c */

/* Undo a J_QDISC record (lab_shape.c); a namespace or link that is gone
 * already took the qdisc with it. */
int lab_qdisc_undo(const char *arg, struct lab_err *e);

/* -EINTR with a message if a stop was requested, else 0. */
int up_check_stop(struct lab_err *e);

/* Remove what the journal of lab NAME lists, then STATE_DIR/NAME
 * (lab_down.c). Keeps going after errors; returns the first. */
int lab_teardown(const char *name, struct lab_err *e);
