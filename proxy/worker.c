/* worker.c: the per-thread epoll loop (see worker.h). */
#include "worker.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "reserve.h"
#include "session.h"

#define TICK_MS 100		/* timer granularity: connect/idle/drain */
#define MAX_EVENTS 256
#define POOL_MAX 32		/* spare pipes, spare buffers */
#define PIPE_SIZE (256 * 1024)	/* measured: 1 MiB bursts lowered throughput */
#define POOL_TRIM_MS 1000	/* close spare pipes unused this long */
/* A loop pass pumps at most this much, then goes back to epoll_wait, so
 * accepts, connect completions, timers and a stop request never wait
 * behind bulk transfers. Measured: one pass used to run for seconds
 * with 100 busy connections. */
#define PASS_BYTES (4u << 20)
#define PASS_NS 2000000ull	/* 2 ms */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);	/* vDSO: no system call */
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static uint64_t now_ms(void)
{
	return now_ns() / 1000000;
}

static bool pass_time_left(struct worker *w)
{
	return now_ns() < w->pass_end_ns;
}

int worker_init(struct worker *w, int id, struct proxy *px)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int rc;

	w->id = id;
	w->px = px;
	w->spare_fd = -1;
	w->remote = px->remote;
	w->wake_kind = EV_WAKE;
	w->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (w->epfd < 0)
		return -errno;
	w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w->wake_fd < 0)
		return -errno;
	ev.data.ptr = &w->wake_kind;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->wake_fd, &ev) < 0)
		return -errno;
	for (int i = 0; i < w->nls; i++) {
		/* Edge-triggered: accept runs until EAGAIN (or its budget,
		 * then accept_more brings it back without a new edge). */
		ev.events = EPOLLIN | EPOLLET;
		ev.data.ptr = &w->ls[i];
		if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->ls[i].fd, &ev) < 0)
			return -errno;
	}
	rc = pipe_pool_init(&w->pools.pipes, POOL_MAX, PIPE_SIZE);
	if (rc == 0)
		rc = buf_pool_init(&w->pools.bufs, POOL_MAX, RELAY_COPY_BUF);
	return rc;
}

void worker_request_stop(struct worker *w, enum worker_stop how)
{
	uint64_t one = 1;

	atomic_store(&w->stop, (int)how);
	if (write(w->wake_fd, &one, sizeof(one)) < 0)
		return; /* counter full: a wake-up is pending anyway */
}

static void close_listeners(struct worker *w)
{
	for (int i = 0; i < w->nls; i++) {
		if (w->ls[i].fd >= 0)
			close(w->ls[i].fd);
		w->ls[i].fd = -1;
	}
}

static void begin_drain(struct worker *w, int how)
{
	if (!w->draining) {
		w->draining = true;
		close_listeners(w);
		w->drain_deadline = w->now + (uint64_t)w->px->cfg->grace_ms;
		if (w->nconns)
			log_debug("worker %d: draining %d connections", w->id,
				  w->nconns);
	}
	if (how == STOP_NOW)
		w->drain_deadline = w->now;
}

static void dispatch(struct worker *w, struct epoll_event *ev)
{
	uint8_t kind = *(uint8_t *)ev->data.ptr;
	uint64_t junk;

	switch (kind) {
	case EV_SIDE:
		session_event(w, ev->data.ptr, ev->events);
		break;
	case EV_LISTENER:
		session_accept(w, ev->data.ptr);
		break;
	case EV_WAKE:
		if (read(w->wake_fd, &junk, sizeof(junk)) < 0)
			break;
		break;
	}
}

/* After the events of a pass were noted: resumed or pending accepts,
 * timers, early MPTCP retries, then pumping the ready queue within the
 * pass's budget, and freeing connections closed during the pass. */
static void housekeeping(struct worker *w, uint64_t *next_tick)
{
	struct conn *c;

	if (w->accept_paused && w->now >= w->accept_resume_ms) {
		w->accept_paused = false;
		w->accept_more = true;
	}
	if (w->accept_more && !w->draining) {
		w->accept_more = false;
		for (int i = 0; i < w->nls; i++)
			session_accept(w, &w->ls[i]);
	}
	if (w->now >= *next_tick) {
		session_sweep(w);
		*next_tick = w->now + TICK_MS;
		if (w->now >= w->next_trim) {
			pipe_pool_trim(&w->pools.pipes);
			buf_pool_trim(&w->pools.bufs);
			w->next_trim = w->now + POOL_TRIM_MS;
		}
	}
	session_retry(w);
	session_serve(w, PASS_BYTES, pass_time_left);
	while ((c = w->dead) != NULL) {
		w->dead = c->next;
		session_unlist(w, c);	/* closed while still listed */
		free(c);
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct epoll_event evs[MAX_EVENTS];
	uint64_t next_tick;
	int n, timeout, stop;

	w->now = now_ms();
	next_tick = w->now + TICK_MS;
	for (;;) {
		timeout = (!readyq_empty(&w->rq) || w->accept_more) ? 0 :
			  w->retry ? 1 : TICK_MS;
		n = epoll_wait(w->epfd, evs, MAX_EVENTS, timeout);
		if (n < 0 && errno != EINTR) {
			w->exit_err = errno;
			log_error("worker %d: epoll_wait: %s", w->id, strerror(errno));
			break;
		}
		w->pass_end_ns = now_ns();
		w->now = w->pass_end_ns / 1000000;
		w->pass_end_ns += PASS_NS;
		w->pass_bytes = 0;
		/* Before the events: a new connection uses the newest list. */
		if (w->px->rsrc && remote_sync(w->px->rsrc, &w->remote_gen, &w->remote))
			w->remote_pref = 0;
		/* A stop request first: no accept of this batch after it. */
		stop = atomic_load_explicit(&w->stop, memory_order_relaxed);
		if (stop != STOP_NONE)
			begin_drain(w, stop);
		for (int i = 0; i < n; i++)
			dispatch(w, &evs[i]);
		housekeeping(w, &next_tick);
		if (w->draining && w->nconns == 0)
			break;
		if (w->draining && w->now >= w->drain_deadline) {
			if (w->nconns)
				log_info("worker %d: grace period over: closing %d connections",
					 w->id, w->nconns);
			while (w->conns)
				session_close(w, w->conns, true);
			housekeeping(w, &next_tick);
			break;
		}
	}
	atomic_store(&w->done, true);
	/* Wake the main thread's sigtimedwait() (SIGUSR2 is blocked in every
	 * thread and only waited for there), so a drained proxy exits at once
	 * instead of on its next poll. */
	kill(getpid(), SIGUSR2);
	return NULL;
}

int worker_start(struct worker *w)
{
	int rc = pthread_create(&w->thr, NULL, worker_main, w);

	return -rc;
}

void worker_join(struct worker *w)
{
	pthread_join(w->thr, NULL);
}

void worker_destroy(struct worker *w)
{
	close_listeners(w);
	if (w->px)	/* worker_init ran: spare_fd is set */
		reserve_release(w);
	pipe_pool_destroy(&w->pools.pipes);
	buf_pool_destroy(&w->pools.bufs);
	if (w->wake_fd >= 0)
		close(w->wake_fd);
	if (w->epfd >= 0)
		close(w->epfd);
}
