/* signals.h: which signals mptcp-proxy takes, blocked from main's first line.
 *
 * Every signal the proxy gives a meaning (HUP, INT, TERM, USR1, USR2) and
 * every asynchronous signal whose default action would end the process
 * without being meant to (ALRM, VTALRM, PROF, IO, PWR, STKFLT, the real-
 * time signals) is blocked before anything else runs, so a signal that
 * arrives during start-up (a slow -r lookup) waits instead of killing the
 * proxy. Threads inherit the mask; only the main thread takes them, with
 * sigtimedwait(). SIGPIPE is ignored. SIGQUIT, SIGKILL and the fault
 * signals keep their default action: the ways to end it at once. */
#ifndef PROXY_SIGNALS_H
#define PROXY_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* Block the set above in the calling thread (call first in main) and
 * return it in *waited. */
void signals_block(sigset_t *waited);

/* Take a pending SIGTERM or SIGINT, if any, without waiting. */
bool signals_stop_pending(void);

/* Whether sig has no meaning for the proxy (logged and ignored). */
bool signals_ignored(int sig);

#endif
