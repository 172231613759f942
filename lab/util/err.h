/* err.h: the error buffer every lab library call fills instead of printing.
 *
 * Library functions return 0 on success or a negative errno (or -1) on
 * failure and describe the failure in a struct lab_err supplied by the
 * caller. Only the cmd_*.c front ends print and pick exit codes. */
#ifndef LAB_ERR_H
#define LAB_ERR_H

#include <stddef.h>

struct lab_err {
	int code;		/* negative errno, or -1 */
	char msg[1024];		/* one line, no trailing newline */
};

/* Fill e (if not NULL) with a printf-style message and return code, so a
 * caller can write `return lab_errf(e, -errno, "open %s: %m", path);`.
 * %m is expanded by vsnprintf from errno as glibc does. */
int lab_errf(struct lab_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#if defined(__clang_analyzer__) && !defined(LAB_ERR_IMPL)
/* clang-tidy's analyzer (make lint) sees one file at a time and cannot
 * know that lab_errf returns the code it is given; without this it walks
 * "failed, yet returned 0" paths that do not exist. Never compiled. */
#define lab_errf(e, code, ...) (lab_errf((e), (code), __VA_ARGS__), (code))
#endif

/* Prefix an existing message: "what: <old message>". Returns e->code. */
int lab_err_prefix(struct lab_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
