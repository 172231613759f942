/* resolver.c: the background lookup thread (see resolver.h). */
#include "resolver.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

bool remote_is_name(const char *host)
{
	const char *why;

	return !addr_is_literal(host, &why);
}

static void list_text(const struct addr_list *l, char *buf, size_t len)
{
	char as[ADDR_STR_MAX];
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < l->n && used < len; i++) {
		int w = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
				 addr_str((const struct sockaddr *)&l->a[i].ss, as, sizeof(as)));
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Called with the lock held: take a new lookup's outcome. */
static void publish(struct remote_src *r, int rc, const struct addr_list *l,
		    const char *err)
{
	char was[512], now[512];

	if (rc < 0) {
		if (!r->failing)
			log_warn("%s; connecting to the addresses found before", err);
		r->failing = true;
		return;
	}
	if (r->failing)
		log_info("'%s' resolves again", r->host);
	r->failing = false;
	if (addr_list_equal(&r->list, l))
		return;
	list_text(&r->list, was, sizeof(was));
	list_text(l, now, sizeof(now));
	r->list = *l;
	atomic_fetch_add_explicit(&r->gen, 1, memory_order_release);
	log_info("remote '%s' now resolves to %s (was %s)", r->host, now, was);
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

static void *resolver_main(void *arg)
{
	struct remote_src *r = arg;
	struct addr_list l;
	struct timespec next, gap;
	char err[300];
	int rc;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		deadline_in(&next, r->every_ms);
		while (!r->stop && !r->wanted) {
			if (r->every_ms == 0)
				rc = pthread_cond_wait(&r->cond, &r->lock);
			else
				rc = pthread_cond_timedwait(&r->cond, &r->lock, &next);
			if (rc == ETIMEDOUT)
				break;
		}
		if (r->stop)
			break;
		pthread_mutex_unlock(&r->lock);
		rc = addr_resolve(r->host, r->port, &l, err, sizeof(err));
		pthread_mutex_lock(&r->lock);
		if (r->stop)
			break;
		publish(r, rc, &l, err);
		/* Workers that keep failing ask again at once: space the
		 * lookups out; a request made meanwhile is served after. */
		if (r->wanted) {
			r->wanted = false;
			deadline_in(&gap, RESOLVE_WANT_GAP_MS);
			while (!r->stop &&
			       pthread_cond_timedwait(&r->cond, &r->lock, &gap) != ETIMEDOUT)
				;
			if (r->stop)
				break;
		}
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

int remote_src_start(struct remote_src *r, const char *host, uint16_t port,
		     int every_ms, const struct addr_list *first)
{
	pthread_condattr_t ca;
	pthread_attr_t ta;
	pthread_t thr;
	int rc;

	memset(r, 0, sizeof(*r));
	snprintf(r->host, sizeof(r->host), "%s", host);
	r->port = port;
	r->every_ms = every_ms;
	r->list = *first;
	pthread_mutex_init(&r->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&r->cond, &ca);
	pthread_condattr_destroy(&ca);
	pthread_attr_init(&ta);
	pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&thr, &ta, resolver_main, r);
	pthread_attr_destroy(&ta);
	return -rc;
}

void remote_src_stop(struct remote_src *r)
{
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void remote_src_want(struct remote_src *r)
{
	pthread_mutex_lock(&r->lock);
	if (!r->wanted) {
		r->wanted = true;
		pthread_cond_signal(&r->cond);
	}
	pthread_mutex_unlock(&r->lock);
}

bool remote_sync(struct remote_src *r, uint64_t *gen, struct addr_list *out)
{
	uint64_t g = atomic_load_explicit(&r->gen, memory_order_acquire);

	if (g == *gen)
		return false;
	pthread_mutex_lock(&r->lock);
	*out = r->list;
	*gen = atomic_load_explicit(&r->gen, memory_order_relaxed);
	pthread_mutex_unlock(&r->lock);
	return true;
}
