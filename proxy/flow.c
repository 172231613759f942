/* flow.c: one relay direction's state machine (see flow.h). */
#include "flow.h"

void flow_init(struct flow *f, uint32_t pipe_cap)
{
	*f = (struct flow){ .cap = pipe_cap };
}

enum flow_act flow_next(const struct flow *f)
{
	if (f->aborted)
		return FLOW_ABORT;
	if (f->queued > 0 && !f->out_parked)
		return FLOW_WRITE;
	/* The old pipe is always readable, whatever the source says. */
	if (f->piped > 0 && f->queued < f->cap)
		return FLOW_READ;
	if (!f->src_eof && !f->in_parked && f->queued < f->cap)
		return FLOW_READ;
	if (f->src_eof && f->queued == 0 && f->piped == 0)
		return f->dst_shut ? FLOW_DONE : FLOW_SHUTDOWN;
	return FLOW_WAIT;
}

void flow_set_copy(struct flow *f, uint32_t copy_cap)
{
	f->copy = true;
	f->cap = copy_cap;
}

uint32_t flow_read_room(const struct flow *f)
{
	uint32_t room = f->queued < f->cap ? f->cap - f->queued : 0;

	return f->piped > 0 && f->piped < room ? f->piped : room;
}

/* Splice was refused: copy from now on; what the pipe holds is read out
 * of it first. Refused twice (while copying) cannot be mended. */
static void to_copy(struct flow *f, uint32_t copy_cap)
{
	if (f->copy) {
		f->aborted = true;
		return;
	}
	f->copy = true;
	f->cap = copy_cap;
	f->piped = f->queued;
	f->queued = 0;
	f->in_ambiguous = false;
	f->out_parked = false;
}

void flow_read_done(struct flow *f, enum flow_io io, uint32_t n,
		    uint32_t copy_cap)
{
	switch (io) {
	case FLOW_IO_DATA:
		f->piped = n >= f->piped ? 0 : f->piped - n;
		f->queued += n;
		break;
	case FLOW_IO_AGAIN:
		if (f->piped > 0) {	/* the pipe held less than counted */
			f->aborted = true;
			break;
		}
		f->in_parked = true;
		/* splice EAGAIN also means "pipe full"; with a copy buffer the
		 * room is exact, so the answer is about the socket only. */
		f->in_ambiguous = !f->copy && f->queued > 0;
		break;
	case FLOW_IO_EOF:
		if (f->piped > 0)	/* we hold the write end: cannot be */
			f->aborted = true;
		else
			f->src_eof = true;
		break;
	case FLOW_IO_NOSPLICE:
		to_copy(f, copy_cap);
		break;
	case FLOW_IO_RESET:
	case FLOW_IO_ERROR:
		f->aborted = true;
		break;
	}
}

void flow_write_done(struct flow *f, enum flow_io io, uint32_t n,
		     uint32_t copy_cap)
{
	switch (io) {
	case FLOW_IO_DATA:
		f->queued = n >= f->queued ? 0 : f->queued - n;
		if (f->in_ambiguous) {
			f->in_parked = false;
			f->in_ambiguous = false;
		}
		break;
	case FLOW_IO_AGAIN:
		f->out_parked = true;
		break;
	case FLOW_IO_NOSPLICE:
		to_copy(f, copy_cap);
		break;
	case FLOW_IO_EOF:
	case FLOW_IO_RESET:
	case FLOW_IO_ERROR:
		f->aborted = true;
		break;
	}
}

void flow_shutdown_done(struct flow *f, bool ok)
{
	if (ok)
		f->dst_shut = true;
	else
		f->aborted = true;
}

void flow_src_ready(struct flow *f)
{
	f->in_parked = false;
	f->in_ambiguous = false;
}

void flow_dst_ready(struct flow *f)
{
	f->out_parked = false;
}
