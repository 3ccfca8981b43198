// SPDX-License-Identifier: GPL-2.0
/*
 * An NFQUEUE queue served with libnetfilter_queue's mnl API, as in its
 * examples/nf-queue.c. A receive round reads what the socket holds (up to
 * APPFWD_VERDICT_BATCH packets), decides each packet, and sends the
 * round's verdicts in one write; a later NFQNL_MSG_VERDICT_BATCH can
 * replace that write without touching the rest.
 *
 * Losses are counted, not hidden: we leave NETLINK_NO_ENOBUFS off so an
 * overflowing socket tells us, and the packet ids the kernel assigns in
 * sequence reveal exactly how many never reached us.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#include "engine.h"
#include "log.h"
#include "queue.h"

/* One packet message: up to 0xffff bytes of packet plus its attributes,
 * sized as nf-queue.c does. */
#define RECV_BUF_SIZE (0xffff + (MNL_SOCKET_BUFFER_SIZE / 2))
/* Room for one verdict message (with a mark) in the send buffer. */
#define VERDICT_MSG_MAX 64
_Static_assert(NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg)) +
		       NLA_ALIGN(NLA_HDRLEN + sizeof(struct nfqnl_msg_verdict_hdr)) +
		       NLA_ALIGN(NLA_HDRLEN + sizeof(uint32_t)) <=
	       VERDICT_MSG_MAX, "VERDICT_MSG_MAX too small");
/* A verdict with a packet of up to 0xffff bytes (the copy range). */
#define PKT_VERDICT_MAX (VERDICT_MSG_MAX + NLA_HDRLEN + 0x10000)
/* GSO packets are up to 64 KiB each; the default socket buffer would
 * overflow after a handful. */
#define RCVBUF_SIZE (4 << 20)
/* The kernel acks a config message synchronously; this only guards
 * against an ack lost to an overflowing socket. */
#define ACK_TIMEOUT_MS 2000
/* At shutdown, answer at most this many rounds of stragglers: under a
 * flood the socket never empties. */
#define DRAIN_ROUNDS 16

#define QUEUE_PROC "/proc/net/netfilter/nfnetlink_queue"

#define NFQ_MSG_TYPE(t) ((NFNL_SUBSYS_QUEUE << 8) | (t))

/* A line of QUEUE_PROC: the kernel's own view of one queue. */
struct kernel_stats {
	unsigned int num, portid, total, copy_mode, copy_range;
	unsigned int dropped, user_dropped, id_sequence;
};

static bool read_kernel_stats(uint16_t num, struct kernel_stats *ks)
{
	char line[256];
	bool found = false;
	FILE *fp = fopen(QUEUE_PROC, "re");

	if (!fp)
		return false;
	while (!found && fgets(line, sizeof(line), fp))
		found = sscanf(line, "%u %u %u %u %u %u %u %u", &ks->num,
			       &ks->portid, &ks->total, &ks->copy_mode,
			       &ks->copy_range, &ks->dropped,
			       &ks->user_dropped, &ks->id_sequence) == 8 &&
			ks->num == num;
	fclose(fp);
	return found;
}

bool appfwd_queue_available(void)
{
	return !access(QUEUE_PROC, F_OK);
}

bool appfwd_queue_held_elsewhere(uint16_t num)
{
	struct kernel_stats ks;

	return read_kernel_stats(num, &ks);
}

