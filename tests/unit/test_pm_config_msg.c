/* test_pm_config_msg.c: the bytes of mptcp_pm requests (pm_msg.c, built
 * with libnl), checked byte by byte against the layout the kernel reads,
 * and the parsers of GET_LIMITS and GET_ADDR answers. */
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

/* The bytes of a built message; *len gets its nlmsg_len. */
static const uint8_t *bytes(struct nl_msg *m, int *len)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(m);

	*len = (int)nlh->nlmsg_len;
	return (const uint8_t *)nlh;
}

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
	struct nl_msg *m = nlmsg_alloc();
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	const uint8_t *buf;
	uint32_t v;
	int len;

	(void)state;
	assert_int_equal(pm_msg_set_limits(m, FAM, 2, 8), 0);
	buf = bytes(m, &len);
	assert_int_equal(len, a0 + 16);
	check_header(buf, len, MPTCP_PM_CMD_SET_LIMITS);
	assert_int_equal(attr_at(buf, a0)->nla_type, MPTCP_PM_ATTR_RCV_ADD_ADDRS);
	assert_int_equal(attr_at(buf, a0)->nla_len, 8);
	memcpy(&v, buf + a0 + 4, 4);
	assert_int_equal(v, 8);
	assert_int_equal(attr_at(buf, a0 + 8)->nla_type, MPTCP_PM_ATTR_SUBFLOWS);
	memcpy(&v, buf + a0 + 12, 4);
	assert_int_equal(v, 2);
	nlmsg_free(m);
}

static void test_get_limits_bytes(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	const uint8_t *buf;
	int len;

	(void)state;
	assert_int_equal(pm_msg_get_limits(m, FAM), 0);
	buf = bytes(m, &len);
	assert_int_equal(len, NLMSG_HDRLEN + GENL_HDRLEN);
	check_header(buf, len, MPTCP_PM_CMD_GET_LIMITS);
	nlmsg_free(m);
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
	struct nl_msg *m = nlmsg_alloc();
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	const uint8_t *buf;
	uint16_t fam;
	int len;

	(void)state;
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 0), 0);
	buf = bytes(m, &len);
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
	nlmsg_free(m);
}

/* Everything set, IPv6: id, port (host order), flags, if_idx. */
static void test_add_addr_full_v6(void **state)
{
	struct topo_endpoint ep;
	struct nl_msg *m = nlmsg_alloc();
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	const uint8_t *buf;
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
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 4), 0);
	buf = bytes(m, &len);
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
	nlmsg_free(m);
}

static void test_add_addr_errors(void **state)
{
	struct topo_endpoint ep = ep4();
	struct nl_msg *m;

	(void)state;
	m = nlmsg_alloc_size(30);	/* headers, nest, no room for the address */
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 0), -ENOSPC);
	nlmsg_free(m);
	m = nlmsg_alloc_size(8);
	assert_int_equal(pm_msg_set_limits(m, FAM, 1, 1), -ENOSPC);
	nlmsg_free(m);
	assert_int_equal(pm_msg_get_limits(NULL, FAM), -ENOMEM);
	m = nlmsg_alloc();
	ep.addr.family = 0;
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 0), -EINVAL);
	nlmsg_free(m);
}

/* A reply is a request-shaped message with both limits. */
static void test_parse_limits(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	uint32_t sf = 0, aa = 0;

	(void)state;
	assert_int_equal(pm_msg_set_limits(m, FAM, 3, 5), 0);
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), 0);
	assert_int_equal(sf, 3);
	assert_int_equal(aa, 5);
	nlh->nlmsg_len -= 8;	/* drop SUBFLOWS */
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
	nlh->nlmsg_len += 6;	/* truncated SUBFLOWS */
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
	nlh->nlmsg_len = 4;
	assert_int_equal(pm_msg_parse_limits(nlh, &sf, &aa), -EINVAL);
	nlmsg_free(m);
}

/* DEL_ADDR carries family, address and id; SET_FLAGS carries flags even
 * when they are 0 (that is how backup is cleared). */
