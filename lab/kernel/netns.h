/* netns.h: named network namespaces, made the way `ip netns add` makes
 * them, so users can `ip netns exec NAME ...` into a lab node.
 *
 * A named namespace is an empty file /run/netns/NAME with the namespace
 * bind-mounted on it; /run/netns itself is a shared mount point so the
 * mount propagates into mount namespaces created later. The calling thread
 * moves between namespaces with netns_enter()/netns_leave(); "home" is the
 * namespace the process was in at its first netns_*() call. */
#ifndef LAB_NETNS_H
#define LAB_NETNS_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/err.h"

#define NETNS_RUN_DIR "/run/netns"

/* Create NAME (-EEXIST if the file exists). The thread stays home. */
int netns_create(const char *name, struct lab_err *e);

/* Unmount and unlink NAME; a missing or half-made one is not an error. */
int netns_delete(const char *name, struct lab_err *e);

/* An O_RDONLY fd of NAME, or -errno. */
int netns_open(const char *name);

/* NAME exists and is a mounted namespace. */
bool netns_exists(const char *name);

/* Move the calling thread into the namespace fd / back home. */
int netns_enter(int fd, struct lab_err *e);
int netns_leave(struct lab_err *e);

/* Every process whose network namespace is one of names[0..n): SIGTERM,
 * then SIGKILL for those still alive after grace seconds. Waits (up to
 * another second) until they are gone. Returns how many were found. */
int netns_kill_procs(char *const names[], int n, double grace);

#endif
