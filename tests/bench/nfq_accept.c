// SPDX-License-Identifier: GPL-2.0
/*
 * The baseline of the agent benchmark: the least an NFQUEUE reader can
 * do, as libnetfilter_queue's examples/nf-queue.c does it. It binds queue
 * NUM, copies whole packets (as appfwd does) and accepts each one with
 * its own verdict message, until SIGTERM.
 *
 *	nfq-accept NUM
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

static struct mnl_socket *nl;
static char buf[0xffff + 4096];
static unsigned long packets;
static volatile sig_atomic_t done;

static void on_term(int sig)
{
	(void)sig;
	done = 1;
}

static int on_packet(const struct nlmsghdr *nlh, void *data)
{
	struct nlattr *attr[NFQA_MAX + 1] = { NULL };
	struct nfqnl_msg_packet_hdr *ph;
	char out[256];
	struct nlmsghdr *v;

	(void)data;
	if (nfq_nlmsg_parse(nlh, attr) < 0 || !attr[NFQA_PACKET_HDR])
		return MNL_CB_ERROR;
	ph = mnl_attr_get_payload(attr[NFQA_PACKET_HDR]);
	v = nfq_nlmsg_put(out, NFQNL_MSG_VERDICT,
			  ntohs(((struct nfgenmsg *)mnl_nlmsg_get_payload(nlh))->res_id));
	nfq_nlmsg_verdict_put(v, (int)ntohl(ph->packet_id), NF_ACCEPT);
	if (mnl_socket_sendto(nl, v, v->nlmsg_len) < 0)
		return MNL_CB_ERROR;
	packets++;
	return MNL_CB_OK;
}

static int config(uint16_t num, int cmd)
{
	struct nlmsghdr *nlh = nfq_nlmsg_put(buf, NFQNL_MSG_CONFIG, num);

	nfq_nlmsg_cfg_put_cmd(nlh, AF_UNSPEC, (uint8_t)cmd);
	if (cmd == NFQNL_CFG_CMD_BIND)
		nfq_nlmsg_cfg_put_params(nlh, NFQNL_COPY_PACKET, 0xffff);
	return mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0 ? -errno : 0;
}

int main(int argc, char *argv[])
{
	struct sigaction sa = { .sa_handler = on_term };
	unsigned int portid;
	uint16_t num;
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: nfq-accept NUM\n");
		return 2;
	}
	num = (uint16_t)atoi(argv[1]);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	nl = mnl_socket_open(NETLINK_NETFILTER);
	/* Room for a window of 1250-byte packets, as appfwd makes. */
	if (nl)
		setsockopt(mnl_socket_get_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE,
			   &(int){ 4 << 20 }, sizeof(int));
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    config(num, NFQNL_CFG_CMD_BIND)) {
		perror("nfq-accept");
		return 1;
	}
	portid = mnl_socket_get_portid(nl);
	printf("ready %u\n", num);
	fflush(stdout);
	while (!done) {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			break;
		}
		if (mnl_cb_run(buf, (size_t)n, 0, portid, on_packet, NULL) < 0)
			break;
	}
	config(num, NFQNL_CFG_CMD_UNBIND);
	mnl_socket_close(nl);
	printf("accepted %lu\n", packets);
	return 0;
}