static void test_del_addr_set_flags_bytes(void **state)
{
	struct topo_endpoint ep = ep4();
	struct nl_msg *m = nlmsg_alloc();
	const size_t a0 = NLMSG_HDRLEN + GENL_HDRLEN;
	const uint8_t *buf;
	uint32_t v;
	int len;

	(void)state;
	assert_int_equal(pm_msg_del_addr(m, FAM, &ep.addr, 5), 0);
	buf = bytes(m, &len);
	check_header(buf, len, MPTCP_PM_CMD_DEL_ADDR);
	assert_int_equal(attr_at(buf, a0)->nla_len, 4 + 8 + 8 + 8);
	assert_int_equal(attr_at(buf, a0 + 12)->nla_type,
			 MPTCP_PM_ADDR_ATTR_ADDR4);
	assert_int_equal(attr_at(buf, a0 + 20)->nla_type,
			 MPTCP_PM_ADDR_ATTR_ID);
	assert_int_equal(buf[a0 + 24], 5);
	nlmsg_free(m);
	m = nlmsg_alloc();
	assert_int_equal(pm_msg_set_flags(m, FAM, &ep.addr, 0), 0);
	buf = bytes(m, &len);
	check_header(buf, len, MPTCP_PM_CMD_SET_FLAGS);
	assert_int_equal(attr_at(buf, a0 + 20)->nla_type,
			 MPTCP_PM_ADDR_ATTR_FLAGS);
	memcpy(&v, buf + a0 + 24, 4);
	assert_int_equal(v, 0);
	assert_int_equal(len, a0 + 28);
	nlmsg_free(m);
	ep.addr.family = AF_UNIX;
	m = nlmsg_alloc();
	assert_int_equal(pm_msg_set_flags(m, FAM, &ep.addr, 1), -EINVAL);
	assert_int_equal(pm_msg_del_addr(m, FAM, &ep.addr, 1), -EINVAL);
	nlmsg_free(m);
}

static void test_get_addrs_dump(void **state)
{
	struct nl_msg *m = nlmsg_alloc();
	const struct nlmsghdr *nlh;

	(void)state;
	assert_int_equal(pm_msg_get_addrs(m, FAM), 0);
	nlh = nlmsg_hdr(m);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	assert_int_equal(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
	assert_int_equal(((const struct genlmsghdr *)nlmsg_data(nlh))->cmd,
			 MPTCP_PM_CMD_GET_ADDR);
	nlmsg_free(m);
}

/* A GET_ADDR answer has the nest ADD_ADDR sends: parse what we build. */
static void test_parse_addr(void **state)
{
	struct topo_endpoint ep;
	struct topo_addr got;
	struct nl_msg *m = nlmsg_alloc();
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	int id = -1;

	(void)state;
	memset(&ep, 0, sizeof(ep));
	ep.addr.family = AF_INET6;
	inet_pton(AF_INET6, "fd00::7", ep.addr.bytes);
	ep.id = 9;
	ep.flags = MPTCP_PM_ADDR_FLAG_SUBFLOW;
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 3), 0);
	assert_int_equal(pm_msg_parse_addr(nlh, &got, &id), 0);
	assert_int_equal(got.family, AF_INET6);
	assert_memory_equal(got.bytes, ep.addr.bytes, 16);
	assert_int_equal(id, 9);
	/* Cut inside the nest: its last attribute runs past the end. */
	nlh->nlmsg_len -= 4;
	((struct nlattr *)((uint8_t *)nlh + NLMSG_HDRLEN + GENL_HDRLEN))->nla_len -= 4;
	assert_int_equal(pm_msg_parse_addr(nlh, &got, &id), -EINVAL);
	nlmsg_free(m);
	/* No id: not an endpoint we can name. */
	ep.id = 0;
	m = nlmsg_alloc();
	assert_int_equal(pm_msg_add_addr(m, FAM, &ep, 0), 0);
	assert_int_equal(pm_msg_parse_addr(nlmsg_hdr(m), &got, &id), -EINVAL);
	nlmsg_free(m);
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
		cmocka_unit_test(test_del_addr_set_flags_bytes),
		cmocka_unit_test(test_get_addrs_dump),
		cmocka_unit_test(test_parse_addr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
