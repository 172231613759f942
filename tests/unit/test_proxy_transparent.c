/* test_proxy_transparent.c: REDIRECT / TPROXY / direct classification
 * (proxy/transparent.c), and the stats line (proxy/stats.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "addr.h"
#include "mptcp_info.h"
#include "stats.h"
#include "transparent.h"

static struct sockaddr *sa(struct addr *a, const char *ip, uint16_t port)
{
	assert_int_equal(addr_from_literal(ip, port, a), 0);
	return (struct sockaddr *)&a->ss;
}

static void test_redirect(void **state)
{
	struct addr o, l, s;

	(void)state;
	/* REDIRECT: local is the proxy's port, conntrack has the original. */
	assert_int_equal(transparent_classify(sa(&o, "203.0.113.9", 80),
					      sa(&l, "10.0.0.1", 5555),
					      sa(&s, "0.0.0.0", 5555)),
			 TP_REDIRECT);
	assert_int_equal(transparent_classify(sa(&o, "2001:db8::9", 443),
					      sa(&l, "2001:db8::1", 5555),
					      sa(&s, "::", 5555)),
			 TP_REDIRECT);
}

static void test_tproxy(void **state)
{
	struct addr l, s;

	(void)state;
	/* TPROXY: no NAT, the socket's own address is the destination. */
	assert_int_equal(transparent_classify(NULL, sa(&l, "203.0.113.9", 80),
					      sa(&s, "0.0.0.0", 5555)),
			 TP_TPROXY);
	/* same port, but not the address the listener is bound to */
	assert_int_equal(transparent_classify(NULL, sa(&l, "203.0.113.9", 5555),
					      sa(&s, "127.0.0.1", 5555)),
			 TP_TPROXY);
}

static void test_direct(void **state)
{
	struct addr o, l, s;

	(void)state;
	/* conntrack answers with the local address for un-NATed flows */
	assert_int_equal(transparent_classify(sa(&o, "10.0.0.1", 5555),
					      sa(&l, "10.0.0.1", 5555),
					      sa(&s, "0.0.0.0", 5555)),
			 TP_NONE);
	assert_int_equal(transparent_classify(NULL, sa(&l, "127.0.0.1", 5555),
					      sa(&s, "127.0.0.1", 5555)),
			 TP_NONE);
	assert_int_equal(transparent_classify(NULL, sa(&l, "::1", 5555),
					      sa(&s, "::", 5555)),
			 TP_NONE);
}

static void test_stats_line(void **state)
{
	struct stats st;
	struct stats_snapshot sum = { { 0 } };
	char line[512];

	(void)state;
	memset(&st, 0, sizeof(st));
	stat_add(&st, ST_ACTIVE, 3);
	stat_add(&st, ST_ACTIVE, -1);
	stat_add(&st, ST_TOTAL, 10);
	stat_add(&st, ST_MPTCP, 9);
	stat_add(&st, ST_FALLBACK, 1);
	stat_add(&st, ST_TO_REMOTE, 1234);
	stat_add(&st, ST_TO_CLIENT, 5678);
	stats_accumulate(&sum, &st);
	stats_accumulate(&sum, &st);
	stats_format(&sum, line, sizeof(line));
	assert_string_equal(line,
		"stats: active=4 total=20 mptcp=18 fallback=2 failed=0 reset=0 "
		"bytes_to_remote=2468 bytes_to_client=11356");
}

static void test_mptcp_messages(void **state)
{
	(void)state;
	assert_non_null(strstr(mptcp_avail_text(MPTCP_DISABLED),
			       "sysctl -w net.mptcp.enabled=1"));
	assert_non_null(strstr(mptcp_avail_text(MPTCP_UNSUPPORTED),
			       "--disable-mptcp"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redirect),
		cmocka_unit_test(test_tproxy),
		cmocka_unit_test(test_direct),
		cmocka_unit_test(test_stats_line),
		cmocka_unit_test(test_mptcp_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
