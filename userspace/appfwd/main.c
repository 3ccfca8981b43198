// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd: binds the queues, runs one thread per queue (each with its own
 * engine, engine.h), and waits for SIGTERM/SIGINT. Attached, it registers
 * with the module once the queues are bound and unregisters first thing
 * at exit; standalone, it reads the policy file, again on SIGHUP. The
 * signals are blocked everywhere and read from a signalfd here, so no
 * thread is ever interrupted by one; the threads are stopped through a
 * pipe whose write end we close, which every thread's poll sees at once.
 * SIGUSR1 asks every thread, through a pipe of its own, to log its
 * counters: only the thread that writes them reads them.
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
#include "backend.h"
#include "engine.h"
#include "log.h"
#include "queue.h"
#include "rules.h"

struct worker {
	struct appfwd_queue queue;
	struct afw_attached attached;	/* attached mode: its own socket */
	bool have_attached;
	struct afw_engine *engine;
	pthread_t thread;
	int stop_fd;
	int failed_fd; /* written to when the queue stops on an error */
	int report[2]; /* SIGUSR1: main writes a byte, the thread reports */
	int err;
};

static void summary(const struct worker *w);

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	ssize_t n;

	while ((w->err = appfwd_queue_run(&w->queue, w->stop_fd,
					  w->report[0])) == APPFWD_QUEUE_REPORT)
		summary(w);
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

static uint16_t first_queue(const struct appfwd_config *cfg)
{
	uint16_t lo = cfg->queues[0];

	for (unsigned int i = 1; i < cfg->nqueues; i++)
		if (cfg->queues[i] < lo)
			lo = cfg->queues[i];
	return lo;
}

/* The registering socket: the module's agent is whoever holds it. */
static int attach(const struct appfwd_config *cfg, struct afw_genl *g)
{
	uint16_t lo = first_queue(cfg);
	int err;

	err = afw_genl_open(g);
	if (err == -ENOENT) {
		afw_log("the appfw module is not loaded (try: modprobe appfw, or run appfwd --standalone)");
		return err;
	}
	if (err) {
		afw_genl_perror(g, err, "connecting to the module");
		return err;
	}
	err = afw_agent_register(g, lo, (uint16_t)cfg->nqueues);
	if (err == -EBUSY)
		afw_log("another agent is registered with the module");
	else if (err)
		afw_genl_perror(g, err, "registering");
	if (err) {
		afw_genl_close(g);
		return err;
	}
	afw_log("registered queues %u-%u", lo, lo + cfg->nqueues - 1);
	return 0;
}

static void summary(const struct worker *w)
{
	const struct appfwd_queue *q = &w->queue;
	const struct afw_engine_stats *s = afw_engine_stats(w->engine);

	afw_log("queue %u: %" PRIu64 " packets accepted, %" PRIu64
		" dropped, %" PRIu64 " repeated, %" PRIu64 " lost", q->num,
		q->accepted, q->dropped, q->repeated, q->lost);
	afw_log("queue %u: %" PRIu64 " held, %" PRIu64 " flows decided (%"
		PRIu64 " QUIC, %" PRIu64 " TCP), %" PRIu64 " DNS answers (%"
		PRIu64 " learned, %" PRIu64 " rewritten), %" PRIu64
		" timeouts, %" PRIu64 " evicted", q->num, s->held, s->decided,
		s->quic, s->tcp, s->dns, s->learned, q->rewritten,
		s->timeouts, s->evicted);
}

static void reload(const struct appfwd_config *cfg, struct afw_local *local)
{
	const char *path = cfg->policy ? cfg->policy : AFW_POLICY_FILE;

	if (!local) {
		afw_log("SIGHUP: nothing to reload, the module holds the policy");
		return;
	}
	if (afw_local_reload(local, path))
		afw_log("SIGHUP: the policy in force is unchanged");
	else
		afw_log("SIGHUP: policy reloaded from %s: %zu apps, %zu domains, %zu prefixes",
			path, local->pol.napps, local->pol.ndomains,
			local->pol.nprefixes);
}

/* A full pipe already has a report coming: nothing lost. */
static void report(const struct worker *workers, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		ssize_t ret = write(workers[i].report[1], "", 1);

		(void)ret;
	}
}

