/* netstat.c: MIB counters and interface bytes of a namespace (see
 * netstat.h). */
#include "kernel/netstat.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel/netns.h"

#define FILE_MAX 65536

struct read_arg {
	const char *path;
	char *buf;
	struct lab_err *e;
};

static int read_here(void *arg)
{
	struct read_arg *a = arg;
	int fd = open(a->path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t k;

	if (fd < 0)
		return lab_errf(a->e, -errno, "open %s: %m", a->path);
	while (n < FILE_MAX - 1 &&
	       (k = read(fd, a->buf + n, FILE_MAX - 1 - n)) > 0)
		n += (size_t)k;
	close(fd);
	a->buf[n] = '\0';
	return 0;
}

static char *read_in(int nsfd, const char *path, struct lab_err *e)
{
	struct read_arg a = { path, malloc(FILE_MAX), e };

	if (!a.buf) {
		lab_errf(e, -ENOMEM, "out of memory");
		return NULL;
	}
	if (netns_run(nsfd, read_here, &a, e) < 0) {
		free(a.buf);
		return NULL;
	}
	return a.buf;
}

/* Sections come as two lines, "Prefix: Name1 Name2..." and "Prefix: V1
 * V2...": walk both in step. */
int netstat_parse_counter(const char *text, const char *name,
			  long long *out)
{
	const char *line = text;

	while (line && *line) {
		const char *next = strchr(line, '\n');
		const char *vals = next ? next + 1 : NULL;
		const char *colon = strchr(line, ':');
		size_t plen = colon ? (size_t)(colon - line) : 0;

		if (!vals || !colon || strncmp(name, line, plen) ||
		    strncmp(vals, line, plen + 1)) {
			line = next ? next + 1 : NULL;
			continue;
		}
		const char *n = colon + 1, *v = vals + plen + 1;

		while (*n && *n != '\n') {
			while (*n == ' ')
				n++;
			size_t len = strcspn(n, " \n");
			char *end;
			long long val = strtoll(v, &end, 10);

			if (len && len == strlen(name + plen) &&
			    !strncmp(n, name + plen, len)) {
				*out = val;
				return 0;
			}
			n += len;
			v = end;
		}
		line = strchr(vals, '\n');
		line = line ? line + 1 : NULL;
	}
	return -ENOENT;
}

/* "  eth0: RXBYTES RXPKTS ... (8 rx fields) TXBYTES ..." */
int netstat_parse_dev(const char *text, const char *ifname, uint64_t *rx,
		      uint64_t *tx)
{
	size_t n = strlen(ifname);

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		while (*l == ' ')
			l++;
		if (strncmp(l, ifname, n) || l[n] != ':')
			continue;
		uint64_t f[9];

		if (sscanf(l + n + 1, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			   " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			   " %" SCNu64, &f[0], &f[1], &f[2], &f[3], &f[4],
			   &f[5], &f[6], &f[7], &f[8]) != 9)
			return -EINVAL;
		*rx = f[0];
		*tx = f[8];
		return 0;
	}
	return -ENODEV;
}

int netstat_counter(int nsfd, const char *name, long long *out,
		    struct lab_err *e)
{
	char *text = read_in(nsfd, "/proc/thread-self/net/netstat", e);
	int rc;

	if (!text)
		return e->code;
	rc = netstat_parse_counter(text, name, out);
	free(text);
	if (rc == -ENOENT)
		lab_errf(e, rc, "no counter %s in /proc/net/netstat", name);
	return rc;
}

int netstat_if_bytes(int nsfd, const char *ifname, uint64_t *rx,
		     uint64_t *tx, struct lab_err *e)
{
	char *text = read_in(nsfd, "/proc/thread-self/net/dev", e);
	int rc;

	if (!text)
		return e->code;
	rc = netstat_parse_dev(text, ifname, rx, tx);
	free(text);
	if (rc < 0)
		lab_errf(e, rc, "no interface %s in /proc/net/dev", ifname);
	return rc;
}
