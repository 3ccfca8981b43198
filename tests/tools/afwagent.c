// SPDX-License-Identifier: GPL-2.0
/*
 * afwagent: plays the agent's part of the appfw ABI with hand-made
 * netlink messages, so that the VM tests can drive registration, flows
 * and learning without appfwd. Each step prints "STEP ERRNO" (0 or a
 * negative errno) and what the kernel answered.
 *
 *   afwagent register Q N
 *       Registers for queues Q..Q+N-1, then unregisters twice (the second
 *       must fail) and exits.
 *   afwagent hold Q N
 *       Registers, prints "registered" and waits until standard input
 *       ends (or it is killed: the point).
 *   afwagent learn TTL NAME[,NAME...] ADDR...
 *       APPFW_CMD_LEARN of the names (a CNAME chain) and the addresses,
 *       each with TTL; prints "learn ERRNO app ID".
 *   afwagent getflow tcp|udp SADDR SPORT DADDR DPORT
 *       Prints "getflow ERRNO" and the reply: app, next_seq, tls bytes.
 *   afwagent setflow tcp|udp SADDR SPORT DADDR DPORT sni|quic|host [NAME]
 *       Prints "setflow ERRNO app ID action A".
 *   afwagent serve Q [NAME]
 *       Registers for queue Q alone and reads it (NFQUEUE), printing
 *       "packet PROTO SADDR SPORT DADDR DPORT LEN" for each packet; with
 *       NAME it decides each packet's flow by NAME (APPFW_CMD_SET_FLOW,
 *       source quic for UDP, sni for TCP) and gives it NF_REPEAT, as the
 *       real agent does, else NF_ACCEPT. Prints "serving" once bound, and
 *       runs until standard input ends.
 *
 * Exit 1 when the kernel does not answer as netlink says it must, 2 on
 * usage. No libnl: statically linked, it runs in the test VM as it is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>

#define PROG "afwagent"
#include "nlmsg.h"

static struct msg req, rep;

static int agent_register(uint16_t queue, uint16_t queues)
{
	struct nlattr *a;

	start(&req, family, APPFW_CMD_AGENT_REGISTER, APPFW_GENL_VERSION);
	a = nest(&req, APPFW_A_AGENT);
	put_u16(&req, APPFW_A_AGENT_QUEUE, queue);
	put_u16(&req, APPFW_A_AGENT_QUEUES, queues);
	nest_end(&req, a);
	return talk(&req, NULL);
}

static int agent_unregister(void)
{
	start(&req, family, APPFW_CMD_AGENT_UNREGISTER, APPFW_GENL_VERSION);
	return talk(&req, NULL);
}

struct tuple {
	uint8_t family, proto;
	uint8_t saddr[16], daddr[16];
	uint16_t sport, dport;	/* network order */
};

static void put_tuple(struct msg *m, const struct tuple *t)
{
	size_t alen = t->family == AF_INET ? 4 : 16;

	put_u8(m, APPFW_A_FLOW_FAMILY, t->family);
	put_u8(m, APPFW_A_FLOW_PROTO, t->proto);
	put(m, APPFW_A_FLOW_SADDR, t->saddr, alen);
	put(m, APPFW_A_FLOW_DADDR, t->daddr, alen);
	put_u16(m, APPFW_A_FLOW_SPORT, t->sport);
	put_u16(m, APPFW_A_FLOW_DPORT, t->dport);
}

/*
 * SET_FLOW or GET_FLOW (source APPFW_SOURCE_UNSPEC: none) of t. Prints
 * "WHAT ERRNO", the line the caller ends; after a success, tb holds the
 * attributes of the flow the kernel answered with.
 */
static int flow_cmd(uint8_t cmd, const char *what, const struct tuple *t,
		    uint8_t source, const char *name,
		    const struct nlattr **tb)
{
	const struct nlattr *top[APPFW_A_MAX + 1];
	struct nlattr *f;
	int err;

	start(&req, family, cmd, APPFW_GENL_VERSION);
	f = nest(&req, APPFW_A_FLOW);
	put_tuple(&req, t);
	if (source != APPFW_SOURCE_UNSPEC)
		put_u8(&req, APPFW_A_FLOW_SOURCE, source);
	if (name)
		put_str(&req, APPFW_A_FLOW_NAME, name);
	nest_end(&req, f);
	memset(&rep.nlh, 0, sizeof(rep.nlh));
	err = talk(&req, &rep);
	printf("%s %d", what, err);
	if (!err) {
		parse_genl(&rep, top, APPFW_A_MAX);
		if (!top[APPFW_A_FLOW]) {
			printf("\nafwagent: no APPFW_A_FLOW in the reply\n");
			exit(1);
		}
		parse_nested(top[APPFW_A_FLOW], tb, APPFW_A_FLOW_MAX);
	}
	return err;
}

