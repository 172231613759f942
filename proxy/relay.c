/* relay.c: system calls for the flow state machine (see relay.h). */
#include "relay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SPLICE_FLAGS (SPLICE_F_MOVE | SPLICE_F_NONBLOCK)

void relay_init_dir(struct dir *d, uint32_t pipe_size)
{
	flow_init(&d->f, pipe_size);
	d->pipe[0] = d->pipe[1] = -1;
	d->buf = NULL;
	d->off = 0;
}

static enum flow_io io_from_errno(int e)
{
	switch (e) {
	case EAGAIN:
		return FLOW_IO_AGAIN;
	case ECONNRESET:
	case EPIPE:
		return FLOW_IO_RESET;
	case EINVAL:
		return FLOW_IO_NOSPLICE;
	default:
		return FLOW_IO_ERROR;
	}
}

/* Where the next copy read goes: the buffer's free tail, compacted when
 * room bytes would not fit; NULL when out of memory. */
static char *copy_dst(struct dir *d, struct relay_pools *pools, uint32_t room)
{
	if (!d->buf && !(d->buf = buf_pool_get(&pools->bufs)))
		return NULL;
	if (d->off + d->f.queued + room > d->f.cap) {
		memmove(d->buf, d->buf + d->off, d->f.queued);
		d->off = 0;
	}
	return d->buf + d->off + d->f.queued;
}

/* One read into the queue: splice into the pipe, or recv into the buffer
 * (after a refused splice, first read out what the old pipe holds). */
static enum flow_io dir_read(struct dir *d, int src, struct relay_pools *pools,
			     uint32_t *n, int *err)
{
	uint32_t room = flow_read_room(&d->f);
	char *to;
	ssize_t r;

	if (!d->f.copy) {
		if (d->pipe[0] < 0 && pipe_pool_get(&pools->pipes, d->pipe) < 0) {
			d->pipe[0] = d->pipe[1] = -1;
			return FLOW_IO_NOSPLICE; /* no fd for a pipe: copy */
		}
		do
			r = splice(src, NULL, d->pipe[1], NULL, room, SPLICE_FLAGS);
		while (r < 0 && errno == EINTR);
	} else {
		if (!(to = copy_dst(d, pools, room))) {
			/* Data held in a pipe gets no later event: give up. */
			*err = ENOMEM;
			return flow_reads_pipe(&d->f) ? FLOW_IO_ERROR : FLOW_IO_AGAIN;
		}
		do
			r = flow_reads_pipe(&d->f) ? read(d->pipe[0], to, room) :
						     recv(src, to, room, 0);
		while (r < 0 && errno == EINTR);
		if (r < 0 && errno == EINVAL)
			errno = EIO; /* not a splice refusal */
	}
	if (r > 0) {
		*n = (uint32_t)r;
		return FLOW_IO_DATA;
	}
	if (r == 0)
		return FLOW_IO_EOF;
	*err = errno;
	return io_from_errno(errno);
}

static enum flow_io dir_write(struct dir *d, int dst, uint32_t *n, int *err)
{
	ssize_t r;

	do {
		if (!d->f.copy)
			r = splice(d->pipe[0], NULL, dst, NULL, d->f.queued,
				   SPLICE_FLAGS);
		else
			r = send(dst, d->buf + d->off, d->f.queued, MSG_NOSIGNAL);
	} while (r < 0 && errno == EINTR);
	if (r > 0) {
		*n = (uint32_t)r;
		return FLOW_IO_DATA;
	}
	*err = r == 0 ? EPIPE : errno;
	return io_from_errno(*err);
}

/* The queue is empty: hand the pipe back, free the buffer. */
static void dir_trim(struct dir *d, struct relay_pools *pools)
{
	if (!flow_empty(&d->f))
		return;
	if (d->pipe[0] >= 0)
		pipe_pool_put(&pools->pipes, d->pipe);
	buf_pool_put(&pools->bufs, d->buf);
	d->buf = NULL;
	d->off = 0;
}

enum relay_result relay_pump(struct conn *c, int di, struct relay_pools *pools,
			     uint64_t *moved)
{
	struct dir *d = &c->d[di];
	int src = c->s[di].fd, dst = c->s[1 - di].fd;
	int reads = 0, err = 0;
	uint64_t got = 0;
	uint32_t n = 0;
	enum flow_io io;

	*moved = 0;
	for (;;) {
		switch (flow_next(&d->f)) {
		case FLOW_READ:
			if (reads++ == RELAY_READ_BUDGET || got >= RELAY_BYTE_BUDGET)
				return RELAY_MORE;
			io = dir_read(d, src, pools, &n, &err);
			if (io == FLOW_IO_DATA)
				got += n;
			flow_read_done(&d->f, io, n, RELAY_COPY_BUF);
			if (io == FLOW_IO_NOSPLICE)
				dir_trim(d, pools); /* copy from now on */
			break;
		case FLOW_WRITE:
			io = dir_write(d, dst, &n, &err);
			flow_write_done(&d->f, io, n, RELAY_COPY_BUF);
			if (io == FLOW_IO_DATA) {
				*moved += n;
				if (d->f.copy)
					d->off += n;
				dir_trim(d, pools);
			}
			break;
		case FLOW_SHUTDOWN:
			/* If the other direction is finished the connection is
			 * closed next, and close() sends the FIN itself. */
			if (flow_finished(&c->d[1 - di].f)) {
				flow_shutdown_done(&d->f, true);
			} else if (shutdown(dst, SHUT_WR) < 0) {
				err = errno;
				flow_shutdown_done(&d->f, false);
			} else {
				flow_shutdown_done(&d->f, true);
			}
			break;
		case FLOW_WAIT:
			dir_trim(d, pools);
			return RELAY_WAIT;
		case FLOW_DONE:
			dir_trim(d, pools);
			return RELAY_DONE;
		case FLOW_ABORT:
			if (err)
				c->err = err;
			return RELAY_ABORT;
		}
	}
}

void relay_release(struct conn *c, struct relay_pools *pools)
{
	for (int i = 0; i < 2; i++) {
		struct dir *d = &c->d[i];

		if (d->pipe[0] >= 0) {
			/* Data left in it: the pool only takes empty pipes. */
			if (d->f.copy ? d->f.piped == 0 : d->f.queued == 0) {
				pipe_pool_put(&pools->pipes, d->pipe);
			} else {
				close(d->pipe[0]);
				close(d->pipe[1]);
				d->pipe[0] = d->pipe[1] = -1;
			}
		}
		buf_pool_put(&pools->bufs, d->buf);
		d->buf = NULL;
	}
}
