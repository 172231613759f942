/* test_proxy_args.c: command-line parsing of mptcp-proxy (proxy/args.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "args.h"

static struct config cfg;
static char err[512];

#define PARSE(...) parse((char *[]){ "mptcp-proxy", __VA_ARGS__, NULL })

static int parse(char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	err[0] = '\0';
	return args_parse(argc, argv, &cfg, err, sizeof(err));
}

static void test_old_go_command_lines(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-m", "server", "-p", "4444", "-r", "localhost:5201"), 0);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(cfg.listen_port, 4444);
	assert_true(cfg.listen_any);
	assert_string_equal(cfg.remote_host, "localhost");
	assert_int_equal(cfg.remote_port, 5201);
	assert_false(cfg.transparent);
	assert_false(cfg.disable_mptcp);

	assert_int_equal(PARSE("-m", "client", "-p", "5555", "-r", "10.123.200.2:4444"), 0);
	assert_int_equal(cfg.mode, MODE_CLIENT);
	assert_string_equal(cfg.remote_host, "10.123.200.2");

	assert_int_equal(PARSE("-m", "client", "-p", "5555", "-t", "--disable-mptcp"), 0);
	assert_true(cfg.transparent);
	assert_true(cfg.disable_mptcp);
	assert_false(cfg.has_remote);
}

static void test_long_and_go_style_forms(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--mode=server", "--port", "80", "--remote=[::1]:8080"), 0);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(cfg.listen_port, 80);
	assert_string_equal(cfg.remote_host, "::1");
	assert_int_equal(cfg.remote_port, 8080);

	assert_int_equal(PARSE("-mode", "server", "-port=81", "-remote", "h:1", "-disable-mptcp"), 0);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(cfg.listen_port, 81);
	assert_true(cfg.disable_mptcp);

	assert_int_equal(PARSE("-p4444", "-rhost:1", "-transparent=true"), 0);
	assert_int_equal(cfg.listen_port, 4444);
	assert_true(cfg.transparent);

	assert_int_equal(PARSE("-p", "1", "-r", "h:1", "-t=false"), 0);
	assert_false(cfg.transparent);
}

/* Short options bundled as the Go proxy's flag library (pflag) reads
 * them: flags in a row, the last one may take a value. */
static void test_bundled_short_options(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-tv", "-p", "1"), 0);
	assert_true(cfg.transparent);
	assert_int_equal(cfg.verbosity, 1);
	assert_int_equal(PARSE("-tm", "server", "-p", "1"), 0);
	assert_true(cfg.transparent);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(PARSE("-tmserver", "-p", "1"), 0);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(PARSE("-tm=server", "-vtp4444"), 0);
	assert_int_equal(cfg.mode, MODE_SERVER);
	assert_int_equal(cfg.listen_port, 4444);
	assert_int_equal(cfg.verbosity, 1);
	assert_int_equal(PARSE("-vvv", "-tp", "7", "-r", "h:1"), 0);
	assert_int_equal(cfg.verbosity, 3);
	assert_int_equal(cfg.listen_port, 7);
	assert_int_equal(PARSE("-qv", "-p", "1", "-r", "h:1"), 0);
	assert_int_equal(cfg.verbosity, 1);
	assert_int_equal(PARSE("-vt=false", "-p", "1", "-r", "h:1"), 0);
	assert_false(cfg.transparent);
	assert_int_equal(PARSE("-tl", "[::1]:5", "-r", "h:1"), 0);
	assert_string_equal(cfg.listen_host, "::1");
}

/* -r takes an IP address or a well-formed host name; anything else is a
 * command-line error, not a lookup that fails later. */
static void test_remote_hosts(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-p", "1", "-r", "backend-1.example.org.:80"), 0);
	assert_int_equal(PARSE("-p", "1", "-r", "_sip._tcp.example:80"), 0);
	assert_int_equal(PARSE("-p", "1", "-r", "255.255.255.254:80"), 0);
	assert_int_equal(PARSE("-p", "1", "-r", "3com.net:80"), 0);
	assert_int_equal(PARSE("-p", "1", "-r", "[fe80::2%eth0]:4444"), 0);
	assert_string_equal(cfg.remote_host, "fe80::2%eth0");
	assert_int_equal(PARSE("-l", "[fe80::1%eth0]:4444", "-r", "h:1"), 0);
	assert_string_equal(cfg.listen_host, "fe80::1%eth0");
	assert_int_equal(PARSE("-l", "[fe80::1%3]:4444", "-r", "h:1"), 0);
}

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-p", "1", "-r", "h:2"), 0);
	assert_int_equal(cfg.action, ACTION_RUN);
	assert_int_equal(cfg.mode, MODE_CLIENT);
	assert_int_equal(cfg.workers, 0);
	assert_int_equal(cfg.backlog, DEFAULT_BACKLOG);
	assert_int_equal(cfg.connect_timeout_ms, DEFAULT_CONNECT_TIMEOUT_MS);
	assert_int_equal(cfg.grace_ms, DEFAULT_GRACE_MS);
	assert_int_equal(cfg.idle_timeout_ms, 0);
	assert_int_equal(cfg.max_conns, 0);
	assert_int_equal(cfg.stats_interval_s, 0);
	assert_int_equal(cfg.verbosity, 0);
	assert_int_equal(cfg.resolve_every_ms, DEFAULT_RESOLVE_EVERY_MS);
	assert_int_equal(PARSE("-p", "1", "-r", "h:2", "--resolve-every", "0"), 0);
	assert_int_equal(cfg.resolve_every_ms, 0);
	assert_int_equal(PARSE("-p", "1", "-r", "h:2", "-resolve-every=2m"), 0);
	assert_int_equal(cfg.resolve_every_ms, 120000);
}