static int flush(struct appfwd_queue *q)
{
	size_t len = 0;
	unsigned int n = q->npending;

	if (!n)
		return 0;
	/* Closed: the kernel dropped what it still held. */
	if (!q->nl) {
		q->npending = 0;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++) {
		const struct appfwd_verdict *v = &q->pending[i];
		struct nlmsghdr *nlh;

		nlh = nfq_nlmsg_put(q->sendbuf + len, NFQNL_MSG_VERDICT, q->num);
		nfq_nlmsg_verdict_put(nlh, (int)v->id, (int)v->verdict);
		if (v->set_mark)
			nfq_nlmsg_verdict_put_mark(nlh, v->mark);
		len += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	q->npending = 0;
	if (mnl_socket_sendto(q->nl, q->sendbuf, len) < 0) {
		int err = -errno;

		afw_log("queue %u: sending verdicts: %s", q->num, strerror(errno));
		return err;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (q->pending[i].verdict == NF_DROP)
			q->dropped++;
		else if (q->pending[i].verdict == NF_REPEAT)
			q->repeated++;
		else
			q->accepted++;
	}
	return 0;
}

static void add_verdict(struct appfwd_queue *q, uint32_t id,
			uint32_t verdict, bool set_mark, uint32_t mark)
{
	if (q->npending == APPFWD_VERDICT_BATCH) {
		int err = flush(q);

		if (err && !q->flush_err)
			q->flush_err = err;
	}
	q->pending[q->npending++] = (struct appfwd_verdict){
		id, verdict, mark, set_mark
	};
}

/*
 * A verdict that replaces the packet (NFQA_PAYLOAD; the kernel takes the
 * new length from it): rare, so sent alone and at once rather than
 * making every batch slot 64 KiB. The round's earlier verdicts go first.
 */
static void send_with_packet(struct appfwd_queue *q, uint32_t id,
			     uint32_t verdict, const struct afw_verdict *v)
{
	struct nlmsghdr *nlh;
	int err = flush(q);

	if (!err && q->nl && v->payload_len <= 0xffff) {
		nlh = nfq_nlmsg_put(q->pktbuf, NFQNL_MSG_VERDICT, q->num);
		nfq_nlmsg_verdict_put(nlh, (int)id, (int)verdict);
		nfq_nlmsg_verdict_put_pkt(nlh, v->payload,
					  (uint32_t)v->payload_len);
		if (mnl_socket_sendto(q->nl, nlh, nlh->nlmsg_len) < 0) {
			err = -errno;
			afw_log("queue %u: sending a verdict: %s", q->num,
				strerror(errno));
		} else {
			q->accepted++;
			q->rewritten++;
			return;
		}
	}
	if (err && !q->flush_err)
		q->flush_err = err;
	/* Could not send it rewritten: the packet as it came, then. */
	add_verdict(q, id, verdict, false, 0);
}

void appfwd_queue_verdict(void *ctx, uint64_t handle,
			  const struct afw_verdict *v)
{
	struct appfwd_queue *q = ctx;
	uint32_t old = (uint32_t)(handle >> 32);

	/* Only DNS answers are rewritten, and they pass without marks. */
	if (v->payload && !v->mark_mask) {
		send_with_packet(q, (uint32_t)handle, v->verdict, v);
		return;
	}

	if (v->mark_mask && v->verdict == NF_REPEAT &&
	    (old & v->mark_mask) == (v->mark & v->mark_mask)) {
		add_verdict(q, (uint32_t)handle, v->again, false, 0);
		return;
	}
	add_verdict(q, (uint32_t)handle, v->verdict, v->mark_mask != 0,
		    (old & ~v->mark_mask) | (v->mark & v->mark_mask));
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int handle_packet(struct appfwd_queue *q, const struct nlmsghdr *nlh)
{
	struct nlattr *attr[NFQA_MAX + 1] = { 0 };
	const struct nfqnl_msg_packet_hdr *ph;
	uint32_t id, mark = 0;
	int err;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(struct nfgenmsg) ||
	    nfq_nlmsg_parse(nlh, attr) < 0 || !attr[NFQA_PACKET_HDR]) {
		/* Without its id the packet cannot be answered; it waits in
		 * the kernel until we unbind, and the jump in ids at the next
		 * packet counts it as lost. */
		if (!q->errors++)
			afw_log("queue %u: malformed packet message", q->num);
		return 0;
	}
	ph = mnl_attr_get_payload(attr[NFQA_PACKET_HDR]);
	id = ntohl(ph->packet_id);
	/* Unsigned arithmetic: right across the wrap at 2^32 as well. */
	q->lost += id - q->last_id - 1;
	q->last_id = id;
	/* Unbinding drops whatever the queue still holds, so a packet that
	 * shows up now cannot be answered any more. */
	if (q->closing) {
		q->lost++;
		return 0;
	}

	if (attr[NFQA_MARK])
		mark = ntohl(mnl_attr_get_u32(attr[NFQA_MARK]));
	if (q->engine && attr[NFQA_PAYLOAD])
		afw_engine_packet(q->engine, (uint64_t)mark << 32 | id,
				  mnl_attr_get_payload(attr[NFQA_PAYLOAD]),
				  mnl_attr_get_payload_len(attr[NFQA_PAYLOAD]),
				  now_ms());
	else
		add_verdict(q, id, NF_ACCEPT, false, 0);
	err = q->flush_err;
	q->flush_err = 0;
	return err;
}

/* Handles a buffer of messages. *ack receives the result of the config
 * request numbered seq if its answer is among them. */
static int handle_msgs(struct appfwd_queue *q, const void *buf, size_t len,
		       uint32_t seq, int *ack)
{
	const struct nlmsghdr *nlh = buf;
	int left = (int)len, err = 0;

	for (; !err && mnl_nlmsg_ok(nlh, left);
	     nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e))
				continue;
			if (seq && nlh->nlmsg_seq == seq) {
				*ack = e->error;
			} else if (e->error) {
				/* Verdicts are not acked, so this is one the
				 * kernel refused. */
				if (!q->errors++)
					afw_log("queue %u: kernel refused a verdict: %s",
						q->num, strerror(-e->error));
			}
		} else if (nlh->nlmsg_type == NFQ_MSG_TYPE(NFQNL_MSG_PACKET)) {
			err = handle_packet(q, nlh);
		}
	}
	return err;
}

