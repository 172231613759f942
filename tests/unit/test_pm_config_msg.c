/* test_pm_config_msg.c: the bytes of mptcp_pm requests (pm_msg.c), the
 * GET_LIMITS reply parser and the extended-ACK text finder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/mptcp.h>

#include "kernel/pm_msg.h"

#define FAM 0x1c

static const struct nlattr *attr_at(const uint8_t *buf, size_t off)
{
	return (const struct nlattr *)(buf + off);
}

static void check_header(const uint8_t *buf, int len, int cmd)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	const struct genlmsghdr *g =
		(const struct genlmsghdr *)(buf + NLMSG_HDRLEN);

	assert_int_equal(nlh->nlmsg_len, len);
	assert_int_equal(nlh->nlmsg_type, FAM);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	assert_int_equal(nlh->nlmsg_seq, 0);
	assert_int_equal(nlh->nlmsg_pid, 0);
	assert_int_equal(g->cmd, cmd);
	assert_int_equal(g->version, MPTCP_PM_VER);
}

static void test_set_limits_bytes(void **state)
{
	uint8_t buf[PM_MSG_MAX];
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	uint32_t v;
	int len;

	(void)state;
	len = pm_msg_set_limits(buf, sizeof(buf), FAM, 2, 8);
	assert_int_equal(len, a0 + 16);
	check_header(buf, len, MPTCP_PM_CMD_SET_LIMITS);
	assert_int_equal(attr_at(buf, a0)->nla_type, MPTCP_PM_ATTR_RCV_ADD_ADDRS);
	assert_int_equal(attr_at(buf, a0)->nla_len, 8);
	memcpy(&v, buf + a0 + 4, 4);
	assert_int_equal(v, 8);
	assert_int_equal(attr_at(buf, a0 + 8)->nla_type, MPTCP_PM_ATTR_SUBFLOWS);
	memcpy(&v, buf + a0 + 12, 4);
	assert_int_equal(v, 2);
}

static void test_get_limits_bytes(void **state)
{
	uint8_t buf[PM_MSG_MAX];
	int len;

	(void)state;
	len = pm_msg_get_limits(buf, sizeof(buf), FAM);
	assert_int_equal(len, NLMSG_HDRLEN + GENL_HDRLEN);
	check_header(buf, len, MPTCP_PM_CMD_GET_LIMITS);
}

static struct topo_endpoint ep4(void)
{
	struct topo_endpoint ep;

	memset(&ep, 0, sizeof(ep));
	ep.addr.family = AF_INET;
	ep.addr.plen = 32;
	inet_pton(AF_INET, "10.123.201.2", ep.addr.bytes);
	return ep;
}

/* Minimal endpoint: the nest holds family and address, nothing else. */
static void test_add_addr_minimal(void **state)
{
	struct topo_endpoint ep = ep4();
	uint8_t buf[PM_MSG_MAX];
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	uint16_t fam;
	int len;

	(void)state;
	len = pm_msg_add_addr(buf, sizeof(buf), FAM, &ep, 0);
	check_header(buf, len, MPTCP_PM_CMD_ADD_ADDR);
	assert_int_equal(attr_at(buf, a0)->nla_type,
			 MPTCP_PM_ATTR_ADDR | NLA_F_NESTED);
	assert_int_equal(attr_at(buf, a0)->nla_len, 4 + 8 + 8);
	assert_int_equal(len, a0 + 20);
	assert_int_equal(attr_at(buf, a0 + 4)->nla_type,
			 MPTCP_PM_ADDR_ATTR_FAMILY);
	assert_int_equal(attr_at(buf, a0 + 4)->nla_len, 6);
	memcpy(&fam, buf + a0 + 8, 2);
	assert_int_equal(fam, AF_INET);
	assert_int_equal(attr_at(buf, a0 + 12)->nla_type,
			 MPTCP_PM_ADDR_ATTR_ADDR4);
	assert_memory_equal(buf + a0 + 16, ep.addr.bytes, 4);
}

/* Everything set, IPv6: id, port (host order), flags, if_idx. */
static void test_add_addr_full_v6(void **state)
{
	struct topo_endpoint ep;
	uint8_t buf[PM_MSG_MAX];
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	size_t off = a0 + 4;
	uint16_t port;
	uint32_t v;
	int len, seen = 0;

	(void)state;
	memset(&ep, 0, sizeof(ep));
	ep.addr.family = AF_INET6;
	inet_pton(AF_INET6, "fd00::2", ep.addr.bytes);
	ep.id = 7;
	ep.port = 10000;
	ep.flags = MPTCP_PM_ADDR_FLAG_SIGNAL | MPTCP_PM_ADDR_FLAG_BACKUP;
	len = pm_msg_add_addr(buf, sizeof(buf), FAM, &ep, 4);
	check_header(buf, len, MPTCP_PM_CMD_ADD_ADDR);
	assert_int_equal(attr_at(buf, a0)->nla_len, len - a0);
	while (off < (size_t)len) {
		const struct nlattr *a = attr_at(buf, off);
		const uint8_t *p = buf + off + NLA_HDRLEN;

		switch (a->nla_type) {
		case MPTCP_PM_ADDR_ATTR_ADDR6:
			assert_int_equal(a->nla_len, 20);
			assert_memory_equal(p, ep.addr.bytes, 16);
			break;
		case MPTCP_PM_ADDR_ATTR_ID:
			assert_int_equal(a->nla_len, 5);
			assert_int_equal(p[0], 7);
			break;
		case MPTCP_PM_ADDR_ATTR_PORT:
			memcpy(&port, p, 2);
			assert_int_equal(port, 10000);
			break;
		case MPTCP_PM_ADDR_ATTR_FLAGS:
			memcpy(&v, p, 4);
			assert_int_equal(v, ep.flags);
			break;
		case MPTCP_PM_ADDR_ATTR_IF_IDX:
			memcpy(&v, p, 4);
			assert_int_equal(v, 4);
			break;
		}
		seen |= 1 << a->nla_type;
		off += NLA_ALIGN(a->nla_len);
	}
	assert_int_equal(off, len);
	assert_int_equal(seen, (1 << MPTCP_PM_ADDR_ATTR_FAMILY) |
			 (1 << MPTCP_PM_ADDR_ATTR_ID) |
			 (1 << MPTCP_PM_ADDR_ATTR_ADDR6) |
			 (1 << MPTCP_PM_ADDR_ATTR_PORT) |
			 (1 << MPTCP_PM_ADDR_ATTR_FLAGS) |
			 (1 << MPTCP_PM_ADDR_ATTR_IF_IDX));
}

