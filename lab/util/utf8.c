/* utf8.c: validating and repairing UTF-8 (see utf8.h). */
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* What a lead byte c promises: the sequence length and the range of the
 * second byte (RFC 3629 section 4), which is what excludes overlongs,
 * surrogates and values above U+10FFFF. 0: c cannot start a sequence. */
static size_t lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef) {
		*lo = c == 0xe0 ? 0xa0 : 0x80;
		*hi = c == 0xed ? 0x9f : 0xbf;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		*lo = c == 0xf0 ? 0x90 : 0x80;
		*hi = c == 0xf4 ? 0x8f : 0xbf;
		return 4;
	}
	return 0;
}

/* The bytes at s that are acceptable so far: the whole sequence if it is
 * valid, else its maximal subpart (at least 1). */
static size_t scan(const unsigned char *s, size_t n, size_t *want)
{
	unsigned char lo, hi;
	size_t k = 1;

	*want = lead(s[0], &lo, &hi);
	for (; k < *want && k < n && s[k] >= lo && s[k] <= hi; k++) {
		lo = 0x80;
		hi = 0xbf;
	}
	return k;
}

size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t want, got = scan(s, n, &want);
	unsigned v;

	if (!want || got < want)
		return 0;
	v = want == 1 ? s[0] : s[0] & (0x7f >> want);
	for (size_t i = 1; i < want; i++)
		v = v << 6 | (s[i] & 0x3f);
	*cp = v;
	return want;
}

static bool xml_forbidden(unsigned cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return cp == 0xfffe || cp == 0xffff;
}

char *utf8_clean(const char *str, bool xml)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), o = 0;
	/* Worst case: every byte becomes three. */
	char *out = malloc(3 * n + 1);

	if (!out)
		return NULL;
	while (n) {
		unsigned cp;
		size_t len = utf8_seq(s, n, &cp);

		if (len && !(xml && xml_forbidden(cp))) {
			memcpy(out + o, s, len);
			o += len;
		} else {
			size_t want;

			if (!len)
				len = scan(s, n, &want);
			memcpy(out + o, UTF8_REPLACEMENT, 3);
			o += 3;
		}
		s += len;
		n -= len;
	}
	out[o] = '\0';
	return out;
}

bool utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str);

	while (n) {
		unsigned cp;
		size_t len = utf8_seq(s, n, &cp);

		if (!len)
			return false;
		s += len;
		n -= len;
	}
	return true;
}
