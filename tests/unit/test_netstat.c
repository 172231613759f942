/* test_netstat.c: reading a MIB counter out of /proc/net/netstat's text
 * (sections of a names line and a values line) and an interface's bytes
 * out of /proc/net/dev's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "kernel/netstat.h"

static const char netstat[] =
	"TcpExt: SyncookiesSent SyncookiesRecv\n"
	"TcpExt: 5 6\n"
	"MPTcpExt: MPCapableSYNRX MPJoinSynAckRx MPFailTx\n"
	"MPTcpExt: 11 2 0\n";

static void counters(void **state)
{
	long long v = -1;

	(void)state;
	assert_int_equal(netstat_parse_counter(netstat, "MPTcpExtMPJoinSynAckRx", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(netstat_parse_counter(netstat, "MPTcpExtMPCapableSYNRX", &v), 0);
	assert_int_equal(v, 11);
	assert_int_equal(netstat_parse_counter(netstat, "MPTcpExtMPFailTx", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(netstat_parse_counter(netstat, "TcpExtSyncookiesRecv", &v), 0);
	assert_int_equal(v, 6);
	/* a prefix of a name is not the name; an absent one is -ENOENT */
	assert_int_equal(netstat_parse_counter(netstat, "MPTcpExtMPJoin", &v), -ENOENT);
	assert_int_equal(netstat_parse_counter(netstat, "MPTcpExtNope", &v), -ENOENT);
}

static const char dev[] =
	"Inter-|   Receive                                                |  Transmit\n"
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	"    lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0\n"
	"  eth0: 5000000    4000    0    0    0     0          0         0   123456     999    0    0    0     0       0          0\n";

static void dev_bytes(void **state)
{
	uint64_t rx = 0, tx = 0;

	(void)state;
	assert_int_equal(netstat_parse_dev(dev, "eth0", &rx, &tx), 0);
	assert_int_equal(rx, 5000000);
	assert_int_equal(tx, 123456);
	assert_int_equal(netstat_parse_dev(dev, "eth", &rx, &tx), -ENODEV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counters),
		cmocka_unit_test(dev_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
