/* proc.h: processes inside lab nodes.
 *
 * proc_spawn() forks a child that enters the node (node_env.h), becomes
 * the leader of its own process group, dies with us (PR_SET_PDEATHSIG),
 * reads /dev/null and writes stdout/stderr to files, then execs argv.
 * A failure before exec (setns, a mount, exec itself) is reported back to
 * the parent through a close-on-exec pipe, so proc_spawn() either returns
 * a running process or an error that says what went wrong.
 *
 * Each process has a pidfd, so callers can poll() for its exit together
 * with other descriptors instead of sleeping. */
#ifndef LAB_PROC_H
#define LAB_PROC_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/clock.h"
#include "util/err.h"
#include "live/lab.h"

struct proc {
	pid_t pid;		/* also the process group id; 0 = not running */
	int pidfd;		/* readable when the child exits; -1 if none */
	bool exited;
	bool termed;		/* SIGTERM sent (once only: some programs,
				 * mptcp-proxy among them, take a second
				 * SIGTERM as "stop now, reset everything") */
	int status;		/* waitpid() status, valid once exited */
};

/* Where a process's output goes; NULL means /dev/null. A relative out or
 * err is a file beneath the directory dirfd, opened with openat2()'s
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS: whatever the name holds, nothing
 * outside that directory is written. (dirfd 0, left unset, is no
 * directory: a relative name then fails.) */
struct proc_io {
	const char *out;
	const char *err;
	int dirfd;
	bool detach;	/* outlive the caller (no PR_SET_PDEATHSIG): the
			 * services of `up --services`, which `down` stops */
};

/* Open (create, truncate) a file for writing as proc_spawn() opens out
 * and err: path relative to dirfd, beneath it; or absolute. */
int proc_open_out(int dirfd, const char *path, struct lab_err *e);

/* argv[0] "mptcp-proxy" is resolved to the binary next to
 * /proc/self/exe if there is one, else searched on PATH like any name. */
int proc_spawn(const struct lab *lab, int node, char *const argv[],
	       const struct proc_io *io, struct proc *p, struct lab_err *e);

/* Reap if it has exited; returns true once it has. Whatever the leader
 * left running in its process group is killed before the reap (while the
 * zombie still pins the group id). */
bool proc_reap(struct proc *p);

/* Exit code as a shell shows it: the status, or 128 + signal. */
int proc_exit_code(const struct proc *p);

/* Send SIGTERM to the process group, unless already sent. */
void proc_term(struct proc *p);

/* Stop the whole process group: SIGTERM (if not sent yet), up to grace
 * seconds for the leader to exit, then SIGKILL; reaps the leader. */
void proc_stop(struct proc *p, double grace);

/* Release the pidfd (after the process was reaped or stopped). */
void proc_release(struct proc *p);


/* Resolve argv0 as the spawner would ("mptcp-proxy" and "mptcp-lab" ->
 * the binaries next to this one, the build tree when run from it). The
 * result is argv0 itself unless the project binary was found. */
const char *proc_resolve(const char *argv0, char *buf, size_t len);

#endif
