// SPDX-License-Identifier: GPL-2.0
/*
 * APPFW_CMD_GET_FLOW and APPFW_CMD_SET_FLOW: the agent asks where the
 * kernel stopped on a flow, and tells it its decision. A flow is named by
 * its original tuple; conntrack has it once its first packet has left,
 * and until then (a QUIC flow whose first Initials wait in the agent's
 * queue) only the flow table does (flow.c).
 */

#include "commands.h"
#include "decide.h"
#include "flow.h"
#include "policy.h"

#include <linux/in.h>
#include <linux/socket.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_core.h>
#include <net/netfilter/nf_conntrack_zones.h>

#define TUPLE_POLICY							\
	[APPFW_A_FLOW_FAMILY] = { .type = NLA_U8 },			\
	[APPFW_A_FLOW_PROTO] = { .type = NLA_U8 },			\
	[APPFW_A_FLOW_SADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,	\
						      appfw_validate_addr, 16), \
	[APPFW_A_FLOW_DADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,	\
						      appfw_validate_addr, 16), \
	[APPFW_A_FLOW_SPORT] = { .type = NLA_BE16 },			\
	[APPFW_A_FLOW_DPORT] = { .type = NLA_BE16 }

static const struct nla_policy get_policy[APPFW_A_FLOW_MAX + 1] = {
	TUPLE_POLICY,
};

static const struct nla_policy set_policy[APPFW_A_FLOW_MAX + 1] = {
	TUPLE_POLICY,
	[APPFW_A_FLOW_SOURCE] = { .type = NLA_U8 },
	/* The longest SNI the parsers accept, and a NUL. */
	[APPFW_A_FLOW_NAME] = { .type = NLA_NUL_STRING,
				.len = AFW_TLS_SNI_MAX },
};

/* APPFW_A_FLOW of the request into tb, and the tuple it names. */
static int parse_flow(struct genl_info *info, const struct nla_policy *policy,
		      struct nlattr **tb, struct nf_conntrack_tuple *tuple)
{
	struct nlattr *nest = info->attrs[APPFW_A_FLOW];
	struct netlink_ext_ack *extack = info->extack;
	int ret, alen;
	u8 family, proto;

	if (appfw_missing(extack, NULL, info->attrs, APPFW_A_FLOW))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_FLOW_MAX, nest, policy, extack);
	if (ret)
		return ret;
	if (appfw_missing(extack, nest, tb, APPFW_A_FLOW_FAMILY) ||
	    appfw_missing(extack, nest, tb, APPFW_A_FLOW_PROTO) ||
	    appfw_missing(extack, nest, tb, APPFW_A_FLOW_SADDR) ||
	    appfw_missing(extack, nest, tb, APPFW_A_FLOW_DADDR) ||
	    appfw_missing(extack, nest, tb, APPFW_A_FLOW_SPORT) ||
	    appfw_missing(extack, nest, tb, APPFW_A_FLOW_DPORT))
		return -EINVAL;
	family = nla_get_u8(tb[APPFW_A_FLOW_FAMILY]);
	proto = nla_get_u8(tb[APPFW_A_FLOW_PROTO]);
	if (family != AF_INET && family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_FLOW_FAMILY],
				    "the family is AF_INET or AF_INET6");
		return -EINVAL;
	}
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_FLOW_PROTO],
				    "the protocol is IPPROTO_TCP or IPPROTO_UDP");
		return -EINVAL;
	}
	alen = family == AF_INET ? 4 : 16;
	if (nla_len(tb[APPFW_A_FLOW_SADDR]) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_FLOW_SADDR],
				    "the address is not of the flow's family");
		return -EINVAL;
	}
	if (nla_len(tb[APPFW_A_FLOW_DADDR]) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_FLOW_DADDR],
				    "the address is not of the flow's family");
		return -EINVAL;
	}

	memset(tuple, 0, sizeof(*tuple));
	/* AF_INET and AF_INET6 are NFPROTO_IPV4 and NFPROTO_IPV6. */
	tuple->src.l3num = family;
	nla_memcpy(&tuple->src.u3, tb[APPFW_A_FLOW_SADDR], alen);
	nla_memcpy(&tuple->dst.u3, tb[APPFW_A_FLOW_DADDR], alen);
	tuple->src.u.all = nla_get_be16(tb[APPFW_A_FLOW_SPORT]);
	tuple->dst.u.all = nla_get_be16(tb[APPFW_A_FLOW_DPORT]);
	tuple->dst.protonum = proto;
	tuple->dst.dir = IP_CT_DIR_ORIGINAL;
	return 0;
}

