/* journal.c: the lab's creation record (see journal.h). */
#include "live/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct journal {
	int fd;
	off_t size;	/* after the last complete entry */
	off_t prev;	/* before it, for journal_pop() */
};

int journal_open(const char *path, struct journal **out, struct lab_err *e)
{
	struct journal *j = calloc(1, sizeof(*j));
	struct stat st;

	if (!j)
		return lab_errf(e, -ENOMEM, "out of memory");
	j->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (j->fd < 0 || fstat(j->fd, &st) < 0) {
		int err = lab_errf(e, -errno, "open %s: %m", path);

		if (j->fd >= 0)
			close(j->fd);
		free(j);
		return err;
	}
	j->size = j->prev = st.st_size;
	*out = j;
	return 0;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	close(j->fd);
	free(j);
}

int journal_add(struct journal *j, const char *kind, const char *arg,
		struct lab_err *e)
{
	char line[4200];
	int n;

	if (strchr(kind, ' ') || strchr(kind, '\n') || strchr(arg, '\n'))
		return lab_errf(e, -EINVAL, "journal: bad entry '%s'", kind);
	n = snprintf(line, sizeof(line), "%s %s\n", kind, arg);
	if (n < 0 || (size_t)n >= sizeof(line))
		return lab_errf(e, -ENAMETOOLONG, "journal: entry too long");
	if (write(j->fd, line, n) != n || fdatasync(j->fd) < 0)
		return lab_errf(e, errno ? -errno : -EIO, "journal write: %m");
	j->prev = j->size;
	j->size += n;
	return 0;
}

int journal_pop(struct journal *j, struct lab_err *e)
{
	if (ftruncate(j->fd, j->prev) < 0 || fdatasync(j->fd) < 0)
		return lab_errf(e, -errno, "journal truncate: %m");
	j->size = j->prev;
	return 0;
}

int journal_lock(struct journal *j, const char *path, struct lab_err *e)
{
	struct stat a, b;

	if (flock(j->fd, LOCK_EX) < 0)
		return lab_errf(e, -errno, "lock %s: %m", path);
	if (fstat(j->fd, &a) < 0 || stat(path, &b) < 0 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev)
		return lab_errf(e, -ESTALE, "%s was removed while in use", path);
	return 0;
}

void journal_unlock(struct journal *j)
{
	if (j)
		flock(j->fd, LOCK_UN);
}

int journal_lock_path(const char *path, double timeout, struct lab_err *e)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? -ENOENT
				       : lab_errf(e, -errno, "open %s: %m", path);
	for (double waited = 0; flock(fd, LOCK_EX | LOCK_NB) < 0;
	     waited += 0.02) {
		if (errno != EWOULDBLOCK || waited >= timeout) {
			int err = errno == EWOULDBLOCK ? -EBUSY : -errno;

			close(fd);
			return lab_errf(e, err,
					"%s is locked by an `up` still running", path);
		}
		nanosleep(&tick, NULL);
	}
	return fd;
}

static int slurp(const char *path, char **out, struct lab_err *e)
{
	FILE *f = fopen(path, "re");
	size_t cap = 0;
	ssize_t len;

	if (!f)
		return lab_errf(e, -errno, "open %s: %m", path);
	*out = NULL;
	len = getdelim(out, &cap, '\0', f);
	fclose(f);
	if (len < 0) {
		free(*out);
		*out = strdup("");	/* empty file */
		if (!*out)
			return lab_errf(e, -ENOMEM, "out of memory");
	}
	return 0;
}

static int add_entry(struct journal_entry **v, int *n, const char *line,
		     size_t len)
{
	const char *sp = memchr(line, ' ', len);
	struct journal_entry *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	if (!sp)
		sp = line + len;
	nv[*n].kind = strndup(line, sp - line);
	nv[*n].arg = strndup(sp < line + len ? sp + 1 : sp,
			     line + len - (sp < line + len ? sp + 1 : sp));
	if (!nv[*n].kind || !nv[*n].arg) {
		free(nv[*n].kind);
		free(nv[*n].arg);
		return -ENOMEM;
	}
	(*n)++;
	return 0;
}

int journal_load(const char *path, struct journal_entry **out, int *n,
		 struct lab_err *e)
{
	char *text, *p, *nl;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = slurp(path, &text, e)))
		return err;
	/* slurp() fills text whenever it returns 0; the analyzer thinks
	 * fopen() may fail with errno 0 and slurp() return -0. */
	for (p = text; (nl = strchr(p, '\n')); p = nl + 1) { // NOLINT(clang-analyzer-core.uninitialized.Assign)
		if (nl == p || *p == '#')
			continue;
		if (add_entry(out, n, p, nl - p) < 0) {
			free(text);
			journal_free(*out, *n);
			return lab_errf(e, -ENOMEM, "out of memory");
		}
	}
	free(text);
	return 0;
}

void journal_free(struct journal_entry *ents, int n)
{
	for (int i = 0; i < n; i++) {
		free(ents[i].kind);
		free(ents[i].arg);
	}
	free(ents);
}
