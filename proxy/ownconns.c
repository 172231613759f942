/* ownconns.c: the registry of our outgoing sockets (see ownconns.h). */
#include "ownconns.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct own_entry {
	struct own_entry *next, **pprev;
	int fd;			/* valid while listed: closed only after own_del */
	bool settled;		/* local known; in a bucket, not pending */
	struct addr local, remote;
};

void own_init(struct own_conns *o)
{
	memset(o, 0, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
}

/* Local ports are spread by the kernel: they make the hash. */
static struct own_entry **bucket_of(struct own_conns *o,
				    const struct sockaddr *local)
{
	return &o->bucket[addr_port(local) % OWN_BUCKETS];
}

static void link_at(struct own_entry **head, struct own_entry *e)
{
	e->next = *head;
	if (e->next)
		e->next->pprev = &e->next;
	e->pprev = head;
	*head = e;
}

static void unlink_entry(struct own_entry *e)
{
	*e->pprev = e->next;
	if (e->next)
		e->next->pprev = e->pprev;
}

struct own_entry *own_add(struct own_conns *o, int fd,
			  const struct addr *remote)
{
	struct own_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->fd = fd;
	e->remote = *remote;
	pthread_mutex_lock(&o->lock);
	link_at(&o->pending, e);
	pthread_mutex_unlock(&o->lock);
	return e;
}

/* Called with the lock held. */
static bool read_local(struct own_entry *e)
{
	e->local.len = sizeof(e->local.ss);
	return getsockname(e->fd, (struct sockaddr *)&e->local.ss, &e->local.len) == 0 &&
	       addr_port((const struct sockaddr *)&e->local.ss) != 0;
}

void own_settle(struct own_conns *o, struct own_entry *e)
{
	pthread_mutex_lock(&o->lock);
	if (!e->settled && read_local(e)) {
		unlink_entry(e);
		link_at(bucket_of(o, (const struct sockaddr *)&e->local.ss), e);
		e->settled = true;
	}
	pthread_mutex_unlock(&o->lock);
}

void own_del(struct own_conns *o, struct own_entry *e)
{
	pthread_mutex_lock(&o->lock);
	unlink_entry(e);
	pthread_mutex_unlock(&o->lock);
	free(e);
}

static bool matches(const struct own_entry *e, const struct sockaddr *local,
		    const struct sockaddr *remote)
{
	return addr_equal((const struct sockaddr *)&e->local.ss, local) &&
	       addr_equal((const struct sockaddr *)&e->remote.ss, remote);
}

bool own_has(struct own_conns *o, const struct sockaddr *local,
	     const struct sockaddr *remote)
{
	bool found = false;
	struct own_entry *e;

	pthread_mutex_lock(&o->lock);
	for (e = *bucket_of(o, local); e && !found; e = e->next)
		found = matches(e, local, remote);
	/* Sockets between connect() and own_settle(): the returning
	 * connection may be accepted in that window. Few, and short. */
	for (e = o->pending; e && !found; e = e->next)
		found = addr_equal((const struct sockaddr *)&e->remote.ss, remote) &&
			read_local(e) && matches(e, local, remote);
	pthread_mutex_unlock(&o->lock);
	return found;
}
