/* lab_down.c: tear a lab down from its journal alone: kill what runs in
 * its namespaces, undo the journal in reverse, remove STATE_DIR/NAME. */
#include "live/lab_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/hostdir.h"
#include "live/journal.h"
#include "kernel/netns.h"
#include "util/clock.h"

#define KILL_GRACE 2.0	/* seconds between SIGTERM and SIGKILL */
#define LOCK_WAIT 10.0	/* seconds to wait for an `up` of the lab to finish */

static void keep_first(int *first, struct lab_err *e, int err,
		       const struct lab_err *e1)
{
	if (err && !*first) {
		*first = err;
		if (e)
			*e = *e1;
	}
}

static int undo(const struct journal_entry *j, struct lab_err *e)
{
	if (!strcmp(j->kind, J_NETNS))
		return netns_delete(j->arg, e);
	if (!strcmp(j->kind, J_QDISC))
		return lab_qdisc_undo(j->arg, e);
	if (!strcmp(j->kind, J_DIR))
		return lab_rm_tree(j->arg, e);
	if (!strcmp(j->kind, J_HOSTDIR)) {
		/* Another lab's processes still mount it: that lab removes
		 * it when it goes (hostdir.h). */
		if (hostdir_in_use(j->arg))
			return 0;
		if (rmdir(j->arg) < 0 && errno != ENOENT && errno != ENOTEMPTY &&
		    errno != EEXIST)
			return lab_errf(e, -errno, "rmdir %s: %m", j->arg);
		return 0;
	}
	return 0;	/* file, realfile, or a kind from a newer version */
}

static void kill_procs(const struct journal_entry *j, int n)
{
	char **names = calloc(n ? n : 1, sizeof(*names));
	int k = 0;

	if (!names)
		return;
	for (int i = 0; i < n; i++)
		if (!strcmp(j[i].kind, J_NETNS))
			names[k++] = j[i].arg;
	if (k)
		netns_kill_procs(names, k, KILL_GRACE * time_scale());
	free(names);
}

int lab_teardown(const char *name, struct lab_err *e)
{
	char dir[PATH_MAX], jpath[PATH_MAX];
	struct journal_entry *j = NULL;
	struct lab_err e1;
	int n = 0, first = 0, err, lock;

	if ((err = lab_path(dir, sizeof(dir), name, NULL, e)) ||
	    (err = lab_path(jpath, sizeof(jpath), name, LAB_JOURNAL, e)))
		return err;
	lock = journal_lock_path(jpath, LOCK_WAIT * time_scale(), e);
	if (lock < 0 && lock != -ENOENT)
		return lock;
	err = journal_load(jpath, &j, &n, &e1);
	if (err && err != -ENOENT)
		keep_first(&first, e, err, &e1);
	kill_procs(j, n);
	for (int i = n - 1; i >= 0; i--) {
		err = undo(&j[i], &e1);
		keep_first(&first, e, err, &e1);
	}
	journal_free(j, n);
	err = lab_rm_tree(dir, &e1);
	keep_first(&first, e, err, &e1);
	if (lock >= 0)
		close(lock);
	return first;
}

int lab_down(const char *name, struct lab_err *e)
{
	char dir[PATH_MAX];
	struct stat st;
	int err;

	if ((err = lab_name_check(name, e)) ||
	    (err = lab_path(dir, sizeof(dir), name, NULL, e)))
		return err;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return lab_errf(e, -ENOENT, "no lab named %s in %s", name,
				lab_state_dir());
	return lab_teardown(name, e);
}
