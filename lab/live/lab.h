/* lab.h: a live lab: the kernel state a topology describes, and its record.
 *
 * lab_up() turns a checked struct topo into namespaces, links, addresses,
 * routes, sysctls and MPTCP configuration, recording every object in the
 * lab's journal (STATE_DIR/NAME/journal) before or as it is created.
 * lab_down() reads only that journal, so it works after the topology file
 * changed or vanished and after mptcp-lab was killed with SIGKILL.
 *
 * Names: a lab is NAME (default: the topology's name plus a random
 * suffix); node N lives in network namespace "NAME-N" under /run/netns
 * (as `ip netns add` makes it), networks with more than two members are
 * bridges in the lab's own switch namespace "NAME.sw". No lab object ever
 * lives in the host's namespace. */
#ifndef LAB_LAB_H
#define LAB_LAB_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "util/err.h"
#include "topo/topo.h"

#define LAB_NAME_MAX 40
#define LAB_DEFAULT_STATE_DIR "/run/mptcp-lab"

struct journal;

struct lab {
	char name[LAB_NAME_MAX];
	char dir[PATH_MAX];		/* STATE_DIR/NAME */
	const struct topo *topo;	/* not owned */
	char (*nsname)[64];		/* per node index */
	int *nsfd;			/* per node index, -1 if not open */
	struct journal *journal;
};

/* Set by the front end's SIGINT/SIGTERM handler; lab_up() and the run
 * engine check it between steps and roll back. */
extern volatile sig_atomic_t lab_stop_requested;

/* The state directory: --state-dir, else $MPTCP_LAB_STATE_DIR, else
 * LAB_DEFAULT_STATE_DIR. lab_set_state_dir(NULL) restores the default. */
const char *lab_state_dir(void);
void lab_set_state_dir(const char *dir);

/* 0 if name can name a lab of topology t: 1..LAB_NAME_MAX-1 characters
 * of [A-Za-z0-9_.-] starting with a letter or digit, and every namespace
 * name NAME-NODE short enough; else -EINVAL or -ENAMETOOLONG with e. The
 * command line checks a --name with it before anything is built. */
int lab_name_usable(const char *name, const struct topo *t,
		    struct lab_err *e);

/* Build the lab. name: NULL picks topo->name + "-" + 4 random hex digits.
 * Fails with -EEXIST if a lab of that name exists. On failure everything
 * this call created is removed and lab is left closed. */
int lab_up(struct lab *lab, const struct topo *t, const char *name,
	   struct lab_err *e);

/* Tear down the lab NAME from its journal: kill every process in its
 * namespaces, remove its namespaces (and with them every link), undo
 * what the journal lists in reverse order, remove STATE_DIR/NAME. */
int lab_down(const char *name, struct lab_err *e);

/* Record an extra object a later stage created (e.g. "hostdir PATH"),
 * so that lab_down() removes it too. */
int lab_journal_add(struct lab *lab, const char *kind, const char *arg,
		    struct lab_err *e);

/* Free the in-memory handle (close fds); the lab stays up. */
void lab_close(struct lab *lab);

/* Open an existing lab by name (for exec, monitor, status): fills
 * nsname/nsfd from the journal and parses the saved copy of the topology
 * (STATE_DIR/NAME/topology) into *topo_out (caller frees). */
int lab_open(struct lab *lab, const char *name, struct topo **topo_out,
	     struct lab_err *e);

/* Configure an interface inside a node after lab_up (the LINK step): wait
 * until it exists (until deadline, CLOCK_MONOTONIC seconds), then set
 * master, addresses, up. */
int lab_link_configure(const struct lab *lab, const struct topo_step *st,
		       double deadline, struct lab_err *e);

/* Change an interface of a node mid-run (a `set` step): properties
 * (shape, NULL: leave them) replace the interface's qdiscs, then updown
 * (1 up, -1 down, 0 leave) its state. Recorded in the journal like the
 * qdiscs of lab_up(). */
int lab_iface_set(struct lab *lab, int node, const char *ifname, int updown,
		  const struct topo_shape *shape, struct lab_err *e);

/* A timeline's `endpoint` step (st->kind TOPO_STEP_ENDPOINT): add,
 * delete, or set/clear the backup flag of an MPTCP endpoint in st->node.
 * Endpoints live in the node's namespace: nothing to journal. */
int lab_endpoint_change(struct lab *lab, const struct topo_step *st,
			struct lab_err *e);

/* ---- listing labs (status, down FILE, down --all) ---- */

/* The labs in the state dir, sorted by name. Free with lab_list_free(). */
int lab_list(char ***names, int *n, struct lab_err *e);
void lab_list_free(char **names, int n);

/* The user a lab is recorded as built by: the uid sudo was called by
 * when running as root through sudo ($SUDO_UID), else the real uid. */
uid_t lab_user_id(void);

/* The labs whose journal says they were brought up from FILE (compared as
 * an absolute path, symlinks resolved where FILE still exists, so it works
 * after the file was deleted): into *mine those lab_user_id() built (and
 * those of a version that did not record it), into *others the rest
 * (either may be NULL: not wanted). Free both with lab_list_free(). */
int lab_find_by_file(const char *file, char ***mine, int *nmine,
		     char ***others, int *nothers, struct lab_err *e);

/* What the journal of one lab says, and whether each namespace still
 * exists (status). node is "" for the switch namespace. */
struct lab_ns_info {
	char node[TOPO_NAME_MAX];
	char nsname[64];
	bool exists;
};

struct lab_info {
	char name[LAB_NAME_MAX];
	char file[PATH_MAX];		/* "" if not recorded */
	struct lab_ns_info *ns;
	int nns;
};

int lab_info_read(const char *name, struct lab_info *info,
		  struct lab_err *e);
void lab_info_free(struct lab_info *info);

#endif
