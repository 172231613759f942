/* sock_diag.h: questions to the kernel's socket tables (NETLINK_SOCK_DIAG)
 * inside one namespace, through nlreq, so a refusal carries the kernel's
 * own words. */
#ifndef LAB_SOCK_DIAG_H
#define LAB_SOCK_DIAG_H

#include "util/err.h"

/* 1 if a TCP socket LISTENs on port (IPv4 or IPv6) in the namespace nsfd
 * (-1: the caller's), 0 if not, < 0 with e filled on error. MPTCP
 * listeners count: their TCP subflow listener is in the same table. */
int sock_diag_tcp_listening(int nsfd, int port, struct lab_err *e);

#endif
