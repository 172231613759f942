/* test_pm_events.c: mptcp_event_decode/format on netlink messages built
 * here, byte by byte, as the kernel would send them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>

#include "kernel/pm_events.h"

#define FAM 0x1c

/* A message under construction, aligned like the kernel's. */
struct tmsg {
	union {
		uint8_t b[512];
		struct nlmsghdr h;
	} u;
	size_t off;
};

static struct nlmsghdr *tm_start(struct tmsg *m, int cmd)
{
	struct genlmsghdr *g;

	memset(m, 0, sizeof(*m));
	m->u.h.nlmsg_type = FAM;
	g = (struct genlmsghdr *)(m->u.b + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = 1;
	m->off = NLMSG_HDRLEN + GENL_HDRLEN;
	m->u.h.nlmsg_len = m->off;
	return &m->u.h;
}

static void tm_put(struct tmsg *m, int type, const void *data, size_t n)
{
	struct nlattr *a = (struct nlattr *)(m->u.b + m->off);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + n;
	memcpy(m->u.b + m->off + NLA_HDRLEN, data, n);
	m->off += NLA_ALIGN(NLA_HDRLEN + n);
	m->u.h.nlmsg_len = m->off;
}

static void tm_u8(struct tmsg *m, int t, uint8_t v) { tm_put(m, t, &v, 1); }
static void tm_u16(struct tmsg *m, int t, uint16_t v) { tm_put(m, t, &v, 2); }
static void tm_u32(struct tmsg *m, int t, uint32_t v) { tm_put(m, t, &v, 4); }
static void tm_be16(struct tmsg *m, int t, uint16_t v) { tm_u16(m, t, htons(v)); }

static void tm_addr(struct tmsg *m, int t, int af, const char *s)
{
	uint8_t a[16];

	assert_int_equal(inet_pton(af, s, a), 1);
	tm_put(m, t, a, af == AF_INET ? 4 : 16);
}

/* CREATED as a 6.1/6.12 client sends it. */
static struct nlmsghdr *created4(struct tmsg *m)
{
	tm_start(m, MPTCP_EVENT_CREATED);
	tm_u32(m, MPTCP_ATTR_TOKEN, 0x1234abcd);
	tm_u16(m, MPTCP_ATTR_FAMILY, AF_INET);
	tm_addr(m, MPTCP_ATTR_SADDR4, AF_INET, "10.123.200.3");
	tm_addr(m, MPTCP_ATTR_DADDR4, AF_INET, "10.123.200.2");
	tm_be16(m, MPTCP_ATTR_SPORT, 40000);
	tm_be16(m, MPTCP_ATTR_DPORT, 4444);
	tm_u8(m, MPTCP_ATTR_SERVER_SIDE, 0);
	return &m->u.h;
}

static void test_created_ipv4(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[256];
	struct in_addr a;

	(void)state;
	assert_int_equal(mptcp_event_decode(created4(&m), FAM, &ev), 0);
	assert_int_equal(ev.type, MPTCP_EVENT_CREATED);
	assert_int_equal(ev.token, 0x1234abcd);
	assert_int_equal(ev.family, AF_INET);
	assert_int_equal(ev.sport, 40000);
	assert_int_equal(ev.dport, 4444);
	memcpy(&a, &ev.saddr, 4);
	assert_string_equal(inet_ntoa(a), "10.123.200.3");
	assert_true(MPTCP_EV_HAS(&ev, MPTCP_ATTR_SERVER_SIDE));
	assert_false(MPTCP_EV_HAS(&ev, MPTCP_ATTR_LOC_ID));
	assert_false(MPTCP_EV_HAS(&ev, MPTCP_ATTR_FLAGS));
	assert_int_equal(ev.server_side, 0);
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
		"[         CREATED] token=1234abcd saddr4=10.123.200.3 "
		"daddr4=10.123.200.2 sport=40000 dport=4444");
}

