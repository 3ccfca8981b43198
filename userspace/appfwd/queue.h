/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One NFQUEUE queue: bound on its own netlink socket, served by one
 * thread, unbound at shutdown. Built on libnetfilter_queue's mnl API.
 */
#ifndef APPFWD_QUEUE_H
#define APPFWD_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

/* Verdicts decided in one receive round go out together; see flush(). */
#define APPFWD_VERDICT_BATCH 64

#define APPFWD_QUEUE_FAIL_OPEN (1U << 0)
#define APPFWD_QUEUE_NO_GSO (1U << 1)

struct afw_engine;
struct afw_verdict;

struct appfwd_queue {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;
	uint16_t num;
	char *buf; /* receive buffer: one packet message at a time */
	char *sendbuf; /* the verdicts of one round */
	char *pktbuf; /* a verdict that carries a packet (a rewritten answer) */

	/* The classifier (engine.h); NULL: every packet passes. */
	struct afw_engine *engine;

	/* Verdicts decided but not sent yet. */
	struct appfwd_verdict {
		uint32_t id, verdict, mark;	/* mark: the packet mark to set */
		bool set_mark;
	} pending[APPFWD_VERDICT_BATCH];
	unsigned int npending;
	int flush_err;		/* a send that failed inside the engine */

	/* The kernel numbers each packet it hands the queue; a jump in the
	 * numbers counts the ones that never reached us. */
	uint32_t last_id;
	bool closing; /* unbinding: packets can no longer be answered */

	uint64_t accepted, dropped, repeated;
	uint64_t rewritten;	/* of them accepted with a new packet */
	uint64_t lost;
	uint64_t overruns; /* ENOBUFS seen: the socket overflowed */
	uint64_t errors; /* verdicts the kernel refused, malformed messages */
};

/* Opens a socket and binds queue num; 0 or -errno (-EPERM: no
 * CAP_NET_ADMIN or another socket holds the queue; -EINVAL or
 * -EOPNOTSUPP: no nfnetlink_queue). Packets may arrive from here on. */
int appfwd_queue_open(struct appfwd_queue *q, uint16_t num, unsigned int flags);

/*
 * Serves the queue until stop_fd becomes readable, then answers what has
 * already arrived and what the engine holds: returns 0, or -errno on a
 * failure that stops the queue. When report_fd (-1: none) becomes
 * readable first, it reads one byte from it and returns
 * APPFWD_QUEUE_REPORT with the queue still bound: call again to go on.
 */
#define APPFWD_QUEUE_REPORT 1
int appfwd_queue_run(struct appfwd_queue *q, int stop_fd, int report_fd);

/*
 * The engine's verdict callback (ctx: the queue). The handle is the
 * packet id in the low 32 bits and the packet's mark in the high ones,
 * so that a verdict setting some mark bits keeps the others.
 */
void appfwd_queue_verdict(void *ctx, uint64_t handle,
			  const struct afw_verdict *v);

/* Adds the losses only the kernel knows of (queue overflow, packets that
 * arrived after our last receive) to q->lost, unbinds and closes. Returns
 * 0 or the unbind's -errno; the queue is released either way. */
int appfwd_queue_close(struct appfwd_queue *q);

/* What /proc says, for a clearer message when binding fails: whether
 * nfnetlink_queue is there at all, and whether another netlink socket
 * holds queue num. */
bool appfwd_queue_available(void);
bool appfwd_queue_held_elsewhere(uint16_t num);

#endif
