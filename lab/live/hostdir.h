/* hostdir.h: directories a lab must create on the host, shared safely
 * between labs.
 *
 * A `mount private PATH` needs PATH to exist on the host as a mount point.
 * When it is missing the lab creates it and removes it at teardown. Two
 * labs may need the same PATH at once (two SoftEther labs both want
 * /run/softether): the first creates it, and the second must neither
 * leave it behind when it outlives the first, nor lose it when the first
 * goes (removing a directory detaches the bind mounts other mount
 * namespaces have on it).
 *
 * So a directory we create carries an xattr (hostdir_make: created under
 * a temporary name, marked, renamed into place without replacing), a lab
 * that finds a marked directory shares its ownership (hostdir_is_ours),
 * and whoever removes it first checks that no mount namespace on the host
 * still has a mount on it (hostdir_in_use): the last user removes it. */
#ifndef LAB_HOSTDIR_H
#define LAB_HOSTDIR_H

#include <stdbool.h>

/* Create directory path (its parent exists), marked as made by
 * mptcp-lab. Returns 1 if this call created it, 0 if it already existed
 * (made by anyone), or -errno. A file system without xattrs gives an
 * unmarked directory (then only its creator removes it). */
int hostdir_make(const char *path);

/* True if path is a directory an mptcp-lab made (it carries the mark). */
bool hostdir_is_ours(const char *path);

/* True if some mount namespace on the host has a mount on path (scans
 * /proc/PID/mountinfo once per mount namespace). Errors count as "not in
 * use" except for the namespaces that could be read. */
bool hostdir_in_use(const char *path);

#endif
