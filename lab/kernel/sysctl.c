/* sysctl.c: net.* sysctls inside a namespace (see sysctl.h). */
#include "kernel/sysctl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int sysctl_path(const char *key, char *buf, size_t len)
{
	bool slashed = strchr(key, '/') != NULL;
	size_t n = strlen("/proc/sys/");

	if (strncmp(key, slashed ? "net/" : "net.", 4) || strstr(key, "..") ||
	    strstr(key, "//") || n + strlen(key) + 1 > len)
		return -EINVAL;
	memcpy(buf, "/proc/sys/", n);
	for (const char *p = key; *p; p++)
		buf[n++] = (!slashed && *p == '.') ? '/' : *p;
	buf[n] = '\0';
	return 0;
}

int sysctl_write(const char *key, const char *value, struct lab_err *e)
{
	char path[512];
	size_t len = strlen(value);
	int fd, err = 0;

	if (sysctl_path(key, path, sizeof(path)) < 0)
		return lab_errf(e, -EINVAL, "sysctl %s: not a net.* key", key);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return lab_errf(e, -errno, "sysctl %s: %m%s", key,
				errno == ENOENT ? " (no such key in this kernel)" : "");
	if (write(fd, value, len) != (ssize_t)len)
		err = lab_errf(e, errno ? -errno : -EIO,
			       "sysctl %s=%s: %m", key, value);
	close(fd);
	return err;
}
