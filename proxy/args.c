/* args.c: command-line parsing (pure; see args.h). */
#include "args.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
	O_MODE, O_PORT, O_REMOTE, O_TRANSPARENT, O_DISABLE_MPTCP, O_LISTEN,
	O_WORKERS, O_BACKLOG, O_CONNECT_TIMEOUT, O_IDLE_TIMEOUT, O_MAX_CONNS,
	O_GRACE, O_RESOLVE_EVERY, O_STATS, O_MARK, O_SNDBUF, O_RCVBUF, O_VERBOSE, O_QUIET, O_VERSION, O_HELP,
};

struct opt {
	char short_name;	/* 0: long form only */
	const char *long_name;
	const char *value;	/* what the value looks like; NULL: a flag */
	enum opt_id id;
};

static const struct opt opts[] = {
	{ 'm', "mode", "client|server", O_MODE },
	{ 'p', "port", "PORT", O_PORT },
	{ 'r', "remote", "HOST:PORT", O_REMOTE },
	{ 't', "transparent", NULL, O_TRANSPARENT },
	{ 0, "disable-mptcp", NULL, O_DISABLE_MPTCP },
	{ 'l', "listen", "ADDR:PORT", O_LISTEN },
	{ 0, "workers", "N", O_WORKERS },
	{ 0, "backlog", "N", O_BACKLOG },
	{ 0, "connect-timeout", "DURATION", O_CONNECT_TIMEOUT },
	{ 0, "idle-timeout", "DURATION", O_IDLE_TIMEOUT },
	{ 0, "max-conns", "N", O_MAX_CONNS },
	{ 0, "grace", "DURATION", O_GRACE },
	{ 0, "resolve-every", "DURATION", O_RESOLVE_EVERY },
	{ 0, "stats", "SECONDS", O_STATS },
	{ 0, "mark", "N", O_MARK },
	{ 0, "sndbuf", "BYTES", O_SNDBUF },
	{ 0, "rcvbuf", "BYTES", O_RCVBUF },
	{ 'v', "verbose", NULL, O_VERBOSE },
	{ 'q', "quiet", NULL, O_QUIET },
	{ 'V', "version", NULL, O_VERSION },
	{ 'h', "help", NULL, O_HELP },
};
#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

static const char usage_text[] =
"Usage: mptcp-proxy [-m client|server] (-p PORT | -l ADDR:PORT) [-r HOST:PORT] [options]\n"
"\n"
"Relay between plain TCP and Multipath TCP.\n"
"  client mode: accept TCP, connect to the remote with MPTCP\n"
"  server mode: accept MPTCP, connect to the remote (backend) with TCP\n"
"\n"
"Options:\n"
"  -m, --mode client|server   relay direction (default: client)\n"
"  -p, --port PORT            listen on all addresses (IPv4 and IPv6)\n"
"  -l, --listen ADDR:PORT     listen on one address: 1.2.3.4:PORT, [::1]:PORT,\n"
"                             [fe80::1%eth0]:PORT (link-local: with interface)\n"
"  -r, --remote HOST:PORT     where to connect: IPv4, [IPv6]:PORT or a name\n"
"                             (every resolved address is tried in turn)\n"
"  -t, --transparent          relay to each connection's original destination\n"
"                             (iptables/nftables REDIRECT or TPROXY); -r, if\n"
"                             given, serves connections that were not redirected\n"
"      --disable-mptcp        plain TCP on both sides (for A/B comparison)\n"
"      --workers N            worker threads (default: online CPUs)\n"
"      --backlog N            listen backlog (default: 4096)\n"
"      --connect-timeout D    give up connecting after D (default: 10s)\n"
"      --idle-timeout D       close connections idle for D (default: never)\n"
"      --max-conns N          stop accepting while N connections are open\n"
"      --grace D              on SIGTERM/SIGINT, let connections finish for D\n"
"                             before closing them (default: 5s)\n"
"      --resolve-every D      look the -r host name up again every D, and soon\n"
"                             after no address answered (default: 30s; 0: only\n"
"                             at start-up and after failures)\n"
"      --stats SECONDS        print a statistics line every SECONDS\n"
"                             (SIGUSR1 prints one at any time)\n"
"      --mark N               set SO_MARK N on outgoing connections, so that\n"
"                             firewall rules can leave them alone (-t)\n"
"      --sndbuf BYTES         SO_SNDBUF of both sides of every connection\n"
"      --rcvbuf BYTES         SO_RCVBUF of both sides (e.g. 256K, 1M; the\n"
"                             kernel doubles it and stops autotuning it)\n"
"  -v, --verbose              debug output: a line per connection event\n"
"  -q, --quiet                errors only\n"
"  -V, --version              print the version and exit\n"
"  -h, --help                 print this help and exit\n"
"\n"
"Durations: 5 (seconds), 500ms, 5s, 2m. Long options may also be written\n"
"with one dash (-mode client) and values after '=' (--port=4444); short\n"
"options may be bundled (-tv, -tm client, -p4444).\n"
"Exit status: 0 after a clean shutdown, 1 start-up or run-time error,\n"
"2 bad command line, 3 MPTCP not available in this kernel.\n";

