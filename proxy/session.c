/* session.c: accept, connect, relay, close (see session.h). */
#include "session.h"

#include <errno.h>
#include <stddef.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "held.h"
#include "log.h"
#include "mptcp_info.h"
#include "relay.h"
#include "reserve.h"
#include "selfloop.h"
#include "transparent.h"

#define SIDE_EVENTS (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET)

/* An accepted MPTCP socket gets TCP_NODELAY (a relay must not add Nagle
 * delays of its own) unless, as on newer kernels, it inherits it from
 * its listener like a TCP socket does: the first one accepted tells, and
 * later ones are spared the system call (perf: one of ~22 per connection
 * in server mode). -1 unknown, 0 must set, 1 inherited. */
static _Atomic int mptcp_inherits_nodelay = -1;

static void accepted_nodelay(int fd)
{
	int one = 1, v = 0, known = atomic_load_explicit(&mptcp_inherits_nodelay,
							 memory_order_relaxed);
	socklen_t len = sizeof(v);

	if (known == 1)
		return;
	if (known < 0) {
		known = getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v;
		atomic_store_explicit(&mptcp_inherits_nodelay, known,
				      memory_order_relaxed);
		if (known)
			return;
	}
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

static int sock_error(int fd)
{
	int e = 0;
	socklen_t len = sizeof(e);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0)
		return errno;
	return e;
}

static int watch(struct worker *w, struct side *s)
{
	struct epoll_event ev = { .events = SIDE_EVENTS, .data.ptr = s };

	return epoll_ctl(w->epfd, EPOLL_CTL_ADD, s->fd, &ev);
}

static void count_mptcp(struct worker *w, int fd, const char *what)
{
	int m = mptcp_negotiated(fd);

	stat_add(&w->st, m ? ST_MPTCP : ST_FALLBACK, 1);
	log_debug("worker %d: %s %s", w->id, what,
		  m ? "negotiated MPTCP" : "fell back to TCP");
}

static void ready_push(struct worker *w, struct conn *c)
{
	readyq_push(&w->rq, c);
}

void session_serve(struct worker *w, uint64_t max_bytes,
		   bool (*time_left)(struct worker *w))
{
	bool bulk_served = false;
	struct conn *c;

	/* Light ones first; at least one connection per pass. */
	for (;;) {
		c = readyq_pop(&w->rq, RQ_LIGHT);
		if (!c && (c = readyq_pop(&w->rq, RQ_BULK)) != NULL)
			bulk_served = true;
		if (!c)
			return;
		session_pump(w, c);
		if (w->pass_bytes >= max_bytes || !time_left(w))
			break;
	}
	/* Light connections used the whole budget: one bulk turn anyway, so
	 * the bulk ones never starve. */
	if (!bulk_served && (c = readyq_pop(&w->rq, RQ_BULK)) != NULL)
		session_pump(w, c);
}

/* The outgoing socket is about to close: no longer one of ours. */
static void own_drop(struct worker *w, struct conn *c)
{
	if (c->own)
		own_del(&w->px->own, c->own);
	c->own = NULL;
}

void session_close(struct worker *w, struct conn *c, bool reset)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	if (c->state == CONN_DEAD)
		return;
	/* Bytes we took and cannot deliver: the peers must not take the
	 * stream for complete (a FIN would say so). */
	if (!reset && conn_holds_queued(c))
		reset = true;
	own_drop(w, c);
	for (int i = 0; i < 2; i++) {
		if (c->s[i].fd < 0)
			continue;
		if (reset)
			(void)setsockopt(c->s[i].fd, SOL_SOCKET, SO_LINGER, &lg,
					 sizeof(lg));
		close(c->s[i].fd);	/* also leaves the epoll set */
		c->s[i].fd = -1;
	}
	relay_release(c, &w->pools);
	if (reset)
		stat_add(&w->st, ST_RESET, 1);
	log_debug("worker %d: connection %s%s%s", w->id,
		  reset ? "reset" : "closed", c->err ? ": " : "",
		  c->err ? strerror(c->err) : "");
	if (c->prev)
		c->prev->next = c->next;
	else
		w->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->state = CONN_DEAD;
	c->next = w->dead;
	w->dead = c;
	w->nconns--;
	stat_add(&w->st, ST_ACTIVE, -1);
	if (w->px->cfg->max_conns)
		atomic_fetch_sub(&w->px->open_conns, 1);
	/* A slot (--max-conns) and descriptors are free again. */
	if (w->accept_paused && !w->draining) {
		w->accept_paused = false;
		w->accept_more = true;
	}
}

