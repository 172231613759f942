/* ready.c: readiness probes (see ready.h). */
#include "run/ready.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kernel/netns.h"
#include "live/proc.h"

static int diag_here(void *arg)
{
	struct lab_err *e = arg;
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);

	if (fd < 0)
		return lab_errf(e, -errno, "sock_diag socket: %m");
	return fd;
}

/* A sock_diag socket created inside nsfd: a socket keeps the namespace
 * it was created in, so we switch there only for socket(). */
static int diag_socket(int nsfd, struct lab_err *e)
{
	return netns_run(nsfd, diag_here, e, e);
}

/* Dump family's TCP listeners; 1 if one has port. */
static int dump_listeners(int fd, int family, int port, struct lab_err *e)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req = {
		.nlh = { .nlmsg_len = sizeof(req),
			 .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = family, .sdiag_protocol = IPPROTO_TCP,
		       .idiag_states = 1u << TCP_LISTEN },
	};
	long buf[8192 / sizeof(long)];
	int found = 0;

	if (send(fd, &req, sizeof(req), 0) < 0)
		return lab_errf(e, -errno, "sock_diag request: %m");
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return lab_errf(e, -errno, "sock_diag: %m");
		}
		if (n == 0)
			return found;
		/* A dump spans several reads; only DONE ends it (a DONE left
		 * unread would end the next dump on this socket at once). */
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return found;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *ne = NLMSG_DATA(h);

				return lab_errf(e, ne->error, "sock_diag: %s",
						strerror(-ne->error));
			}
			struct inet_diag_msg *m = NLMSG_DATA(h);

			if (ntohs(m->id.idiag_sport) == port)
				found = 1;
		}
	}
}

int ready_tcp_listening(int nsfd, int port, struct lab_err *e)
{
	int fd = diag_socket(nsfd, e), r;

	if (fd < 0)
		return fd;
	r = dump_listeners(fd, AF_INET, port, e);
	if (r == 0)
		r = dump_listeners(fd, AF_INET6, port, e);
	close(fd);
	return r;
}

bool ready_file_contains(const char *path, const char *text)
{
	return ready_file_contains_at(AT_FDCWD, path, text);
}

bool ready_file_contains_at(int dirfd, const char *path, const char *text)
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
	if (match && !(io->out && ready_file_contains_at(io->dirfd, io->out, match)))
		return 0;
	return 1;
}
