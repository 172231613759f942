/* netns.c: named network namespaces (see netns.h). */
#include "kernel/netns.h"
#include "util/clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include <linux/magic.h>

/* The calling thread's namespace now, to come back to. */
static int here(struct lab_err *e)
{
	int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return lab_errf(e, -errno, "open /proc/thread-self/ns/net: %m");
	return fd;
}

/* Back to where here() was taken. setns() into a namespace we hold open
 * fails only for lack of memory; a thread that stayed behind would go on
 * acting inside a lab node, so nothing sensible can continue. */
static void back(int self)
{
	if (setns(self, CLONE_NEWNET) < 0)
		abort();
	close(self);
}

/* /run/netns must be a shared mount point: a namespace mounted on a file
 * inside it then shows in mount namespaces made before and after (the
 * run engine's private mounts), exactly as iproute2 arranges it. */
static int make_shared(struct lab_err *e)
{
	if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
		if (errno != EINVAL)
			return lab_errf(e, -errno, "mount --make-shared %s: %m",
					NETNS_RUN_DIR);
		/* Not a mount point yet: make it one. */
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none",
			  MS_BIND | MS_REC, NULL) < 0)
			return lab_errf(e, -errno, "mount --bind %s: %m",
					NETNS_RUN_DIR);
		if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC,
			  NULL) < 0)
			return lab_errf(e, -errno, "mount --make-shared %s: %m",
					NETNS_RUN_DIR);
	}
	return 0;
}

/* Two first-time callers must not both bind-mount the directory on
 * itself: namespaces mounted between the two binds would end up hidden
 * under the second. A lock on the directory serialises them. */
static int run_dir_ready(struct lab_err *e)
{
	static bool done;
	int fd, err;

	if (done)
		return 0;
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		return lab_errf(e, -errno, "mkdir %s: %m", NETNS_RUN_DIR);
	fd = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return lab_errf(e, -errno, "open %s: %m", NETNS_RUN_DIR);
	flock(fd, LOCK_EX);
	err = make_shared(e);
	close(fd);	/* releases the lock */
	done = !err;
	return err;
}

static int ns_path(char *buf, size_t len, const char *name,
		   struct lab_err *e)
{
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return lab_errf(e, -EINVAL, "bad namespace name '%s'", name);
	if ((size_t)snprintf(buf, len, "%s/%s", NETNS_RUN_DIR, name) >= len)
		return lab_errf(e, -ENAMETOOLONG, "namespace name too long: %s",
				name);
	return 0;
}

int netns_create(const char *name, struct lab_err *e)
{
	char path[PATH_MAX];
	int fd, self, err;

	if ((err = run_dir_ready(e)) ||
	    (err = ns_path(path, sizeof(path), name, e)))
		return err;
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return lab_errf(e, -errno, "create %s: %m", path);
	close(fd);
	if ((self = here(e)) < 0) {
		unlink(path);
		return self;
	}
	err = 0;
	if (unshare(CLONE_NEWNET) < 0)
		err = lab_errf(e, -errno, "unshare(CLONE_NEWNET) for %s: %m",
			       name);
	else if (mount("/proc/thread-self/ns/net", path, "none", MS_BIND,
		       NULL) < 0)
		err = lab_errf(e, -errno, "mount --bind netns on %s: %m", path);
	back(self);
	if (err)
		unlink(path);
	return err;
}

int netns_delete(const char *name, struct lab_err *e)
{
	char path[PATH_MAX];
	int err = ns_path(path, sizeof(path), name, e);

	if (err)
		return err;
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL &&
	    errno != ENOENT)
		return lab_errf(e, -errno, "umount %s: %m", path);
	if (unlink(path) < 0 && errno != ENOENT)
		return lab_errf(e, -errno, "unlink %s: %m", path);
	return 0;
}

int netns_open(const char *name)
{
	char path[PATH_MAX];

	if (ns_path(path, sizeof(path), name, NULL))
		return -EINVAL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

bool netns_exists(const char *name)
{
	char path[PATH_MAX];
	struct statfs sf;

	if (ns_path(path, sizeof(path), name, NULL))
		return false;
	return statfs(path, &sf) == 0 && sf.f_type == NSFS_MAGIC;
}

int netns_join(int nsfd, struct lab_err *e)
{
	if (setns(nsfd, CLONE_NEWNET) < 0)
		return lab_errf(e, -errno, "setns into a network namespace: %m");
	return 0;
}

int netns_run(int nsfd, int (*fn)(void *arg), void *arg, struct lab_err *e)
{
	int self, rc;

	if (nsfd < 0)
		return fn(arg);
	if ((self = here(e)) < 0)
		return self;
	if ((rc = netns_join(nsfd, e)) < 0) {
		close(self);
		return rc;
	}
	rc = fn(arg);
	back(self);
	return rc;
}

/* ---- processes inside namespaces (like `ip netns pids`) ---- */

struct ns_id {
	dev_t dev;
	ino_t ino;
};

static bool pid_in(pid_t pid, const struct ns_id *ids, int n)
{
	char p[64];
	struct stat st;

	snprintf(p, sizeof(p), "/proc/%d/ns/net", (int)pid);
	if (stat(p, &st) < 0)
		return false;	/* gone, or a zombie: nothing to kill */
	for (int i = 0; i < n; i++)
		if (ids[i].dev == st.st_dev && ids[i].ino == st.st_ino)
			return true;
	return false;
}

/* Signal every process in the namespaces; returns how many. */
static int signal_all(const struct ns_id *ids, int n, int sig)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int count = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 0 || pid == getpid())
			continue;
		if (pid_in((pid_t)pid, ids, n) && kill((pid_t)pid, sig) == 0)
			count++;
	}
	closedir(d);
	return count;
}

/* Poll (signal 0) until no process is left or the deadline passes. */
static bool wait_empty(const struct ns_id *ids, int n, double deadline)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	while (signal_all(ids, n, 0) > 0) {
		if (now_mono() >= deadline)
			return false;
		nanosleep(&tick, NULL);
	}
	return true;
}

int netns_kill_procs(char *const names[], int n, double grace)
{
	struct ns_id *ids = calloc(n ? n : 1, sizeof(*ids));
	int nids = 0, found;

	if (!ids)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		struct stat st;

		if (ns_path(path, sizeof(path), names[i], NULL) == 0 &&
		    netns_exists(names[i]) && stat(path, &st) == 0) {
			ids[nids].dev = st.st_dev;
			ids[nids++].ino = st.st_ino;
		}
	}
	found = nids ? signal_all(ids, nids, SIGTERM) : 0;
	if (found && !wait_empty(ids, nids, now_mono() + grace)) {
		/* Repeat: a process may fork while we kill its parent. */
		for (int round = 0; round < 3; round++) {
			signal_all(ids, nids, SIGKILL);
			if (wait_empty(ids, nids, now_mono() + 1.0))
				break;
		}
	}
	free(ids);
	return found;
}
