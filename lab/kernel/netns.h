/* netns.h: named network namespaces, made the way `ip netns add` makes
 * them, so users can `ip netns exec NAME ...` into a lab node.
 *
 * A named namespace is an empty file /run/netns/NAME with the namespace
 * bind-mounted on it; /run/netns itself is a shared mount point so the
 * mount propagates into mount namespaces created later.
 *
 * netns_run() is the one way to act inside a namespace and come back: a
 * socket keeps the namespace it was opened in, and /proc/sys/net shows
 * the namespace of the thread that opens a file, so code that needs a
 * node's sockets or sysctls runs a function there. */
#ifndef LAB_NETNS_H
#define LAB_NETNS_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/err.h"

#define NETNS_RUN_DIR "/run/netns"

/* Create NAME (-EEXIST if the file exists). The thread stays where it is. */
int netns_create(const char *name, struct lab_err *e);

/* Unmount and unlink NAME; a missing or half-made one is not an error. */
int netns_delete(const char *name, struct lab_err *e);

/* An O_RDONLY fd of NAME, or -errno. */
int netns_open(const char *name);

/* NAME exists and is a mounted namespace. */
bool netns_exists(const char *name);

/* Run fn(arg) with the calling thread inside the namespace nsfd (-1:
 * where it is) and bring it back where it was. Returns fn's result, or
 * -errno with e filled if nsfd cannot be entered. If the thread cannot
 * come back, the process aborts: it would go on in a lab node. */
int netns_run(int nsfd, int (*fn)(void *arg), void *arg, struct lab_err *e);

/* Move the calling thread into nsfd for good (a child about to exec). */
int netns_join(int nsfd, struct lab_err *e);

/* Every process whose network namespace is one of names[0..n): SIGTERM,
 * then SIGKILL for those still alive after grace seconds. Waits (up to
 * another second) until they are gone. Returns how many were found. */
int netns_kill_procs(char *const names[], int n, double grace);

#endif
