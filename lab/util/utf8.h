/* utf8.h: text from outside (a step's output, a crashing binary's
 * garbage) made safe for formats that require valid Unicode: JSON and XML
 * reject a report that carries a stray 0xff.
 *
 * Invalid UTF-8 (stray continuation bytes, truncated or overlong
 * sequences, UTF-16 surrogates, code points above U+10FFFF) becomes
 * U+FFFD, one per maximal invalid subsequence as Unicode recommends. */
#ifndef LAB_UTF8_H
#define LAB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#define UTF8_REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* The length of the valid sequence at s (1-4), or 0 if none starts there;
 * *cp gets its code point. n: bytes available. */
size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp);

/* A malloc'd copy of s (NULL: "") with every invalid sequence replaced;
 * with xml, characters XML 1.0 forbids (C0 controls other than tab,
 * newline and carriage return, U+FFFE, U+FFFF) are replaced too. NULL
 * only when out of memory. */
char *utf8_clean(const char *s, bool xml);

/* True if s (NUL-terminated) is valid UTF-8. */
bool utf8_valid(const char *s);

#endif
