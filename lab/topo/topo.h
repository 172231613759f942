/* topo.h: the in-memory model of a topology file, and its parser.
 *
 * A topology file (grammar: docs/topology.md, mptcp-lab.topo(5)) becomes
 * one struct topo. Parsing (topo_parse.c) checks syntax; topo_check()
 * (topo_check.c) checks meaning (undefined names, subnets, gateways, ...).
 * Neither touches the kernel. Everything else in the lab reads this model
 * and never the file.
 *
 * Objects refer to each other by index into the arrays of struct topo
 * (node, net), never by pointer, so the arrays can grow while parsing.
 * Every object keeps the location it was declared at, for error messages
 * raised later (e.g. by the kernel when the lab is built). */
#ifndef LAB_TOPO_H
#define LAB_TOPO_H

#include "util/features.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>		/* IFNAMSIZ */

#define TOPO_NAME_MAX	32	/* node, network and service names, with NUL */
#define TOPO_MAX_ADDRS	4	/* addresses on one member interface / link step */
#define TOPO_MAX_NH	16	/* nexthops of one multipath route */

struct topo_loc {
	const char *file;	/* points into struct topo (file name) */
	int line;		/* 1-based */
	int col;		/* 1-based, of the first character of the word */
};

/* Where an object's loc points: the first word of its statement (the
 * keyword, or NODE of a member line), except topo_sysctl (the KEY=VALUE
 * word), topo_mount (the PATH) and topo_expect (the EVENT term). The
 * *_loc fields added below point at one word of the statement, so that
 * semantic errors found later can name exactly that word; a zero line
 * means the word was not written (or the object was added by
 * topo_check(), e.g. the multipath hash sysctl). */

/* An IPv4 or IPv6 address with a prefix length. For interface addresses
 * plen is the subnet's; for route destinations the route's; for plain
 * addresses (via, src, endpoint) it is 32 or 128. */
struct topo_addr {
	int family;		/* AF_INET, AF_INET6, or 0 = not set */
	uint8_t bytes[16];	/* network order; IPv4 uses bytes[0..3] */
	int plen;
};

struct topo_sysctl {
	int node;
	char *key;		/* dotted, "net.ipv4.ip_forward" */
	char *value;
	struct topo_loc loc;
};

struct topo_node {
	char name[TOPO_NAME_MAX];
	struct topo_loc loc;
};

/* Link properties ("rate 50mbit delay 20ms loss 1%"): what happens to the
 * packets one side of a link sends (the egress of a member's interface).
 * Written on a network line they apply to every member, on a member line
 * to that member; topo_check() merges the network's into each member's
 * (a member's own word wins), so after it topo_iface.shape is complete.
 * Rate needs tbf, delay/jitter/loss need netem (topo_shape_kinds()). */
enum topo_prop {
	TOPO_P_RATE, TOPO_P_DELAY, TOPO_P_JITTER, TOPO_P_LOSS, TOPO_P_LIMIT,
	TOPO_NPROPS
};

struct topo_shape {
	uint64_t rate;		/* bit/s */
	uint32_t delay_us;
	uint32_t jitter_us;
	uint32_t loss_ppm;	/* parts per million: 1% = 10000 */
	uint32_t limit;		/* queue limit, packets */
	unsigned set;		/* bit 1 << TOPO_P_*: the property was written */
	struct topo_loc loc[TOPO_NPROPS];	/* of each value word */
};

/* A layer-2 segment. Two members: one veth pair. More: a Linux bridge in
 * the lab's switch namespace and a veth from each member to it. */
struct topo_net {
	char name[TOPO_NAME_MAX];
	struct topo_addr subnet4;	/* family 0 if the network has none */
	struct topo_addr subnet6;
	struct topo_shape shape;	/* properties on the network line */
	bool capture;		/* `capture`: a pcap per member interface */
	struct topo_loc loc;
};

/* One node's interface on one network ("server eth0 .2"). Short host
 * parts are already expanded against the network's subnet here. */
struct topo_iface {
	int node;
	int net;
	char ifname[IFNAMSIZ];
	struct topo_addr addrs[TOPO_MAX_ADDRS];	/* plen = subnet's */
	int naddrs;
	struct topo_shape shape;	/* egress; the network's merged in */
	struct topo_loc loc;
	struct topo_loc ifname_loc;
	struct topo_loc addr_loc[TOPO_MAX_ADDRS];
};

