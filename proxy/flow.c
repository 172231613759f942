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
	if (!f->src_eof && !f->in_parked && f->queued < f->cap)
		return FLOW_READ;
	if (f->src_eof && f->queued == 0)
		return f->dst_shut ? FLOW_DONE : FLOW_SHUTDOWN;
	return FLOW_WAIT;
}

void flow_set_copyread(struct flow *f)
{
	f->copyread = true;
	f->want = FLOW_WANT_MIN;
}

uint32_t flow_read_room(const struct flow *f)
{
	uint32_t room = f->queued < f->cap ? f->cap - f->queued : 0;

	if (f->copyread && !f->copy && f->want < room)
		room = f->want;
	return room;
}

static uint32_t pages_of(uint32_t n)
{
	return (n + FLOW_PAGE - 1) / FLOW_PAGE;
}

/* Bookkeeping after a successful read of n out of req bytes. */
static void read_data(struct flow *f, uint32_t n, uint32_t req)
{
	bool short_read = n < req;
	bool drained = short_read && !f->src_hup;

	if (f->copy) {
		/* recv() returns less than asked only when nothing is left. */
		if (drained)
			f->in_parked = true;
		return;
	}
	if (!f->copyread)
		return;
	/* copy_splice_read() asks for no more pages than the pipe has free
	 * slots; if the whole request fitted, a short read is the socket's. */
	if (drained && f->pages + pages_of(req) <= f->cap / FLOW_PAGE) {
		f->in_parked = true;
		f->in_ambiguous = false;
	}
	f->pages += pages_of(n);
	if (!short_read && f->want < f->cap)
		f->want = f->want * 2 < f->cap ? f->want * 2 : f->cap;
	else if (n < f->want / 4 && f->want / 2 >= FLOW_WANT_MIN)
		f->want /= 2;
}

void flow_read_done(struct flow *f, enum flow_io io, uint32_t n,
		    uint32_t copy_cap)
{
	uint32_t req = flow_read_room(f);

	switch (io) {
	case FLOW_IO_DATA:
		f->queued += n;
		read_data(f, n, req);
		break;
	case FLOW_IO_AGAIN:
		f->in_parked = true;
		/* splice EAGAIN also means "pipe full"; with a copy buffer the
		 * room is exact, so the answer is about the socket only. */
		f->in_ambiguous = !f->copy && f->queued > 0;
		break;
	case FLOW_IO_EOF:
		f->src_eof = true;
		break;
	case FLOW_IO_NOSPLICE:
		if (f->copy || f->queued > 0) {
			f->aborted = true; /* cannot happen twice or mid-stream */
			break;
		}
		f->copy = true;
		f->cap = copy_cap;
		break;
	case FLOW_IO_RESET:
	case FLOW_IO_ERROR:
		f->aborted = true;
		break;
	}
}

void flow_write_done(struct flow *f, enum flow_io io, uint32_t n)
{
	switch (io) {
	case FLOW_IO_DATA:
		f->queued = n >= f->queued ? 0 : f->queued - n;
		if (f->queued == 0)
			f->pages = 0;	/* the pipe is empty again */
		if (f->in_ambiguous) {
			f->in_parked = false;
			f->in_ambiguous = false;
		}
		break;
	case FLOW_IO_AGAIN:
		f->out_parked = true;
		break;
	case FLOW_IO_EOF:
	case FLOW_IO_NOSPLICE:
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

void flow_src_hup(struct flow *f)
{
	f->src_hup = true;
}

void flow_dst_ready(struct flow *f)
{
	f->out_parked = false;
}
