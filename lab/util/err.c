/* err.c: struct lab_err helpers (see err.h). */
#define LAB_ERR_IMPL	/* no analyzer model of lab_errf here (err.h) */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int lab_errf(struct lab_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int lab_err_prefix(struct lab_err *e, const char *fmt, ...)
{
	char head[512], old[sizeof(e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	/* Truncation is acceptable: the message is for humans. */
	size_t n = strlen(head);

	if (n > sizeof(e->msg) - 3)
		n = sizeof(e->msg) - 3;
	memcpy(e->msg, head, n);
	memcpy(e->msg + n, ": ", 2);
	n += 2;
	size_t m = strnlen(old, sizeof(old));

	if (m > sizeof(e->msg) - 1 - n)
		m = sizeof(e->msg) - 1 - n;
	memcpy(e->msg + n, old, m);
	e->msg[n + m] = '\0';
	return e->code;
}
