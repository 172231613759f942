/* node_env.c: entering a lab node (see node_env.h). */
#include "live/node_env.h"
#include "live/hostdir.h"
#include "kernel/netns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* "/var/lib/softether" -> "var_lib_softether": a readable flat name per
 * PATH under the node's mnt directory (not unique: the caller prefixes
 * the mount's number). */
static void path_slug(const char *path, char *buf, size_t len)
{
	size_t n = 0;

	while (*path == '/')
		path++;
	for (; *path && n + 1 < len; path++)
		buf[n++] = *path == '/' ? '_' : *path;
	buf[n] = '\0';
	if (n == 0 && len > 1)
		snprintf(buf, len, "root");
}

int node_env_private_path(const struct lab *lab, int mount, char *buf,
			  size_t len)
{
	const struct topo_mount *m = &lab->topo->mounts[mount];
	char slug[256];

	/* the mount's number makes it unique: the slug alone maps /a_b and
	 * /a/b to the same directory */
	path_slug(m->path, slug, sizeof(slug));
	if ((size_t)snprintf(buf, len, "%s/nodes/%s/mnt/%d-%s", lab->dir,
			     lab->topo->nodes[m->node].name, mount, slug) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* mkdir -p; if journal is set, record each directory this call created
 * (or another lab created, see hostdir.h) so that teardown removes it
 * (and only it). */
static int mkdirs(struct lab *lab, const char *path, bool journal,
		  struct lab_err *e)
{
	char buf[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(buf, sizeof(buf), "%s", path) >= sizeof(buf))
		return lab_errf(e, -ENAMETOOLONG, "%s: path too long", path);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (stat(buf, &st) < 0) {
			int made = journal ? hostdir_make(buf) :
				   mkdir(buf, 0755) < 0 && errno != EEXIST ? -errno : 1;

			if (made < 0)
				return lab_errf(e, made, "mkdir %s: %s", buf,
						strerror(-made));
			if (journal && (made || hostdir_is_ours(buf)) &&
			    lab_journal_add(lab, "hostdir", buf, e) < 0)
				return e->code;
		} else if (!S_ISDIR(st.st_mode)) {
			return lab_errf(e, -ENOTDIR, "%s: not a directory", buf);
		} else if (journal && hostdir_is_ours(buf) &&
			   lab_journal_add(lab, "hostdir", buf, e) < 0) {
			return e->code;	/* another lab's: shared, see hostdir.h */
		}
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

/* Backing for one private mount: a directory, or an empty file when the
 * host's PATH is a file (e.g. /etc/resolv.conf). A missing PATH becomes
 * a directory we create on the host and record. */
static int prepare_private(struct lab *lab, int i, struct lab_err *e)
{
	const struct topo_mount *m = &lab->topo->mounts[i];
	char back[PATH_MAX], parent[PATH_MAX];
	struct stat st;
	int r, fd;

	r = node_env_private_path(lab, i, back, sizeof(back));
	if (r < 0)
		return lab_errf(e, r, "%s: path too long", m->path);
	if (stat(m->path, &st) < 0) {
		if (errno != ENOENT)
			return lab_errf(e, -errno, "%s: %m", m->path);
		if ((r = mkdirs(lab, m->path, true, e)) < 0)
			return r;
		st.st_mode = S_IFDIR;
	} else if (S_ISDIR(st.st_mode) && hostdir_is_ours(m->path) &&
		   lab_journal_add(lab, "hostdir", m->path, e) < 0) {
		return e->code;	/* made by another lab: shared (hostdir.h) */
	}
	if (S_ISDIR(st.st_mode))
		return mkdirs(lab, back, false, e);
	snprintf(parent, sizeof(parent), "%s", back);
	*strrchr(parent, '/') = '\0';
	if ((r = mkdirs(lab, parent, false, e)) < 0)
		return r;
	fd = open(back, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return lab_errf(e, -errno, "create %s: %m", back);
	close(fd);
	return 0;
}

int node_env_prepare(struct lab *lab, int node, struct lab_err *e)
{
	const struct topo *t = lab->topo;
	struct stat st;
	int r;

	for (int i = 0; i < t->nmounts; i++) {
		const struct topo_mount *m = &t->mounts[i];

		if (m->node != node)
			continue;
		if (m->kind == TOPO_MOUNT_PRIVATE) {
			r = prepare_private(lab, i, e);
			if (r < 0)
				return lab_err_prefix(e, "mount private %s", m->path);
		} else if (stat(m->path, &st) < 0) {
			return lab_errf(e, -errno, "mount null %s: %m", m->path);
		} else if (S_ISDIR(st.st_mode)) {
			return lab_errf(e, -EISDIR, "mount null %s: is a directory, expected a file",
					m->path);
		}
	}
	return 0;
}

static int join_netns(const struct lab *lab, int node, struct lab_err *e)
{
	int fd = lab->nsfd ? lab->nsfd[node] : -1, err;
	bool opened = false;

	if (fd < 0) {
		fd = netns_open(lab->nsname[node]);
		if (fd < 0)
			return lab_errf(e, fd, "open %s/%s: %s", NETNS_RUN_DIR,
					lab->nsname[node], strerror(-fd));
		opened = true;
	}
	err = netns_join(fd, e);
	if (opened)
		close(fd);
	return err ? lab_err_prefix(e, "%s", lab->nsname[node]) : 0;
}

int node_env_enter(const struct lab *lab, int node, struct lab_err *e)
{
	const struct topo *t = lab->topo;
	char back[PATH_MAX];
	int r;

	if ((r = join_netns(lab, node, e)) < 0)
		return r;
	if (unshare(CLONE_NEWNS) < 0)
		return lab_errf(e, -errno, "unshare mount namespace: %m");
	/* Slave, not private: host mounts still appear, ours never leak. */
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return lab_errf(e, -errno, "make / a slave mount: %m");
	/* As `ip netns exec` does, so /sys/class/net shows the node's
	 * interfaces. Best effort: a process that never reads /sys is fine. */
	if (umount2("/sys", MNT_DETACH) == 0)
		mount(lab->nsname[node], "/sys", "sysfs", 0, NULL);
	for (int i = 0; i < t->nmounts; i++) {
		const struct topo_mount *m = &t->mounts[i];
		const char *src = "/dev/null";

		if (m->node != node)
			continue;
		if (m->kind == TOPO_MOUNT_PRIVATE) {
			node_env_private_path(lab, i, back, sizeof(back));
			src = back;
		}
		if (mount(src, m->path, NULL, MS_BIND, NULL) < 0)
			return lab_errf(e, -errno, "bind %s over %s: %m", src,
					m->path);
	}
	return 0;
}
