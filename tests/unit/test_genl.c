// SPDX-License-Identifier: GPL-2.0
/*
 * The extended ack parser reads bytes the kernel wrote; feed it errors
 * with and without the echoed request, dumps' NLMSG_DONE, and lengths
 * that lie.
 */
#include <stdbool.h>
#include <string.h>

#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "genl.h"
#include "unit.h"

struct fake_msg {
	union {
		struct nlmsghdr nlh;
		unsigned char bytes[512];
	};
	size_t len;
};

static void put(struct fake_msg *m, const void *data, size_t len)
{
	memcpy(m->bytes + m->len, data, len);
	m->len += NLMSG_ALIGN(len);
}

static void put_attr(struct fake_msg *m, uint16_t type, const void *data,
		     size_t len)
{
	struct nlattr nla = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
			      .nla_type = type };

	put(m, &nla, sizeof(nla));
	put(m, data, len);
}

/* An NLMSG_ERROR for a request of req_payload bytes, echoed unless
 * capped, with msg as NLMSGERR_ATTR_MSG (none if NULL). */
static void error_msg(struct fake_msg *m, bool capped, size_t req_payload,
		      const char *msg)
{
	struct nlmsgerr e = { .error = -22 };

	memset(m, 0, sizeof(*m));
	m->len = NLMSG_HDRLEN;
	e.msg.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + req_payload);
	put(m, &e, sizeof(e));
	if (!capped)
		m->len += NLMSG_ALIGN(req_payload); /* the echoed payload */
	m->nlh.nlmsg_type = NLMSG_ERROR;
	m->nlh.nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	if (msg) {
		uint32_t offs = 20;

		m->nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
		put_attr(m, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
		put_attr(m, NLMSGERR_ATTR_MSG, msg, strlen(msg) + 1);
	}
	m->nlh.nlmsg_len = (uint32_t)m->len;
}

TEST(genl_extack_error)
{
	struct fake_msg m;
	char buf[64];

	error_msg(&m, true, 8, "unknown app name");
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "unknown app name");

	error_msg(&m, false, 28, "domain too long");
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "domain too long");

	error_msg(&m, true, 8, NULL);
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");

	/* Cut to fit, always terminated. */
	error_msg(&m, true, 8, "a message longer than the buffer");
	afw_genl_extack(&m.nlh, buf, 8);
	CHECK_STR(buf, "a messa");
}

TEST(genl_extack_lies)
{
	struct fake_msg m;
	char buf[64];

	/* The echoed request claims more than the message holds. */
	error_msg(&m, false, 28, "x");
	((struct nlmsgerr *)NLMSG_DATA(&m.nlh))->msg.nlmsg_len = 0x7fffffff;
	memcpy(buf, "junk", 5);
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");

	/* ... or less than its own header. */
	error_msg(&m, false, 28, "x");
	((struct nlmsgerr *)NLMSG_DATA(&m.nlh))->msg.nlmsg_len = 3;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");

	/* Too short for the nlmsgerr. */
	error_msg(&m, true, 8, "x");
	m.nlh.nlmsg_len = NLMSG_HDRLEN + 4;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");

	/* The message attribute runs past the end, or lacks its NUL. */
	error_msg(&m, true, 8, "truncated");
	m.nlh.nlmsg_len -= 8;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");

	error_msg(&m, true, 8, NULL);
	m.nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
	put_attr(&m, NLMSGERR_ATTR_MSG, "abcdefgh", 8);
	m.nlh.nlmsg_len = (uint32_t)m.len;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "abcdefgh");
}

TEST(genl_extack_done)
{
	struct fake_msg m = { .len = NLMSG_HDRLEN };
	int error = -4;
	char buf[64];

	put(&m, &error, sizeof(error));
	put_attr(&m, NLMSGERR_ATTR_MSG, "dump failed", 12);
	m.nlh.nlmsg_type = NLMSG_DONE;
	m.nlh.nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	m.nlh.nlmsg_len = (uint32_t)m.len;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "dump failed");

	/* Any other message type carries no extack. */
	m.nlh.nlmsg_type = 0x20;
	afw_genl_extack(&m.nlh, buf, sizeof(buf));
	CHECK_STR(buf, "");
}

