/* mptcp_info.h: MPTCP availability and per-connection negotiation.
 *
 * mptcp_probe() tells at start-up whether the kernel lets us create MPTCP
 * sockets and, if not, why (for a one-line message). mptcp_negotiated()
 * tells, for a connected or accepted socket, whether MPTCP was really
 * negotiated or the connection fell back to plain TCP. */
#ifndef PROXY_MPTCP_INFO_H
#define PROXY_MPTCP_INFO_H

#include <netinet/in.h>	/* IPPROTO_MPTCP (262) */

enum mptcp_avail {
	MPTCP_OK,
	MPTCP_DISABLED,		/* net.mptcp.enabled = 0 (ENOPROTOOPT) */
	MPTCP_UNSUPPORTED,	/* kernel without MPTCP */
	MPTCP_PROBE_ERROR,	/* something else (EMFILE...) */
};

/* err: errno of the failed socket() call when not MPTCP_OK. */
enum mptcp_avail mptcp_probe(int *err);

/* The one-line explanation and fix for a probe failure. */
const char *mptcp_avail_text(enum mptcp_avail a);

/* 1 MPTCP, 0 plain TCP (fallback). */
int mptcp_negotiated(int fd);

#endif