/* One recvmsg; 0 with *len set, -EAGAIN if nothing is there, or -errno.
 * Overflows are counted here and are not errors. */
static int receive(struct appfwd_queue *q, size_t *len)
{
	ssize_t ret = mnl_socket_recvfrom(q->nl, q->buf, RECV_BUF_SIZE);

	if (ret >= 0) {
		*len = (size_t)ret;
		return 0;
	}
	switch (errno) {
	case EINTR:
	case EAGAIN:
		return -EAGAIN;
	case ENOBUFS:
		if (!q->overruns++)
			afw_log("queue %u: socket overflowed, packets lost",
				q->num);
		*len = 0;
		return 0;
	case ENOSPC:
		/* mnl_socket_recvfrom's word for a truncated message; like a
		 * malformed one, the next packet's id counts it as lost. */
		if (!q->errors++)
			afw_log("queue %u: message larger than the buffer",
				q->num);
		*len = 0;
		return 0;
	}
	return -errno;
}

/* Reads and answers what the socket holds, up to a batch of packets.
 * Returns 1 if the socket may hold more, 0 if it is empty, or -errno. */
static int receive_round(struct appfwd_queue *q)
{
	int err = 0, more = 1;

	for (unsigned int i = 0; i < APPFWD_VERDICT_BATCH; i++) {
		size_t len;

		err = receive(q, &len);
		if (err == -EAGAIN) {
			err = 0;
			more = 0;
			break;
		}
		if (!err)
			err = handle_msgs(q, q->buf, len, 0, NULL);
		if (err)
			break;
	}
	if (!err)
		err = flush(q);
	return err ? err : more;
}

/* Sends a config message and waits for its ack, answering any packets
 * that arrive meanwhile (a queue is live the moment it is bound). */