const char *args_usage(void)
{
	return usage_text;
}

static void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->action = ACTION_RUN;
	cfg->mode = MODE_CLIENT;
	cfg->backlog = DEFAULT_BACKLOG;
	cfg->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
	cfg->grace_ms = DEFAULT_GRACE_MS;
	cfg->resolve_every_ms = DEFAULT_RESOLVE_EVERY_MS;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	long v;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int args_parse_duration_ms(const char *s, int *ms)
{
	char *end;
	unsigned long v;
	unsigned long mult = 1000;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (strcmp(end, "ms") == 0)
		mult = 1;
	else if (strcmp(end, "s") == 0 || *end == '\0')
		mult = 1000;
	else if (strcmp(end, "m") == 0)
		mult = 60000;
	else
		return -1;
	if (v > 86400000UL / mult)
		return -1;
	*ms = (int)(v * mult);
	return 0;
}

int args_parse_size(const char *s, int *bytes)
{
	unsigned long v, mult = 1;
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtoul(s, &end, 10);
	if (strcmp(end, "K") == 0 || strcmp(end, "k") == 0)
		mult = 1024;
	else if (strcmp(end, "M") == 0 || strcmp(end, "m") == 0)
		mult = 1024 * 1024;
	else if (*end)
		return -1;
	if (v > (256UL << 20) / mult || v * mult < 4096)
		return -1;
	*bytes = (int)(v * mult);
	return 0;
}

static const struct opt *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < N_OPTS; i++)
		if (strlen(opts[i].long_name) == len &&
		    strncmp(opts[i].long_name, name, len) == 0)
			return &opts[i];
	return NULL;
}

static const struct opt *find_short(char c)
{
	for (size_t i = 0; i < N_OPTS; i++)
		if (opts[i].short_name == c)
			return &opts[i];
	return NULL;
}

static int bad_value(char *err, size_t errlen, const char *word,
		     const char *value, const char *expected)
{
	return fail(err, errlen, "invalid value '%s' for %s: expected %s",
		    value, word, expected);
}

static int set_listen(struct config *cfg, const char *word, const char *v,
		      char *err, size_t errlen)
{
	const char *why;

	if (addr_split(v, cfg->listen_host, sizeof(cfg->listen_host),
		       &cfg->listen_port, &why) < 0)
		return bad_value(err, errlen, word, v, why);
	cfg->listen_any = cfg->listen_host[0] == '\0';
	if (!cfg->listen_any && !addr_is_literal(cfg->listen_host, &why))
		return bad_value(err, errlen, word, v, why ? why :
				 "an IP address: 1.2.3.4:PORT or [IPv6]:PORT");
	return 0;
}

/* -r: a literal or a name the resolver may be asked about; anything else
 * is a typing error, reported as one (exit 2), not as a failed lookup. */
static int set_remote(struct config *cfg, const char *word, const char *v,
		      char *err, size_t errlen)
{
	const char *why;

	if (addr_split(v, cfg->remote_host, sizeof(cfg->remote_host),
		       &cfg->remote_port, &why) < 0)
		return bad_value(err, errlen, word, v, why);
	if (!cfg->remote_host[0])
		return bad_value(err, errlen, word, v, "a host before ':PORT'");
	if (!addr_is_literal(cfg->remote_host, &why) &&
	    (why || !addr_is_hostname(cfg->remote_host)))
		return bad_value(err, errlen, word, v, why ? why :
				 "a host name (letters, digits, '-', '.') or an IP address (IPv4: four numbers from 0 to 255)");
	cfg->has_remote = true;
	return 0;
}