/* The confirmed conntrack entry of tuple, with a reference, or NULL. */
static struct nf_conn *find_ct(struct net *net,
			       const struct nf_conntrack_tuple *tuple)
{
	struct nf_conntrack_tuple_hash *h;

	h = nf_conntrack_find_get(net, &nf_ct_zone_dflt, tuple);
	if (!h)
		return NULL;
	/* A reply tuple names the flow backwards: not the agent's name. */
	if (NF_CT_DIRECTION(h) != IP_CT_DIR_ORIGINAL) {
		nf_ct_put(nf_ct_tuplehash_to_ctrack(h));
		return NULL;
	}
	return nf_ct_tuplehash_to_ctrack(h);
}

static int put_tuple(struct sk_buff *msg, const struct nf_conntrack_tuple *t)
{
	int alen = t->src.l3num == AF_INET ? 4 : 16;

	if (nla_put_u8(msg, APPFW_A_FLOW_FAMILY, t->src.l3num) ||
	    nla_put_u8(msg, APPFW_A_FLOW_PROTO, t->dst.protonum) ||
	    nla_put(msg, APPFW_A_FLOW_SADDR, alen, &t->src.u3) ||
	    nla_put(msg, APPFW_A_FLOW_DADDR, alen, &t->dst.u3) ||
	    nla_put_be16(msg, APPFW_A_FLOW_SPORT, t->src.u.all) ||
	    nla_put_be16(msg, APPFW_A_FLOW_DPORT, t->dst.u.all))
		return -EMSGSIZE;
	return 0;
}

