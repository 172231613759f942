/* lab_up.c: lab_up(): name the lab, claim its state directory, record and
 * create its namespaces, run the build stages (lab_build.c), and on any
 * failure or stop request undo exactly what this call created. */
#include "live/lab_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live/journal.h"
#include "kernel/netns.h"
#include "kernel/rt_link.h"
#include "kernel/nlreq.h"
#include "kernel/sysctl.h"

volatile sig_atomic_t lab_stop_requested;

static int mkdir_p(const char *dir, struct lab_err *e)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", dir);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return lab_errf(e, -errno, "mkdir %s: %m", buf);
		*p = '/';
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		return lab_errf(e, -errno, "mkdir %s: %m", buf);
	return 0;
}

/* Claim STATE_DIR/NAME: mkdir is the lock that makes a name ours. */
static int claim_dir(struct lab *lab, const char *name, struct lab_err *e)
{
	int err;

	if ((err = lab_name_check(name, e)) ||
	    (err = lab_path(lab->dir, sizeof(lab->dir), name, NULL, e)))
		return err;
	if (mkdir(lab->dir, 0755) < 0) {
		if (errno == EEXIST)
			return lab_errf(e, -EEXIST,
					"lab %s exists already (mptcp-lab status; mptcp-lab down %s)",
					name, name);
		return lab_errf(e, -errno, "mkdir %s: %m", lab->dir);
	}
	snprintf(lab->name, sizeof(lab->name), "%s", name);
	return 0;
}

/* How long a default name's base may be: the whole name ("BASE-xxxx")
 * must fit LAB_NAME_MAX and leave room for "-NODE" of the longest node in
 * a namespace name. */
static size_t base_max(const struct topo *t)
{
	size_t nsmax = sizeof(((struct lab *)0)->nsname[0]) - 1, node = 2;
	size_t lim = LAB_NAME_MAX - 1;

	for (int i = 0; i < t->nnodes; i++)
		if (strlen(t->nodes[i].name) > node)
			node = strlen(t->nodes[i].name);
	if (nsmax - 1 - node < lim)
		lim = nsmax - 1 - node;
	return lim > 5 ? lim - 5 : 0;
}

/* A NULL name: topo->name (shortened to fit) + "-" + 4 random hex
 * digits, retried on the rare collision. */
static int claim_name(struct lab *lab, const struct topo *t,
		      const char *name, struct lab_err *e)
{
	const char *base = t->name && *t->name ? t->name : "lab";
	int blen = (int)strnlen(base, base_max(t));
	char buf[LAB_NAME_MAX + 8];
	int err = mkdir_p(lab_state_dir(), e);

	if (err || name)
		return err ? err : claim_dir(lab, name, e);
	while (blen > 1 && strchr("-._", base[blen - 1]))
		blen--;
	for (int tries = 0; tries < 16; tries++) {
		unsigned short r;

		if (getrandom(&r, sizeof(r), 0) != sizeof(r))
			r = (unsigned short)(getpid() * 7919 + tries);
		snprintf(buf, sizeof(buf), "%.*s-%04x", blen, base, r);
		err = claim_dir(lab, buf, e);
		if (err != -EEXIST)
			return err == -EINVAL
				? lab_err_prefix(e, "pick a name with --name") : err;
	}
	return err;
}

static int copy_file(const char *from, const char *to, struct lab_err *e)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out, err = 0;
	ssize_t n;

	if (in < 0)
		return lab_errf(e, -errno, "save a copy of %s: %m", from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (out < 0) {
		err = lab_errf(e, -errno, "create %s: %m", to);
		close(in);
		return err;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			err = lab_errf(e, -errno, "write %s: %m", to);
			break;
		}
	if (n < 0 && !err)
		err = lab_errf(e, -errno, "read %s: %m", from);
	close(in);
	close(out);
	return err;
}

/* The journal starts with where the lab came from: the file and who
 * built it (for `down FILE`) and a copy of its text (for down/open after
 * it changed). Its
 * lock, held until the lab is built, keeps a concurrent down waiting. */
static int record_origin(struct lab *lab, const struct topo *t,
			 struct lab_err *e)
{
	char path[PATH_MAX], abs[PATH_MAX], real[PATH_MAX];
	int err;

	if ((err = lab_path(path, sizeof(path), lab->name, LAB_JOURNAL, e)) ||
	    (err = journal_open(path, &lab->journal, e)) ||
	    (err = journal_lock(lab->journal, path, e)) ||
	    (err = lab_path(path, sizeof(path), lab->name, LAB_TOPOLOGY, e)) ||
	    (err = copy_file(t->file, path, e)))
		return err;
	if (lab_abs_path(t->file, abs, sizeof(abs)) == 0 &&
	    (err = journal_add(lab->journal, J_FILE, abs, e)))
		return err;
	if (realpath(t->file, real) &&
	    (err = journal_add(lab->journal, J_REALFILE, real, e)))
		return err;
	snprintf(real, sizeof(real), "%u", (unsigned)lab_user_id());
	return journal_add(lab->journal, J_USER, real, e);
}

static int names_alloc(struct up *u, struct lab_err *e)
{
	const struct topo *t = u->t;
	struct lab *lab = u->lab;
	int nn = t->nnodes + 1, err;

	lab->nsname = calloc(nn, sizeof(*lab->nsname));
	lab->nsfd = malloc(nn * sizeof(*lab->nsfd));
	u->n = calloc(nn, sizeof(*u->n));
	if (!lab->nsname || !lab->nsfd || !u->n)
		return lab_errf(e, -ENOMEM, "out of memory");
	for (int i = 0; i < nn; i++)
		lab->nsfd[i] = -1;
	for (int i = 0; i < t->nnodes; i++)
		if ((err = lab_nsname(lab->nsname[i], sizeof(lab->nsname[i]),
				      lab->name, t->nodes[i].name, e)))
			return err;
	if (u->need_sw)
		return lab_nsname(lab->nsname[u->sw], sizeof(lab->nsname[u->sw]),
				  lab->name, NULL, e);
	return 0;
}

