/* topo_int.h: what the topo_*.c files share and nobody else needs:
 * error helpers, address arithmetic, array growth, the parser's state. */
#ifndef LAB_TOPO_INT_H
#define LAB_TOPO_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "topo/topo.h"
#include "topo/topo_lex.h"

/* Fill err with "file:line:col: message"; always returns -1. */
int topo_errf(struct topo_error *err, const char *file, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int topo_errf_loc(struct topo_error *err, const struct topo_loc *loc,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#if defined(__clang_analyzer__) && !defined(TOPO_ERR_IMPL)
/* clang-tidy's analyzer (make lint) sees one file at a time and cannot
 * know that these always return -1; without this it walks "failed, yet
 * returned 0" paths that do not exist. Never compiled. */
#define topo_errf(...) (topo_errf(__VA_ARGS__), -1)
#define topo_errf_loc(...) (topo_errf_loc(__VA_ARGS__), -1)
#endif

/* Append one zeroed element to *arr (of *n elements of size sz); returns
 * it, or NULL if memory ran out (the array is unchanged then). */
void *topo_push(void *arr, int *n, size_t sz);
/* The elements an array of n elements grown by topo_push() has room
 * for: the smallest power of two >= n (0 for 0). */
size_t topo_capacity(int n);

/* --- topo_addr.c --------------------------------------------------- */

/* Why an address word was refused. */
enum topo_addr_res {
	TOPO_ADDR_OK = 0,
	TOPO_ADDR_BAD,		/* not an address at all */
	TOPO_ADDR_NOPLEN,	/* /PLEN missing where needed */
	TOPO_ADDR_PLEN,		/* /PLEN present where not allowed, or bad */
	TOPO_ADDR_HOSTBITS,	/* prefix with host bits set */
};

/* "10.0.0.1", "fd00::1" (plen set to 32/128). */
enum topo_addr_res topo_addr_parse_host(const char *s, struct topo_addr *a);
/* "10.0.0.0/24": plen required; host bits must be zero if net. */
enum topo_addr_res topo_addr_parse_prefix(const char *s, bool net,
					  struct topo_addr *a);
/* A member address: a full address, or a short host part (".2", "::2")
 * added to the subnet of its family. Returns 0, or -1 with why:
 * "bad" (not an address), "nosubnet" (no subnet of that family),
 * "fit" (host part does not fit in the subnet's host bits). */
int topo_addr_member(const char *s, const struct topo_net *net,
		     struct topo_addr *a, const char **why);

int topo_addr_bits(const struct topo_addr *a);	/* 32 or 128 */
bool topo_addr_eq(const struct topo_addr *a, const struct topo_addr *b);
/* Is a inside the prefix p (a's family equal, first p->plen bits equal)? */
bool topo_addr_in(const struct topo_addr *a, const struct topo_addr *p);
/* Host bits of a (relative to plen) all zero / all one. */
bool topo_addr_host_zero(const struct topo_addr *a, int plen);
bool topo_addr_host_ones(const struct topo_addr *a, int plen);
bool topo_addr_is_linklocal6(const struct topo_addr *a);
/* "unspecified address", "loopback address", "multicast address" (IPv4
 * 0.0.0.0, 127/8, 224/4; IPv6 ::, ::1, ff00::/8), or NULL for others. */
const char *topo_addr_special(const struct topo_addr *a);

/* --- the parser ---------------------------------------------------- */

enum topo_block { BLK_NONE, BLK_NODE, BLK_NET };

/* A node as the parser sees it: mentioned (by a member line or a step)
 * before or without its "node" statement. */
struct topo_noderef {
	bool declared;
	struct topo_loc first_use;
};

/* What the parser keeps about a network beyond struct topo_net. */
struct topo_netinfo {
	int members;
	struct topo_loc name_loc;
};

struct topo_pstate {
	struct topo *t;
	struct topo_error *err;
	struct topo_stmt st;
	int i;				/* next word of st */
	enum topo_block blk;
	int cur;			/* node or network of the block */
	struct topo_noderef *refs;	/* parallel to t->nodes */
	int nrefs;
	struct topo_netinfo *netinfo;	/* parallel to t->nets */
};

struct topo_loc topo_wloc(const struct topo_pstate *ps,
			  const struct topo_word *w);
/* Error at word w: always -1. */
int topo_perr(struct topo_pstate *ps, const struct topo_word *w,
	      const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int topo_enomem(struct topo_pstate *ps);

/* The next word, or NULL at the end of the statement. */
struct topo_word *topo_next(struct topo_pstate *ps);
/* The next word; if none, "missing argument: 'PREV', expected WHAT". */
struct topo_word *topo_need(struct topo_pstate *ps,
			    const struct topo_word *prev, const char *what);
/* Fail if words are left: "unexpected word: 'X', expected the end of the
 * statement". */
int topo_end(struct topo_pstate *ps);
/* Options given twice: bit is set in *seen; error if it was already. */
int topo_once(struct topo_pstate *ps, const struct topo_word *w,
	      unsigned *seen, unsigned bit);

int topo_p_uint(struct topo_pstate *ps, const struct topo_word *w,
		const char *noun, long lo, long hi, long *out);
int topo_p_dur(struct topo_pstate *ps, const struct topo_word *w,
	       double *out);
/* A node, network or service name: 1..TOPO_NAME_MAX-1 letters, digits,
 * '-' or '_', starting with a letter. Such a name is safe as a file name
 * and in generated interface names. */
bool topo_name_ok(const char *s);
int topo_p_name(struct topo_pstate *ps, const struct topo_word *w,
		const char *kind, char out[TOPO_NAME_MAX]);
int topo_p_ifname(struct topo_pstate *ps, const struct topo_word *w,
		  char out[IFNAMSIZ]);
int topo_p_host(struct topo_pstate *ps, const struct topo_word *w,
		const char *what, struct topo_addr *a);
int topo_p_prefix(struct topo_pstate *ps, const struct topo_word *w,
		  bool net, const char *what, struct topo_addr *a);
/* A node name used (not declared) here; interns it. */
int topo_p_noderef(struct topo_pstate *ps, const struct topo_word *w,
		   int *node);
int topo_p_argv(struct topo_pstate *ps, const struct topo_word *kw,
		char ***argv);
char *topo_p_strdup(struct topo_pstate *ps, const char *s);
bool topo_is_keyword(const char *s);
bool topo_is_node_keyword(const char *s);

/* Link properties (topo_parse_shape.c): if w is a property word, read
 * its value into s and return 1; 0 if w is no property; -1 on error. */
int topo_p_shape(struct topo_pstate *ps, const struct topo_word *w,
		 struct topo_shape *s);
int topo_prop_find(const char *word);	/* TOPO_P_*, or -1 */
/* "50mbit" -> bit/s; "1.5%" -> 0.015. 0, or -1 if not that form. */
int topo_parse_rate(const char *s, double *bits);
int topo_parse_pct(const char *s, double *fraction);

/* Node block statements (topo_parse_node.c); w is the keyword. */
int topo_p_sysctl(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_forwarding(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_route(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_mptcp(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_bridge(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_mount(struct topo_pstate *ps, const struct topo_word *w);
/* One option of an MPTCP endpoint (dev, id, port, a flag); *portw gets
 * the port's word (topo_parse_node.c). */
int topo_p_ep_opt(struct topo_pstate *ps, struct topo_word *w,
		  struct topo_endpoint *ep, unsigned *seen,
		  const struct topo_word **portw);
/* The timeline (topo_parse_time.c; start is topo_parse_run.c's). */
int topo_p_start(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_join(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_sleep(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_set(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_endpoint(struct topo_pstate *ps, const struct topo_word *w);
/* Assertions (topo_parse_assert.c). */
int topo_p_assert(struct topo_pstate *ps, const struct topo_word *w);
/* Services and steps (topo_parse_run.c). */
int topo_p_service(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_run(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_wait(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_link(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_expect(struct topo_pstate *ps, const struct topo_word *w);
int topo_p_require(struct topo_pstate *ps, const struct topo_word *w);

/* Semantic checks (topo_check_*.c); each returns 0 or -1 with err. */
int topo_check_ifaces(struct topo *t, struct topo_error *err);
int topo_check_addrs(struct topo *t, struct topo_error *err);
int topo_check_bridges(struct topo *t, struct topo_error *err);
int topo_check_routes(struct topo *t, struct topo_error *err);
int topo_check_mptcp(struct topo *t, struct topo_error *err);
int topo_check_misc(struct topo *t, struct topo_error *err);
int topo_check_shapes(struct topo *t, struct topo_error *err);
int topo_check_timeline(struct topo *t, struct topo_error *err);
int topo_check_asserts(struct topo *t, struct topo_error *err);
/* The combinations one interface's shape must respect; who names it in
 * the message ("client eth0") (topo_check_shape.c). */
int topo_shape_check(const struct topo_shape *s, const char *who,
		     struct topo_error *err);
int topo_fill_defaults(struct topo *t, struct topo_error *err);

/* Does node have this interface (member, bridge, or "lo")? Fills the
 * member index (-1 for a bridge or lo). */
bool topo_node_has_dev(const struct topo *t, int node, const char *dev);
/* Does node own address a (on one of its member interfaces)? */
bool topo_node_has_addr(const struct topo *t, int node,
			const struct topo_addr *a);

/* Text for messages: "10.0.0.2, 10.0.1.2". */
const char *topo_node_addrs_str(const struct topo *t, int node, char *buf,
				size_t len);
/* The bridge of node that has ifname as a port, or -1. */
int topo_bridge_of_port(const struct topo *t, int node, const char *ifname);
/* A device a route or endpoint names ("" = none): the node has it and it
 * is not a bridge port (its address is on the bridge). */
int topo_check_dev(const struct topo *t, int node, const char *dev,
		   const struct topo_loc *loc, struct topo_error *err);

#endif