static void test_extra_options(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-l", "[2001:db8::2]:443", "-r", "a.example:80",
			       "--workers", "3", "--backlog", "128",
			       "--connect-timeout", "250ms", "--idle-timeout", "2m",
			       "--max-conns", "1000", "--grace", "0", "--stats", "5",
			       "--mark", "7", "-vv"), 0);
	assert_false(cfg.listen_any);
	assert_string_equal(cfg.listen_host, "2001:db8::2");
	assert_int_equal(cfg.listen_port, 443);
	assert_int_equal(cfg.workers, 3);
	assert_int_equal(cfg.backlog, 128);
	assert_int_equal(cfg.connect_timeout_ms, 250);
	assert_int_equal(cfg.idle_timeout_ms, 120000);
	assert_int_equal(cfg.max_conns, 1000);
	assert_int_equal(cfg.grace_ms, 0);
	assert_int_equal(cfg.stats_interval_s, 5);
	assert_int_equal(cfg.mark, 7);
	assert_int_equal(cfg.verbosity, 2);

	assert_int_equal(PARSE("-l", "127.0.0.1:9", "-r", "h:1", "-q"), 0);
	assert_int_equal(cfg.verbosity, -1);
	assert_string_equal(cfg.listen_host, "127.0.0.1");

	assert_int_equal(PARSE("-l", ":9", "-r", "h:1"), 0);
	assert_true(cfg.listen_any);
	assert_int_equal(PARSE("-l", "*:9", "-r", "h:1"), 0);
	assert_true(cfg.listen_any);
}

static void test_help_and_version_win(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--help"), 0);
	assert_int_equal(cfg.action, ACTION_HELP);
	assert_int_equal(PARSE("-p", "1", "-h", "--bogus"), 0);
	assert_int_equal(cfg.action, ACTION_HELP);
	assert_int_equal(PARSE("--version"), 0);
	assert_int_equal(cfg.action, ACTION_VERSION);
	assert_non_null(strstr(args_usage(), "--disable-mptcp"));
	assert_non_null(strstr(args_usage(), "--max-conns"));
}

/* Every error names the word and says what was expected. */
static void expect_error(char **argv, const char *word, const char *expected)
{
	assert_int_equal(parse(argv), -1);
	if (!strstr(err, word) || !strstr(err, expected))
		print_message("message was: %s\n", err);
	assert_non_null(strstr(err, word));
	assert_non_null(strstr(err, expected));
	assert_null(strchr(err, '\n'));
}
#define ERR(word, expected, ...) \
	expect_error((char *[]){ "mptcp-proxy", __VA_ARGS__, NULL }, word, expected)

