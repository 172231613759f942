/* transparent.h: a redirected connection's original destination.
 *
 * Behind REDIRECT (iptables/nftables NAT) the kernel keeps the original
 * destination in conntrack: SO_ORIGINAL_DST / IP6T_SO_ORIGINAL_DST.
 * Behind TPROXY the accepted socket's own address (getsockname) is the
 * original destination, on an IP_TRANSPARENT listener. A connection made
 * straight to the proxy's port is neither: comparing with the listener's
 * own address tells them apart (and keeps us from connecting to ourselves). */
#ifndef PROXY_TRANSPARENT_H
#define PROXY_TRANSPARENT_H

#include "addr.h"

enum tp_kind {
	TP_NONE,	/* not redirected */
	TP_REDIRECT,
	TP_TPROXY,
};

/* The pure decision: orig (NULL when SO_ORIGINAL_DST failed), the
 * accepted socket's local address and the listener's bound address. */
enum tp_kind transparent_classify(const struct sockaddr *orig,
				  const struct sockaddr *local,
				  const struct sockaddr *listener);

/* Fill *dst for an accepted socket; returns the kind. */
enum tp_kind transparent_dst(int fd, const struct sockaddr *listener,
			     struct addr *dst);

/* Mark a listening socket transparent (TPROXY); 0 or -errno. */
int transparent_listener(int fd, int family);

#endif
