/* test_proxy_addr.c: HOST:PORT parsing and address helpers (proxy/addr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "addr.h"

static char host[ADDR_HOST_MAX];
static uint16_t port;
static const char *why;

static int split(const char *s)
{
	why = NULL;
	host[0] = '\0';
	port = 0;
	return addr_split(s, host, sizeof(host), &port, &why);
}

static void test_split_forms(void **state)
{
	(void)state;
	assert_int_equal(split("10.0.0.1:4444"), 0);
	assert_string_equal(host, "10.0.0.1");
	assert_int_equal(port, 4444);
	assert_int_equal(split("[2001:db8::1]:80"), 0);
	assert_string_equal(host, "2001:db8::1");
	assert_int_equal(port, 80);
	assert_int_equal(split("localhost:5201"), 0);
	assert_string_equal(host, "localhost");
	assert_int_equal(split(":65535"), 0);
	assert_string_equal(host, "");
	assert_int_equal(port, 65535);
	assert_int_equal(split("*:1"), 0);
	assert_string_equal(host, "");
	assert_int_equal(split("[::]:9"), 0);
	assert_string_equal(host, "::");
}

static void test_split_errors(void **state)
{
	(void)state;
	assert_int_equal(split("nocolon"), -1);
	assert_non_null(strstr(why, "HOST:PORT"));
	assert_int_equal(split("::1:80"), -1);
	assert_non_null(strstr(why, "brackets"));
	assert_int_equal(split("[::1:80"), -1);
	assert_int_equal(split("[::1]"), -1);
	assert_int_equal(split("[zz]:80"), -1);
	assert_int_equal(split("h:0"), -1);
	assert_int_equal(split("h:65536"), -1);
	assert_int_equal(split("h:8o"), -1);
	assert_int_equal(split("h:-1"), -1);
	assert_int_equal(split("h:"), -1);
	assert_int_equal(split("h:123456"), -1);
}

static void test_split_long_host(void **state)
{
	char s[ADDR_HOST_MAX + 10];

	(void)state;
	memset(s, 'a', ADDR_HOST_MAX);
	strcpy(s + ADDR_HOST_MAX, ":80");
	assert_int_equal(split(s), -1);
}

static void test_literal_and_str(void **state)
{
	struct addr a;
	char buf[ADDR_STR_MAX];

	(void)state;
	assert_int_equal(addr_from_literal("192.0.2.7", 80, &a), 0);
	assert_int_equal(a.ss.ss_family, AF_INET);
	assert_string_equal(addr_str((struct sockaddr *)&a.ss, buf, sizeof(buf)),
			    "192.0.2.7:80");
	assert_int_equal(addr_port((struct sockaddr *)&a.ss), 80);
	assert_int_equal(addr_from_literal("2001:db8::7", 443, &a), 0);
	assert_int_equal(a.ss.ss_family, AF_INET6);
	assert_string_equal(addr_str((struct sockaddr *)&a.ss, buf, sizeof(buf)),
			    "[2001:db8::7]:443");
	assert_int_equal(addr_from_literal("example.org", 1, &a), -EINVAL);
	assert_int_equal(addr_from_literal("", 1, &a), -EINVAL);
}

/* Link-local IPv6 carries its interface (zone). lo is index 1 wherever
 * the test runs. */
static void test_scoped(void **state)
{
	struct sockaddr_in6 *s6;
	struct addr a, b;
	char buf[ADDR_STR_MAX];
	const char *w;

	(void)state;
	assert_int_equal(split("[fe80::1%lo]:4444"), 0);
	assert_string_equal(host, "fe80::1%lo");
	assert_true(addr_is_literal("fe80::1%lo", &w));
	assert_false(addr_is_literal("fe80::1", &w));
	assert_non_null(w);
	assert_false(addr_is_literal("2001:db8::1%lo", &w));
	assert_non_null(w);
	assert_int_equal(addr_from_literal("fe80::1%lo", 4444, &a), 0);
	s6 = (struct sockaddr_in6 *)&a.ss;
	assert_int_equal(s6->sin6_scope_id, 1);
	assert_string_equal(addr_str((struct sockaddr *)&a.ss, buf, sizeof(buf)),
			    "[fe80::1%lo]:4444");
	assert_int_equal(addr_from_literal("fe80::1%1", 4444, &b), 0);
	assert_true(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&b.ss));
	assert_int_equal(addr_from_literal("fe80::1%2", 4444, &b), 0);
	assert_false(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&b.ss));
	assert_int_equal(addr_from_literal("fe80::1%no-such-if0", 1, &a), -ENODEV);
}