/* A Linux bridge inside a node ("bridge br0 eth1 eth2"). Ports are
 * interfaces the lab creates for that node; their addresses are put on
 * the bridge instead (a bridge port cannot use an address of its own). */
struct topo_bridge {
	int node;
	char name[IFNAMSIZ];
	char (*ports)[IFNAMSIZ];
	int nports;
	struct topo_loc loc;
	struct topo_loc *port_locs;	/* nports entries */
	struct topo_loc name_loc;
};

struct topo_nexthop {
	struct topo_addr via;	/* family 0 = none (dev only) */
	char dev[IFNAMSIZ];	/* "" = none */
	int weight;		/* as `ip route ... weight N`: 1..256; 0 = not given (1) */
	struct topo_loc via_loc;
	struct topo_loc dev_loc;
};

struct topo_route {
	int node;
	bool is_default;	/* "default": dst is 0/0 or ::/0 */
	struct topo_addr dst;	/* family decides the table (v4/v6) */
	bool multipath;		/* written with "nexthop"; nh[] has >= 1 entry */
	struct topo_nexthop nh[TOPO_MAX_NH];	/* single path: nh[0] only */
	int nnh;
	struct topo_addr src;	/* preferred source, family 0 = none */
	uint32_t metric;
	bool has_metric;
	struct topo_loc loc;
	struct topo_loc dst_loc;
	struct topo_loc src_loc;
};

struct topo_limits {
	int node;
	int subflows;		/* -1 = not set */
	int add_addr_accepted;	/* -1 = not set */
	struct topo_loc loc;
};

/* Flags are the kernel's MPTCP_PM_ADDR_FLAG_* values (linux/mptcp.h). */
struct topo_endpoint {
	int node;
	struct topo_addr addr;
	char dev[IFNAMSIZ];	/* "" = kernel chooses */
	int id;			/* 0 = kernel chooses, else 1..255 */
	int port;		/* 0 = none; only with signal */
	uint32_t flags;
	struct topo_loc loc;
	struct topo_loc addr_loc;
	struct topo_loc dev_loc;
	struct topo_loc id_loc;
};

/* "mount private PATH" gives every process the node runs a directory of
 * the lab's own bind-mounted over PATH (the same one for all processes of
 * that node, empty at lab start); "mount null PATH" binds /dev/null over a
 * file. Both in a mount namespace private to the process, so the host's
 * view never changes. */
enum topo_mount_kind { TOPO_MOUNT_PRIVATE, TOPO_MOUNT_NULL };

struct topo_mount {
	int node;
	enum topo_mount_kind kind;
	char *path;		/* absolute */
	struct topo_loc loc;
};

/* How the run engine knows a service is ready. */
enum topo_ready_kind {
	TOPO_READY_NONE,	/* started is ready */
	TOPO_READY_TCP,		/* a TCP socket LISTENs on port in the node */
	TOPO_READY_CMD,		/* ready_argv exits 0 (and prints ready_match) */
};

/* A long-running process in a node, started before the steps and stopped
 * (SIGTERM, SIGKILL after grace) after them. */
struct topo_service {
	int node;
	char name[TOPO_NAME_MAX];	/* default: basename of argv[0], made unique */
	char **argv;			/* NULL-terminated */
	enum topo_ready_kind ready;
	int ready_port;
	char **ready_argv;		/* NULL-terminated, for TOPO_READY_CMD */
	char *ready_match;		/* substring of stdout, or NULL */
	double timeout;			/* readiness deadline, seconds (default 10) */
	double grace;			/* SIGTERM -> SIGKILL, seconds (default 3) */
	struct topo_loc loc;
	struct topo_loc name_loc;	/* line 0: name was defaulted */
};

