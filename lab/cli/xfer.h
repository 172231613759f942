/* xfer.h: a verified transfer over one connected stream socket, both
 * directions at once: N bytes of a stream derived from a seed each way,
 * every byte checked by the receiver and the upload's SHA-256 sent back,
 * so the client knows both directions arrived intact end to end.
 * `mptcp-lab xfer` (cmd_xfer.c) is its command line. */
#ifndef LAB_XFER_H
#define LAB_XFER_H

#include <stdbool.h>
#include <stdint.h>

struct xfer_result {
	uint64_t up, down;		/* bytes moved each way */
	uint8_t sha_up[32], sha_down[32];
	bool up_ok, down_ok;		/* verified (server: up only) */
	uint64_t bad_at;		/* first wrong byte received, or UINT64_MAX */
	double secs;
};

/* On a connected socket: send the header and the upload, read the
 * download and the server's digest. 0 (res->up_ok/down_ok tell), or
 * -errno (-ETIMEDOUT after timeout s, -EPIPE if the peer closed early). */
int xfer_client(int fd, uint64_t seed, uint64_t up, uint64_t down,
		double timeout, struct xfer_result *res);

/* Serve one accepted connection the same way. 0 or -errno. */
int xfer_serve_one(int fd, double timeout, struct xfer_result *res);

#endif