static void test_host_names(void **state)
{
	char buf[ADDR_HOST_MAX + 16];
	char long_label[80];

	(void)state;
	assert_true(addr_is_hostname("localhost"));
	assert_true(addr_is_hostname("a.b-c.example."));
	assert_true(addr_is_hostname("1.2.3.x"));
	assert_false(addr_is_hostname("999.1.1.1"));
	assert_false(addr_is_hostname("10.0.0.1"));
	assert_false(addr_is_hostname("a b"));
	assert_false(addr_is_hostname(""));
	assert_false(addr_is_hostname("."));
	assert_false(addr_is_hostname("a..b"));
	assert_false(addr_is_hostname("-a"));
	assert_false(addr_is_hostname("a-"));
	assert_false(addr_is_hostname("a:b"));
	memset(long_label, 'a', 64);
	long_label[64] = '\0';
	assert_false(addr_is_hostname(long_label));
	long_label[63] = '\0';
	assert_true(addr_is_hostname(long_label));
	assert_string_equal(addr_host_port("::1", 5201, buf, sizeof(buf)), "[::1]:5201");
	assert_string_equal(addr_host_port("fe80::1%eth0", 1, buf, sizeof(buf)), "[fe80::1%eth0]:1");
	assert_string_equal(addr_host_port("h.example", 80, buf, sizeof(buf)), "h.example:80");
}

static void test_equal_and_any(void **state)
{
	struct addr a, b, m;

	(void)state;
	addr_from_literal("10.1.2.3", 80, &a);
	addr_from_literal("10.1.2.3", 80, &b);
	assert_true(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&b.ss));
	addr_from_literal("10.1.2.3", 81, &b);
	assert_false(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&b.ss));
	addr_from_literal("::ffff:10.1.2.3", 80, &m);
	assert_true(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&m.ss));
	addr_from_literal("2001:db8::1", 80, &b);
	assert_false(addr_equal((struct sockaddr *)&a.ss, (struct sockaddr *)&b.ss));
	assert_true(addr_equal((struct sockaddr *)&b.ss, (struct sockaddr *)&b.ss));
	addr_from_literal("0.0.0.0", 1, &a);
	assert_true(addr_is_any((struct sockaddr *)&a.ss));
	addr_from_literal("::", 1, &a);
	assert_true(addr_is_any((struct sockaddr *)&a.ss));
	assert_false(addr_is_any((struct sockaddr *)&b.ss));
}

static void test_resolve_literals(void **state)
{
	struct addr_list l;
	char err[128];

	(void)state;
	/* Literals never reach the resolver. */
	assert_int_equal(addr_resolve("127.0.0.1", 9, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(addr_resolve("::1", 9, &l, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.a[0].ss.ss_family, AF_INET6);
	assert_int_equal(addr_resolve("no-such-host.invalid", 9, &l, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no-such-host.invalid"));
}

static void test_parse_port(void **state)
{
	uint16_t p;

	(void)state;
	assert_int_equal(addr_parse_port("1", &p), 0);
	assert_int_equal(p, 1);
	assert_int_equal(addr_parse_port("65535", &p), 0);
	assert_int_equal(addr_parse_port("00080", &p), 0);
	assert_int_equal(p, 80);
	assert_int_equal(addr_parse_port("", &p), -1);
	assert_int_equal(addr_parse_port("+80", &p), -1);
	assert_int_equal(addr_parse_port(" 80", &p), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_forms),
		cmocka_unit_test(test_split_errors),
		cmocka_unit_test(test_split_long_host),
		cmocka_unit_test(test_literal_and_str),
		cmocka_unit_test(test_scoped),
		cmocka_unit_test(test_host_names),
		cmocka_unit_test(test_equal_and_any),
		cmocka_unit_test(test_resolve_literals),
		cmocka_unit_test(test_parse_port),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
