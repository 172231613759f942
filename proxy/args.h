/* args.h: the command line, parsed into a struct config.
 *
 * Pure: no printing, no exiting, no system calls. On a bad argument
 * args_parse() fills err with one line that names the word and says what
 * was expected; main.c prints it and exits 2.
 *
 * Compatible with the old Go proxy: -m/--mode, -p/--port, -r/--remote,
 * -t/--transparent, --disable-mptcp; like Go's flag package, a long name
 * may also be written with one dash (-mode, -disable-mptcp) and a value
 * may follow '=' (--port=4444). */
#ifndef PROXY_ARGS_H
#define PROXY_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

enum proxy_mode {
	MODE_CLIENT, /* accept TCP, connect with MPTCP */
	MODE_SERVER, /* accept MPTCP, connect with TCP */
};

enum args_action {
	ACTION_RUN,
	ACTION_HELP,
	ACTION_VERSION,
};

struct config {
	enum args_action action;
	enum proxy_mode mode;
	/* Listening: an explicit address (-l), or all addresses (-p). */
	bool listen_any;
	char listen_host[ADDR_HOST_MAX];
	uint16_t listen_port;
	/* Remote: host name or literal; empty when none was given. */
	char remote_host[ADDR_HOST_MAX];
	uint16_t remote_port;
	bool has_remote;
	bool transparent;
	bool disable_mptcp;
	int workers;		/* 0: one per online CPU */
	int backlog;
	int connect_timeout_ms;
	int idle_timeout_ms;	/* 0: none */
	int max_conns;		/* 0: no limit */
	int grace_ms;
	int resolve_every_ms;	/* -r host name lookups; 0: after failures only */
	int stats_interval_s;	/* 0: only on SIGUSR1 */
	int mark;		/* SO_MARK on outgoing sockets; 0: none */
	int sndbuf, rcvbuf;	/* SO_SNDBUF/SO_RCVBUF, both sides; 0: kernel's */
	int verbosity;		/* -1 quiet, 0 normal, 1+ debug */
};

#define DEFAULT_BACKLOG 4096
#define DEFAULT_CONNECT_TIMEOUT_MS 10000
#define DEFAULT_GRACE_MS 5000
#define DEFAULT_RESOLVE_EVERY_MS 30000

/* 0 on success (cfg->action says what to do), -1 with err set. */
int args_parse(int argc, char *const argv[], struct config *cfg, char *err,
	       size_t errlen);

/* Parse a duration: "5" (seconds), "250ms", "2s", "1m". -1 if invalid. */
int args_parse_duration_ms(const char *s, int *ms);

/* Parse a size: "65536", "256K", "4M" (KiB, MiB), 4K to 256M. -1 if
 * invalid. */
int args_parse_size(const char *s, int *bytes);

/* The --help text. */
const char *args_usage(void);

#endif
