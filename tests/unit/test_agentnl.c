// SPDX-License-Identifier: GPL-2.0
/*
 * lib/agentnl.c's reply parsers and request checks (no kernel): GET_FLOW's
 * reply with and without a decision, parser state of the right size or
 * not, malformed replies, and what afw_learn refuses before sending.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "agentnl.h"
#include "reply.h"
#include "unit.h"

static int parse(struct nl_msg *msg, struct afw_flow_state *st)
{
	return unit_parse(msg, afw_agentnl_parse_flow, st);
}

static void put_tuple(struct nl_msg *msg)
{
	uint8_t a[4] = { 192, 0, 2, 2 }, b[4] = { 198, 51, 100, 2 };

	nla_put_u8(msg, APPFW_A_FLOW_FAMILY, AF_INET);
	nla_put_u8(msg, APPFW_A_FLOW_PROTO, 6);
	nla_put(msg, APPFW_A_FLOW_SADDR, 4, a);
	nla_put(msg, APPFW_A_FLOW_DADDR, 4, b);
	nla_put_u16(msg, APPFW_A_FLOW_SPORT, 0x3412);
	nla_put_u16(msg, APPFW_A_FLOW_DPORT, 0xbb01);
}

TEST(agentnl_get_flow_reply)
{
	struct afw_flow_state st;
	struct nl_msg *msg;
	struct nlattr *nest;
	struct afw_tls tls;

	/* Undecided, no ClientHello followed. */
	msg = unit_reply(APPFW_CMD_GET_FLOW);
	nest = nla_nest_start(msg, APPFW_A_FLOW);
	put_tuple(msg);
	nla_nest_end(msg, nest);
	CHECK_INT(parse(msg, &st), 0);
	CHECK(!st.decided && !st.has_next_seq && !st.has_tls);

	/* Decided as app 7, with the kernel's parser state. */
	afw_tls_init(&tls, AFW_TLS_RECORDS);
	tls.pos = 1234;
	msg = unit_reply(APPFW_CMD_GET_FLOW);
	nest = nla_nest_start(msg, APPFW_A_FLOW);
	put_tuple(msg);
	nla_put_u16(msg, APPFW_A_FLOW_APP, 7);
	nla_put_u32(msg, APPFW_A_FLOW_NEXT_SEQ, 0xfffffff0);
	nla_put(msg, APPFW_A_FLOW_TLS, sizeof(tls), &tls);
	nla_nest_end(msg, nest);
	CHECK_INT(parse(msg, &st), 0);
	CHECK(st.decided);
	CHECK_INT(st.app, 7);
	CHECK(st.has_next_seq);
	CHECK(st.next_seq == 0xfffffff0);
	CHECK(st.has_tls);
	CHECK_INT(st.tls.pos, 1234);

	/* Decided as no app; a parser state of another build is ignored. */
	msg = unit_reply(APPFW_CMD_GET_FLOW);
	nest = nla_nest_start(msg, APPFW_A_FLOW);
	nla_put_u16(msg, APPFW_A_FLOW_APP, 0);
	nla_put(msg, APPFW_A_FLOW_TLS, sizeof(tls) - 4, &tls);
	nla_nest_end(msg, nest);
	CHECK_INT(parse(msg, &st), 0);
	CHECK(st.decided);
	CHECK_INT(st.app, 0);
	CHECK(!st.has_tls);

	/* No APPFW_A_FLOW, or one whose app is not a u16. */
	CHECK_INT(parse(unit_reply(APPFW_CMD_GET_FLOW), &st), -EPROTO);
	msg = unit_reply(APPFW_CMD_GET_FLOW);
	nest = nla_nest_start(msg, APPFW_A_FLOW);
	nla_put_u8(msg, APPFW_A_FLOW_APP, 7);
	nla_nest_end(msg, nest);
	CHECK_INT(parse(msg, &st), -EPROTO);
}

TEST(agentnl_refuses_before_sending)
{
	struct afw_learn_addr addr = { .family = AF_INET, .ttl = 60 };
	const char *names[APPFW_LEARN_NAMES_MAX + 1] = { "a.example" };
	struct afw_flow_tuple t = { .family = 99, .proto = 6 };
	struct afw_flow_state st;
	/* Never used: every call below fails before it would send. */
	struct afw_genl g = { 0 };

	CHECK_INT(afw_learn(&g, names, 0, &addr, 1, NULL, NULL), -EINVAL);
	CHECK_INT(afw_learn(&g, names, APPFW_LEARN_NAMES_MAX + 1, &addr, 1,
			    NULL, NULL), -EINVAL);
	CHECK_INT(afw_learn(&g, names, 1, &addr, 0, NULL, NULL), -EINVAL);
	CHECK_INT(afw_learn(&g, names, 1, &addr, APPFW_LEARN_ADDRS_MAX + 1,
			    NULL, NULL), -EINVAL);
	CHECK_INT(afw_flow_get(&g, &t, &st), -EAFNOSUPPORT);
	CHECK_INT(afw_flow_set(&g, &t, APPFW_SOURCE_QUIC, "a.example", NULL,
			       NULL), -EAFNOSUPPORT);
}

static int parse_learn(struct nl_msg *msg, struct afw_app_reply *r)
{
	memset(r, 0, sizeof(*r));
	return unit_parse(msg, afw_agentnl_parse_learn, r);
}

static struct nl_msg *learn_reply(uint16_t app, int id, int action)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_LEARN);
	struct nlattr *nest;

	nla_put_u16(msg, APPFW_A_LOOKUP_APP, app);
	if (id < 0 && action < 0)
		return msg;
	nest = nla_nest_start(msg, APPFW_A_APP);
	if (id >= 0)
		nla_put_u16(msg, APPFW_A_APP_ID, (uint16_t)id);
	nla_put_string(msg, APPFW_A_APP_NAME, "wechat");
	if (action >= 0)
		nla_put_u8(msg, APPFW_A_APP_ACTION, (uint8_t)action);
	nla_nest_end(msg, nest);
	return msg;
}

/* LEARN's reply: the app and, since --dns-refuse, its action. */
TEST(agentnl_learn_reply)
{
	struct afw_app_reply r;

	CHECK_INT(parse_learn(learn_reply(5, 5, APPFW_ACTION_BLOCK), &r), 0);
	CHECK(r.seen);
	CHECK_INT(r.app, 5);
	CHECK_INT(r.action, APPFW_ACTION_BLOCK);

	/* No app: nothing nested. */
	CHECK_INT(parse_learn(learn_reply(0, -1, -1), &r), 0);
	CHECK_INT(r.app, 0);
	CHECK_INT(r.action, APPFW_ACTION_UNSPEC);

	/* An older module: the id alone, the action unknown. */
	CHECK_INT(parse_learn(learn_reply(5, -1, -1), &r), 0);
	CHECK_INT(r.app, 5);
	CHECK_INT(r.action, APPFW_ACTION_UNSPEC);

	/* A nest that contradicts the id or lacks the action. */
	CHECK_INT(parse_learn(learn_reply(5, 6, APPFW_ACTION_BLOCK), &r),
		  -EPROTO);
	CHECK_INT(parse_learn(learn_reply(5, 5, -1), &r), -EPROTO);
}