/* A flow towards an MPTCP socket holds data the socket refused. */
static bool mptcp_write_stalled(const struct conn *c)
{
	for (int i = 0; i < 2; i++) {
		const struct flow *f = &c->d[i].f;

		if (c->s[1 - i].mptcp && f->out_parked && f->queued > 0)
			return true;
	}
	return false;
}

static void retry_arm(struct worker *w, struct conn *c)
{
	if (c->on_retry)
		return;
	c->on_retry = true;
	c->retry_n = 0;
	c->retry_at = w->now + RETRY_FIRST_MS;
	c->retry_next = w->retry;
	w->retry = c;
}

void session_pump(struct worker *w, struct conn *c)
{
	bool more = false;
	uint64_t moved, total = 0;

	if (c->state != CONN_RELAYING)
		return;
	for (int i = 0; i < 2; i++) {
		enum relay_result r = relay_pump(c, i, &w->pools, &moved);

		if (moved) {
			stat_add(&w->st, i == 0 ? ST_TO_REMOTE : ST_TO_CLIENT,
				 (int64_t)moved);
			c->last_ms = w->now;
			w->pass_bytes += moved;
			total += moved;
		}
		if (r == RELAY_ABORT) {
			session_close(w, c, true);
			return;
		}
		more |= r == RELAY_MORE;
	}
	readyq_account(c, total);
	if (flow_finished(&c->d[0].f) && flow_finished(&c->d[1].f)) {
		session_close(w, c, false);
		return;
	}
	if (more)
		ready_push(w, c);
	if (mptcp_write_stalled(c))
		retry_arm(w, c);
}

/* An MPTCP socket's EPOLLOUT was seen to come tens of milliseconds after
 * it could take data again, while the other side's data piled up and the
 * CPU idled. So a write it refused is retried after 2, 4, 8, 16 and 32 ms
 * (at most five extra calls per stall) besides waiting for epoll; measured
 * +10% single-stream throughput. */
void session_retry(struct worker *w)
{
	struct conn **pp = &w->retry, *c;
	bool give_up;

	while ((c = *pp) != NULL) {
		if (c->state == CONN_RELAYING && mptcp_write_stalled(c) &&
		    w->now < c->retry_at) {
			pp = &c->retry_next;
			continue;
		}
		give_up = true;
		if (c->state == CONN_RELAYING && mptcp_write_stalled(c)) {
			for (int i = 0; i < 2; i++)
				if (c->s[1 - i].mptcp)
					flow_dst_ready(&c->d[i].f);
			c->retry_n++;
			c->retry_at = w->now + ((uint64_t)RETRY_FIRST_MS << c->retry_n);
			session_pump(w, c);	/* may close c: then it is unlisted */
			give_up = c->retry_n >= RETRY_MAX ||
				  c->state != CONN_RELAYING || !mptcp_write_stalled(c);
		}
		if (give_up) {
			*pp = c->retry_next;
			c->on_retry = false;
		} else {
			pp = &c->retry_next;
		}
	}
}

static void unlink_from(struct conn **head, struct conn *c, size_t next_off)
{
	for (struct conn **pp = head; *pp; pp = (struct conn **)((char *)*pp + next_off)) {
		if (*pp == c) {
			*pp = *(struct conn **)((char *)c + next_off);
			return;
		}
	}
}

void session_unlist(struct worker *w, struct conn *c)
{
	readyq_unlink(&w->rq, c);
	if (c->on_retry)
		unlink_from(&w->retry, c, offsetof(struct conn, retry_next));
	c->on_ready = c->on_retry = false;
}

static void connected(struct worker *w, struct conn *c)
{
	c->state = CONN_RELAYING;
	c->last_ms = w->now;
	c->err = 0;	/* earlier addresses' failures are history */
	c->deadline_ms = 0;	/* from now on: the next kick_quiet() */
	if (!c->has_dst)
		w->remote_pref = c->addr_idx;
	if (w->px->detect_mptcp_connected)
		count_mptcp(w, c->s[SIDE_REMOTE].fd, "outgoing connection");
	/* Edge-triggered: data that arrived while connecting gave its edge
	 * already, so look at both sides (in turn, on the ready queue). */
	ready_push(w, c);
}

static const struct addr *next_target(struct worker *w, struct conn *c)
{
	const struct addr_list *rl = &w->remote;

	if (c->has_dst)
		return c->tries == 0 ? &c->dst : NULL;
	if (c->tries >= rl->n)
		return NULL;
	c->addr_idx = (uint8_t)((w->remote_pref + c->tries) % rl->n);
	return &rl->a[c->addr_idx];
}