enum topo_step_kind {
	TOPO_STEP_RUN,		/* run a command, wait for it, check exit status */
	TOPO_STEP_WAIT,		/* poll a command until it exits 0 (and matches) */
	TOPO_STEP_LINK,		/* wait for an interface, then configure it */
	/* the timeline (docs/topology.md, "Timeline") */
	TOPO_STEP_START,	/* a command in the background, name = its label */
	TOPO_STEP_JOIN,		/* wait for a started command, check its exit */
	TOPO_STEP_SLEEP,	/* let `timeout` seconds pass */
	TOPO_STEP_SET,		/* an interface (or a network's) up/down, properties */
	TOPO_STEP_ENDPOINT,	/* an MPTCP endpoint added, deleted, flags changed */
};

enum topo_ep_op {
	TOPO_EP_ADD = 1,	/* with the address, dev, id, flags in ep */
	TOPO_EP_DELETE,		/* the endpoint with ep.addr */
	TOPO_EP_BACKUP,		/* set / clear the backup flag of ep.addr */
	TOPO_EP_NOBACKUP,
};

/* Steps run in file order after every service is ready. */
struct topo_step {
	enum topo_step_kind kind;
	int node;
	char name[TOPO_NAME_MAX];	/* RUN, WAIT, START, JOIN: the label, or "" */
	char **argv;		/* RUN, WAIT; NULL-terminated */
	double timeout;		/* seconds; default RUN/START 60, WAIT 10, LINK 10;
				 * SLEEP: how long */
	int expect_exit;	/* RUN: expected exit status (default 0) */
	char *match;		/* WAIT: substring stdout must contain, or NULL */
	double interval;	/* WAIT: poll interval, seconds (default 0.1) */
	/* LINK */
	char ifname[IFNAMSIZ];
	bool up;
	char master[IFNAMSIZ];	/* "" = none */
	struct topo_addr addrs[TOPO_MAX_ADDRS];
	int naddrs;
	struct topo_loc loc;
	struct topo_loc name_loc;	/* line 0: no name given */
	struct topo_loc ifname_loc;	/* LINK */
	struct topo_loc master_loc;	/* LINK */
	struct topo_loc addr_loc[TOPO_MAX_ADDRS];	/* LINK */
	struct topo_shape shape;	/* SET: the properties to change */
	int target;		/* JOIN: index of the START step joined */
	int net;		/* SET: every member of this network, or -1 */
	int updown;		/* SET: 1 up, -1 down, 0 leave as it is */
	enum topo_ep_op ep_op;	/* ENDPOINT */
	struct topo_endpoint ep;	/* ENDPOINT: node, address, options */
};

/* "expect client CREATED=2": the count of one event type seen in one node
 * during the run lies in [min, max] (max = -1: no upper bound). */
struct topo_expect {
	int node;
	int event;		/* MPTCP_EVENT_* number, see event_names.h */
	long min;
	long max;
	/* Kernel features the count needs: `if FEATURE`, and listener-events
	 * for the LISTENER_* events. Not checked (a named skip) without. */
	feature_mask needs;
	struct topo_loc loc;
};

/* "assert ..." lines: checked after the steps (docs/topology.md,
 * "Assertions"). Steps are named by their label (`name LABEL`). */
enum topo_assert_kind {
	TOPO_A_THROUGHPUT,	/* a step's measured bit/s against value */
	TOPO_A_RATIO,		/* a step's bit/s against factor x another's */
	TOPO_A_INTACT,		/* a verified transfer (mptcp-lab xfer) arrived whole */
	TOPO_A_MIB,		/* a MPTcpExt counter's change over the run */
	TOPO_A_SHARE,		/* an interface's share of its node's bytes */
};

enum topo_assert_window {
	TOPO_W_RUN,		/* the whole run: first step to the end */
	TOPO_W_UNTIL,		/* first step to the start of step `window` */
	TOPO_W_FROM,		/* start of step `window` to the end */
};

struct topo_assert {
	enum topo_assert_kind kind;
	char op;		/* '>' at least, '<' at most, '=' exactly/range */
	double value;		/* bit/s; RATIO: the factor; SHARE: 0..1 */
	long min, max;		/* MIB: the range (max -1: none) */
	int step, step2;	/* the labelled steps (RATIO: step2 the base) */
	int node;		/* MIB, SHARE */
	char counter[48];	/* MIB: "MPTcpExtMPJoinSynAckRx" */
	char ifname[IFNAMSIZ];	/* SHARE */
	enum topo_assert_window window;
	int wstep;		/* SHARE: the step bounding the window */
	char label[TOPO_NAME_MAX], label2[TOPO_NAME_MAX], wlabel[TOPO_NAME_MAX];
	struct topo_loc loc;	/* the kind word */
	struct topo_loc label_loc, label2_loc, wlabel_loc, ifname_loc;
};

