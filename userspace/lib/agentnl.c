// SPDX-License-Identifier: GPL-2.0
/*
 * The agent's requests: registration, flows and DNS learning. genl.c does
 * the talking; this file builds the requests and checks the replies as
 * strictly as kernel.c checks the CLI's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "agentnl.h"

static struct nla_policy top_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_FLOW] = { .type = NLA_NESTED },
	[APPFW_A_LOOKUP_APP] = { .type = NLA_U16 },
	[APPFW_A_APP] = { .type = NLA_NESTED },
};

static struct nla_policy app_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = { .type = NLA_U16 },
	[APPFW_A_APP_ACTION] = { .type = NLA_U8 },
};

static struct nla_policy flow_policy[APPFW_A_FLOW_MAX + 1] = {
	[APPFW_A_FLOW_FAMILY] = { .type = NLA_U8 },
	[APPFW_A_FLOW_PROTO] = { .type = NLA_U8 },
	[APPFW_A_FLOW_SADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_FLOW_DADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_FLOW_SPORT] = { .type = NLA_U16 },
	[APPFW_A_FLOW_DPORT] = { .type = NLA_U16 },
	[APPFW_A_FLOW_APP] = { .type = NLA_U16 },
	[APPFW_A_FLOW_ACTION] = { .type = NLA_U8 },
	[APPFW_A_FLOW_NEXT_SEQ] = { .type = NLA_U32 },
	[APPFW_A_FLOW_TLS] = { .type = NLA_UNSPEC },
};

static int addr_len(uint8_t family)
{
	switch (family) {
	case AF_INET:
		return 4;
	case AF_INET6:
		return 16;
	default:
		return -EAFNOSUPPORT;
	}
}

int afw_agent_register(struct afw_genl *g, uint16_t first_queue,
		       uint16_t nqueues)
{
	struct nl_msg *msg = afw_genl_msg(g, APPFW_CMD_AGENT_REGISTER, 0);
	struct nlattr *nest;

	if (!msg)
		return -ENOMEM;
	nest = nla_nest_start(msg, APPFW_A_AGENT);
	if (!nest || nla_put_u16(msg, APPFW_A_AGENT_QUEUE, first_queue) < 0 ||
	    nla_put_u16(msg, APPFW_A_AGENT_QUEUES, nqueues) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return afw_genl_talk(g, msg, NULL, NULL);
}

int afw_agent_unregister(struct afw_genl *g)
{
	struct nl_msg *msg = afw_genl_msg(g, APPFW_CMD_AGENT_UNREGISTER, 0);

	if (!msg)
		return -ENOMEM;
	return afw_genl_talk(g, msg, NULL, NULL);
}

/* APPFW_A_FLOW with t; the caller ends the nest. */
static struct nlattr *put_tuple(struct nl_msg *msg,
				const struct afw_flow_tuple *t)
{
	int alen = addr_len(t->family);
	struct nlattr *nest;

	if (alen < 0)
		return NULL;
	nest = nla_nest_start(msg, APPFW_A_FLOW);
	if (!nest || nla_put_u8(msg, APPFW_A_FLOW_FAMILY, t->family) < 0 ||
	    nla_put_u8(msg, APPFW_A_FLOW_PROTO, t->proto) < 0 ||
	    nla_put(msg, APPFW_A_FLOW_SADDR, alen, t->saddr) < 0 ||
	    nla_put(msg, APPFW_A_FLOW_DADDR, alen, t->daddr) < 0 ||
	    nla_put_u16(msg, APPFW_A_FLOW_SPORT, htons(t->sport)) < 0 ||
	    nla_put_u16(msg, APPFW_A_FLOW_DPORT, htons(t->dport)) < 0)
		return NULL;
	return nest;
}

/*
 * Sends cmd about t, its reply read by cb. APPFW_CMD_SET_FLOW's source
 * and name (may be NULL) go into the flow nest too.
 */