/* Try the remote's addresses in turn until one connects or is in
 * progress; if none is left, close the accepted side at once. */
static void start_connect(struct worker *w, struct conn *c)
{
	const struct config *cfg = w->px->cfg;
	const struct addr *a;
	char as[ADDR_HOST_MAX + 16];
	unsigned held;
	int fd;

	while ((a = next_target(w, c)) != NULL) {
		c->tries++;
		fd = reserve_take_socket(w, a->ss.ss_family);
		if (fd < 0) {
			c->err = -fd;
			if (fd == -EMFILE || fd == -ENFILE)
				break;
			continue;
		}
		/* Before connect(): a redirect may bring it straight back,
		 * to another worker, before connect() returns. */
		if (cfg->transparent)
			c->own = own_add(&w->px->own, fd, a);
		if (connect(fd, (const struct sockaddr *)&a->ss, a->len) == 0 ||
		    errno == EINPROGRESS) {
			c->s[SIDE_REMOTE].fd = fd;
			if (c->own)
				own_settle(&w->px->own, c->own);
			c->deadline_ms = w->now + (uint64_t)cfg->connect_timeout_ms;
			if (watch(w, &c->s[SIDE_REMOTE]) < 0) {
				c->err = errno;
				break;
			}
			return;	/* completion is reported by EPOLLOUT */
		}
		c->err = errno;
		log_debug("worker %d: connect to %s: %s", w->id,
			  addr_str((const struct sockaddr *)&a->ss, as, sizeof(as)),
			  strerror(errno));
		own_drop(w, c);
		close(fd);
	}
	stat_add(&w->st, ST_FAILED, 1);
	if (!c->has_dst && w->px->rsrc)
		remote_src_want(w->px->rsrc);	/* the name may have moved */
	if (log_rl_allow(&w->rl_connect, w->now, &held))
		log_info("cannot connect to %s: %s%s",
			 c->has_dst ? addr_str((const struct sockaddr *)&c->dst.ss, as, sizeof(as)) :
				      addr_host_port(cfg->remote_host, cfg->remote_port, as, sizeof(as)),
			 strerror(c->err ? c->err : EHOSTUNREACH),
			 held ? " (and earlier failures not shown)" : "");
	session_close(w, c, false);
}

/* A connect finished (err 0: EPOLLOUT alone; -1: EPOLLERR/HUP, ask the
 * socket) or timed out (err = ETIMEDOUT). */
static void connect_done(struct worker *w, struct conn *c, int err)
{
	struct side *r = &c->s[SIDE_REMOTE];

	if (err < 0 && (err = sock_error(r->fd)) == 0)
		err = ECONNREFUSED;
	if (err == 0) {
		connected(w, c);
		return;
	}
	c->err = err;
	log_debug("worker %d: connect: %s", w->id, strerror(err));
	own_drop(w, c);
	close(r->fd);
	r->fd = -1;
	start_connect(w, c);
}

void session_event(struct worker *w, struct side *s, uint32_t ev)
{
	struct conn *c = s->c;
	int k = s->idx;

	if (c->state == CONN_DEAD || s->fd < 0)
		return;
	if (c->state == CONN_CONNECTING) {
		if (k == SIDE_REMOTE && (ev & (EPOLLERR | EPOLLHUP)))
			connect_done(w, c, -1);
		else if (k == SIDE_REMOTE && (ev & EPOLLOUT))
			connect_done(w, c, 0); /* writable, no error: connected */
		else if (k == SIDE_ACCEPTED && (ev & EPOLLERR)) {
			c->err = sock_error(s->fd);
			session_close(w, c, true);
		}
		return;
	}
	if (ev & EPOLLERR) {
		/* A reset (or other hard error) on one side becomes a reset
		 * on the other. */
		c->err = sock_error(s->fd);
		session_close(w, c, true);
		return;
	}
	if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLHUP))
		flow_src_ready(&c->d[k].f);
	if (ev & (EPOLLOUT | EPOLLHUP))
		flow_dst_ready(&c->d[1 - k].f);
	ready_push(w, c);	/* pumped in turn, within the pass's budget */
}

