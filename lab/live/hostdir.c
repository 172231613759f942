/* hostdir.c: host directories shared between labs (see hostdir.h). */
#include "live/hostdir.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#define HOSTDIR_XATTR "trusted.mptcp-lab"

int hostdir_make(const char *path)
{
	char tmp[PATH_MAX];
	int err;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.mptcp-lab-%d", path,
			     (int)getpid()) >= sizeof(tmp))
		return -ENAMETOOLONG;
	/* A stale one from a killed process that had our pid: reuse it. */
	if (mkdir(tmp, 0755) < 0 && (errno != EEXIST || rmdir(tmp) < 0 ||
				     mkdir(tmp, 0755) < 0))
		return -errno;
	/* Marked before it appears under its name, so a lab that sees it
	 * also sees the mark. */
	(void)setxattr(tmp, HOSTDIR_XATTR, "1", 1, 0);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 1;
	err = errno;
	rmdir(tmp);
	if (err == EEXIST)
		return 0;
	if (err != EINVAL && err != ENOSYS)
		return -err;
	/* No RENAME_NOREPLACE here: plain mkdir, marked afterwards. */
	if (mkdir(path, 0755) < 0)
		return errno == EEXIST ? 0 : -errno;
	(void)setxattr(path, HOSTDIR_XATTR, "1", 1, 0);
	return 1;
}

bool hostdir_is_ours(const char *path)
{
	return getxattr(path, HOSTDIR_XATTR, NULL, 0) >= 0;
}

/* mountinfo escapes blanks and backslashes as \ooo; undo that in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Is path a mount point in /proc/PID/mountinfo? Field 5 is the mount
 * point. */
static bool mounted_in(const char *pid, const char *path)
{
	char file[320], line[4096];
	bool found = false;
	FILE *f;

	snprintf(file, sizeof(file), "/proc/%s/mountinfo", pid);
	if (!(f = fopen(file, "re")))
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL, *w = strtok_r(line, " ", &save);

		for (int i = 1; w && i < 5; i++)
			w = strtok_r(NULL, " ", &save);
		if (w) {
			unescape(w);
			found = !strcmp(w, path);
		}
	}
	fclose(f);
	return found;
}

static bool seen(const ino_t *ns, int n, ino_t ino)
{
	for (int i = 0; i < n; i++)
		if (ns[i] == ino)
			return true;
	return false;
}

bool hostdir_in_use(const char *path)
{
	ino_t *ns = NULL;
	int n = 0, cap = 0;
	bool found = false;
	struct dirent *de;
	DIR *d = opendir("/proc");

	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		char nsf[320];
		struct stat st;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(nsf, sizeof(nsf), "/proc/%s/ns/mnt", de->d_name);
		if (stat(nsf, &st) < 0 || seen(ns, n, st.st_ino))
			continue;
		if (n == cap) {
			ino_t *p = realloc(ns, (cap ? cap * 2 : 32) * sizeof(*ns));

			if (!p)
				break;
			ns = p;
			cap = cap ? cap * 2 : 32;
		}
		ns[n++] = st.st_ino;
		found = mounted_in(de->d_name, path);
	}
	closedir(d);
	free(ns);
	return found;
}
