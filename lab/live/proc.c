/* proc.c: processes inside lab nodes (see proc.h). */
#include "live/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/close_range.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live/node_env.h"

const char *proc_resolve(const char *argv0, char *buf, size_t len)
{
	char self[PATH_MAX];
	ssize_t n;
	char *slash;

	if (strcmp(argv0, "mptcp-proxy") && strcmp(argv0, "mptcp-lab"))
		return argv0;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return argv0;
	self[n] = '\0';
	slash = strrchr(self, '/');
	if (!slash)
		return argv0;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s/%s", self, argv0) >= len ||
	    access(buf, X_OK) < 0)
		return argv0;
	return buf;
}

int proc_open_out(int dirfd, const char *path, struct lab_err *e)
{
	struct open_how how = {
		.flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
		.mode = 0644,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS,
	};
	int fd;

	if (!path || path[0] == '/')
		fd = open(path ? path : "/dev/null", how.flags, how.mode);
	else
		fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
	if (fd < 0)
		return lab_errf(e, -errno, "open %s: %m", path);
	return fd;
}

/* In the child: never returns. Any failure is written to errfd. */
static void child(const struct lab *lab, int node, const char *path,
		  char *const argv[], int fds[3], int errfd, pid_t parent,
		  bool detach)
{
	struct lab_err e = { 0 };
	sigset_t none;

	setpgid(0, 0);
	if (!detach)
		prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (!detach && getppid() != parent)
		_exit(127);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (node_env_enter(lab, node, &e) == 0) {
		for (int i = 0; i < 3; i++)
			if (dup2(fds[i], i) < 0)
				lab_errf(&e, -errno, "dup2: %m");
		/* Nothing inherited beyond 0-2 reaches the program: a pipe
		 * of whoever started mptcp-lab, held open by a service,
		 * would keep that reader waiting. (errfd is close-on-exec
		 * already; best effort on kernels before 5.11.) */
		syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
		if (!e.code) {
			if (strchr(path, '/'))
				execv(path, argv);
			else
				execvp(path, argv);
			lab_errf(&e, -errno, "exec %s: %m", path);
		}
	}
	if (write(errfd, e.msg, strlen(e.msg)) < 0)
		_exit(126);
	_exit(127);
}

/* Fork; returns the child's pid, or fills e with the child's own account
 * of why it could not exec. */
static int fork_exec(const struct lab *lab, int node, const char *path,
		     char *const argv[], int fds[3], bool detach,
		     struct lab_err *e)
{
	pid_t parent = getpid(), pid;
	int pipefd[2], status;
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return lab_errf(e, -errno, "pipe: %m");
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return lab_errf(e, -errno, "fork: %m");
	}
	if (pid == 0)
		child(lab, node, path, argv, fds, pipefd[1], parent, detach);
	close(pipefd[1]);
	setpgid(pid, pid);	/* also here: no race with a kill(-pid) */
	do
		n = read(pipefd[0], e->msg, sizeof(e->msg) - 1);
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n > 0) {
		e->msg[n] = '\0';
		e->code = -ENOEXEC;
		waitpid(pid, &status, 0);
		return e->code;
	}
	return pid;
}

int proc_spawn(const struct lab *lab, int node, char *const argv[],
	       const struct proc_io *io, struct proc *p, struct lab_err *e)
{
	char buf[PATH_MAX];
	const char *path = proc_resolve(argv[0], buf, sizeof(buf));
	int fds[3] = { -1, -1, -1 }, r;

	memset(p, 0, sizeof(*p));
	p->pidfd = -1;
	fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fds[0] < 0) {
		r = lab_errf(e, -errno, "open /dev/null: %m");
		goto out;
	}
	if ((fds[1] = r = proc_open_out(io ? io->dirfd : -1, io ? io->out : NULL, e)) < 0 ||
	    (fds[2] = r = proc_open_out(io ? io->dirfd : -1, io ? io->err : NULL, e)) < 0)
		goto out;
	r = fork_exec(lab, node, path, argv, fds, io && io->detach, e);
	if (r < 0)
		goto out;
	p->pid = r;
	p->pidfd = syscall(SYS_pidfd_open, p->pid, 0);
	r = 0;
out:
	for (int i = 0; i < 3; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return r;
}

bool proc_reap(struct proc *p)
{
	siginfo_t si = { 0 };

	if (p->exited || p->pid <= 0)
		return true;
	if (waitid(P_PID, p->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
	    si.si_pid == 0)
		return false;
	kill(-p->pid, SIGKILL);	/* stragglers; the zombie pins the pgid */
	if (waitpid(p->pid, &p->status, 0) == p->pid)
		p->exited = true;
	return p->exited;
}

int proc_exit_code(const struct proc *p)
{
	if (WIFEXITED(p->status))
		return WEXITSTATUS(p->status);
	if (WIFSIGNALED(p->status))
		return 128 + WTERMSIG(p->status);
	return -1;
}

/* Wait for the leader's exit until deadline; true if it exited. */
static bool wait_exit(struct proc *p, double deadline)
{
	for (;;) {
		if (proc_reap(p))
			return true;
		double left = deadline - now_mono();

		if (left <= 0)
			return false;
		if (p->pidfd >= 0) {
			struct pollfd pfd = { .fd = p->pidfd, .events = POLLIN };

			poll(&pfd, 1, (int)(left * 1000) + 1);
		} else {
			usleep(5000);
		}
	}
}

void proc_term(struct proc *p)
{
	if (p->pid <= 0 || p->exited || p->termed)
		return;
	kill(-p->pid, SIGTERM);
	p->termed = true;
}

void proc_stop(struct proc *p, double grace)
{
	if (p->pid <= 0 || p->exited)
		return;
	proc_term(p);
	if (!wait_exit(p, now_mono() + grace)) {
		kill(-p->pid, SIGKILL);
		waitpid(p->pid, &p->status, 0);
		p->exited = true;
	}
}

void proc_release(struct proc *p)
{
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->pidfd = -1;
}