static void test_created_json(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[512];

	(void)state;
	assert_int_equal(mptcp_event_decode(created4(&m), FAM, &ev), 0);
	assert_true(mptcp_event_format(&ev, true, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
		"{\"type\":1,\"event\":\"CREATED\",\"token\":\"1234abcd\","
		"\"family\":2,\"saddr4\":\"10.123.200.3\","
		"\"daddr4\":\"10.123.200.2\",\"sport\":40000,\"dport\":4444,"
		"\"server_side\":false}");
}

/* Every event type the kernel knows, with the attributes it documents. */
static void test_every_type(void **state)
{
	static const struct { int type; const char *name; } types[] = {
		{ MPTCP_EVENT_CREATED, "CREATED" },
		{ MPTCP_EVENT_ESTABLISHED, "ESTABLISHED" },
		{ MPTCP_EVENT_CLOSED, "CLOSED" },
		{ MPTCP_EVENT_ANNOUNCED, "ANNOUNCED" },
		{ MPTCP_EVENT_REMOVED, "REMOVED" },
		{ MPTCP_EVENT_SUB_ESTABLISHED, "SF_ESTABLISHED" },
		{ MPTCP_EVENT_SUB_CLOSED, "SF_CLOSED" },
		{ MPTCP_EVENT_SUB_PRIORITY, "SF_PRIO" },
		{ MPTCP_EVENT_LISTENER_CREATED, "LISTENER_CREATED" },
		{ MPTCP_EVENT_LISTENER_CLOSED, "LISTENER_CLOSED" },
	};
	struct mptcp_event ev;
	struct tmsg m;
	char buf[256], want[64];

	(void)state;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		tm_start(&m, types[i].type);
		tm_u32(&m, MPTCP_ATTR_TOKEN, 7);
		assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
		assert_int_equal(ev.type, types[i].type);
		assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
		snprintf(want, sizeof(want), "[%16s] token=00000007",
			 types[i].name);
		assert_string_equal(buf, want);
	}
}

/* SF_ESTABLISHED with every attribute the kernel can send. */
static struct nlmsghdr *sf_established(struct tmsg *m)
{
	tm_start(m, MPTCP_EVENT_SUB_ESTABLISHED);
	tm_u32(m, MPTCP_ATTR_TOKEN, 0xdeadbeef);
	tm_u16(m, MPTCP_ATTR_FAMILY, AF_INET);
	tm_u8(m, MPTCP_ATTR_LOC_ID, 0);
	tm_u8(m, MPTCP_ATTR_REM_ID, 1);
	tm_addr(m, MPTCP_ATTR_SADDR4, AF_INET, "10.123.201.3");
	tm_addr(m, MPTCP_ATTR_DADDR4, AF_INET, "10.123.201.2");
	tm_be16(m, MPTCP_ATTR_SPORT, 1);
	tm_be16(m, MPTCP_ATTR_DPORT, 65535);
	tm_u8(m, MPTCP_ATTR_BACKUP, 1);
	tm_u8(m, MPTCP_ATTR_ERROR, 104);
	tm_u32(m, MPTCP_ATTR_TIMEOUT, 120);
	tm_u32(m, MPTCP_ATTR_IF_IDX, 3);
	tm_u32(m, MPTCP_ATTR_RESET_REASON, 2);
	tm_u32(m, MPTCP_ATTR_RESET_FLAGS, 0x10);
	return &m->u.h;
}

static void test_sf_established_all_attrs(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[512];

	(void)state;
	sf_established(&m);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.loc_id, 0);
	assert_true(MPTCP_EV_HAS(&ev, MPTCP_ATTR_LOC_ID));
	assert_int_equal(ev.rem_id, 1);
	assert_int_equal(ev.backup, 1);
	assert_int_equal(ev.error, 104);
	assert_int_equal(ev.timeout, 120);
	assert_int_equal(ev.if_idx, 3);
	assert_int_equal(ev.reset_reason, 2);
	assert_int_equal(ev.reset_flags, 0x10);
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
		"[  SF_ESTABLISHED] token=deadbeef remid=1 locid=0 "
		"saddr4=10.123.201.3 daddr4=10.123.201.2 sport=1 dport=65535 "
		"backup=1 error=104 timeout=120 ifindex=3 reset_reason=2 "
		"reset_flags=0x10");
	assert_true(mptcp_event_format(&ev, true, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "\"remid\":1,\"locid\":0,"));
	assert_non_null(strstr(buf, "\"reset_flags\":16,\"server_side\":false}"));
}

