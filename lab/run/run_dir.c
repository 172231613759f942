/* run_dir.c: the run directory (BASE/LAB/NODE/...) where the run engine
 * keeps what every process printed and every event seen: making it,
 * naming files in it, quoting their last lines in a report item, and
 * removing it. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

int run_dir_make(struct run *r, struct lab_err *e)
{
	const char *base = r->o->base ? r->o->base : getenv("MPTCP_LAB_RUN_DIR");
	char tmp[PATH_MAX];

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
	if ((size_t)snprintf(r->dir, sizeof(r->dir), "%s/%s", base,
			     r->lab.name) >= sizeof(r->dir))
		return lab_errf(e, -ENAMETOOLONG, "%s: path too long", base);
	run_dir_remove(r);	/* a kept directory of an earlier run of that name */
	if (mkdir(r->dir, 0755) < 0)
		return lab_errf(e, -errno, "mkdir %s: %m", r->dir);
	return 0;
}

int run_path(struct run *r, int node, const char *name, char *buf,
	     size_t len)
{
	snprintf(buf, len, "%s/%s", r->dir, r->t->nodes[node].name);
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return -errno;
	if ((size_t)snprintf(buf, len, "%s/%s/%s", r->dir,
			     r->t->nodes[node].name, name) >= len)
		return -ENAMETOOLONG;
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
