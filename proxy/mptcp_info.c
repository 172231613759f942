/* mptcp_info.c: MPTCP probe and fallback detection (see mptcp_info.h). */
#include "mptcp_info.h"

#include <errno.h>
#include <stddef.h>
#include <linux/mptcp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef SOL_MPTCP
#define SOL_MPTCP 284
#endif
#ifndef TCP_IS_MPTCP
#define TCP_IS_MPTCP 43		/* Linux 6.5 */
#endif

enum mptcp_avail mptcp_probe(int *err)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP);

	if (fd >= 0) {
		close(fd);
		*err = 0;
		return MPTCP_OK;
	}
	*err = errno;
	switch (errno) {
	case ENOPROTOOPT:
		return MPTCP_DISABLED;
	case EPROTONOSUPPORT:
	case EINVAL:
	case EAFNOSUPPORT:
		return MPTCP_UNSUPPORTED;
	default:
		return MPTCP_PROBE_ERROR;
	}
}

const char *mptcp_avail_text(enum mptcp_avail a)
{
	switch (a) {
	case MPTCP_OK:
		return "MPTCP is available";
	case MPTCP_DISABLED:
		return "MPTCP is disabled: sysctl -w net.mptcp.enabled=1 (or use --disable-mptcp)";
	case MPTCP_UNSUPPORTED:
		return "kernel without MPTCP (CONFIG_MPTCP): boot a kernel with MPTCP, or use --disable-mptcp";
	case MPTCP_PROBE_ERROR:
		break;
	}
	return "cannot create an MPTCP socket";
}

int mptcp_negotiated(int fd)
{
	struct mptcp_info info;
	socklen_t len = sizeof(int);
	int v = 0;

	if (getsockopt(fd, SOL_TCP, TCP_IS_MPTCP, &v, &len) == 0)
		return v != 0;
	/* Before 6.5: MPTCP_INFO answers only on a socket that did not fall
	 * back (a fallback socket forwards SOL_MPTCP to TCP: ENOPROTOOPT). */
	len = sizeof(info);
	if (getsockopt(fd, SOL_MPTCP, MPTCP_INFO, &info, &len) == 0)
		return !(len >= offsetof(struct mptcp_info, mptcpi_flags) + 4 &&
			 (info.mptcpi_flags & MPTCP_INFO_FLAG_FALLBACK));
	return 0;
}