/* Store the value v of one option that takes one; word is what the user
 * typed, for messages. */
static int apply(struct config *cfg, const struct opt *o, const char *word,
		 const char *v, char *err, size_t errlen)
{
	switch (o->id) {
	case O_MODE:
		if (strcmp(v, "client") == 0)
			cfg->mode = MODE_CLIENT;
		else if (strcmp(v, "server") == 0)
			cfg->mode = MODE_SERVER;
		else
			return bad_value(err, errlen, word, v, "client or server");
		return 0;
	case O_PORT:
		if (addr_parse_port(v, &cfg->listen_port) < 0)
			return bad_value(err, errlen, word, v,
					 "a port number from 1 to 65535");
		cfg->listen_any = true;
		cfg->listen_host[0] = '\0';
		return 0;
	case O_LISTEN:
		return set_listen(cfg, word, v, err, errlen);
	case O_REMOTE:
		return set_remote(cfg, word, v, err, errlen);
	case O_WORKERS:
		return parse_int(v, 1, 1024, &cfg->workers) < 0 ?
			bad_value(err, errlen, word, v, "a number from 1 to 1024") : 0;
	case O_BACKLOG:
		return parse_int(v, 1, 1 << 20, &cfg->backlog) < 0 ?
			bad_value(err, errlen, word, v, "a number from 1 to 1048576") : 0;
	case O_MAX_CONNS:
		return parse_int(v, 1, 1 << 24, &cfg->max_conns) < 0 ?
			bad_value(err, errlen, word, v, "a number from 1 to 16777216") : 0;
	case O_SNDBUF:
		return args_parse_size(v, &cfg->sndbuf) < 0 ?
			bad_value(err, errlen, word, v, "a size from 4K to 256M such as 65536, 256K, 4M") : 0;
	case O_RCVBUF:
		return args_parse_size(v, &cfg->rcvbuf) < 0 ?
			bad_value(err, errlen, word, v, "a size from 4K to 256M such as 65536, 256K, 4M") : 0;
	case O_MARK:
		return parse_int(v, 1, 0x7fffffff, &cfg->mark) < 0 ?
			bad_value(err, errlen, word, v, "a firewall mark from 1 to 2147483647") : 0;
	case O_STATS:
		return parse_int(v, 1, 86400, &cfg->stats_interval_s) < 0 ?
			bad_value(err, errlen, word, v, "seconds from 1 to 86400") : 0;
	case O_CONNECT_TIMEOUT:
		if (args_parse_duration_ms(v, &cfg->connect_timeout_ms) < 0 ||
		    cfg->connect_timeout_ms == 0)
			return bad_value(err, errlen, word, v,
					 "a duration above 0 such as 5, 500ms, 5s, 2m");
		return 0;
	case O_IDLE_TIMEOUT:
		return args_parse_duration_ms(v, &cfg->idle_timeout_ms) < 0 ?
			bad_value(err, errlen, word, v,
				  "a duration such as 30, 500ms, 30s, 5m (0: never)") : 0;
	case O_GRACE:
		return args_parse_duration_ms(v, &cfg->grace_ms) < 0 ?
			bad_value(err, errlen, word, v,
				  "a duration such as 5, 500ms, 5s, 1m") : 0;
	case O_RESOLVE_EVERY:
		return args_parse_duration_ms(v, &cfg->resolve_every_ms) < 0 ?
			bad_value(err, errlen, word, v,
				  "a duration such as 30, 30s, 5m (0: only after failures)") : 0;
	default:
		break;
	}
	return fail(err, errlen, "internal error: option %s", word);
}

/* Set one flag (an option without a value). */
static int apply_flag(struct config *cfg, const struct opt *o,
		      const char *word, char *err, size_t errlen)
{
	switch (o->id) {
	case O_TRANSPARENT:
		cfg->transparent = true;
		return 0;
	case O_DISABLE_MPTCP:
		cfg->disable_mptcp = true;
		return 0;
	case O_VERBOSE:
		cfg->verbosity = cfg->verbosity < 0 ? 1 : cfg->verbosity + 1;
		return 0;
	case O_QUIET:
		cfg->verbosity = -1;
		return 0;
	case O_VERSION:
		cfg->action = ACTION_VERSION;
		return 0;
	case O_HELP:
		cfg->action = ACTION_HELP;
		return 0;
	default:
		break;
	}
	return fail(err, errlen, "internal error: option %s", word);
}