int main(int argc, char *argv[])
{
	struct appfwd_config cfg;
	struct worker *workers;
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	struct afw_local local;
	struct afw_genl agent;
	bool have_local = false, registered = false;
	int stop[2], failed[2], sfd, ret, status = 1;
	unsigned int nbound = 0, nrunning = 0, nengines = 0, flags = 0;
	sigset_t sigs;

	afw_log_init("appfwd", NULL);
	ret = appfwd_parse_args(argc, argv, &cfg, stdout);
	if (ret)
		return ret == APPFWD_ARGS_HELP ? 0 : 2;
	if (cfg.mode == APPFWD_PRINT_RULES) {
		appfwd_print_rules(stdout, &cfg);
		return fflush(stdout) ? 1 : 0;
	}
	if (!afw_engine_has_quic())
		afw_log("QUIC support not built in: QUIC flows get the fallback");
	if (cfg.mode == APPFWD_PCAP)
		return appfwd_pcap_main(&cfg);
	if (cfg.dns_refuse)
		afw_log("DNS answers for blocked apps' names pass rewritten (%s)%s",
			afw_dns_refuse_name(cfg.dns_refuse),
			cfg.mode == APPFWD_ATTACHED ?
			"; the module queues them only with learning on" : "");
	if (cfg.fail_open)
		flags |= APPFWD_QUEUE_FAIL_OPEN;
	if (cfg.no_gso)
		flags |= APPFWD_QUEUE_NO_GSO;

	if (cfg.mode == APPFWD_STANDALONE) {
		if (afw_local_load(&local, cfg.policy ? cfg.policy :
					   AFW_POLICY_FILE, true))
			return 1;
		have_local = true;
	}

	/* Blocked before any thread exists, so all of them inherit it. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	workers = calloc(cfg.nqueues, sizeof(*workers));
	if (sfd < 0 || !workers || pipe2(stop, O_CLOEXEC) ||
	    pipe2(failed, O_CLOEXEC)) {
		afw_log("cannot start: %s", strerror(errno));
		return 1;
	}
	for (unsigned int i = 0; i < cfg.nqueues; i++)
		workers[i].report[0] = workers[i].report[1] = -1;

	for (; nengines < cfg.nqueues; nengines++) {
		struct worker *w = &workers[nengines];
		struct afw_backend *be = &local.be;

		if (cfg.mode == APPFWD_ATTACHED) {
			ret = afw_attached_init(&w->attached);
			if (ret == -ENOENT) {
				afw_log("the appfw module is not loaded (try: modprobe appfw, or run appfwd --standalone)");
				goto out;
			}
			if (ret) {
				afw_genl_perror(&w->attached.g, ret,
						"connecting to the module");
				goto out;
			}
			w->have_attached = true;
			be = &w->attached.be;
		}
		if (afw_engine_new(&w->engine, be, appfwd_queue_verdict,
				   NULL, &w->queue) ||
		    afw_engine_set_dns_refuse(w->engine, cfg.dns_refuse)) {
			afw_log("out of memory");
			goto out;
		}
	}
	for (; nbound < cfg.nqueues; nbound++) {
		struct worker *w = &workers[nbound];

		if (pipe2(w->report, O_CLOEXEC | O_NONBLOCK)) {
			afw_log("cannot start: %s", strerror(errno));
			goto out;
		}
		ret = appfwd_queue_open(&w->queue, cfg.queues[nbound], flags);
		if (ret) {
			bind_error(cfg.queues[nbound], ret);
			goto out;
		}
		w->queue.engine = w->engine;
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
	/* Registered only now that every queue is read: the module queues
	 * to us from this moment on. */
	if (cfg.mode == APPFWD_ATTACHED) {
		if (attach(&cfg, &agent))
			goto out;
		registered = true;
	}

	pfd[0] = (struct pollfd){ sfd, POLLIN, 0 };
	pfd[1] = (struct pollfd){ failed[0], POLLIN, 0 };
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			afw_log("waiting for signals: %s", strerror(errno));
			break;
		}
		if (pfd[1].revents)
			break;
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGHUP)
			reload(&cfg, have_local ? &local : NULL);
		else if (si.ssi_signo == SIGUSR1)
			report(workers, nrunning);
		else {
			status = 0;
			break;
		}
	}

out:
	/* First, so that the module falls back at once instead of queueing
	 * to threads that are about to stop. */
	if (registered) {
		ret = afw_agent_unregister(&agent);
		if (ret)
			afw_genl_perror(&agent, ret, "unregistering");
		afw_genl_close(&agent);
	}
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
			summary(&workers[i]);
	}
	for (unsigned int i = 0; i < cfg.nqueues; i++) {
		if (workers[i].report[0] >= 0) {
			close(workers[i].report[0]);
			close(workers[i].report[1]);
		}
	}
	for (unsigned int i = 0; i < nengines; i++) {
		afw_engine_free(workers[i].engine);
		if (workers[i].have_attached)
			afw_attached_free(&workers[i].attached);
	}
	if (nengines < cfg.nqueues && workers[nengines].have_attached)
		afw_attached_free(&workers[nengines].attached);
	free(workers);
	if (have_local)
		afw_local_free(&local);
	return status;
}
