// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd: binds the queues, runs one thread per queue, and waits for
 * SIGTERM/SIGINT. The signals are blocked everywhere and read from a
 * signalfd here, so no thread is ever interrupted by one; the threads are
 * stopped through a pipe whose write end we close, which every thread's
 * poll sees at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "args.h"
#include "log.h"
#include "queue.h"

struct worker {
	struct appfwd_queue queue;
	pthread_t thread;
	int stop_fd;
	int failed_fd; /* written to when the queue stops on an error */
	int err;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	ssize_t n;

	w->err = appfwd_queue_run(&w->queue, w->stop_fd);
	if (w->err) {
		afw_log("queue %u: %s", w->queue.num, strerror(-w->err));
		/* Wakes main, which stops the others: a half-served set of
		 * queues would quietly drop or pass traffic. A pipe with room
		 * for 64 KiB cannot be full after 64 bytes. */
		n = write(w->failed_fd, "", 1);
		(void)n;
	}
	return NULL;
}

static void bind_error(uint16_t num, int err)
{
	if (err == -EPERM && appfwd_queue_held_elsewhere(num))
		afw_log("queue %u: already bound by another process", num);
	else if (err == -EPERM)
		afw_log("permission denied: CAP_NET_ADMIN needed");
	else if (err == -EPROTONOSUPPORT ||
		 ((err == -EINVAL || err == -EOPNOTSUPP) &&
		  !appfwd_queue_available()))
		afw_log("queue %u: cannot bind: nfnetlink_queue is not available (try: modprobe nfnetlink_queue)",
			num);
	else
		afw_log("queue %u: cannot bind: %s", num, strerror(-err));
}

int main(int argc, char *argv[])
{
	struct appfwd_config cfg;
	struct worker *workers;
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	int stop[2], failed[2], sfd, ret, status = 1;
	unsigned int nbound = 0, nrunning = 0, flags = 0;
	sigset_t sigs;

	afw_log_init("appfwd", NULL);
	ret = appfwd_parse_args(argc, argv, &cfg, stdout);
	if (ret)
		return ret == APPFWD_ARGS_HELP ? 0 : 2;
	if (cfg.fail_open)
		flags |= APPFWD_QUEUE_FAIL_OPEN;
	if (cfg.no_gso)
		flags |= APPFWD_QUEUE_NO_GSO;

	/* Blocked before any thread exists, so all of them inherit it. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	workers = calloc(cfg.nqueues, sizeof(*workers));
	if (sfd < 0 || !workers || pipe2(stop, O_CLOEXEC) ||
	    pipe2(failed, O_CLOEXEC)) {
		afw_log("cannot start: %s", strerror(errno));
		return 1;
	}

	for (; nbound < cfg.nqueues; nbound++) {
		struct worker *w = &workers[nbound];

		ret = appfwd_queue_open(&w->queue, cfg.queues[nbound], flags);
		if (ret) {
			bind_error(cfg.queues[nbound], ret);
			goto out;
		}
		afw_log("queue %u ready", w->queue.num);
	}
	for (; nrunning < nbound; nrunning++) {
		struct worker *w = &workers[nrunning];

		w->stop_fd = stop[0];
		w->failed_fd = failed[1];
		ret = pthread_create(&w->thread, NULL, worker_main, w);
		if (ret) {
			afw_log("cannot start a thread: %s", strerror(ret));
			goto out;
		}
	}

	pfd[0] = (struct pollfd){ sfd, POLLIN, 0 };
	pfd[1] = (struct pollfd){ failed[0], POLLIN, 0 };
	while (poll(pfd, 2, -1) < 0 && errno == EINTR)
		;
	if (pfd[0].revents && read(sfd, &si, sizeof(si)) == sizeof(si) &&
	    !pfd[1].revents)
		status = 0;

out:
	close(stop[1]);
	for (unsigned int i = 0; i < nrunning; i++)
		pthread_join(workers[i].thread, NULL);
	for (unsigned int i = 0; i < nbound; i++) {
		struct appfwd_queue *q = &workers[i].queue;

		ret = appfwd_queue_close(q);
		if (ret)
			afw_log("queue %u: unbinding: %s", q->num, strerror(-ret));
		/* Only a queue that ran has a summary worth reading. */
		if (nrunning == nbound)
			afw_log("queue %u: %" PRIu64 " packets accepted, %" PRIu64
				" lost", q->num, q->accepted, q->lost);
	}
	free(workers);
	return status;
}
