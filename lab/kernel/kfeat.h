/* kfeat.h: which of the features in util/features.h this kernel has.
 *
 * Detected by trying, never from the version number: in a child process
 * with a network namespace of its own (so nothing of the host or of a lab
 * is touched, and nothing is left behind), open an MPTCP listener while
 * subscribed to the path-manager events, ask for the socket options, add
 * each queueing discipline to the namespace's loopback, look for the
 * sysctls. The same child checks the sysctl keys a topology writes, since
 * a node is such a namespace (some net.* keys exist only on the host). */
#ifndef LAB_KFEAT_H
#define LAB_KFEAT_H

#include <stdbool.h>

#include "util/err.h"
#include "util/features.h"

#define KFEAT_SYSCTL_MAX 64	/* keys checked per probe */

struct kfeat_set {
	feature_mask present;	/* features found */
	int info_size;		/* bytes MPTCP_INFO returns, 0: none */
	char release[65];	/* uname -r */
	/* sysctl_ok[i]: keys[i] of kfeat_probe() exists in a namespace */
	bool sysctl_ok[KFEAT_SYSCTL_MAX];
};

/* Probe every feature, and whether each of keys[0..nkeys) ("net.x.y",
 * at most KFEAT_SYSCTL_MAX) exists. Returns 0, or a negative errno when
 * the probe itself could not run (no fork, no namespace: not root). */
int kfeat_probe(const char *const *keys, int nkeys, struct kfeat_set *s,
		struct lab_err *e);

static inline bool kfeat_has(const struct kfeat_set *s, enum feature f)
{
	return s->present & FEATURE_BIT(f);
}

#endif
