/* ready.c: readiness probes (see ready.h). */
#include "run/ready.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live/proc.h"

/* Does the file at path, relative to dirfd (or absolute), contain text? */
static bool file_contains_at(int dirfd, const char *path, const char *text)
{
	size_t cap = 4 << 20, len = 0;
	char *buf;
	ssize_t n;
	bool found;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return false;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return false;
	}
	while (len < cap && (n = read(fd, buf + len, cap - len)) > 0)
		len += n;
	close(fd);
	found = memmem(buf, len, text, strlen(text)) != NULL;
	free(buf);
	return found;
}

bool ready_file_contains(const char *path, const char *text)
{
	return file_contains_at(AT_FDCWD, path, text);
}

int ready_cmd_once(const struct lab *lab, int node, char *const argv[],
		   const char *match, const struct proc_io *io,
		   double deadline, struct lab_err *e)
{
	struct proc p;
	int r;

	r = proc_spawn(lab, node, argv, io, &p, e);
	if (r < 0)
		return r;
	while (!proc_reap(&p)) {
		double left = deadline - now_mono();

		if (left <= 0 || lab_stop_requested) {
			proc_stop(&p, 0);
			break;
		}
		struct pollfd pfd = { .fd = p.pidfd, .events = POLLIN };

		poll(&pfd, p.pidfd >= 0 ? 1 : 0, p.pidfd >= 0 ? (int)(left * 1000) + 1 : 5);
	}
	proc_release(&p);
	if (!p.exited || proc_exit_code(&p) != 0)
		return 0;
	if (match && !(io->out && file_contains_at(io->dirfd, io->out, match)))
		return 0;
	return 1;
}