/* A reply of cmd holding APPFW_A_FLOW, left open for the caller. */
static struct sk_buff *flow_reply(struct genl_info *info, u8 cmd,
				  const struct nf_conntrack_tuple *t,
				  void **hdr, struct nlattr **nest)
{
	struct sk_buff *msg;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0, cmd);
	*nest = *hdr ? nla_nest_start(msg, APPFW_A_FLOW) : NULL;
	if (!*nest || put_tuple(msg, t)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int send_reply(struct genl_info *info, struct sk_buff *msg, void *hdr,
		      struct nlattr *nest)
{
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int appfw_cmd_get_flow(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct appfw_net *an = appfw_net(net);
	struct nlattr *tb[APPFW_A_FLOW_MAX + 1], *nest;
	struct nf_conntrack_tuple tuple;
	struct appfw_flow_info *fi;
	bool decided = false;
	struct sk_buff *msg;
	struct nf_conn *ct;
	u16 app = 0;
	void *hdr;
	int ret;

	ret = parse_flow(info, get_policy, tb, &tuple);
	if (ret)
		return ret;
	/* struct afw_tls is a few hundred bytes: not for the stack. */
	fi = kmalloc(sizeof(*fi), GFP_KERNEL);
	if (!fi) {
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		return -ENOMEM;
	}

	ct = find_ct(net, &tuple);
	appfw_flow_info(an, ct, &tuple, fi);
	if (ct) {
		const struct appfw_policy *p;
		u32 mark = READ_ONCE(ct->mark);

		rcu_read_lock();
		p = rcu_dereference(an->policy);
		decided = appfw_mark_decided(&p->config, mark);
		app = appfw_mark_app(&p->config, mark);
		rcu_read_unlock();
		nf_ct_put(ct);
	} else if (fi->found) {
		decided = fi->decided;
		app = fi->app;
	} else {
		kfree(fi);
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[APPFW_A_FLOW],
				    "no such flow");
		return -ENOENT;
	}

	ret = -ENOMEM;
	msg = flow_reply(info, APPFW_CMD_GET_FLOW, &tuple, &hdr, &nest);
	if (!msg)
		goto out;
	ret = -EMSGSIZE;
	if ((decided && nla_put_u16(msg, APPFW_A_FLOW_APP, app)) ||
	    (fi->has_next_seq &&
	     nla_put_u32(msg, APPFW_A_FLOW_NEXT_SEQ, fi->next_seq)) ||
	    (fi->has_tls &&
	     nla_put(msg, APPFW_A_FLOW_TLS, sizeof(fi->tls), &fi->tls))) {
		nlmsg_free(msg);
		goto out;
	}
	ret = send_reply(info, msg, hdr, nest);
out:
	if (ret == -ENOMEM || ret == -EMSGSIZE)
		GENL_SET_ERR_MSG(info, "no memory for the reply");
	kfree(fi);
	return ret;
}

/* The agent's decision of tuple (ct, or a flow pending in the table). */
static void decide_flow(struct appfw_net *an, struct nf_conn *ct,
			const struct nf_conntrack_tuple *tuple, u8 source,
			const char *name, u16 *app)
{
	struct appfw_decision d = {
		.an = an,
		.policy = rcu_dereference(an->policy),
		.ct = ct,
		.tuple = tuple,
		.family = tuple->src.l3num,
		.proto = tuple->dst.protonum,
		.ports = true,
		.sport = tuple->src.u.all,
		.dport = tuple->dst.u.all,
		.saddr = &tuple->src.u3,
		.daddr = &tuple->dst.u3,
	};
	const struct appfw_app *decided;

	if (name)
		appfw_decide_name(&d, source, name, strlen(name));
	else
		appfw_decide_none(&d);
	/* No packet decided it, so none counts it in its app's flows. */
	decided = appfw_policy_app(d.policy, d.app);
	if (d.new_flow && decided)
		appfw_app_count_flow(decided);
	*app = d.app;
}

int appfw_cmd_set_flow(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct appfw_net *an = appfw_net(net);
	struct nlattr *tb[APPFW_A_FLOW_MAX + 1], *nest;
	const struct appfw_app *app;
	struct nf_conntrack_tuple tuple;
	const char *name = NULL;
	struct appfw_flow_info *fi;
	struct sk_buff *msg;
	struct nf_conn *ct;
	u8 source, action;
	void *hdr;
	u16 id;
	int ret;

	ret = parse_flow(info, set_policy, tb, &tuple);
	if (ret)
		return ret;
	nest = info->attrs[APPFW_A_FLOW];
	if (appfw_missing(info->extack, nest, tb, APPFW_A_FLOW_SOURCE))
		return -EINVAL;
	source = nla_get_u8(tb[APPFW_A_FLOW_SOURCE]);
	if (source != APPFW_SOURCE_SNI && source != APPFW_SOURCE_QUIC &&
	    source != APPFW_SOURCE_HOST) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_FLOW_SOURCE],
				    "the source is APPFW_SOURCE_SNI, _QUIC or _HOST");
		return -EINVAL;
	}
	if (tb[APPFW_A_FLOW_NAME]) {
		name = nla_data(tb[APPFW_A_FLOW_NAME]);
		if (!*name) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_FLOW_NAME],
					    "an empty name: leave APPFW_A_FLOW_NAME out for a flow with none");
			return -EINVAL;
		}
	}

	ct = find_ct(net, &tuple);
	if (!ct) {
		fi = kmalloc(sizeof(*fi), GFP_KERNEL);
		if (!fi) {
			GENL_SET_ERR_MSG(info, "no memory");
			return -ENOMEM;
		}
		appfw_flow_info(an, NULL, &tuple, fi);
		ret = fi->found ? 0 : -ENOENT;
		kfree(fi);
		if (ret) {
			NL_SET_ERR_MSG_ATTR(info->extack, nest, "no such flow");
			return ret;
		}
	}

	msg = flow_reply(info, APPFW_CMD_SET_FLOW, &tuple, &hdr, &nest);
	if (!msg) {
		if (ct)
			nf_ct_put(ct);
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		return -ENOMEM;
	}
	rcu_read_lock();
	decide_flow(an, ct, &tuple, source, name, &id);
	app = appfw_policy_app(rcu_dereference(an->policy), id);
	action = app ? app->action : 0;
	rcu_read_unlock();
	if (ct) {
		/* Its ClientHello needs following no more. */
		appfw_flow_forget(an, ct);
		nf_ct_put(ct);
	}

	if (nla_put_u16(msg, APPFW_A_FLOW_APP, app ? id : 0) ||
	    (app && nla_put_u8(msg, APPFW_A_FLOW_ACTION, action))) {
		nlmsg_free(msg);
		GENL_SET_ERR_MSG(info, "no room for the reply");
		return -EMSGSIZE;
	}
	return send_reply(info, msg, hdr, nest);
}
