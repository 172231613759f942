/* lab_state.c: the state directory and the names and paths in it. */
#include "live/lab_priv.h"

#include <ctype.h>
#include <errno.h>
#include <ftw.h>
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

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

int lab_rm_tree(const char *path, struct lab_err *e)
{
	const char *sd = lab_state_dir();
	size_t n = strlen(sd);

	if (strncmp(path, sd, n) || path[n] != '/' || strstr(path, "/.."))
		return lab_errf(e, -EPERM,
				"refusing to remove %s: not under the state dir %s",
				path, sd);
	if (nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) < 0 &&
	    errno != ENOENT)
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
