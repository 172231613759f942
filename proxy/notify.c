/* notify.c: sd_notify() calls (see notify.h). */
#include "notify.h"

#include <systemd/sd-daemon.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static void send_state(const char *fmt, const char *arg)
{
	int rc = sd_notifyf(0, fmt, arg);

	/* 0: not under a service manager, which is fine. */
	if (rc < 0)
		log_debug("sd_notify: error %d", rc);
}

void notify_ready(const char *status)
{
	send_state("READY=1\nSTATUS=%s", status);
}

void notify_reloading(void)
{
	struct timespec ts;
	char usec[32];

	/* systemd 253+ wants the time of the reload request with it. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(usec, sizeof(usec), "%llu",
		 (unsigned long long)ts.tv_sec * 1000000ULL +
		 (unsigned long long)ts.tv_nsec / 1000ULL);
	send_state("RELOADING=1\nMONOTONIC_USEC=%s", usec);
}

void notify_stopping(const char *status)
{
	send_state("STOPPING=1\nSTATUS=%s", status);
}
