/* lab_state.c: the state directory and the names and paths in it. */
#include "live/lab_priv.h"

#include <ctype.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char state_dir_override[PATH_MAX];

const char *lab_state_dir(void)
{
	const char *env;

	if (state_dir_override[0])
		return state_dir_override;
	env = getenv("MPTCP_LAB_STATE_DIR");
	if (env && *env)
		return env;
	return LAB_DEFAULT_STATE_DIR;
}

void lab_set_state_dir(const char *dir)
{
	if (!dir) {
		state_dir_override[0] = '\0';
		return;
	}
	snprintf(state_dir_override, sizeof(state_dir_override), "%s", dir);
}

int lab_name_check(const char *name, struct lab_err *e)
{
	size_t n = strlen(name);

	if (n == 0 || n >= LAB_NAME_MAX)
		return lab_errf(e, -EINVAL,
				"lab name '%s': expected 1 to %d characters",
				name, LAB_NAME_MAX - 1);
	if (!isalnum((unsigned char)name[0]))
		return lab_errf(e, -EINVAL,
				"lab name '%s': expected a letter or digit first",
				name);
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("_.-", name[i]))
			return lab_errf(e, -EINVAL,
					"lab name '%s': character '%c' not allowed (expected [A-Za-z0-9_.-])",
					name, name[i]);
	return 0;
}

int lab_name_usable(const char *name, const struct topo *t,
		    struct lab_err *e)
{
	char ns[64];
	int err = lab_name_check(name, e);

	for (int i = 0; !err && i < t->nnodes; i++)
		err = lab_nsname(ns, sizeof(ns), name, t->nodes[i].name, e);
	return err ? err : lab_nsname(ns, sizeof(ns), name, NULL, e);
}

int lab_path(char *buf, size_t len, const char *name, const char *file,
	     struct lab_err *e)
{
	int n = file ? snprintf(buf, len, "%s/%s/%s", lab_state_dir(), name,
				file)
		     : snprintf(buf, len, "%s/%s", lab_state_dir(), name);

	if (n < 0 || (size_t)n >= len)
		return lab_errf(e, -ENAMETOOLONG, "state path too long for %s",
				name);
	return 0;
}

int lab_nsname(char *buf, size_t len, const char *lab, const char *node,
	       struct lab_err *e)
{
	int n = node ? snprintf(buf, len, "%s-%s", lab, node)
		     : snprintf(buf, len, "%s%s", lab, LAB_SW_SUFFIX);

	if (n < 0 || (size_t)n >= len)
		return lab_errf(e, -ENAMETOOLONG,
				"namespace name '%s-%s' is longer than %zu characters: pick a shorter --name",
				lab, node ? node : "sw", len - 1);
	return 0;
}

/* Is NAME in dirfd the root of a mount? Such a directory is left alone
 * (its parent then fails to go, which says what is still mounted). Asked
 * of the mount itself, not by comparing device numbers: on overlayfs a
 * file reports another st_dev than its directory. */
static bool is_mount_root(int dirfd, const char *name)
{
	struct statx stx;

	if (statx(dirfd, name, AT_SYMLINK_NOFOLLOW, STATX_TYPE, &stx) < 0)
		return false;
	return stx.stx_attributes_mask & stx.stx_attributes &
	       STATX_ATTR_MOUNT_ROOT;
}

/* Remove NAME in dirfd and, if it is a directory, everything below it,
 * never following a symbolic link or entering another mount. */
static int rm_at(int dirfd, const char *name, int depth)
{
	struct dirent *de;
	DIR *d;
	int fd, err = 0;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if ((errno != EISDIR && errno != EPERM) || depth > 64 ||
	    is_mount_root(dirfd, name))
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    rm_at(fd, de->d_name, depth + 1) < 0 && !err)
			err = errno;
	closedir(d);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return -1;
	errno = err;
	return err ? -1 : 0;
}

int lab_rm_tree(const char *path, struct lab_err *e)
{
	const char *sd = lab_state_dir();
	size_t n = strlen(sd);

	if (strncmp(path, sd, n) || path[n] != '/' || strstr(path, "/.."))
		return lab_errf(e, -EPERM,
				"refusing to remove %s: not under the state dir %s",
				path, sd);
	if (rm_at(AT_FDCWD, path, 0) < 0 && errno != ENOENT)
		return lab_errf(e, -errno, "remove %s: %m", path);
	return 0;
}

/* Fold "." and ".." in an absolute path, in place. */
static void fold(char *p)
{
	char *out = p, *seg = p;

	while (*seg) {
		while (*seg == '/')
			seg++;
		char *end = strchrnul(seg, '/');
		size_t n = end - seg;

		if (n == 0 || (n == 1 && seg[0] == '.')) {
			/* skip */
		} else if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > p && *--out != '/')
				;
		} else {
			*out++ = '/';
			memmove(out, seg, n);
			out += n;
		}
		seg = end;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

int lab_abs_path(const char *file, char *buf, size_t len)
{
	char cwd[PATH_MAX];
	int n;

	if (file[0] == '/') {
		n = snprintf(buf, len, "%s", file);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return -errno;
		n = snprintf(buf, len, "%s/%s", cwd, file);
	}
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	fold(buf);
	return 0;
}
