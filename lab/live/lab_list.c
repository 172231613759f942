/* lab_list.c: which labs the state dir holds, which file each came from,
 * and what its journal lists (status, down FILE, down --all). */
#include "live/lab_priv.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/journal.h"
#include "kernel/netns.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void lab_list_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int push(char ***v, int *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -ENOMEM;
	(*n)++;
	return 0;
}

int lab_list(char ***names, int *n, struct lab_err *e)
{
	DIR *d = opendir(lab_state_dir());
	struct dirent *de;

	*names = NULL;
	*n = 0;
	if (!d)
		return errno == ENOENT ? 0
		       : lab_errf(e, -errno, "open %s: %m", lab_state_dir());
	while ((de = readdir(d))) {
		char jpath[PATH_MAX];
		struct stat st;

		if (lab_name_check(de->d_name, NULL) ||
		    lab_path(jpath, sizeof(jpath), de->d_name, NULL, NULL) ||
		    stat(jpath, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (push(names, n, de->d_name) < 0) {
			closedir(d);
			lab_list_free(*names, *n);
			*names = NULL;	/* the caller must not see freed memory */
			*n = 0;
			return lab_errf(e, -ENOMEM, "out of memory");
		}
	}
	closedir(d);
	if (*n > 0)	/* no labs: *names is NULL, which qsort must not get */
		qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

/* Absolute forms FILE may have been recorded as: its real path if it still
 * exists, its directory's real path plus its name, and the plain folded
 * absolute path. */
static int file_forms(const char *file, char forms[3][PATH_MAX])
{
	char abs[PATH_MAX], dir[PATH_MAX];
	int k = 0;

	if (realpath(file, forms[k]))
		k++;
	if (lab_abs_path(file, abs, sizeof(abs)) < 0)
		return k;
	snprintf(forms[k++], PATH_MAX, "%s", abs);
	char *slash = strrchr(abs, '/');

	if (slash && slash != abs) {
		*slash = '\0';
		if (realpath(abs, dir) &&
		    snprintf(forms[k], PATH_MAX, "%s/%s", dir, slash + 1) < PATH_MAX)
			k++;
	}
	return k;
}

uid_t lab_user_id(void)
{
	const char *s = getenv("SUDO_UID");
	char *end;
	unsigned long v;

	if (geteuid() == 0 && s && *s) {
		v = strtoul(s, &end, 10);
		if (!*end && v < (uid_t)-1)
			return (uid_t)v;
	}
	return getuid();
}

/* Whether lab name came from one of the file's forms (0 no, 1 yes) and,
 * if so, whether its journal names another user as its builder (*other). */
static int journal_names_file(const char *name, char forms[3][PATH_MAX],
			      int nforms, bool *other)
{
	char jpath[PATH_MAX], me[16];
	struct journal_entry *j;
	int n;
	bool hit = false;

	*other = false;
	if (lab_path(jpath, sizeof(jpath), name, LAB_JOURNAL, NULL) ||
	    journal_load(jpath, &j, &n, NULL))
		return 0;
	snprintf(me, sizeof(me), "%u", (unsigned)lab_user_id());
	for (int i = 0; i < n; i++) {
		if (!strcmp(j[i].kind, J_USER))
			*other = strcmp(j[i].arg, me) != 0;
		if (strcmp(j[i].kind, J_FILE) && strcmp(j[i].kind, J_REALFILE))
			continue;
		for (int f = 0; f < nforms && !hit; f++)
			hit = !strcmp(j[i].arg, forms[f]);
	}
	journal_free(j, n);
	return hit;
}

int lab_find_by_file(const char *file, char ***mine, int *nmine,
		     char ***others, int *nothers, struct lab_err *e)
{
	char forms[3][PATH_MAX], **all, **none = NULL;
	int nall, err, nforms = file_forms(file, forms), nnone = 0;

	*mine = NULL;
	*nmine = 0;
	if (others) {
		*others = NULL;
		*nothers = 0;
	}
	if ((err = lab_list(&all, &nall, e)))
		return err;
	for (int i = 0; i < nall && !err; i++) {
		bool other;

		if (!journal_names_file(all[i], forms, nforms, &other))
			continue;
		if (other ? push(others ? others : &none,
				 others ? nothers : &nnone, all[i]) < 0
			  : push(mine, nmine, all[i]) < 0)
			err = lab_errf(e, -ENOMEM, "out of memory");
	}
	lab_list_free(none, nnone);
	lab_list_free(all, nall);
	return err;
}

static int add_ns(struct lab_info *info, const char *nsname)
{
	struct lab_ns_info *nv = realloc(info->ns, (info->nns + 1) * sizeof(*nv));
	size_t pl = strlen(info->name);

	if (!nv)
		return -ENOMEM;
	info->ns = nv;
	nv += info->nns++;
	memset(nv, 0, sizeof(*nv));
	snprintf(nv->nsname, sizeof(nv->nsname), "%s", nsname);
	if (!strncmp(nsname, info->name, pl) && nsname[pl] == '-')
		snprintf(nv->node, sizeof(nv->node), "%s", nsname + pl + 1);
	nv->exists = netns_exists(nsname);
	return 0;
}

int lab_info_read(const char *name, struct lab_info *info,
		  struct lab_err *e)
{
	char jpath[PATH_MAX];
	struct journal_entry *j;
	int n, err = 0;

	memset(info, 0, sizeof(*info));
	snprintf(info->name, sizeof(info->name), "%s", name);
	if ((err = lab_name_check(name, e)) ||
	    (err = lab_path(jpath, sizeof(jpath), name, LAB_JOURNAL, e)))
		return err;
	if ((err = journal_load(jpath, &j, &n, e)) == -ENOENT)
		return lab_errf(e, -ENOENT, "no lab named %s in %s", name,
				lab_state_dir());
	if (err)
		return err;
	for (int i = 0; i < n && !err; i++) {
		if (!strcmp(j[i].kind, J_FILE))
			snprintf(info->file, sizeof(info->file), "%s", j[i].arg);
		else if (!strcmp(j[i].kind, J_NETNS) && add_ns(info, j[i].arg) < 0)
			err = lab_errf(e, -ENOMEM, "out of memory");
	}
	journal_free(j, n);
	return err;
}

void lab_info_free(struct lab_info *info)
{
	free(info->ns);
	info->ns = NULL;
	info->nns = 0;
}