static struct conn *conn_new(struct worker *w, const struct listener *l,
			     int fd)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	for (int i = 0; i < 2; i++) {
		c->s[i] = (struct side){ .kind = EV_SIDE, .idx = (uint8_t)i,
					 .fd = -1, .c = c };
		relay_init_dir(&c->d[i], w->pools.pipes.size);
	}
	c->s[SIDE_ACCEPTED].fd = fd;
	c->s[SIDE_ACCEPTED].mptcp = l->proto == IPPROTO_MPTCP;
	c->s[SIDE_REMOTE].mptcp = w->px->connect_proto == IPPROTO_MPTCP;
	/* MPTCP has no zero-copy splice_read: the kernel's generic path
	 * copies into freshly allocated pages anyway, and recv() into a
	 * reused buffer measured cheaper. */
	if (l->proto == IPPROTO_MPTCP)
		flow_set_copy(&c->d[SIDE_ACCEPTED].f, RELAY_COPY_BUF);
	if (w->px->connect_proto == IPPROTO_MPTCP)
		flow_set_copy(&c->d[SIDE_REMOTE].f, RELAY_COPY_BUF);
	c->state = CONN_CONNECTING;
	c->next = w->conns;
	if (w->conns)
		w->conns->prev = c;
	w->conns = c;
	w->nconns++;
	stat_add(&w->st, ST_ACTIVE, 1);
	stat_add(&w->st, ST_TOTAL, 1);
	return c;
}

/* Where a transparent connection goes; false: nowhere (closed). */
static bool pick_transparent_dst(struct worker *w, struct conn *c,
				 const struct listener *l, const struct addr *peer)
{
	enum tp_kind k = transparent_dst(c->s[SIDE_ACCEPTED].fd,
					 (const struct sockaddr *)&l->addr.ss,
					 &c->dst);
	char as[ADDR_STR_MAX];
	unsigned held;

	/* A redirect that also caught connections to our own port would
	 * send each one back to us, over and over. */
	if (k != TP_NONE &&
	    selfloop_reaches(w->ls, w->nls, (const struct sockaddr *)&c->dst.ss)) {
		if (log_rl_allow(&w->rl_connect, w->now, &held))
			log_info("connection to %s: that is this proxy's own listener (a redirect loop): closed%s",
				 addr_str((const struct sockaddr *)&c->dst.ss, as, sizeof(as)),
				 held ? " (and earlier ones not shown)" : "");
		return false;
	}
	/* One of our own connections, redirected back to us: the rules do
	 * not exempt our --mark. Relaying it would go round again. */
	if (k == TP_REDIRECT &&
	    own_has(&w->px->own, (const struct sockaddr *)&peer->ss,
		    (const struct sockaddr *)&c->dst.ss)) {
		if (log_rl_allow(&w->rl_connect, w->now, &held))
			log_info("connection to %s is this proxy's own, redirected back to it (no rule exempts --mark): closed%s",
				 addr_str((const struct sockaddr *)&c->dst.ss, as, sizeof(as)),
				 held ? " (and earlier ones not shown)" : "");
		return false;
	}
	if (k != TP_NONE) {
		c->has_dst = true;
		log_debug("worker %d: %s destination %s", w->id,
			  k == TP_REDIRECT ? "redirected" : "tproxy",
			  addr_str((const struct sockaddr *)&c->dst.ss, as, sizeof(as)));
		return true;
	}
	if (w->remote.n > 0)
		return true;
	log_info("connection was not redirected and there is no -r: closed");
	return false;
}

static void accepted(struct worker *w, struct listener *l, int fd,
		     const struct addr *peer)
{
	char as[ADDR_STR_MAX];
	struct conn *c;

	if (log_enabled(LOG_DEBUG))
		log_debug("worker %d: accepted %s", w->id,
			  addr_str((const struct sockaddr *)&peer->ss, as, sizeof(as)));
	c = conn_new(w, l, fd);
	if (!c) {
		close(fd);
		if (w->px->cfg->max_conns)
			atomic_fetch_sub(&w->px->open_conns, 1);
		return;
	}
	/* A TCP socket inherits TCP_NODELAY from its listener; an MPTCP one
	 * may not on older kernels. */
	if (l->proto == IPPROTO_MPTCP)
		accepted_nodelay(fd);
	if (w->px->detect_mptcp_accepted)
		count_mptcp(w, fd, "accepted connection");
	if (watch(w, &c->s[SIDE_ACCEPTED]) < 0) {
		c->err = errno;
		session_close(w, c, false);
		return;
	}
	if (w->px->cfg->transparent && !pick_transparent_dst(w, c, l, peer)) {
		session_close(w, c, false);
		return;
	}
	start_connect(w, c);
}

