/* held.h: does a connection still hold data somewhere?
 *
 * A relayed connection holds data while bytes sit in our pipes or copy
 * buffers, in either socket's receive queue (read by nobody yet: the peer
 * may be blocked behind it by back-pressure) or in either socket's send
 * queue (not yet sent, or sent and not yet acknowledged: a slow or paused
 * reader). --idle-timeout closes only a connection that holds nothing, and
 * a connection abandoned while it holds data is reset, never closed with a
 * FIN that would pass a truncated stream off as complete. */
#ifndef PROXY_HELD_H
#define PROXY_HELD_H

#include <stdbool.h>

#include "conn.h"

/* Bytes queued in our pipes/buffers (no system call). */
bool conn_holds_queued(const struct conn *c);
/* That, or bytes in the sockets' kernel queues (SIOCINQ/SIOCOUTQ: up to
 * four ioctls). An MPTCP socket on a kernel that refuses these ioctls
 * (older ones do) counts as holding nothing; back-pressure still shows in
 * our queues and in the TCP side's. */
bool conn_holds_data(const struct conn *c);

#endif