static int flow_talk(struct afw_genl *g, uint8_t cmd,
		     const struct afw_flow_tuple *t, uint8_t source,
		     const char *name, afw_genl_cb cb, void *arg)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	if (addr_len(t->family) < 0)
		return -EAFNOSUPPORT;
	msg = afw_genl_msg(g, cmd, 0);
	if (!msg)
		return -ENOMEM;
	nest = put_tuple(msg, t);
	if (!nest || (cmd == APPFW_CMD_SET_FLOW &&
		      (nla_put_u8(msg, APPFW_A_FLOW_SOURCE, source) < 0 ||
		       (name && nla_put_string(msg, APPFW_A_FLOW_NAME, name) < 0)))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, nest);
	return afw_genl_talk(g, msg, cb, arg);
}

/*
 * What a SET_FLOW or LEARN request that ended in ret brought back: the
 * reply must have come; app and action may be NULL.
 */
static int app_reply(int ret, const struct afw_app_reply *r, uint16_t *app,
		     uint8_t *action)
{
	if (!ret && !r->seen)
		ret = -EPROTO;
	if (ret)
		return ret;
	if (app)
		*app = r->app;
	if (action)
		*action = r->action;
	return 0;
}

/* The reply's APPFW_A_FLOW, parsed into tb. */
static int parse_flow_nest(struct nlmsghdr *nlh,
			   struct nlattr *tb[APPFW_A_FLOW_MAX + 1])
{
	struct nlattr *top[APPFW_A_MAX + 1];

	if (genlmsg_parse(nlh, 0, top, APPFW_A_MAX, top_policy) < 0 ||
	    !top[APPFW_A_FLOW] ||
	    nla_parse_nested(tb, APPFW_A_FLOW_MAX, top[APPFW_A_FLOW],
			     flow_policy) < 0)
		return -EPROTO;
	return 0;
}

int afw_agentnl_parse_flow(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[APPFW_A_FLOW_MAX + 1];
	struct afw_flow_state *st = arg;

	memset(st, 0, sizeof(*st));
	if (parse_flow_nest(nlh, tb))
		return -EPROTO;
	if (tb[APPFW_A_FLOW_APP]) {
		st->decided = true;
		st->app = nla_get_u16(tb[APPFW_A_FLOW_APP]);
	}
	if (tb[APPFW_A_FLOW_NEXT_SEQ]) {
		st->has_next_seq = true;
		st->next_seq = nla_get_u32(tb[APPFW_A_FLOW_NEXT_SEQ]);
	}
	/* The kernel built from other sources: a state we cannot read is
	 * one we do not have (the header says so). */
	if (tb[APPFW_A_FLOW_TLS] &&
	    nla_len(tb[APPFW_A_FLOW_TLS]) == (int)sizeof(st->tls)) {
		st->has_tls = true;
		memcpy(&st->tls, nla_data(tb[APPFW_A_FLOW_TLS]),
		       sizeof(st->tls));
	}
	return 0;
}

int afw_flow_get(struct afw_genl *g, const struct afw_flow_tuple *t,
		 struct afw_flow_state *out)
{
	memset(out, 0, sizeof(*out));
	return flow_talk(g, APPFW_CMD_GET_FLOW, t, 0, NULL,
			 afw_agentnl_parse_flow, out);
}

static int parse_set(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[APPFW_A_FLOW_MAX + 1];
	struct afw_app_reply *r = arg;

	if (parse_flow_nest(nlh, tb) || !tb[APPFW_A_FLOW_APP])
		return -EPROTO;
	r->app = nla_get_u16(tb[APPFW_A_FLOW_APP]);
	r->action = tb[APPFW_A_FLOW_ACTION] ?
		    nla_get_u8(tb[APPFW_A_FLOW_ACTION]) : APPFW_ACTION_UNSPEC;
	r->seen = true;
	return 0;
}