static void test_add_addr_errors(void **state)
{
	struct topo_endpoint ep = ep4();
	uint8_t buf[PM_MSG_MAX];

	(void)state;
	assert_int_equal(pm_msg_add_addr(buf, 30, FAM, &ep, 0), -ENOSPC);
	assert_int_equal(pm_msg_set_limits(buf, 8, FAM, 1, 1), -ENOSPC);
	ep.addr.family = 0;
	assert_int_equal(pm_msg_add_addr(buf, sizeof(buf), FAM, &ep, 0),
			 -EINVAL);
}

/* A reply is a request-shaped message with both limits. */
static void test_parse_limits(void **state)
{
	uint8_t buf[PM_MSG_MAX];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint32_t sf = 0, aa = 0;

	(void)state;
	pm_msg_set_limits(buf, sizeof(buf), FAM, 3, 5);
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), 0);
	assert_int_equal(sf, 3);
	assert_int_equal(aa, 5);
	nlh->nlmsg_len -= 8;	/* drop SUBFLOWS */
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
	nlh->nlmsg_len += 6;	/* truncated SUBFLOWS */
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
	nlh->nlmsg_len = 4;
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
}

/* NLMSG_ERROR with TLVs, capped or carrying the echoed request. */
static size_t build_error(uint8_t *buf, bool capped, const char *text)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *err = (struct nlmsgerr *)(buf + NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + sizeof(*err);
	struct nlattr *a;

	memset(buf, 0, 512);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	err->error = -EINVAL;
	err->msg.nlmsg_len = NLMSG_HDRLEN + 12;	/* the request: 12 payload */
	if (!capped)
		off += 12;
	a = (struct nlattr *)(buf + off);
	a->nla_type = NLMSGERR_ATTR_OFFS;
	a->nla_len = 8;
	off += 8;
	a = (struct nlattr *)(buf + off);
	a->nla_type = NLMSGERR_ATTR_MSG;
	a->nla_len = NLA_HDRLEN + strlen(text) + 1;
	memcpy(buf + off + NLA_HDRLEN, text, strlen(text) + 1);
	off += NLA_ALIGN(a->nla_len);
	nlh->nlmsg_len = off;
	return off;
}

static void test_ext_ack(void **state)
{
	uint8_t buf[512];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlattr *a;

	(void)state;
	build_error(buf, true, "limit greater than maximum (8)");
	assert_string_equal(pm_msg_ext_ack(nlh),
			    "limit greater than maximum (8)");
	build_error(buf, false, "flags mustn't have both signal and fullmesh");
	assert_string_equal(pm_msg_ext_ack(nlh),
			    "flags mustn't have both signal and fullmesh");
	/* No TLV flag: no text even if bytes follow. */
	nlh->nlmsg_flags = 0;
	assert_null(pm_msg_ext_ack(nlh));
	/* Not an error message at all. */
	build_error(buf, true, "x");
	nlh->nlmsg_type = FAM;
	assert_null(pm_msg_ext_ack(nlh));
	/* A string attribute that runs past the message. */
	build_error(buf, true, "abcdef");
	a = (struct nlattr *)(buf + NLMSG_HDRLEN + sizeof(struct nlmsgerr) + 8);
	a->nla_len = 200;
	assert_null(pm_msg_ext_ack(nlh));
	/* Text without its NUL. */
	build_error(buf, true, "abc");
	a->nla_len = NLA_HDRLEN + 3;
	assert_null(pm_msg_ext_ack(nlh));
	/* An echoed request longer than the message. */
	build_error(buf, false, "abc");
	((struct nlmsgerr *)(buf + NLMSG_HDRLEN))->msg.nlmsg_len = 400;
	assert_null(pm_msg_ext_ack(nlh));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_limits_bytes),
		cmocka_unit_test(test_get_limits_bytes),
		cmocka_unit_test(test_add_addr_minimal),
		cmocka_unit_test(test_add_addr_full_v6),
		cmocka_unit_test(test_add_addr_errors),
		cmocka_unit_test(test_parse_limits),
		cmocka_unit_test(test_ext_ack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
