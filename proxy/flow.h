/* flow.h: the decisions of one relay direction, as a pure state machine.
 *
 * A flow moves bytes from a source socket to a destination socket through
 * a queue (a pipe for splice, or a bounded buffer when the kernel refuses
 * splice on the source). The relay asks flow_next() what to do, performs
 * that one system call, and reports the outcome with flow_read_done(),
 * flow_write_done() or flow_shutdown_done(). No system calls happen here,
 * so every rule below is unit-tested without sockets:
 *
 *  - queued data is written before more is read (bounded memory);
 *  - a source is read only while the queue has room (back-pressure: the
 *    kernel's receive window closes when we stop reading);
 *  - EAGAIN parks a side until epoll reports it ready again
 *    (flow_src_ready / flow_dst_ready; sockets are edge-triggered);
 *  - splice EAGAIN with data queued is ambiguous (an empty socket or a full
 *    pipe), so any write progress unparks the source again;
 *  - EOF on the source, once the queue is empty, becomes shutdown(SHUT_WR)
 *    on the destination: half-close, the other flow keeps going;
 *  - a reset or hard error on either socket aborts the connection, which
 *    the relay turns into a reset of the other side;
 *  - a socket that refuses splice (EINVAL), as source or as destination,
 *    switches the flow to copying for good; bytes already in the pipe are
 *    read out of it through the buffer first (flow_reads_pipe), so none is
 *    lost or reordered.
 *
 * A flow may start in copy mode (flow_set_copy: MPTCP sources, whose
 * kernel splice path copies anyway). Reads always go on until EAGAIN: a
 * short read is not trusted to mean "drained" (measured: trusting it
 * saved 3% of the connection rate, not worth a possible stall). */
#ifndef PROXY_FLOW_H
#define PROXY_FLOW_H

#include <stdbool.h>
#include <stdint.h>

enum flow_io {
	FLOW_IO_DATA,		/* n > 0 bytes moved */
	FLOW_IO_AGAIN,		/* EAGAIN */
	FLOW_IO_EOF,		/* read returned 0 */
	FLOW_IO_RESET,		/* ECONNRESET, EPIPE */
	FLOW_IO_NOSPLICE,	/* splice refused (EINVAL): copy from now on */
	FLOW_IO_ERROR,		/* anything else */
};

enum flow_act {
	FLOW_READ,		/* fill the queue from the source */
	FLOW_WRITE,		/* drain the queue into the destination */
	FLOW_SHUTDOWN,		/* shutdown(dst, SHUT_WR) */
	FLOW_WAIT,		/* nothing to do until an event */
	FLOW_DONE,		/* EOF delivered: this direction is finished */
	FLOW_ABORT,		/* reset the connection */
};

struct flow {
	uint32_t queued;	/* bytes waiting in the pipe or buffer */
	uint32_t cap;		/* room in the pipe or buffer */
	bool src_eof;
	bool dst_shut;
	bool in_parked;		/* source said EAGAIN */
	bool in_ambiguous;	/* ... while data was queued (splice) */
	bool out_parked;	/* destination said EAGAIN */
	bool copy;		/* buffer copy instead of splice */
	uint32_t piped;		/* copy mode: bytes still in the old pipe */
	bool aborted;
};

void flow_init(struct flow *f, uint32_t pipe_cap);
/* Copy through a buffer of copy_cap bytes from the start. */
void flow_set_copy(struct flow *f, uint32_t copy_cap);
enum flow_act flow_next(const struct flow *f);
/* How many bytes a FLOW_READ asks for (flow_read_done() assumes exactly
 * this was asked). */
uint32_t flow_read_room(const struct flow *f);

void flow_read_done(struct flow *f, enum flow_io io, uint32_t n,
		    uint32_t copy_cap);
void flow_write_done(struct flow *f, enum flow_io io, uint32_t n,
		     uint32_t copy_cap);
void flow_shutdown_done(struct flow *f, bool ok);

/* epoll said the source is readable / the destination writable. */
void flow_src_ready(struct flow *f);
void flow_dst_ready(struct flow *f);

/* The next FLOW_READ reads the old pipe, not the source socket. */
static inline bool flow_reads_pipe(const struct flow *f)
{
	return f->piped > 0;
}

/* Nothing queued: the pipe or buffer may be given back. */
static inline bool flow_empty(const struct flow *f)
{
	return f->queued == 0 && f->piped == 0;
}

static inline bool flow_finished(const struct flow *f)
{
	return f->src_eof && f->dst_shut;
}

#endif