static void pause_accept(struct worker *w, uint64_t ms)
{
	w->accept_paused = true;
	w->accept_more = false;
	w->accept_resume_ms = w->now + ms;
}

/* Out of descriptors (or memory): serve the open connections and try
 * again when one ends, or shortly. */
static void pause_out_of_fds(struct worker *w, const char *what, int err)
{
	unsigned held;

	if (log_rl_allow(&w->rl_accept, w->now, &held))
		log_warn("%s: %s: pausing accepts (clients wait in the backlog)%s",
			 what, strerror(err),
			 held ? " (repeated; earlier ones not shown)" : "");
	pause_accept(w, ACCEPT_PAUSE_MS);
}

/* false: stop accepting for now (budget, limit or an error). */
static bool accept_one(struct worker *w, struct listener *l)
{
	const struct config *cfg = w->px->cfg;
	struct addr peer;
	int fd;

	fd = reserve_fill(w, l);
	if (fd < 0) {
		pause_out_of_fds(w, "descriptors for the next connection", -fd);
		return false;
	}

	if (cfg->max_conns &&
	    atomic_fetch_add(&w->px->open_conns, 1) >= cfg->max_conns) {
		atomic_fetch_sub(&w->px->open_conns, 1);
		pause_accept(w, ACCEPT_PAUSE_MS);
		return false;
	}
	peer.len = sizeof(peer.ss);
	fd = accept4(l->fd, (struct sockaddr *)&peer.ss, &peer.len,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd >= 0) {
		accepted(w, l, fd, &peer);
		return true;
	}
	if (cfg->max_conns)
		atomic_fetch_sub(&w->px->open_conns, 1);
	switch (errno) {
	case EAGAIN:
		return false;
	case EMFILE:
	case ENFILE:
	case ENOBUFS:
	case ENOMEM:
		/* The pending connection stays queued; retrying now would
		 * spin. */
		pause_out_of_fds(w, "accept", errno);
		return false;
	default:
		/* ECONNABORTED, EPROTO, ...: that one connection is gone. */
		log_debug("accept: %s", strerror(errno));
		return true;
	}
}

void session_accept(struct worker *w, struct listener *l)
{
	if (w->accept_paused || w->draining || l->fd < 0)
		return;
	for (int i = 0; i < ACCEPT_BUDGET; i++)
		if (!accept_one(w, l))
			return;
	w->accept_more = true;	/* edge-triggered: come back for the rest */
}

/* Linux 6.18 has been seen to queue data on an MPTCP socket without
 * waking epoll (about 1 connection in 4000 under load). A connection that
 * went quiet shortly after moving data gets its MPTCP sides retried every
 * KICK_EVERY_MS for KICK_UNTIL_MS: one recv()/send() returning EAGAIN
 * when nothing was lost, a stall of half a second at worst when it was. */
static void kick_quiet(struct worker *w, struct conn *c)
{
	uint64_t quiet = w->now - c->last_ms;

	if (quiet < KICK_EVERY_MS || quiet > KICK_UNTIL_MS ||
	    w->now < c->deadline_ms)
		return;
	c->deadline_ms = w->now + KICK_EVERY_MS;
	for (int i = 0; i < 2; i++) {
		if (!c->s[i].mptcp)
			continue;
		flow_src_ready(&c->d[i].f);
		flow_dst_ready(&c->d[1 - i].f);
	}
	ready_push(w, c);
}

/* No bytes moved for --idle-timeout. Data still waiting anywhere (a
 * paused reader, a backend not draining) is not idleness: count from now
 * and look again after another timeout, at the cost of up to four ioctls
 * per timeout for a connection held up that long. */
static void idle_check(struct worker *w, struct conn *c)
{
	if (conn_holds_data(c)) {
		c->last_ms = w->now;
		return;
	}
	log_debug("worker %d: idle timeout", w->id);
	session_close(w, c, false);
}

void session_sweep(struct worker *w)
{
	const struct config *cfg = w->px->cfg;
	struct conn *c, *next;

	for (c = w->conns; c; c = next) {
		next = c->next;
		if (c->state == CONN_CONNECTING && w->now >= c->deadline_ms) {
			connect_done(w, c, ETIMEDOUT);
		} else if (c->state == CONN_RELAYING && cfg->idle_timeout_ms &&
			   w->now - c->last_ms >= (uint64_t)cfg->idle_timeout_ms) {
			idle_check(w, c);
		} else if (c->state == CONN_RELAYING &&
			   (c->s[0].mptcp || c->s[1].mptcp)) {
			kick_quiet(w, c);
		}
	}
}
