/* reserve.h: the descriptors a worker holds ready before it accepts.
 *
 * A connection needs more descriptors than the one accept4() hands out:
 * the outgoing socket, and a splice pipe (two) while data flows. Out of
 * descriptors, accepting and only then failing socket() would take a
 * client out of the backlog just to close it. So a worker accepts only
 * while it holds a spare outgoing socket and the pipe pool holds a spare
 * pipe; when either cannot be had (EMFILE, ENFILE), accepting pauses and
 * the clients wait in the backlog until connections end and free some.
 * The spare socket is the next connection's outgoing socket, so the
 * reserve costs no system call per connection. */
#ifndef PROXY_RESERVE_H
#define PROXY_RESERVE_H

struct worker;
struct listener;

/* Make sure the spare socket (for the family the next connection will
 * most likely need) and a spare pipe are there: 0 or -errno. */
int reserve_fill(struct worker *w, const struct listener *l);
/* An outgoing socket of this family (the spare if it fits; TCP_NODELAY,
 * --mark, --sndbuf and --rcvbuf set): the fd or -errno. */
int reserve_take_socket(struct worker *w, int family);
/* Close what is held (at worker exit). */
void reserve_release(struct worker *w);

#endif