static int set_flow(const struct tuple *t, uint8_t source, const char *name)
{
	const struct nlattr *tb[APPFW_A_FLOW_MAX + 1];
	int err = flow_cmd(APPFW_CMD_SET_FLOW, "setflow", t, source, name, tb);

	if (!err) {
		if (tb[APPFW_A_FLOW_APP])
			printf(" app %u", *(const uint16_t *)data(tb[APPFW_A_FLOW_APP]));
		if (tb[APPFW_A_FLOW_ACTION])
			printf(" action %u", *(const uint8_t *)data(tb[APPFW_A_FLOW_ACTION]));
	}
	printf("\n");
	return err;
}

static int get_flow(const struct tuple *t)
{
	const struct nlattr *tb[APPFW_A_FLOW_MAX + 1];
	int err = flow_cmd(APPFW_CMD_GET_FLOW, "getflow", t, APPFW_SOURCE_UNSPEC,
			   NULL, tb);

	if (!err) {
		if (tb[APPFW_A_FLOW_APP])
			printf(" app %u", *(const uint16_t *)data(tb[APPFW_A_FLOW_APP]));
		else
			printf(" undecided");
		if (tb[APPFW_A_FLOW_NEXT_SEQ])
			printf(" next_seq %u", *(const uint32_t *)data(tb[APPFW_A_FLOW_NEXT_SEQ]));
		if (tb[APPFW_A_FLOW_TLS])
			printf(" tls %u", tb[APPFW_A_FLOW_TLS]->nla_len - NLA_HDRLEN);
	}
	printf("\n");
	return err;
}

static int learn(uint32_t ttl, char *names, char **addrs, int naddrs)
{
	const struct nlattr *top[APPFW_A_MAX + 1];
	struct nlattr *l, *list, *entry;
	char *name, *save = NULL;
	int err;

	start(&req, family, APPFW_CMD_LEARN, APPFW_GENL_VERSION);
	l = nest(&req, APPFW_A_LEARN);
	list = nest(&req, APPFW_A_LEARN_NAMES);
	for (name = strtok_r(names, ",", &save); name;
	     name = strtok_r(NULL, ",", &save))
		put_str(&req, 0, name);
	nest_end(&req, list);
	list = nest(&req, APPFW_A_LEARN_ADDRS);
	for (int i = 0; i < naddrs; i++) {
		uint8_t a[16];
		int v4 = inet_pton(AF_INET, addrs[i], a) == 1;

		if (!v4 && inet_pton(AF_INET6, addrs[i], a) != 1) {
			fprintf(stderr, "afwagent: bad address \"%s\"\n", addrs[i]);
			exit(2);
		}
		entry = nest(&req, 0);
		put(&req, APPFW_A_LEARN_ADDR, a, v4 ? 4 : 16);
		put_u32(&req, APPFW_A_LEARN_TTL, ttl);
		nest_end(&req, entry);
	}
	nest_end(&req, list);
	nest_end(&req, l);
	memset(&rep.nlh, 0, sizeof(rep.nlh));
	err = talk(&req, &rep);
	printf("learn %d", err);
	if (!err) {
		parse_genl(&rep, top, APPFW_A_MAX);
		if (!top[APPFW_A_LOOKUP_APP]) {
			printf("\nafwagent: no APPFW_A_LOOKUP_APP in the reply\n");
			exit(1);
		}
		printf(" app %u", *(const uint16_t *)data(top[APPFW_A_LOOKUP_APP]));
	}
	printf("\n");
	return err;
}

static void parse_tuple(char **argv, struct tuple *t)
{
	char *end;

	memset(t, 0, sizeof(*t));
	if (!strcmp(argv[0], "tcp"))
		t->proto = IPPROTO_TCP;
	else if (!strcmp(argv[0], "udp"))
		t->proto = IPPROTO_UDP;
	else
		goto bad;
	t->family = inet_pton(AF_INET, argv[1], t->saddr) == 1 ? AF_INET : AF_INET6;
	if ((t->family == AF_INET6 && inet_pton(AF_INET6, argv[1], t->saddr) != 1) ||
	    inet_pton(t->family, argv[3], t->daddr) != 1)
		goto bad;
	t->sport = htons((uint16_t)strtoul(argv[2], &end, 10));
	if (*end)
		goto bad;
	t->dport = htons((uint16_t)strtoul(argv[4], &end, 10));
	if (*end)
		goto bad;
	return;
bad:
	fprintf(stderr, "afwagent: bad flow \"%s %s %s %s %s\"\n", argv[0],
		argv[1], argv[2], argv[3], argv[4]);
	exit(2);
}