static int configure(struct appfwd_queue *q, struct nlmsghdr *nlh)
{
	int64_t deadline = now_ms() + ACK_TIMEOUT_MS;
	int ack = 1, err;

	nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = ++q->seq;
	if (mnl_socket_sendto(q->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	while (ack > 0) {
		struct pollfd pfd = { mnl_socket_get_fd(q->nl), POLLIN, 0 };
		int64_t left = deadline - now_ms();
		size_t len;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
		err = receive(q, &len);
		if (err == -EAGAIN)
			continue;
		if (!err)
			err = handle_msgs(q, q->buf, len, q->seq, &ack);
		if (!err)
			err = flush(q);
		if (err)
			return err;
	}
	return ack;
}

int appfwd_queue_open(struct appfwd_queue *q, uint16_t num, unsigned int flags)
{
	uint32_t cfg_flags = 0, cfg_mask;
	int size = RCVBUF_SIZE, fd, err;
	struct nlmsghdr *nlh;

	memset(q, 0, sizeof(*q));
	q->num = num;
	q->buf = malloc(RECV_BUF_SIZE);
	q->sendbuf = malloc(APPFWD_VERDICT_BATCH * VERDICT_MSG_MAX);
	q->pktbuf = malloc(PKT_VERDICT_MAX);
	if (!q->buf || !q->sendbuf || !q->pktbuf) {
		err = -ENOMEM;
		goto err_free;
	}
	q->nl = mnl_socket_open(NETLINK_NETFILTER);
	if (!q->nl) {
		err = -errno;
		goto err_free;
	}
	if (mnl_socket_bind(q->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto err_close;
	}
	q->portid = mnl_socket_get_portid(q->nl);
	fd = mnl_socket_get_fd(q->nl);
	/* FORCE passes rmem_max with CAP_NET_ADMIN; otherwise take what the
	 * system allows. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		err = -errno;
		goto err_close;
	}

	/* Bind, copy mode, and flags in one message, so the queue never
	 * runs with half its settings. */
	nlh = nfq_nlmsg_put(q->buf, NFQNL_MSG_CONFIG, num);
	nfq_nlmsg_cfg_put_cmd(nlh, AF_UNSPEC, NFQNL_CFG_CMD_BIND);
	nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_PACKET, 0xffff);
	cfg_mask = NFQA_CFG_F_FAIL_OPEN | NFQA_CFG_F_GSO;
	if (flags & APPFWD_QUEUE_FAIL_OPEN)
		cfg_flags |= NFQA_CFG_F_FAIL_OPEN;
	if (!(flags & APPFWD_QUEUE_NO_GSO))
		cfg_flags |= NFQA_CFG_F_GSO;
	mnl_attr_put_u32(nlh, NFQA_CFG_FLAGS, htonl(cfg_flags));
	mnl_attr_put_u32(nlh, NFQA_CFG_MASK, htonl(cfg_mask));
	err = configure(q, nlh);
	if (err)
		goto err_close;
	return 0;

err_close:
	mnl_socket_close(q->nl);
	q->nl = NULL;
err_free:
	free(q->pktbuf);
	free(q->sendbuf);
	free(q->buf);
	q->buf = q->sendbuf = q->pktbuf = NULL;
	return err;
}

int appfwd_queue_run(struct appfwd_queue *q, int stop_fd, int report_fd)
{
	struct pollfd pfd[3] = {
		{ mnl_socket_get_fd(q->nl), POLLIN, 0 },
		{ stop_fd, POLLIN, 0 },
		{ report_fd, POLLIN, 0 },
	};
	int ret, timeout = -1;
	char byte;

	for (;;) {
		/* Held packets whose time ran out get their verdict: after
		 * every round, and first thing when called again after a
		 * report. */
		if (q->engine) {
			timeout = afw_engine_expire(q->engine, now_ms());
			ret = flush(q);
			if (ret)
				return ret;
		}
		if (poll(pfd, 3, timeout) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (pfd[1].revents)
			break;
		if (pfd[2].revents & POLLIN &&
		    read(report_fd, &byte, 1) == 1)
			return APPFWD_QUEUE_REPORT;
		if (pfd[0].revents & (POLLERR | POLLIN)) {
			ret = receive_round(q);
			if (ret < 0)
				return ret;
		}
	}
	/* Answer what already arrived: what is left when we unbind, the
	 * kernel drops. */
	for (int i = 0; i < DRAIN_ROUNDS; i++) {
		ret = receive_round(q);
		if (ret <= 0)
			break;
	}
	if (ret < 0)
		return ret;
	/* And what the engine still holds: it passes, undecided. */
	if (q->engine)
		afw_engine_flush(q->engine, AFW_REASON_END);
	return flush(q);
}

int appfwd_queue_close(struct appfwd_queue *q)
{
	struct kernel_stats ks;
	bool have_stats;
	struct nlmsghdr *nlh;
	int err;

	/* The kernel's view, read while the queue still exists: packets
	 * refused at a full queue were never numbered, so only it knows. */
	have_stats = read_kernel_stats(q->num, &ks) && ks.portid == q->portid;

	q->closing = true;
	nlh = nfq_nlmsg_put(q->buf, NFQNL_MSG_CONFIG, q->num);
	nfq_nlmsg_cfg_put_cmd(nlh, AF_UNSPEC, NFQNL_CFG_CMD_UNBIND);
	err = configure(q, nlh);

	/* Packets numbered up to the stats' reading that we never received
	 * were lost too; later ones were counted as they came in above. */
	if (have_stats) {
		uint32_t unseen = ks.id_sequence - q->last_id;

		if ((int32_t)unseen > 0)
			q->lost += unseen;
		q->lost += ks.dropped;
	}
	mnl_socket_close(q->nl);
	q->nl = NULL;
	free(q->pktbuf);
	free(q->sendbuf);
	free(q->buf);
	q->buf = q->sendbuf = q->pktbuf = NULL;
	return err;
}
