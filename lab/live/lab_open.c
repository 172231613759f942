/* lab_open.c: handles on a lab that is up: lab_open() from its state
 * record, lab_close(), lab_journal_add() for objects later stages make,
 * (lab_link.c configures interfaces that appear after lab_up()). */
#include "live/lab_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/journal.h"
#include "kernel/netns.h"

void lab_close(struct lab *lab)
{
	int n = lab->topo ? lab->topo->nnodes + 1 : 0;

	for (int i = 0; lab->nsfd && i < n; i++)
		if (lab->nsfd[i] >= 0)
			close(lab->nsfd[i]);
	free(lab->nsfd);
	free(lab->nsname);
	journal_close(lab->journal);
	lab->nsfd = NULL;
	lab->nsname = NULL;
	lab->journal = NULL;
}

int lab_journal_add(struct lab *lab, const char *kind, const char *arg,
		    struct lab_err *e)
{
	if (!lab->journal)
		return lab_errf(e, -EBADF, "lab %s: journal not open", lab->name);
	return journal_add(lab->journal, kind, arg, e);
}

static int load_topo(const char *name, struct topo **out, struct lab_err *e)
{
	char path[PATH_MAX], msg[900];
	struct topo_error te;
	struct topo *t;
	int err;

	if ((err = lab_path(path, sizeof(path), name, LAB_TOPOLOGY, e)))
		return err;
	t = topo_parse_file(path, &te);
	if (!t || topo_check(t, &te) < 0) {
		topo_free(t);
		topo_error_format(&te, msg, sizeof(msg));
		return lab_errf(e, -EINVAL, "lab %s: saved topology: %s", name,
				msg);
	}
	*out = t;
	return 0;
}

static int open_names(struct lab *lab, const struct topo *t,
		      struct lab_err *e)
{
	int nn = t->nnodes + 1, err;

	lab->nsfd = malloc(nn * sizeof(*lab->nsfd));
	if (!lab->nsfd)
		return lab_errf(e, -ENOMEM, "out of memory");
	for (int i = 0; i < nn; i++)
		lab->nsfd[i] = -1;	/* lab_close() may run after a failure */
	lab->nsname = calloc(nn, sizeof(*lab->nsname));
	if (!lab->nsname)
		return lab_errf(e, -ENOMEM, "out of memory");
	for (int i = 0; i < nn; i++) {
		const char *node = i < t->nnodes ? t->nodes[i].name : NULL;

		if ((err = lab_nsname(lab->nsname[i], sizeof(lab->nsname[i]),
				      lab->name, node, e)))
			return err;
		int fd = netns_open(lab->nsname[i]);

		/* The switch namespace exists only if some network needs it. */
		lab->nsfd[i] = fd < 0 ? -1 : fd;
		if (fd < 0 && i < t->nnodes)
			return lab_errf(e, fd,
					"lab %s: namespace %s of node %s: %s",
					lab->name, lab->nsname[i], node,
					strerror(-fd));
	}
	return 0;
}

int lab_open(struct lab *lab, const char *name, struct topo **topo_out,
	     struct lab_err *e)
{
	char path[PATH_MAX];
	struct stat st;
	struct topo *t = NULL;
	int err;

	memset(lab, 0, sizeof(*lab));
	if ((err = lab_name_check(name, e)) ||
	    (err = lab_path(lab->dir, sizeof(lab->dir), name, NULL, e)))
		return err;
	if (stat(lab->dir, &st) < 0)
		return lab_errf(e, -ENOENT, "no lab named %s in %s", name,
				lab_state_dir());
	snprintf(lab->name, sizeof(lab->name), "%s", name);
	if ((err = load_topo(name, &t, e)))
		return err;
	lab->topo = t;
	if ((err = open_names(lab, t, e)) ||
	    (err = lab_path(path, sizeof(path), name, LAB_JOURNAL, e)) ||
	    (err = journal_open(path, &lab->journal, e))) {
		lab_close(lab);
		topo_free(t);
		lab->topo = NULL;
		return err;
	}
	*topo_out = t;
	return 0;
}
