// SPDX-License-Identifier: GPL-2.0
/*
 * appfw monitor: with names, sets their action (action.c); without, prints
 * the kernel's decisions as they happen, until SIGINT or SIGTERM.
 *
 * libnl retries a receive interrupted by a signal, so the wait is a ppoll
 * that lets the two signals in only while it sleeps: a signal either
 * arrives before the wait (and the loop sees the flag) or ends it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include <linux/appfw.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "cli.h"
#include "event.h"
#include "genl.h"
#include "log.h"

static const char monitor_usage[] =
	"Usage: appfw monitor [-j|--json] [NAME...]\n"
	"\n"
	"With NAMEs, sets their action to monitor: their traffic passes,\n"
	"counted, and each of their flows is reported when it is decided.\n"
	"\n"
	"Without, prints those reports as they come, for every app whatever\n"
	"its action, until interrupted (SIGINT or SIGTERM): the time, the app,\n"
	"its action, what decided (sni, host or prefix), the name the flow\n"
	"sent, the policy entry that matched, the protocol and the addresses.\n"
	"With -j, one JSON object per line. \"listening\" on standard error\n"
	"says when the subscription is in place. The kernel sends at most\n"
	"event_rate reports a second (module parameter); appfw status counts\n"
	"the rest as events dropped.\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct listener {
	int family;
	int err; /* a write error ends the loop */
};

static int on_message(struct nl_msg *msg, void *arg)
{
	struct listener *l = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct appfw_event ev;
	struct timespec now;
	int err;

	if (nlh->nlmsg_type != l->family)
		return NL_OK;
	clock_gettime(CLOCK_REALTIME, &now);
	err = appfw_event_parse(nlh, &ev);
	if (err == -EPROTO)
		afw_log("monitor: malformed event (module and tools out of step?)");
	else if (!err && appfw_event_print(&ev, &now))
		l->err = -EIO;
	return NL_OK;
}

static int listen_events(struct afw_genl *g, const sigset_t *waitmask)
{
	struct listener l = { .family = g->family };
	struct pollfd pfd = { .fd = nl_socket_get_fd(g->sock), .events = POLLIN };
	struct nl_cb *sock_cb, *cb;
	int ret = 0;

	/* The socket's callbacks skip the sequence check, as events need
	 * (they answer no request); a clone keeps that. */
	sock_cb = nl_socket_get_cb(g->sock);
	cb = nl_cb_clone(sock_cb);
	nl_cb_put(sock_cb);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_message, &l);
	afw_log("monitor: listening");
	while (!stop && !l.err) {
		if (ppoll(&pfd, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			l.err = -errno;
			break;
		}
		/* Everything queued, then back to waiting. */
		while (!l.err && (ret = nl_recvmsgs_report(g->sock, cb)) > 0)
			;
		/* -NLE_AGAIN: all read. Overrun: the kernel dropped what did
		 * not fit; say so, and go on with what comes next. */
		if (ret == -NLE_AGAIN)
			continue;
		if (ret == -NLE_NOMEM)
			afw_log("monitor: events lost: receive buffer full");
		else if (ret < 0)
			l.err = -EIO;
	}
	nl_cb_put(cb);
	return l.err;
}

int monitor_main(int argc, char *argv[])
{
	const char **names = calloc((size_t)argc, sizeof(*names));
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, orig;
	struct afw_genl g;
	int n, err;

	if (!names)
		return 1;
	err = appfw_parse_args(argc, argv, monitor_usage, 0, argc, true, names,
			       &n);
	free(names);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	if (n)
		return action_main(argc, argv);

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	/* No SA_RESTART: the signal must end the wait. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	stop = 0;

	err = afw_genl_open(&g);
	if (!err)
		err = afw_genl_join(&g, APPFW_MCGRP_EVENTS);
	if (!err) {
		nl_socket_disable_seq_check(g.sock);
		err = nl_socket_set_nonblocking(g.sock) < 0 ? -EIO : 0;
	}
	if (err)
		afw_genl_perror(&g, err, "monitor");
	else
		err = listen_events(&g, &orig);
	if (err == -EIO)
		afw_log("monitor: cannot read or print events");
	afw_genl_close(&g);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return err ? 1 : 0;
}