/* A namespace someone else made is not ours to record or remove. */
static int create_ns(struct lab *lab, const char *ns, struct lab_err *e)
{
	char path[PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, ns);
	if (access(path, F_OK) == 0)
		return lab_errf(e, -EEXIST,
				"namespace %s exists already and is not this lab's",
				ns);
	if ((err = journal_add(lab->journal, J_NETNS, ns, e)))
		return err;
	err = netns_create(ns, e);
	if (err == -EEXIST)
		journal_pop(lab->journal, NULL);
	return err;
}

struct init_arg {
	struct up *u;
	int i;
	struct lab_err *e;
};

/* Inside the fresh namespace: its route socket, lo up, and no DAD for
 * links made later when the file uses IPv6 (best effort: a kernel without
 * IPv6 has no such sysctl). */
static int init_here(void *arg)
{
	struct init_arg *a = arg;
	struct up *u = a->u;
	int err;

	err = nlreq_open(&u->n[a->i].rt, NETLINK_ROUTE, a->e);
	if (!err)
		err = rt_link_set(u->n[a->i].rt, 1, 0, true, a->e);
	if (!err && a->i == u->sw) {
		/* A switch forwards frames and must not speak itself: no
		 * link-local addresses, router solicitations or MLD reports
		 * from its bridge and ports onto the lab's segments. */
		sysctl_write("net.ipv6.conf.default.disable_ipv6", "1", NULL);
		sysctl_write("net.ipv6.conf.all.disable_ipv6", "1", NULL);
	} else if (!err && u->ipv6) {
		sysctl_write("net.ipv6.conf.default.accept_dad", "0", NULL);
	}
	return err;
}

static int init_ns(struct up *u, int i, struct lab_err *e)
{
	struct init_arg a = { u, i, e };
	int err = netns_run(u->lab->nsfd[i], init_here, &a, e);

	return err ? lab_err_prefix(e, "%s", u->lab->nsname[i]) : 0;
}

static int up_namespaces(struct up *u, struct lab_err *e)
{
	struct lab *lab = u->lab;
	int err;

	for (int i = 0; i <= u->sw; i++) {
		if (!lab->nsname[i][0])
			continue;
		if ((err = up_check_stop(e)) ||
		    (err = create_ns(lab, lab->nsname[i], e)))
			return err;
		lab->nsfd[i] = netns_open(lab->nsname[i]);
		if (lab->nsfd[i] < 0)
			return lab_errf(e, lab->nsfd[i], "open namespace %s: %s",
					lab->nsname[i], strerror(-lab->nsfd[i]));
		if ((err = init_ns(u, i, e)))
			return err;
	}
	return 0;
}

static void scan_model(struct up *u)
{
	const struct topo *t = u->t;
	int *count = calloc(t->nnets + 1, sizeof(int));

	for (int i = 0; i < t->nifaces; i++) {
		if (count && t->ifaces[i].net >= 0 && t->ifaces[i].net < t->nnets)
			count[t->ifaces[i].net]++;
		for (int a = 0; a < t->ifaces[i].naddrs; a++)
			if (t->ifaces[i].addrs[a].family == AF_INET6)
				u->ipv6 = true;
	}
	for (int n = 0; n < t->nnets; n++)
		if (!count || (count[n] && count[n] != 2))
			u->need_sw = true;
	free(count);
}

static void up_free(struct up *u)
{
	for (int i = 0; u->n && i <= u->sw; i++) {
		nlreq_close(u->n[i].rt);
		free(u->n[i].ifs);
	}
	free(u->n);
}

static int build(struct up *u, const char *name, struct lab_err *e)
{
	int err;

	if ((err = claim_name(u->lab, u->t, name, e)))
		return err;
	if ((err = record_origin(u->lab, u->t, e)) ||
	    (err = names_alloc(u, e)) ||
	    (err = up_namespaces(u, e)) ||
	    (err = up_links(u, e)) ||
	    (err = up_node_bridges(u, e)) ||
	    (err = up_addrs(u, e)) ||
	    (err = up_routes(u, e)) ||
	    (err = up_sysctls(u, e)) ||
	    (err = up_qdiscs(u, e)) ||
	    (err = up_mptcp(u, e)))
		return err;
	return up_check_stop(e);
}

int lab_up(struct lab *lab, const struct topo *t, const char *name,
	   struct lab_err *e)
{
	struct up u = { .lab = lab, .t = t, .sw = t->nnodes };
	int err;

	memset(lab, 0, sizeof(*lab));
	lab->topo = t;
	scan_model(&u);
	err = build(&u, name, e);
	up_free(&u);
	if (!err) {
		journal_unlock(lab->journal);	/* built: down may come */
		return 0;
	}
	if (lab->name[0]) {
		/* Our directory, so everything its journal names is ours. */
		struct lab_err e2;

		journal_close(lab->journal);
		lab->journal = NULL;
		for (int i = 0; lab->nsfd && i <= t->nnodes; i++)
			if (lab->nsfd[i] >= 0)
				close(lab->nsfd[i]);
		if (lab_teardown(lab->name, &e2)) {
			char first[sizeof(e->msg)];

			memcpy(first, e->msg, sizeof(first));
			lab_errf(e, err, "%.500s (and the rollback failed: %.400s)",
				 first, e2.msg);
		}
	}
	free(lab->nsname);
	free(lab->nsfd);
	memset(lab, 0, sizeof(*lab));
	lab->topo = t;
	return err;
}