static void test_ipv6(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[512];

	(void)state;
	tm_start(&m, MPTCP_EVENT_ANNOUNCED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 1);
	tm_u8(&m, MPTCP_ATTR_REM_ID, 2);
	tm_u16(&m, MPTCP_ATTR_FAMILY, AF_INET6);
	tm_addr(&m, MPTCP_ATTR_DADDR6, AF_INET6, "fd00:201::2");
	tm_be16(&m, MPTCP_ATTR_DPORT, 8080);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.family, AF_INET6);
	assert_true(MPTCP_EV_HAS(&ev, MPTCP_ATTR_DADDR6));
	assert_false(MPTCP_EV_HAS(&ev, MPTCP_ATTR_SADDR6));
	assert_false(MPTCP_EV_HAS(&ev, MPTCP_ATTR_DADDR4));
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "[       ANNOUNCED] token=00000001 remid=2 "
			    "daddr6=fd00:201::2 dport=8080");
	assert_true(mptcp_event_format(&ev, true, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "\"daddr6\":\"fd00:201::2\""));
	assert_non_null(strstr(buf, "\"family\":10"));
}

/* CLOSED carries only the token: nothing else may be "present". */
static void test_optional_absent(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;

	(void)state;
	tm_start(&m, MPTCP_EVENT_CLOSED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 9);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.present, 1u << MPTCP_ATTR_TOKEN);
	assert_int_equal(ev.server_side, 0);
	/* No attributes at all is still a valid event. */
	tm_start(&m, MPTCP_EVENT_CLOSED);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.present, 0);
}

static void test_server_side_attr(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[256];

	(void)state;
	tm_start(&m, MPTCP_EVENT_CREATED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 5);
	tm_u8(&m, MPTCP_ATTR_SERVER_SIDE, 1);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.server_side, 1);
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "[         CREATED] token=00000005 server_side");
}

/* 6.18: no attribute, flags bit 1 instead; bit 0 is deny_join_id0. */
static void test_server_side_flags(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[256];

	(void)state;
	tm_start(&m, MPTCP_EVENT_ESTABLISHED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 5);
	tm_u16(&m, MPTCP_ATTR_FLAGS, 2);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.server_side, 1);
	assert_false(MPTCP_EV_HAS(&ev, MPTCP_ATTR_SERVER_SIDE));
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "[     ESTABLISHED] token=00000005 server_side");
	assert_true(mptcp_event_format(&ev, true, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "\"flags\":2,\"server_side\":true}"));

	tm_start(&m, MPTCP_EVENT_CREATED);
	tm_u16(&m, MPTCP_ATTR_FLAGS, 1 | 8);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.server_side, 0);
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "[         CREATED] deny_join_id0 flags=8");
}

