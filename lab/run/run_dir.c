/* run_dir.c: the run directory (BASE/LAB/NODE/...) where the run engine
 * keeps what every process printed and every event seen: making it,
 * naming files in it, quoting their last lines in a report item, and
 * removing it. Every file is made inside it: the base must be ours and
 * no symlink, each component a plain name (safe_component()). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run/run_int.h"

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

void run_dir_remove(struct run *r)
{
	nftw(r->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* One path component we create: not empty, no '/', not "." or "..".
 * Node, lab and service names are checked names already; this is the
 * last line of defence that keeps every file inside the run directory. */
static bool safe_component(const char *s)
{
	return s[0] && !strchr(s, '/') && strcmp(s, ".") && strcmp(s, "..");
}

/* The base (MPTCP_LAB_RUN_DIR, /var/tmp/mptcp-lab) is opened without
 * following a symlink and must be ours: in a world-writable parent such
 * as /var/tmp another user could otherwise point it anywhere and have
 * root write there. */
static int open_base(const char *base, struct lab_err *e)
{
	int fd = open(base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return lab_errf(e, -errno, "open %s: %m (a directory, not a symlink)",
				base);
	if (fstat(fd, &st) < 0 || st.st_uid != geteuid()) {
		close(fd);
		return lab_errf(e, -EPERM, "%s belongs to uid %u, not to us: refusing to write in it (set MPTCP_LAB_RUN_DIR)",
				base, (unsigned)st.st_uid);
	}
	return fd;
}

int run_dir_make(struct run *r, struct lab_err *e)
{
	const char *base = r->o->base ? r->o->base : getenv("MPTCP_LAB_RUN_DIR");
	char tmp[PATH_MAX];
	int bfd, fd;

	if (!base || !*base)
		base = RUN_DEFAULT_BASE;
	snprintf(tmp, sizeof(tmp), "%s", base);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
		return lab_errf(e, -errno, "mkdir %s: %m", tmp);
	if (!safe_component(r->lab.name))
		return lab_errf(e, -EINVAL, "bad lab name for a directory: '%s'",
				r->lab.name);
	if ((size_t)snprintf(r->dir, sizeof(r->dir), "%s/%s", base,
			     r->lab.name) >= sizeof(r->dir))
		return lab_errf(e, -ENAMETOOLONG, "%s: path too long", base);
	bfd = open_base(base, e);
	if (bfd < 0) {
		r->dir[0] = '\0';
		return bfd;
	}
	run_dir_remove(r);	/* a kept directory of an earlier run of that name */
	if (mkdirat(bfd, r->lab.name, 0755) < 0) {
		fd = lab_errf(e, -errno, "mkdir %s: %m", r->dir);
	} else {
		fd = openat(bfd, r->lab.name,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			fd = lab_errf(e, -errno, "open %s: %m", r->dir);
	}
	close(bfd);
	if (fd < 0)
		return fd;
	r->dirfd = fd;
	return 0;
}

/* path inside the run directory, relative to it ("" stays ""). */
static const char *rel(const struct run *r, const char *path)
{
	size_t n = strlen(r->dir);

	if (path && n && !strncmp(path, r->dir, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

struct proc_io run_io(const struct run *r, const char *out, const char *err)
{
	struct proc_io io = { rel(r, out), rel(r, err), r->dirfd, false };

	return io;
}

int run_path(struct run *r, int node, const char *name, char *buf,
	     size_t len)
{
	const char *nn = r->t->nodes[node].name;
	struct stat st;

	buf[0] = '\0';	/* on failure: no file, so nothing is opened */
	if (r->dirfd < 0 || !safe_component(nn) || !safe_component(name))
		return -EINVAL;
	if (mkdirat(r->dirfd, nn, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (fstatat(r->dirfd, nn, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if ((size_t)snprintf(buf, len, "%s/%s/%s", r->dir, nn, name) >= len) {
		buf[0] = '\0';
		return -ENAMETOOLONG;
	}
	return 0;
}

void run_detail_tail(struct report_item *it, const char *what,
		     const char *path, int n)
{
	char buf[4096];
	FILE *f = fopen(path, "re");
	long size, off;
	size_t got;

	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	off = size > (long)sizeof(buf) - 1 ? size - (long)sizeof(buf) + 1 : 0;
	fseek(f, off, SEEK_SET);
	got = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[got] = '\0';
	while (got && buf[got - 1] == '\n')
		buf[--got] = '\0';
	if (!got)
		return;
	char *p = buf + got;

	for (int lines = 0; p > buf; p--)
		if (p[-1] == '\n' && ++lines == n)
			break;
	report_detail(it, "last lines of %s (%s):\n", what, path);
	for (char *line = strtok(p, "\n"); line; line = strtok(NULL, "\n"))
		report_detail(it, "  | %s\n", line);
}
