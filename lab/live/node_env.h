/* node_env.h: entering a lab node, shared by the run engine's process
 * spawner (proc.c) and `mptcp-lab exec`.
 *
 * A process "in node N" runs in N's network namespace and in a mount
 * namespace of its own, where the node's `mount private PATH` entries are
 * the lab's directory STATE_DIR/NAME/nodes/N/mnt/I-SLUG (I the mount's
 * number, so that /a_b and /a/b differ) bind-mounted over
 * PATH and `mount null PATH` entries are /dev/null bound over PATH. The
 * host's mount table never changes.
 *
 * node_env_prepare() runs in the parent (it may write the lab's journal);
 * node_env_enter() runs in the child after fork() and only makes system
 * calls, so it is safe there. */
#ifndef LAB_NODE_ENV_H
#define LAB_NODE_ENV_H

#include <stddef.h>

#include "util/err.h"
#include "live/lab.h"

/* Create what node's mounts need on the host side: the lab's private
 * directories (empty the first time) and any missing mount-point
 * directory, each recorded with lab_journal_add(lab, "hostdir", PATH) so
 * that lab_down removes only what we created. Idempotent. */
int node_env_prepare(struct lab *lab, int node, struct lab_err *e);

/* The lab's directory (or file, for a private file) backing mount m. */
int node_env_private_path(const struct lab *lab, int mount, char *buf,
			  size_t len);

/* In the current (single-threaded) process: join node's network
 * namespace, unshare the mount namespace, make every mount a slave so
 * nothing propagates back, remount /sys for the new network namespace and
 * apply the node's mounts. */
int node_env_enter(const struct lab *lab, int node, struct lab_err *e);

#endif