/*
 * afw_genl_talk against the kernel's own generic netlink controller,
 * which every kernel has: a dump, a plain request, the kernel's errors,
 * and a callback failing halfway through a dump.
 */
struct count {
	int messages;
	int fail_at; /* return -ECANCELED at this message; 0: never */
};

static int count_cb(struct nlmsghdr *nlh, void *arg)
{
	struct count *c = arg;

	(void)nlh;
	if (++c->messages == c->fail_at)
		return -ECANCELED;
	return 0;
}

static struct nl_msg *getfamily(struct afw_genl *g, int flags, const char *name)
{
	struct nl_msg *msg = afw_genl_msg(g, CTRL_CMD_GETFAMILY, flags);

	if (msg && name)
		nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, name);
	return msg;
}

TEST(genl_talk_nlctrl)
{
	struct count c = { 0 };
	struct afw_genl g;
	struct nl_msg *msg;
	uint8_t byte = 1;
	int ret;

	CHECK_INT(afw_genl_open_family(&g, "nlctrl"), 0);
	if (!g.sock)
		return;
	CHECK_INT(g.family, GENL_ID_CTRL);

	CHECK_INT(afw_genl_talk(&g, getfamily(&g, NLM_F_DUMP, NULL), count_cb, &c), 0);
	CHECK(c.messages >= 1);

	c = (struct count){ 0 };
	CHECK_INT(afw_genl_talk(&g, getfamily(&g, 0, "nlctrl"), count_cb, &c), 0);
	CHECK_INT(c.messages, 1);

	c = (struct count){ 0 };
	CHECK_INT(afw_genl_talk(&g, getfamily(&g, 0, "afw-no-such"), count_cb, &c),
		  -ENOENT);
	CHECK_INT(c.messages, 0);

	/* A u16 attribute one byte long fails the controller's policy
	 * (-ERANGE, or -EINVAL where validation is strict), and the kernel
	 * says so in an extended ack. */
	msg = afw_genl_msg(&g, CTRL_CMD_GETFAMILY, 0);
	nla_put(msg, CTRL_ATTR_FAMILY_ID, 1, &byte);
	ret = afw_genl_talk(&g, msg, NULL, NULL);
	CHECK(ret == -ERANGE || ret == -EINVAL);
	CHECK(g.extack[0] != '\0');

	/* A callback error ends the parsing but not the reading: the next
	 * request on the socket still gets its own answer. */
	c = (struct count){ .fail_at = 1 };
	CHECK_INT(afw_genl_talk(&g, getfamily(&g, NLM_F_DUMP, NULL), count_cb, &c),
		  -ECANCELED);
	CHECK_INT(c.messages, 1);
	c = (struct count){ 0 };
	CHECK_INT(afw_genl_talk(&g, getfamily(&g, 0, "nlctrl"), count_cb, &c), 0);
	CHECK_INT(c.messages, 1);
	CHECK_STR(g.extack, "");

	afw_genl_close(&g);
}

TEST(genl_extack_offset)
{
	struct fake_msg m;

	/* error_msg() points NLMSGERR_ATTR_OFFS at byte 20 of the request. */
	error_msg(&m, true, 8, "bad entry");
	CHECK_INT(afw_genl_extack_offset(&m.nlh), 20);
	error_msg(&m, false, 28, "bad entry");
	CHECK_INT(afw_genl_extack_offset(&m.nlh), 20);
	error_msg(&m, true, 8, NULL);
	CHECK_INT(afw_genl_extack_offset(&m.nlh), 0);
	/* An offset of the wrong size is no offset. */
	error_msg(&m, true, 8, NULL);
	m.nlh.nlmsg_flags |= NLM_F_ACK_TLVS;
	put_attr(&m, NLMSGERR_ATTR_OFFS, "\x14\0", 2);
	m.nlh.nlmsg_len = (uint32_t)m.len;
	CHECK_INT(afw_genl_extack_offset(&m.nlh), 0);
}
