/* log.c: level-filtered, one-write-per-line logging to stderr. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static volatile int cur_level = LOG_INFO;

static const char *const level_names[] = {
	[LOG_ERROR] = "error", [LOG_WARN] = "warning",
	[LOG_INFO] = "info",   [LOG_DEBUG] = "debug",
};

void log_set_level(int level)
{
	if (level < LOG_ERROR)
		level = LOG_ERROR;
	if (level > LOG_DEBUG)
		level = LOG_DEBUG;
	cur_level = level;
}

int log_enabled(int level)
{
	return level <= cur_level;
}

static void log_write(const char *prefix, const char *fmt, va_list ap)
{
	char line[1024];
	int n = snprintf(line, sizeof(line), "mptcp-proxy: %s", prefix);
	int m;

	if (n < 0)
		return;
	m = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* stderr is unbuffered anyway; one write keeps threads apart. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void log_msg(int level, const char *fmt, ...)
{
	char prefix[16];
	va_list ap;

	if (!log_enabled(level))
		return;
	snprintf(prefix, sizeof(prefix), "%s: ", level_names[level]);
	va_start(ap, fmt);
	log_write(level == LOG_INFO ? "" : prefix, fmt, ap);
	va_end(ap);
}

void log_always(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("", fmt, ap);
	va_end(ap);
}

bool log_rl_allow(struct log_rl *rl, uint64_t now_ms, unsigned *held)
{
	if (now_ms < rl->next_ms) {
		rl->held++;
		return false;
	}
	*held = rl->held;
	rl->held = 0;
	rl->next_ms = now_ms + LOG_RL_MS;
	return true;
}