int afw_flow_set(struct afw_genl *g, const struct afw_flow_tuple *t,
		 uint8_t source, const char *name, uint16_t *app,
		 uint8_t *action)
{
	struct afw_app_reply r = { 0 };
	int ret;

	ret = flow_talk(g, APPFW_CMD_SET_FLOW, t, source, name, parse_set, &r);
	return app_reply(ret, &r, app, action);
}

#define LEARN_MSG_SIZE 16384

int afw_agentnl_parse_learn(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *top[APPFW_A_MAX + 1], *tb[APPFW_A_APP_MAX + 1];
	struct afw_app_reply *r = arg;

	if (genlmsg_parse(nlh, 0, top, APPFW_A_MAX, top_policy) < 0 ||
	    !top[APPFW_A_LOOKUP_APP])
		return -EPROTO;
	r->app = nla_get_u16(top[APPFW_A_LOOKUP_APP]);
	r->action = APPFW_ACTION_UNSPEC;
	/* A module from before APPFW_A_APP was added sends only the id. */
	if (r->app && top[APPFW_A_APP]) {
		if (nla_parse_nested(tb, APPFW_A_APP_MAX, top[APPFW_A_APP],
				     app_policy) < 0 ||
		    !tb[APPFW_A_APP_ID] || !tb[APPFW_A_APP_ACTION] ||
		    nla_get_u16(tb[APPFW_A_APP_ID]) != r->app)
			return -EPROTO;
		r->action = nla_get_u8(tb[APPFW_A_APP_ACTION]);
	}
	r->seen = true;
	return 0;
}

static int put_learn(struct nl_msg *msg, const char *const names[],
		     size_t nnames, const struct afw_learn_addr addrs[],
		     size_t naddrs)
{
	struct nlattr *learn, *list, *entry;
	size_t i;

	learn = nla_nest_start(msg, APPFW_A_LEARN);
	if (!learn)
		return -ENOMEM;
	list = nla_nest_start(msg, APPFW_A_LEARN_NAMES);
	if (!list)
		return -ENOMEM;
	for (i = 0; i < nnames; i++)
		if (nla_put_string(msg, 0, names[i]) < 0)
			return -ENOMEM;
	nla_nest_end(msg, list);
	list = nla_nest_start(msg, APPFW_A_LEARN_ADDRS);
	if (!list)
		return -ENOMEM;
	for (i = 0; i < naddrs; i++) {
		int alen = addr_len(addrs[i].family);

		if (alen < 0)
			return -EAFNOSUPPORT;
		entry = nla_nest_start(msg, 0);
		if (!entry ||
		    nla_put(msg, APPFW_A_LEARN_ADDR, alen, addrs[i].addr) < 0 ||
		    nla_put_u32(msg, APPFW_A_LEARN_TTL, addrs[i].ttl) < 0)
			return -ENOMEM;
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
	nla_nest_end(msg, learn);
	return 0;
}

int afw_learn(struct afw_genl *g, const char *const names[], size_t nnames,
	      const struct afw_learn_addr addrs[], size_t naddrs,
	      uint16_t *app, uint8_t *action)
{
	struct afw_app_reply r = { 0 };
	struct nl_msg *msg;
	int ret;

	if (!nnames || nnames > APPFW_LEARN_NAMES_MAX || !naddrs ||
	    naddrs > APPFW_LEARN_ADDRS_MAX)
		return -EINVAL;
	/* 16 names of 253 bytes outgrow libnl's default page-sized message. */
	msg = nlmsg_alloc_size(LEARN_MSG_SIZE);
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, 0,
			 APPFW_CMD_LEARN, APPFW_GENL_VERSION)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	ret = put_learn(msg, names, nnames, addrs, naddrs);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	ret = afw_genl_talk(g, msg, afw_agentnl_parse_learn, &r);
	return app_reply(ret, &r, app, action);
}
