/* journal.h: a lab's append-only record of what it created.
 *
 * One line per object, "KIND ARG" ("netns simple-1a2b-server"), written
 * and synced before the object is created, so that after any crash the
 * journal lists a superset of what exists; undoing an entry whose object
 * never came to be is harmless. A torn last line (no newline) is ignored:
 * its object was never created. */
#ifndef LAB_JOURNAL_H
#define LAB_JOURNAL_H

#include <sys/types.h>

#include "util/err.h"

struct journal;

struct journal_entry {
	char *kind;
	char *arg;
};

/* Open PATH for appending (created if missing). */
int journal_open(const char *path, struct journal **out, struct lab_err *e);
void journal_close(struct journal *j);

/* Append "KIND ARG\n" and sync. ARG may hold blanks but no newline. */
int journal_add(struct journal *j, const char *kind, const char *arg,
		struct lab_err *e);

/* Drop the entry journal_add() just wrote (its object turned out not to
 * be ours, e.g. the name was taken). */
int journal_pop(struct journal *j, struct lab_err *e);

/* The journal's lock: `up` holds it while it builds, `down` takes it
 * before it tears down, so a down never races an up of the same lab (a
 * killed up releases it with its death). journal_lock() also checks that
 * PATH still names this journal (a down may have removed it between open
 * and lock): -ESTALE if not. */
int journal_lock(struct journal *j, const char *path, struct lab_err *e);
void journal_unlock(struct journal *j);

/* Wait (up to timeout seconds) for the lock of the journal at PATH; an fd
 * to close() when done, -ENOENT if there is no journal, -EBUSY on
 * timeout. */
int journal_lock_path(const char *path, double timeout, struct lab_err *e);

/* Read every complete entry of PATH, in order. Free with journal_free(). */
int journal_load(const char *path, struct journal_entry **out, int *n,
		 struct lab_err *e);
void journal_free(struct journal_entry *ents, int n);

#endif