static void test_unknown_event_and_attr(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[256];

	(void)state;
	tm_start(&m, 42);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 3);
	tm_u32(&m, 200, 0xffffffff);	/* a future attribute: skipped */
	tm_put(&m, 201, "abc", 3);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	assert_int_equal(ev.type, 42);
	assert_int_equal(ev.present, 1u << MPTCP_ATTR_TOKEN);
	assert_true(mptcp_event_format(&ev, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "[UNKNOWN 42] token=00000003");
	assert_true(mptcp_event_format(&ev, true, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "{\"type\":42,\"event\":null,"
			    "\"token\":\"00000003\",\"server_side\":false}");
}

static void test_malformed(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	struct nlattr *a;
	size_t full;

	(void)state;
	/* Shorter than the genl header. */
	tm_start(&m, MPTCP_EVENT_CREATED);
	m.u.h.nlmsg_len = NLMSG_HDRLEN + 2;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	/* Wrong family. */
	created4(&m);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM + 1, &ev), -EINVAL);
	/* Only the last attribute's padding cut off: still whole. */
	full = created4(&m)->nlmsg_len;
	m.u.h.nlmsg_len = full - 3;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), 0);
	/* Cut in the middle of an attribute's payload. */
	m.u.h.nlmsg_len = full - 4;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	m.u.h.nlmsg_len = full - 12;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	/* Cut inside an attribute header (2 bytes of the next one). */
	tm_start(&m, MPTCP_EVENT_CLOSED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 1);
	m.u.h.nlmsg_len += 2;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	/* An attribute claiming more than the message holds. */
	tm_start(&m, MPTCP_EVENT_CLOSED);
	tm_u32(&m, MPTCP_ATTR_TOKEN, 1);
	a = (struct nlattr *)(m.u.b + NLMSG_HDRLEN + GENL_HDRLEN);
	a->nla_len = 200;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	/* nla_len below the header size. */
	a->nla_len = 2;
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	/* A known attribute with the wrong size. */
	tm_start(&m, MPTCP_EVENT_CLOSED);
	tm_u16(&m, MPTCP_ATTR_TOKEN, 1);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
	tm_start(&m, MPTCP_EVENT_CREATED);
	tm_put(&m, MPTCP_ATTR_SADDR6, "0123456789", 10);
	assert_int_equal(mptcp_event_decode(&m.u.h, FAM, &ev), -EINVAL);
}

static void test_format_small_buffer(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char buf[20];

	(void)state;
	assert_int_equal(mptcp_event_decode(created4(&m), FAM, &ev), 0);
	assert_int_equal(mptcp_event_format(&ev, false, buf, sizeof(buf)),
			 -ENOSPC);
	assert_string_equal(buf, "");
	assert_int_equal(mptcp_event_format(&ev, true, buf, 0), -ENOSPC);
}

/* Random damage to valid messages: the decoder must answer 0 or -EINVAL
 * and never read outside nlmsg_len (ASan builds check that: the copy is
 * exactly as long as the message says). */
static void test_mutations(void **state)
{
	struct mptcp_event ev;
	struct tmsg m;
	char line[1024];
	unsigned seed = 12345;
	int ok = 0, bad = 0;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		struct nlmsghdr *src = i % 3 == 1 ? sf_established(&m) :
				       created4(&m), *copy;
		size_t len;
		int flips = 1 + rand_r(&seed) % 4, rc;

		for (int f = 0; f < flips; f++) {
			size_t at = NLMSG_HDRLEN + GENL_HDRLEN +
				rand_r(&seed) % (m.off - NLMSG_HDRLEN - GENL_HDRLEN);
			m.u.b[at] = rand_r(&seed);
		}
		len = m.off - (i % 5 == 0 ? rand_r(&seed) % 12 : 0);
		src->nlmsg_len = len;
		copy = malloc(len);
		assert_non_null(copy);
		memcpy(copy, src, len);
		rc = mptcp_event_decode(copy, FAM, &ev);
		assert_true(rc == 0 || rc == -EINVAL);
		if (rc == 0) {
			ok++;
			assert_true(mptcp_event_format(&ev, i & 1, line,
						       sizeof(line)) > 0);
		} else {
			bad++;
		}
		free(copy);
	}
	/* Both outcomes must occur, or the mutations test nothing. */
	assert_true(ok > 1000);
	assert_true(bad > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_created_ipv4),
		cmocka_unit_test(test_created_json),
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_sf_established_all_attrs),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_optional_absent),
		cmocka_unit_test(test_server_side_attr),
		cmocka_unit_test(test_server_side_flags),
		cmocka_unit_test(test_unknown_event_and_attr),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
