/* argv_str.c: argv as one shell-quoted line (see argv_str.h). */
#include "util/argv_str.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Characters no POSIX shell treats specially. */
static bool plain(const char *w)
{
	if (!*w)
		return false;
	return w[strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789_@%+=:,./-")] == '\0';
}

/* Append s; returns the new length, which may exceed len (truncated). */
static size_t put(char *buf, size_t len, size_t n, const char *s)
{
	size_t k = strlen(s);

	if (n < len)
		snprintf(buf + n, len - n, "%s", s);
	return n + k;
}

const char *argv_str(char *const argv[], char *buf, size_t len)
{
	size_t n = 0;

	if (!len)
		return buf;
	buf[0] = '\0';
	for (int i = 0; argv && argv[i]; i++) {
		const char *w = argv[i];

		if (i)
			n = put(buf, len, n, " ");
		if (plain(w)) {
			n = put(buf, len, n, w);
			continue;
		}
		n = put(buf, len, n, "'");
		for (const char *q; (q = strchr(w, '\'')); w = q + 1) {
			char part[256];

			/* ' inside single quotes: close, escape, reopen. */
			while (q - w >= (long)sizeof(part)) {
				snprintf(part, sizeof(part), "%s", w);
				n = put(buf, len, n, part);
				w += sizeof(part) - 1;
			}
			snprintf(part, sizeof(part), "%.*s", (int)(q - w), w);
			n = put(buf, len, n, part);
			n = put(buf, len, n, "'\\''");
		}
		n = put(buf, len, n, w);
		n = put(buf, len, n, "'");
	}
	if (n >= len && len > 4)
		memcpy(buf + len - 4, "...", 4);
	return buf;
}
