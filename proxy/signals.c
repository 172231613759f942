/* signals.c: the proxy's signal mask (see signals.h). */
#include "signals.h"

#include <pthread.h>
#include <stddef.h>

/* Taken and acted on. SIGUSR2: a worker has finished. */
static const int taken[] = { SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2 };
/* Default action "terminate", but nothing we send or expect. */
static const int stray[] = { SIGALRM, SIGVTALRM, SIGPROF, SIGIO, SIGPWR,
			     SIGSTKFLT };

void signals_block(sigset_t *waited)
{
	sigemptyset(waited);
	for (size_t i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		sigaddset(waited, taken[i]);
	for (size_t i = 0; i < sizeof(stray) / sizeof(stray[0]); i++)
		sigaddset(waited, stray[i]);
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		sigaddset(waited, s);
	pthread_sigmask(SIG_BLOCK, waited, NULL);
	signal(SIGPIPE, SIG_IGN);
}

bool signals_stop_pending(void)
{
	struct timespec zero = { 0, 0 };
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	return sigtimedwait(&stop, NULL, &zero) > 0;
}

bool signals_ignored(int sig)
{
	for (size_t i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		if (taken[i] == sig)
			return false;
	return sig > 0;
}
