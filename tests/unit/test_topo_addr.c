/* test_topo_addr.c: address parsing, short host parts and prefix
 * arithmetic of topology files (lab/topo/topo_addr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <sys/socket.h>

#include "topo/topo_int.h"

static const char *str(const struct topo_addr *a)
{
	static char buf[64];

	return topo_addr_str(a, true, buf, sizeof(buf));
}

static void test_parse_host(void **state)
{
	struct topo_addr a;

	(void)state;
	assert_int_equal(topo_addr_parse_host("10.1.2.3", &a), TOPO_ADDR_OK);
	assert_int_equal(a.family, AF_INET);
	assert_string_equal(str(&a), "10.1.2.3/32");
	assert_int_equal(topo_addr_parse_host("fd00::1", &a), TOPO_ADDR_OK);
	assert_string_equal(str(&a), "fd00::1/128");
	assert_int_equal(topo_addr_parse_host("10.1.2.3/24", &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_host("10.1.2", &a), TOPO_ADDR_BAD);
	assert_int_equal(topo_addr_parse_host("10.1.2.256", &a), TOPO_ADDR_BAD);
	assert_int_equal(topo_addr_parse_host("fd00:::1", &a), TOPO_ADDR_BAD);
	assert_int_equal(topo_addr_parse_host("", &a), TOPO_ADDR_BAD);
	assert_int_equal(topo_addr_parse_host("x/24", &a), TOPO_ADDR_BAD);
}

static void test_parse_prefix(void **state)
{
	struct topo_addr a;

	(void)state;
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0/16", true, &a), TOPO_ADDR_OK);
	assert_int_equal(a.plen, 16);
	assert_int_equal(topo_addr_parse_prefix("0.0.0.0/0", true, &a), TOPO_ADDR_OK);
	assert_int_equal(topo_addr_parse_prefix("fd00:1::/64", true, &a), TOPO_ADDR_OK);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.1/16", true, &a), TOPO_ADDR_HOSTBITS);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.1/16", false, &a), TOPO_ADDR_OK);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0", true, &a), TOPO_ADDR_NOPLEN);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0/33", true, &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_prefix("fd00::/129", true, &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_prefix("fd00::/128", true, &a), TOPO_ADDR_OK);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0/", true, &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0/+8", true, &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_prefix("10.1.0.0/0008", true, &a), TOPO_ADDR_PLEN);
	assert_int_equal(topo_addr_parse_prefix("10.1.0/8", true, &a), TOPO_ADDR_BAD);
}

static void test_member(void **state)
{
	struct topo_net n = { 0 };
	struct topo_addr a;
	const char *why = NULL;

	(void)state;
	topo_addr_parse_prefix("192.168.0.0/16", true, &n.subnet4);
	topo_addr_parse_prefix("fd00:1::/64", true, &n.subnet6);
	assert_int_equal(topo_addr_member(".7", &n, &a, &why), 0);
	assert_string_equal(str(&a), "192.168.0.7/16");
	assert_int_equal(topo_addr_member(".3.7", &n, &a, &why), 0);
	assert_string_equal(str(&a), "192.168.3.7/16");
	assert_int_equal(topo_addr_member("::a:b", &n, &a, &why), 0);
	assert_string_equal(str(&a), "fd00:1::a:b/64");
	assert_int_equal(topo_addr_member("192.168.9.9", &n, &a, &why), 0);
	assert_string_equal(str(&a), "192.168.9.9/16");
	/* full addresses outside the subnet are left to the checker */
	assert_int_equal(topo_addr_member("10.0.0.1", &n, &a, &why), 0);
	assert_string_equal(str(&a), "10.0.0.1/16");
	assert_int_equal(topo_addr_member(".1.2.3", &n, &a, &why), -1);
	assert_string_equal(why, "fit");
	assert_int_equal(topo_addr_member("::1:0:0:0:0", &n, &a, &why), -1);
	assert_string_equal(why, "fit");
	assert_int_equal(topo_addr_member(".1.2.3.4", &n, &a, &why), -1);
	assert_string_equal(why, "bad");
	assert_int_equal(topo_addr_member(".", &n, &a, &why), -1);
	assert_int_equal(topo_addr_member("::x", &n, &a, &why), -1);
	assert_string_equal(why, "bad");
	memset(&n.subnet6, 0, sizeof(n.subnet6));
	assert_int_equal(topo_addr_member("::2", &n, &a, &why), -1);
	assert_string_equal(why, "nosubnet");
	/* a full address of a family the network lacks keeps its own length */
	assert_int_equal(topo_addr_member("fd00::2", &n, &a, &why), 0);
	assert_int_equal(a.plen, 128);
}

static void test_prefix_math(void **state)
{
	struct topo_addr p, a, b;

	(void)state;
	topo_addr_parse_prefix("10.0.0.0/23", true, &p);
	topo_addr_parse_host("10.0.1.255", &a);
	assert_true(topo_addr_in(&a, &p));
	assert_true(topo_addr_host_ones(&a, 23));
	assert_false(topo_addr_host_zero(&a, 23));
	topo_addr_parse_host("10.0.2.0", &a);
	assert_false(topo_addr_in(&a, &p));
	topo_addr_parse_host("fd00::1", &b);
	assert_false(topo_addr_in(&b, &p));
	assert_false(topo_addr_eq(&a, &b));
	topo_addr_parse_host("10.0.2.0", &b);
	assert_true(topo_addr_eq(&a, &b));
	topo_addr_parse_prefix("0.0.0.0/0", true, &p);
	assert_true(topo_addr_in(&a, &p));
	topo_addr_parse_host("fe80::1", &b);
	assert_true(topo_addr_is_linklocal6(&b));
	topo_addr_parse_host("fec0::1", &b);
	assert_false(topo_addr_is_linklocal6(&b));
	memset(&a, 0, sizeof(a));
	assert_string_equal(str(&a), "(none)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_host),
		cmocka_unit_test(test_parse_prefix),
		cmocka_unit_test(test_member),
		cmocka_unit_test(test_prefix_math),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