struct topo {
	char *file;		/* as given on the command line */
	char *name;		/* default lab name: file's basename without .topo */

	struct topo_node *nodes;	int nnodes;
	struct topo_net *nets;		int nnets;
	struct topo_iface *ifaces;	int nifaces;
	struct topo_bridge *bridges;	int nbridges;
	struct topo_route *routes;	int nroutes;
	struct topo_sysctl *sysctls;	int nsysctls;
	struct topo_limits *limits;	int nlimits;	/* at most one per node */
	struct topo_endpoint *endpoints; int nendpoints;
	struct topo_mount *mounts;	int nmounts;
	struct topo_service *services;	int nservices;
	struct topo_step *steps;	int nsteps;
	struct topo_expect *expects;	int nexpects;
	struct topo_assert *asserts;	int nasserts;
	/* Kernel features without which the scenario cannot run (`require`,
	 * and those the file's statements imply, e.g. netem for a delay):
	 * `run` skips it, naming what is missing, before building anything. */
	feature_mask requires;
	struct topo_loc requires_loc;	/* the first `require` */

	struct topo_index *index;	/* lookup tables (private to lab/topo) */
};

/* A parse or check error: "file:line:col: message". */
struct topo_error {
	char file[256];
	int line;
	int col;
	char msg[512];
};

/* Format e as the one line users see: "FILE:LINE:COL: MSG". */
void topo_error_format(const struct topo_error *e, char *buf, size_t len);

/* Parse a file / a string (name is used as the file name in messages).
 * Returns NULL and fills err on a syntax error or an I/O error. The result
 * is syntactically valid but not yet checked: call topo_check(). */
struct topo *topo_parse_file(const char *path, struct topo_error *err);
struct topo *topo_parse_string(const char *name, const char *text,
			       struct topo_error *err);
/* The same for len bytes that may hold a NUL (an error with its line and
 * column) and need not be NUL-terminated. A leading UTF-8 byte order mark
 * is skipped by all three. */
struct topo *topo_parse_buf(const char *name, const char *buf, size_t len,
			    struct topo_error *err);

/* Semantic checks (see docs/topology.md, "Checks"). Also fills defaults
 * that depend on the whole file (service names, the multipath hash
 * sysctl). Returns 0, or -1 with err filled for the first problem. */
int topo_check(struct topo *t, struct topo_error *err);

void topo_free(struct topo *t);

/* Lookups; -1 if absent. */
/* The name a topology file gives its lab: the file's base name without
 * ".topo". Returns where it starts in file; *len gets its length. */
const char *topo_file_stem(const char *file, size_t *len);
int topo_node_find(const struct topo *t, const char *name);
int topo_net_find(const struct topo *t, const char *name);
int topo_iface_find(const struct topo *t, int node, const char *ifname);

/* The qdisc kinds a shape needs: bit 0 tbf (rate), bit 1 netem (delay,
 * jitter, loss); 0 for a perfect link. */
#define TOPO_NEEDS_TBF		1u
#define TOPO_NEEDS_NETEM	2u
unsigned topo_shape_kinds(const struct topo_shape *s);
/* Every kind any interface (or step) of t needs. */
unsigned topo_needs_qdiscs(const struct topo *t);

/* Copy the properties src has written over dst (a member's over its
 * network's, a `set` step's over the interface's). */
void topo_shape_overlay(struct topo_shape *dst, const struct topo_shape *src);

/* "50mbit", "20ms", "1%" for messages and reports; prop is TOPO_P_*. */
const char *topo_prop_str(const struct topo_shape *s, int prop, char *buf,
			  size_t len);
extern const char *const topo_prop_names[TOPO_NPROPS];

/* Text form of an address, "10.0.0.1" or "10.0.0.1/24" (with_plen). */
const char *topo_addr_str(const struct topo_addr *a, bool with_plen,
			  char *buf, size_t len);

#endif