/*
 * NFQUEUE, the netfilter side: a raw NETLINK_NETFILTER socket bound to
 * one queue, copying whole packets.
 */
static int qsock = -1;

static void nfq_start(struct msg *m, uint8_t type, uint16_t queue)
{
	struct nfgenmsg *g;

	memset(&m->nlh, 0, NLMSG_LENGTH(sizeof(*g)));
	m->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*g));
	m->nlh.nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m->nlh.nlmsg_seq = ++seq;
	g = NLMSG_DATA(&m->nlh);
	g->nfgen_family = AF_UNSPEC;
	g->version = NFNETLINK_V0;
	g->res_id = htons(queue);
}

static int nfq_bind(uint16_t queue)
{
	struct nfqnl_msg_config_cmd cmd = { .command = NFQNL_CFG_CMD_BIND };
	struct nfqnl_msg_config_params params = {
		.copy_range = htonl(0xffff),
		.copy_mode = NFQNL_COPY_PACKET,
	};
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	int err;

	qsock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
	if (qsock < 0 || bind(qsock, (struct sockaddr *)&local, sizeof(local)))
		die("afwagent: nfqueue socket");
	nfq_start(&req, NFQNL_MSG_CONFIG, queue);
	put(&req, NFQA_CFG_CMD, &cmd, sizeof(cmd));
	err = talk_on(qsock, &req, NULL);
	if (err)
		return err;
	nfq_start(&req, NFQNL_MSG_CONFIG, queue);
	put(&req, NFQA_CFG_PARAMS, &params, sizeof(params));
	return talk_on(qsock, &req, NULL);
}

static int nfq_verdict(uint16_t queue, uint32_t id, uint32_t verdict)
{
	struct nfqnl_msg_verdict_hdr vh = {
		.verdict = htonl(verdict),
		.id = id,	/* as the packet header had it: network order */
	};

	nfq_start(&req, NFQNL_MSG_VERDICT, queue);
	put(&req, NFQA_VERDICT_HDR, &vh, sizeof(vh));
	return talk_on(qsock, &req, NULL);
}

/* The flow of an IP packet, as its sender sent it; -1 if unreadable. */
static int packet_tuple(const uint8_t *p, size_t len, struct tuple *t)
{
	size_t off;

	memset(t, 0, sizeof(*t));
	if (len >= 20 && p[0] >> 4 == 4) {
		t->family = AF_INET;
		t->proto = p[9];
		memcpy(t->saddr, p + 12, 4);
		memcpy(t->daddr, p + 16, 4);
		off = (size_t)(p[0] & 15) * 4;
	} else if (len >= 40 && p[0] >> 4 == 6) {
		t->family = AF_INET6;
		t->proto = p[6];
		memcpy(t->saddr, p + 8, 16);
		memcpy(t->daddr, p + 24, 16);
		off = 40;
	} else {
		return -1;
	}
	if (len < off + 4)
		return -1;
	memcpy(&t->sport, p + off, 2);
	memcpy(&t->dport, p + off + 2, 2);
	return 0;
}

static void print_packet(const struct tuple *t, size_t len)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];

	inet_ntop(t->family, t->saddr, s, sizeof(s));
	inet_ntop(t->family, t->daddr, d, sizeof(d));
	printf("packet %s %s %u %s %u %zu\n",
	       t->proto == IPPROTO_TCP ? "tcp" : t->proto == IPPROTO_UDP ? "udp" : "other",
	       s, ntohs(t->sport), d, ntohs(t->dport), len);
}