static void test_errors(void **state)
{
	(void)state;
	ERR("'tunnel'", "client or server", "-m", "tunnel", "-p", "1", "-r", "h:1");
	ERR("'70000'", "port number", "-p", "70000", "-r", "h:1");
	ERR("'0'", "port number", "-p", "0", "-r", "h:1");
	ERR("'x'", "port number", "--port=x", "-r", "h:1");
	ERR("'hostonly'", "HOST:PORT", "-p", "1", "-r", "hostonly");
	ERR("'::1:80'", "brackets", "-p", "1", "-r", "::1:80");
	ERR("'[::1]80'", "[IPv6]:PORT", "-p", "1", "-r", "[::1]80");
	ERR("'[nothex]:80'", "IPv6 address", "-p", "1", "-r", "[nothex]:80");
	ERR("':80'", "host", "-p", "1", "-r", ":80");
	ERR("'h:'", "port number", "-p", "1", "-r", "h:");
	ERR("'--frobnicate'", "options in --help", "--frobnicate");
	ERR("'-x'", "options in --help", "-x");
	ERR("'stray'", "expected an option", "-p", "1", "stray");
	ERR("-r", "HOST:PORT", "-p", "1", "-r");
	ERR("--workers", "number from 1 to 1024", "-p", "1", "-r", "h:1", "--workers", "0");
	ERR("'lots'", "number", "-p", "1", "-r", "h:1", "--workers", "lots");
	ERR("--connect-timeout", "duration", "-p", "1", "-r", "h:1", "--connect-timeout", "0");
	ERR("'5h'", "duration", "-p", "1", "-r", "h:1", "--grace", "5h");
	ERR("'often'", "duration", "-p", "1", "-r", "h:1", "--resolve-every", "often");
	ERR("--stats", "seconds", "-p", "1", "-r", "h:1", "--stats", "-1");
	ERR("'yes'", "true or false", "-p", "1", "-r", "h:1", "-t=yes");
	ERR("'host.example:1'", "IP address", "-l", "host.example:1", "-r", "h:1");
	ERR("-p", "listen", "-r", "h:1");
	ERR("-r", "remote", "-p", "1");
	ERR("-l", "cannot be used together", "-p", "1", "-l", "1.2.3.4:5", "-r", "h:1");
	ERR("'-x' in '-txv'", "options in --help", "-txv", "-p", "1");
	ERR("-m", "client|server", "-tm");
	ERR("'999.1.1.1:80'", "IP address", "-p", "1", "-r", "999.1.1.1:80");
	ERR("'1.2.3:80'", "IP address", "-p", "1", "-r", "1.2.3:80");
	ERR("'a b:80'", "host name", "-p", "1", "-r", "a b:80");
	ERR("'-x.org:80'", "host name", "-p", "1", "-r", "-x.org:80");
	ERR("'x-.org:80'", "host name", "-p", "1", "-r", "x-.org:80");
	ERR("'a..b:80'", "host name", "-p", "1", "-r", "a..b:80");
	ERR("'ex%ample:80'", "host name", "-p", "1", "-r", "ex%ample:80");
	ERR("'[1.2.3.4]:80'", "IPv6", "-p", "1", "-r", "[1.2.3.4]:80");
	ERR("'[fe80::1]:80'", "fe80::1%IFACE", "-p", "1", "-r", "[fe80::1]:80");
	ERR("'[fe80::1]:80'", "fe80::1%IFACE", "-l", "[fe80::1]:80", "-r", "h:1");
	ERR("'[2001:db8::1%eth0]:80'", "link-local", "-p", "1", "-r", "[2001:db8::1%eth0]:80");
	ERR("'[fe80::1%]:80'", "IPv6", "-p", "1", "-r", "[fe80::1%]:80");
	ERR("'[fe80::1%a-name-longer-than-15]:80'", "IPv6", "-p", "1", "-r", "[fe80::1%a-name-longer-than-15]:80");
}

static void test_sizes(void **state)
{
	int b;

	(void)state;
	assert_int_equal(args_parse_size("65536", &b), 0);
	assert_int_equal(b, 65536);
	assert_int_equal(args_parse_size("256K", &b), 0);
	assert_int_equal(b, 262144);
	assert_int_equal(args_parse_size("4m", &b), 0);
	assert_int_equal(b, 4194304);
	assert_int_equal(args_parse_size("256M", &b), 0);
	assert_int_equal(args_parse_size("257M", &b), -1);
	assert_int_equal(args_parse_size("4095", &b), -1);
	assert_int_equal(args_parse_size("1G", &b), -1);
	assert_int_equal(args_parse_size("-1K", &b), -1);
	assert_int_equal(args_parse_size("K", &b), -1);
	assert_int_equal(PARSE("-p", "1", "-r", "h:1", "--sndbuf", "64K", "--rcvbuf=1M"), 0);
	assert_int_equal(cfg.sndbuf, 65536);
	assert_int_equal(cfg.rcvbuf, 1048576);
	assert_int_equal(PARSE("-p", "1", "-r", "h:1"), 0);
	assert_int_equal(cfg.sndbuf, 0);
	assert_int_equal(cfg.rcvbuf, 0);
	ERR("--rcvbuf", "size from 4K to 256M", "-p", "1", "-r", "h:1", "--rcvbuf", "1k5");
}

static void test_durations(void **state)
{
	int ms;

	(void)state;
	assert_int_equal(args_parse_duration_ms("5", &ms), 0);
	assert_int_equal(ms, 5000);
	assert_int_equal(args_parse_duration_ms("750ms", &ms), 0);
	assert_int_equal(ms, 750);
	assert_int_equal(args_parse_duration_ms("3s", &ms), 0);
	assert_int_equal(ms, 3000);
	assert_int_equal(args_parse_duration_ms("2m", &ms), 0);
	assert_int_equal(ms, 120000);
	assert_int_equal(args_parse_duration_ms("", &ms), -1);
	assert_int_equal(args_parse_duration_ms("s", &ms), -1);
	assert_int_equal(args_parse_duration_ms("-1", &ms), -1);
	assert_int_equal(args_parse_duration_ms("1.5s", &ms), -1);
	assert_int_equal(args_parse_duration_ms("99999999999", &ms), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_go_command_lines),
		cmocka_unit_test(test_long_and_go_style_forms),
		cmocka_unit_test(test_bundled_short_options),
		cmocka_unit_test(test_remote_hosts),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_extra_options),
		cmocka_unit_test(test_help_and_version_win),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