/* Go's flag package accepts -flag=true / -flag=false for booleans. */
static int flag_value(const char *word, const char *v, bool *on, char *err,
		      size_t errlen)
{
	if (!v || strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*on = true;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		*on = false;
	else
		return bad_value(err, errlen, word, v, "no value, true or false");
	return 0;
}

/* One option with its value (NULL: none given; a flag, or take the next
 * word). */
static int take(int argc, char *const argv[], int *i, struct config *cfg,
		const struct opt *o, const char *word, const char *value,
		char *err, size_t errlen)
{
	bool on = false;

	if (!o->value) {
		if (flag_value(word, value, &on, err, errlen) < 0)
			return -1;
		return on ? apply_flag(cfg, o, word, err, errlen) : 0;
	}
	if (!value) {
		if (*i + 1 >= argc)
			return fail(err, errlen, "missing value after %s: expected %s", word, o->value);
		value = argv[++*i];
	}
	return apply(cfg, o, word, value, err, errlen);
}

/* A bundle of short options read as the Go proxy's flag library (pflag)
 * reads it: flags in a row (-tv, -vvv); an option that takes a value
 * takes the rest of the word (-p4444, -tp4444), the text after '='
 * (-tm=client) or else the next word (-tm client). */
static int parse_shorts(int argc, char *const argv[], int *i,
			struct config *cfg, int *id, char *err, size_t errlen)
{
	const char *a = argv[*i], *p = a + 1, *value;
	char word[4];

	while (*p) {
		const struct opt *o = find_short(*p);

		snprintf(word, sizeof(word), "-%c", *p);
		if (!o && p[1] == '\0' && p == a + 1)
			return fail(err, errlen, "unknown option '%s': expected one of the options in --help", word);
		if (!o)
			return fail(err, errlen, "unknown option '%s' in '%s': expected one of the options in --help", word, a);
		p++;
		value = NULL;
		if (*p == '=' || (o->value && *p)) {
			value = p + (*p == '=');
			p += strlen(p);
		}
		*id = (int)o->id;
		if (take(argc, argv, i, cfg, o, word, value, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Look up argv[*i]; may consume the next word as its value. */
static int parse_one(int argc, char *const argv[], int *i, struct config *cfg,
		     int *id, char *err, size_t errlen)
{
	const char *a = argv[*i], *name, *eq;
	const struct opt *o = NULL;
	char word[64];
	size_t len;

	if (a[0] != '-' || a[1] == '\0')
		return fail(err, errlen, "unexpected argument '%s': expected an option (see --help)", a);
	name = a + (a[1] == '-' ? 2 : 1);
	eq = strchr(name, '=');
	len = eq ? (size_t)(eq - name) : strlen(name);
	snprintf(word, sizeof(word), "%.*s", (int)(name - a + len), a);
	/* Go's flag package: a long name after one dash (-mode) as well. */
	if (a[1] == '-' || len > 1)
		o = find_long(name, len);
	if (!o && a[1] != '-')
		return parse_shorts(argc, argv, i, cfg, id, err, errlen);
	if (!o)
		return fail(err, errlen, "unknown option '%s': expected one of the options in --help", word);
	*id = (int)o->id;
	return take(argc, argv, i, cfg, o, word, eq ? eq + 1 : NULL, err, errlen);
}

static int validate(const struct config *cfg, char *err, size_t errlen)
{
	if (cfg->listen_port == 0)
		return fail(err, errlen, "missing -p PORT or -l ADDR:PORT: expected where to listen");
	if (!cfg->has_remote && !cfg->transparent)
		return fail(err, errlen, "missing -r HOST:PORT: expected the remote to connect to (or -t)");
	return 0;
}

int args_parse(int argc, char *const argv[], struct config *cfg, char *err,
	       size_t errlen)
{
	bool seen_port = false, seen_listen = false;

	config_defaults(cfg);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int id = -1;

		if (parse_one(argc, argv, &i, cfg, &id, err, errlen) < 0)
			return -1;
		if (cfg->action != ACTION_RUN)
			return 0;
		seen_listen |= id == O_LISTEN;
		seen_port |= id == O_PORT;
		if (seen_listen && seen_port)
			return fail(err, errlen, "'%s': -p PORT and -l ADDR:PORT cannot be used together: expected one of them", a);
	}
	return validate(cfg, err, errlen);
}
