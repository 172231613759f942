/* notify.h: telling the service manager where the proxy stands.
 *
 * Under systemd (Type=notify; the NOTIFY_SOCKET variable is set) the
 * proxy reports READY=1 once every listener is open and every worker
 * runs, RELOADING=1 and READY=1 around a SIGHUP reload, STOPPING=1 when
 * it starts draining, and a STATUS= line. libsystemd's sd_notify() speaks
 * the protocol; without NOTIFY_SOCKET every call does nothing. */
#ifndef PROXY_NOTIFY_H
#define PROXY_NOTIFY_H

void notify_ready(const char *status);
void notify_reloading(void);
void notify_stopping(const char *status);

#endif
