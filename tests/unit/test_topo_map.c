/* test_topo_map.c: the checker's hash map (lab/topo/topo_map.c) and the
 * checks that use it at sizes where the old scans were quadratic: the
 * first of several duplicates is the one reported, whatever the count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "topo/topo_map.h"

static void test_put_get(void **state)
{
	struct topo_map m = { 0 };

	(void)state;
	assert_int_equal(topo_map_gets(&m, 0, "a"), -1);	/* empty map */
	assert_int_equal(topo_map_puts(&m, 0, "a", 7), -1);
	assert_int_equal(topo_map_puts(&m, 1, "a", 8), -1);	/* other int */
	assert_int_equal(topo_map_puts(&m, 0, "ab", 9), -1);	/* prefix */
	assert_int_equal(topo_map_puts(&m, 0, "", 10), -1);	/* empty key */
	/* a duplicate gives the first value and changes nothing */
	assert_int_equal(topo_map_puts(&m, 0, "a", 11), 7);
	assert_int_equal(topo_map_gets(&m, 0, "a"), 7);
	assert_int_equal(topo_map_gets(&m, 1, "a"), 8);
	assert_int_equal(topo_map_gets(&m, 0, "ab"), 9);
	assert_int_equal(topo_map_gets(&m, 0, ""), 10);
	assert_int_equal(topo_map_gets(&m, 2, "a"), -1);
	topo_map_set(&m, 0, "a", 1, 12);
	assert_int_equal(topo_map_gets(&m, 0, "a"), 12);
	topo_map_set(&m, 5, "zz", 2, 1);			/* absent: no-op */
	assert_int_equal(topo_map_gets(&m, 5, "zz"), -1);
	assert_int_equal((int)m.n, 4);
	topo_map_free(&m);
	assert_int_equal(topo_map_gets(&m, 0, "a"), -1);
}

/* Addresses are binary keys with zero bytes in them. */
static void test_binary_keys(void **state)
{
	struct topo_map m = { 0 };
	struct topo_addr a = { .family = AF_INET, .plen = 32 };
	unsigned char k1[TOPO_ADDR_KEY], k2[TOPO_ADDR_KEY];

	(void)state;
	a.bytes[0] = 10;
	topo_addr_key(&a, 0, k1);
	assert_int_equal(topo_map_put(&m, 3, k1, sizeof(k1), 1), -1);
	a.bytes[3] = 1;
	topo_addr_key(&a, 0, k2);
	assert_int_equal(topo_map_put(&m, 3, k2, sizeof(k2), 2), -1);
	assert_int_equal(topo_map_get(&m, 3, k1, sizeof(k1)), 1);
	assert_int_equal(topo_map_get(&m, 3, k2, sizeof(k2)), 2);
	/* the prefix length is part of the key when asked */
	topo_addr_key(&a, 24, k2);
	assert_int_equal(topo_map_get(&m, 3, k2, sizeof(k2)), -1);
	topo_map_free(&m);
}

/* Growth keeps every key: 200 000 names, each found, duplicates first. */
static void test_many(void **state)
{
	static const int n = 200000;
	struct topo_map m = { 0 };
	char name[32];

	(void)state;
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "eth%d", i);
		assert_int_equal(topo_map_puts(&m, i % 1000, name, i), -1);
	}
	assert_int_equal((int)m.n, n);
	assert_true(m.cap >= 2 * m.n);
	for (int i = 0; i < n; i += 7) {
		snprintf(name, sizeof(name), "eth%d", i);
		assert_int_equal(topo_map_gets(&m, i % 1000, name), i);
		assert_int_equal(topo_map_gets(&m, (i + 1) % 1000, name), -1);
		assert_int_equal(topo_map_puts(&m, i % 1000, name, -5), i);
	}
	topo_map_free(&m);
}

/* A big file: 20 000 networks; the last member repeats an interface of
 * the first one, and the error names the first declaration's line. */
static void test_check_at_scale(void **state)
{
	static const int nets = 20000;
	char *text = malloc((size_t)nets * 96 + 256), *p = text;
	struct topo_error err;
	struct topo *t;

	(void)state;
	assert_non_null(text);
	p += sprintf(p, "node a\nnode b\n");
	for (int i = 0; i < nets; i++)
		p += sprintf(p, "network n%d 10.%d.%d.0/24\n  a e%d .1\n  b e%d .2\n",
			     i, i / 256, i % 256, i, i);
	t = topo_parse_string("t.topo", text, &err);
	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), 0);
	assert_int_equal(topo_iface_find(t, 1, "e19999"), 2 * 19999 + 1);
	assert_int_equal(topo_net_find(t, "n12345"), 12345);
	topo_free(t);
	sprintf(p, "network x 10.200.0.0/24\n  a e7 .1\n  b y .2\n");
	t = topo_parse_string("t.topo", text, &err);
	assert_non_null(t);
	assert_int_equal(topo_check(t, &err), -1);
	assert_int_equal(err.line, 3 + 3 * nets + 1);
	assert_string_equal(err.msg, "duplicate interface: 'e7', node a already has it (line 25)");
	topo_free(t);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_binary_keys),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_check_at_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
