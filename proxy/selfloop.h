/* selfloop.h: would a connection to this address come back to us?
 *
 * -r pointing at the proxy's own listening address chains every
 * connection through the proxy again until the file descriptors run out;
 * so does, in transparent mode, a connection whose original destination
 * is the proxy's own listener (a redirect rule that also matches the
 * proxy's port). An address reaches one of our listeners when it equals
 * the listener's address, or when the listener is a wildcard (0.0.0.0,
 * ::) of the same port and family and the address is local to this host
 * (the kernel's own answer: bind() to it works). */
#ifndef PROXY_SELFLOOP_H
#define PROXY_SELFLOOP_H

#include <stdbool.h>

#include "addr.h"
#include "listener.h"

/* Whether a TCP connect to dst lands on one of the n listeners. */
bool selfloop_reaches(const struct listener *ls, int n,
		      const struct sockaddr *dst);

/* Whether sa's address is one of this host's (port ignored). */
bool selfloop_is_local(const struct sockaddr *sa);

#endif
