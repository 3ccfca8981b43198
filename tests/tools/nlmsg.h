/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nlmsg.h: the generic netlink of the test tools that talk to the appfw
 * ABI by hand (afwagent, afwtxn). Messages are built in a fixed buffer,
 * sent on a raw socket and read back until their ack; no libnl, so the
 * tools link statically, run in the test VM as they are, and speak the
 * ABI directly rather than through the code under test.
 *
 * Each tool is one file that includes this once: the state and the
 * functions are static. Define PROG, the tool's name for its messages,
 * before the include. Failures of the socket itself end the program
 * with exit code 1, the tools' "the kernel did not answer as netlink
 * says it must".
 */
#ifndef APPFW_TESTS_NLMSG_H
#define APPFW_TESTS_NLMSG_H

#ifndef PROG
#error "define PROG before including nlmsg.h"
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/appfw.h>

/* Room for a whole packet as NFQUEUE copies it (afwagent serve). */
#define NL_BUF_SIZE 70000

struct msg {
	union {
		struct nlmsghdr nlh;
		char buf[NL_BUF_SIZE];
	};
};

static int gsock = -1;		/* NETLINK_GENERIC, after genl_open() */
static uint16_t family;		/* appfw's family id, after resolve() */
static uint32_t seq;

static inline void die(const char *what)
{
	perror(what);
	exit(1);
}

static inline struct nlattr *put(struct msg *m, uint16_t type,
				 const void *data, size_t len)
{
	struct nlattr *nla = (struct nlattr *)(m->buf + NLMSG_ALIGN(m->nlh.nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (data)
		memcpy((char *)nla + NLA_HDRLEN, data, len);
	/* The padding too: what goes out is what was built. */
	memset((char *)nla + nla->nla_len, 0,
	       NLA_ALIGN(nla->nla_len) - nla->nla_len);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_ALIGN(nla->nla_len);
	return nla;
}

static inline void put_u8(struct msg *m, uint16_t type, uint8_t v)
{
	put(m, type, &v, 1);
}

static inline void put_u16(struct msg *m, uint16_t type, uint16_t v)
{
	put(m, type, &v, 2);
}

static inline void put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	put(m, type, &v, 4);
}

static inline void put_str(struct msg *m, uint16_t type, const char *s)
{
	put(m, type, s, strlen(s) + 1);
}

static inline struct nlattr *nest(struct msg *m, uint16_t type)
{
	return put(m, type | NLA_F_NESTED, NULL, 0);
}

static inline void nest_end(struct msg *m, struct nlattr *nla)
{
	nla->nla_len = (uint16_t)(m->buf + m->nlh.nlmsg_len - (char *)nla);
}

/* A new request with an ack: a generic netlink header and no attributes. */
static inline void start(struct msg *m, uint16_t type, uint8_t cmd,
			 uint8_t version)
{
	struct genlmsghdr *g;

	memset(&m->nlh, 0, NLMSG_LENGTH(GENL_HDRLEN));
	m->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m->nlh.nlmsg_seq = ++seq;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = version;
}

/*
 * Sends m on sock and reads until its ack: returns 0 or the negative
 * errno the kernel answered; a reply before the ack lands in reply (if
 * not NULL).
 */
static inline int talk_on(int sock, struct msg *m, struct msg *reply)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	static struct msg in;
	ssize_t n;

	if (sendto(sock, m->buf, m->nlh.nlmsg_len, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		die(PROG ": send");
	for (;;) {
		n = recv(sock, in.buf, sizeof(in.buf), 0);
		if (n < 0)
			die(PROG ": recv");
		for (struct nlmsghdr *h = &in.nlh; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != m->nlh.nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (reply && h->nlmsg_len <= sizeof(reply->buf))
				memcpy(reply->buf, h, h->nlmsg_len);
		}
	}
}

static inline int talk(struct msg *m, struct msg *reply)
{
	return talk_on(gsock, m, reply);
}

/* The attributes of len bytes at nla, into tb by type (NULL if absent). */
static inline void parse(const struct nlattr *nla, int len,
			 const struct nlattr **tb, int max)
{
	memset(tb, 0, sizeof(*tb) * (max + 1));
	for (; len >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN &&
	       nla->nla_len <= len;
	     len -= NLA_ALIGN(nla->nla_len),
	     nla = (const struct nlattr *)((const char *)nla + NLA_ALIGN(nla->nla_len))) {
		int type = nla->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = nla;
	}
}

static inline const void *data(const struct nlattr *nla)
{
	return (const char *)nla + NLA_HDRLEN;
}

static inline void parse_genl(const struct msg *m, const struct nlattr **tb,
			      int max)
{
	parse((const struct nlattr *)((const char *)NLMSG_DATA(&m->nlh) + GENL_HDRLEN),
	      (int)m->nlh.nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), tb, max);
}

static inline void parse_nested(const struct nlattr *nla,
				const struct nlattr **tb, int max)
{
	parse(data(nla), nla->nla_len - NLA_HDRLEN, tb, max);
}

/*
 * Sets family to appfw's id, as the genl controller knows it now: again
 * after the module was reloaded, it may have changed.
 */
static inline int resolve(void)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	static struct msg m, reply;
	int err;

	start(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	put_str(&m, CTRL_ATTR_FAMILY_NAME, APPFW_GENL_NAME);
	memset(&reply.nlh, 0, sizeof(reply.nlh));
	err = talk(&m, &reply);
	if (err)
		return err;
	parse_genl(&reply, tb, CTRL_ATTR_MAX);
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return -ENOENT;
	memcpy(&family, data(tb[CTRL_ATTR_FAMILY_ID]), 2);
	return 0;
}

/* Opens gsock (or ends the program) and resolves the family: 0 or -errno. */
static inline int genl_open(void)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };

	gsock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (gsock < 0 || bind(gsock, (struct sockaddr *)&local, sizeof(local)))
		die(PROG ": netlink socket");
	return resolve();
}

#endif
