/* test_proxy_resolver.c: the remote name's lookup thread (proxy/resolver.c).
 *
 * Uses the real resolver on "localhost", which /etc/hosts answers without
 * any network: a start-up list that differs from it must be replaced
 * after the first periodic lookup, or after a worker's request when the
 * period is 0, and never before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <time.h>

#include "resolver.h"

static struct addr_list v4(const char *ip, uint16_t port)
{
	struct addr_list l = { .n = 1 };

	assert_int_equal(addr_from_literal(ip, port, &l.a[0]), 0);
	return l;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Poll remote_sync() for up to ms; true once it reported a change. */
static bool synced_within(struct remote_src *r, uint64_t *gen,
			  struct addr_list *l, int ms)
{
	for (int t = 0; t < ms; t += 10) {
		if (remote_sync(r, gen, l))
			return true;
		sleep_ms(10);
	}
	return false;
}

static bool has_loopback(const struct addr_list *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct sockaddr *sa = (const struct sockaddr *)&l->a[i].ss;

		if (sa->sa_family == AF_INET &&
		    ((const struct sockaddr_in *)sa)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			return true;
		if (sa->sa_family == AF_INET6 &&
		    IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr))
			return true;
	}
	return false;
}

static void test_names_and_literals(void **state)
{
	(void)state;
	assert_true(remote_is_name("backend.example"));
	assert_true(remote_is_name("localhost"));
	assert_false(remote_is_name("10.0.0.1"));
	assert_false(remote_is_name("2001:db8::1"));
}

static void test_list_equal_is_ordered(void **state)
{
	struct addr_list a = v4("10.0.0.1", 80), b = v4("10.0.0.1", 80);

	(void)state;
	assert_true(addr_list_equal(&a, &b));
	b.a[1] = v4("10.0.0.2", 80).a[0];
	b.n = 2;
	assert_false(addr_list_equal(&a, &b));
	a.a[1] = b.a[0];
	a.a[0] = b.a[1];
	a.n = 2;
	assert_false(addr_list_equal(&a, &b));	/* same set, other order */
	assert_false(addr_list_equal(&a, &(struct addr_list){ .n = 0 }));
	b = v4("10.0.0.1", 81);
	a = v4("10.0.0.1", 80);
	assert_false(addr_list_equal(&a, &b));	/* the port counts */
}

/* Every test has its own: a stopped thread may still be finishing. */
static struct remote_src periodic, on_demand;

static void test_periodic_lookup_replaces_the_list(void **state)
{
	struct addr_list first = v4("192.0.2.1", 8080), l = first;
	uint64_t gen = 0;

	(void)state;
	assert_int_equal(remote_src_start(&periodic, "localhost", 8080, 50, &first), 0);
	assert_false(remote_sync(&periodic, &gen, &l));	/* nothing yet */
	assert_true(synced_within(&periodic, &gen, &l, 3000));
	assert_true(has_loopback(&l));
	assert_int_equal(addr_port((const struct sockaddr *)&l.a[0].ss), 8080);
	/* Later lookups find the same: no more changes reported. */
	assert_false(synced_within(&periodic, &gen, &l, 200));
	remote_src_stop(&periodic);
}

static void test_period_zero_waits_for_a_request(void **state)
{
	struct addr_list first = v4("192.0.2.1", 80), l = first;
	uint64_t gen = 0;

	(void)state;
	assert_int_equal(remote_src_start(&on_demand, "localhost", 80, 0, &first), 0);
	assert_false(synced_within(&on_demand, &gen, &l, 300));
	assert_true(addr_list_equal(&l, &first));
	remote_src_want(&on_demand);
	assert_true(synced_within(&on_demand, &gen, &l, 3000));
	assert_true(has_loopback(&l));
	remote_src_stop(&on_demand);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_literals),
		cmocka_unit_test(test_list_equal_is_ordered),
		cmocka_unit_test(test_periodic_lookup_replaces_the_list),
		cmocka_unit_test(test_period_zero_waits_for_a_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