/* One message from the queue socket: packets get their verdicts. */
static void serve_one(uint16_t queue, const char *name)
{
	static struct msg in;
	const struct nlattr *tb[NFQA_MAX + 1];
	ssize_t n = recv(qsock, in.buf, sizeof(in.buf), 0);

	if (n < 0)
		die("afwagent: recv from the queue");
	for (struct nlmsghdr *h = &in.nlh; NLMSG_OK(h, (size_t)n);
	     h = NLMSG_NEXT(h, n)) {
		const struct nfqnl_msg_packet_hdr *ph;
		uint32_t verdict = NF_ACCEPT;
		struct tuple t;
		size_t plen;

		if ((h->nlmsg_type & 0xff) != NFQNL_MSG_PACKET)
			continue;
		parse((const struct nlattr *)((const char *)NLMSG_DATA(h) +
					      NLMSG_ALIGN(sizeof(struct nfgenmsg))),
		      (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(struct nfgenmsg)),
		      tb, NFQA_MAX);
		if (!tb[NFQA_PACKET_HDR] || !tb[NFQA_PAYLOAD])
			continue;
		ph = data(tb[NFQA_PACKET_HDR]);
		plen = tb[NFQA_PAYLOAD]->nla_len - NLA_HDRLEN;
		if (packet_tuple(data(tb[NFQA_PAYLOAD]), plen, &t) == 0) {
			print_packet(&t, plen);
			if (name && !set_flow(&t, t.proto == IPPROTO_UDP ?
					      APPFW_SOURCE_QUIC : APPFW_SOURCE_SNI,
					      name))
				verdict = NF_REPEAT;
		}
		if (nfq_verdict(queue, ph->packet_id, verdict))
			die("afwagent: verdict");
	}
}

static int serve(uint16_t queue, const char *name)
{
	struct pollfd fds[2] = {
		{ .fd = 0, .events = POLLIN },
		{ .fd = -1, .events = POLLIN },
	};
	char c;

	if (agent_register(queue, 1) || nfq_bind(queue)) {
		fprintf(stderr, "afwagent: cannot register and bind queue %u\n",
			queue);
		return 1;
	}
	fds[1].fd = qsock;
	printf("serving\n");
	for (;;) {
		if (poll(fds, 2, -1) < 0)
			die("afwagent: poll");
		if (fds[0].revents) {
			if (read(0, &c, 1) <= 0)
				return 0;
		}
		if (fds[1].revents)
			serve_one(queue, name);
	}
}

static uint16_t number(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*end || !*s || v > max) {
		fprintf(stderr, "afwagent: bad number \"%s\"\n", s);
		exit(2);
	}
	return (uint16_t)v;
}

static uint8_t source_of(const char *s)
{
	if (!strcmp(s, "sni"))
		return APPFW_SOURCE_SNI;
	if (!strcmp(s, "quic"))
		return APPFW_SOURCE_QUIC;
	if (!strcmp(s, "host"))
		return APPFW_SOURCE_HOST;
	fprintf(stderr, "afwagent: bad source \"%s\"\n", s);
	exit(2);
}

int main(int argc, char *argv[])
{
	struct tuple t;
	char c;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		goto usage;
	err = genl_open();
	if (err) {
		fprintf(stderr, "afwagent: no appfw family: %s\n", strerror(-err));
		return 1;
	}

	if (!strcmp(argv[1], "register") && argc == 4) {
		printf("register %d\n", agent_register(number(argv[2], 65535),
						       number(argv[3], 65535)));
		printf("unregister %d\n", agent_unregister());
		printf("unregister %d\n", agent_unregister());
		return 0;
	}
	if (!strcmp(argv[1], "hold") && argc == 4) {
		err = agent_register(number(argv[2], 65535),
				     number(argv[3], 65535));
		printf("register %d\n", err);
		if (err)
			return 0;
		printf("registered\n");
		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	if (!strcmp(argv[1], "learn") && argc >= 5) {
		learn(strtoul(argv[2], NULL, 10), argv[3], argv + 4, argc - 4);
		return 0;
	}
	if (!strcmp(argv[1], "getflow") && argc == 7) {
		parse_tuple(argv + 2, &t);
		get_flow(&t);
		return 0;
	}
	if (!strcmp(argv[1], "setflow") && (argc == 8 || argc == 9)) {
		parse_tuple(argv + 2, &t);
		set_flow(&t, source_of(argv[7]), argc == 9 ? argv[8] : NULL);
		return 0;
	}
	if (!strcmp(argv[1], "serve") && (argc == 3 || argc == 4))
		return serve(number(argv[2], 65535), argc == 4 ? argv[3] : NULL);
usage:
	fputs("Usage: afwagent register Q N | hold Q N | learn TTL NAMES ADDR... |\n"
	      "       getflow|setflow tcp|udp SADDR SPORT DADDR DPORT [SOURCE [NAME]] |\n"
	      "       serve Q [NAME]\n", stderr);
	return 2;
}
