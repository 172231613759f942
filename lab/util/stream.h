/* stream.h: the deterministic byte streams mptcp-lab xfer and the test
 * tools send and check. A stream is splitmix64 output, 8 bytes per step,
 * from a 64-bit seed: both ends derive it from the seed alone, so a receiver verifies every
 * byte without a copy of the data. Header-only, like sha256.h. */
#ifndef LAB_STREAM_H
#define LAB_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct stream {
	uint64_t state;
	uint8_t word[8];
	unsigned left;		/* bytes of word not yet used */
};

static inline uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A well-mixed seed for connection idx of a run seeded with base. */
static inline uint64_t stream_conn_seed(uint64_t base, uint64_t idx)
{
	uint64_t x = base ^ (idx * 0xd1342543de82ef95ULL);

	return splitmix64(&x);
}

/* The two directions of one connection use different streams, so a relay
 * that loops data back is caught. */
#define STREAM_UP   0x5550ULL
#define STREAM_DOWN 0x444f574eULL

static inline void stream_init(struct stream *s, uint64_t seed)
{
	s->state = seed;
	s->left = 0;
}

static inline void stream_fill(struct stream *s, uint8_t *p, size_t n)
{
	while (n && s->left) {
		*p++ = s->word[8 - s->left--];
		n--;
	}
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t v = splitmix64(&s->state);
		memcpy(p, &v, 8);
	}
	if (n) {
		uint64_t v = splitmix64(&s->state);
		memcpy(s->word, &v, 8);
		s->left = 8;
		while (n--)
			*p++ = s->word[8 - s->left--];
	}
}

/* Advance the stream over n bytes and compare them with p. Returns the
 * offset of the first differing byte, or n if all match. */
static inline size_t stream_check(struct stream *s, const uint8_t *p, size_t n)
{
	uint8_t tmp[16384];
	size_t done = 0;

	while (done < n) {
		size_t k = n - done < sizeof(tmp) ? n - done : sizeof(tmp);
		size_t i;

		stream_fill(s, tmp, k);
		if (memcmp(tmp, p + done, k)) {
			for (i = 0; i < k && tmp[i] == p[done + i]; i++)
				;
			return done + i;
		}
		done += k;
	}
	return n;
}

#endif
