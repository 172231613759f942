/* notify_recv.c: the service manager's end of sd_notify(), for tests.
 *
 *   notify_recv PATH
 *
 * Binds a datagram socket at PATH (the NOTIFY_SOCKET a test gives the
 * proxy) and prints every message it receives as one line, its
 * newline-separated assignments joined by spaces, until it is killed. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char msg[4096];
	ssize_t n;
	int fd;

	if (argc != 2 || strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: notify_recv PATH (shorter than %zu)\n",
			sizeof(sun.sun_path));
		return 2;
	}
	strcpy(sun.sun_path, argv[1]);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		perror("notify_recv");
		return 1;
	}
	while ((n = recv(fd, msg, sizeof(msg) - 1, 0)) >= 0) {
		msg[n] = '\0';
		for (char *p = msg; *p; p++)
			if (*p == '\n')
				*p = ' ';
		printf("%s\n", msg);
		fflush(stdout);
	}
	perror("notify_recv: recv");
	return 1;
}
