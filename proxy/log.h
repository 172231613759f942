/* log.h: the proxy's only way to print diagnostics.
 *
 * Lines go to stderr as "mptcp-proxy: LEVEL: text". Each line is written
 * with a single write(2), so lines from worker threads never interleave.
 * The level is global and set once at start-up by main.c. */
#ifndef PROXY_LOG_H
#define PROXY_LOG_H

#include <stdbool.h>
#include <stdint.h>

enum log_level {
	LOG_ERROR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

void log_set_level(int level);
int log_enabled(int level);
void log_msg(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A line printed whatever the level (stats that the user asked for). */
void log_always(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* At most one line per interval for a repeating event (per worker, not
 * thread-safe): log_rl_allow() says whether to print now, and how many
 * were held back since the last printed one. */
struct log_rl {
	uint64_t next_ms;
	unsigned held;
};
#define LOG_RL_MS 1000
bool log_rl_allow(struct log_rl *rl, uint64_t now_ms, unsigned *held);

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
/* Debug arguments are not evaluated unless debug output is on. */
#define log_debug(...) \
	do { if (log_enabled(LOG_DEBUG)) log_msg(LOG_DEBUG, __VA_ARGS__); } while (0)

#endif
