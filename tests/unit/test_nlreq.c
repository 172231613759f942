/* test_nlreq.c: the extended-ACK parser of the one netlink request path
 * (nlreq_ext_ack), on NLMSG_ERROR messages built here byte by byte as the
 * kernel sends them, capped or with the request echoed, and damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <linux/netlink.h>

#include "kernel/nlreq.h"

#define FAM 0x1c

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
	assert_string_equal(nlreq_ext_ack(nlh),
			    "limit greater than maximum (8)");
	build_error(buf, false, "flags mustn't have both signal and fullmesh");
	assert_string_equal(nlreq_ext_ack(nlh),
			    "flags mustn't have both signal and fullmesh");
	/* No TLV flag: no text even if bytes follow. */
	nlh->nlmsg_flags = 0;
	assert_null(nlreq_ext_ack(nlh));
	/* Not an error message at all. */
	build_error(buf, true, "x");
	nlh->nlmsg_type = FAM;
	assert_null(nlreq_ext_ack(nlh));
	/* A string attribute that runs past the message. */
	build_error(buf, true, "abcdef");
	a = (struct nlattr *)(buf + NLMSG_HDRLEN + sizeof(struct nlmsgerr) + 8);
	a->nla_len = 200;
	assert_null(nlreq_ext_ack(nlh));
	/* Text without its NUL. */
	build_error(buf, true, "abc");
	a->nla_len = NLA_HDRLEN + 3;
	assert_null(nlreq_ext_ack(nlh));
	/* An echoed request longer than the message. */
	build_error(buf, false, "abc");
	((struct nlmsgerr *)(buf + NLMSG_HDRLEN))->msg.nlmsg_len = 400;
	assert_null(nlreq_ext_ack(nlh));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ext_ack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
