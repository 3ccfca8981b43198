// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "appfw"; include/uapi/linux/appfw.h documents
 * every command and attribute. Here: the family, what each command
 * accepts at the top level, GET_STATUS and the events group. edit.c and
 * query.c hold the policy's commands.
 *
 * The family runs its commands in parallel (parallel_ops): writers of a
 * namespace's policy serialise on its mutex, readers use RCU, and a big
 * commit does not hold up every other genetlink family on genl_mutex.
 */

#include "netlink.h"
#include "commands.h"
#include "netns.h"
#include "hooks.h"
#include "policy.h"
#include "flow.h"
#include "agent.h"
#include "appfw_version.h"

#include <uapi/linux/appfw.h>

#include <linux/netlink.h>
#include <net/genetlink.h>

enum appfw_mcgrp {
	APPFW_MCGRP_EVENTS_ID,
};

/*
 * GET_STATUS reports counters in the order of enum appfw_stat, skipping
 * APPFW_A_COUNTER_PAD: those before it, then those after it.
 */
static_assert(APPFW_A_COUNTER_FLOWS_INSPECTED + APPFW_STAT_QUEUED ==
	      APPFW_A_COUNTER_PAD);
static_assert(APPFW_A_COUNTER_PAD + 1 + APPFW_STATS - APPFW_STAT_QUEUED ==
	      __APPFW_A_COUNTER_MAX);

static int counter_attr(enum appfw_stat stat)
{
	if (stat < APPFW_STAT_QUEUED)
		return APPFW_A_COUNTER_FLOWS_INSPECTED + stat;
	return APPFW_A_COUNTER_QUEUED + stat - APPFW_STAT_QUEUED;
}

int appfw_validate_addr(const struct nlattr *attr,
			struct netlink_ext_ack *extack)
{
	if (nla_len(attr) == 4 || nla_len(attr) == 16)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "an address is 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/*
 * What each command takes at the top level. Types left NLA_UNSPEC are
 * refused by strict validation ("Unsupported attribute", pointing at it),
 * so a command without attributes has an empty policy. The nested
 * contents of edits are parsed by the edits themselves (edit.c says why).
 */
static const struct nla_policy none_policy[APPFW_A_MAX + 1] = {};

static const struct nla_policy app_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_APP] = { .type = NLA_NESTED },
};

static const struct nla_policy domains_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_DOMAINS] = { .type = NLA_NESTED },
};

static const struct nla_policy prefixes_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_PREFIXES] = { .type = NLA_NESTED },
};

static const struct nla_policy filter_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_FILTER_APP] = NLA_POLICY_RANGE(NLA_U16, 1, APPFW_APP_ID_MAX),
};

static const struct nla_policy lookup_cmd_policy[APPFW_A_MAX + 1] = {
	/* One more than the longest name: a trailing dot is allowed. */
	[APPFW_A_LOOKUP_HOST] = { .type = NLA_NUL_STRING,
				  .len = AFW_DOMAIN_LEN_MAX + 1 },
	[APPFW_A_LOOKUP_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						       appfw_validate_addr, 16),
};

static const struct nla_policy config_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_CONFIG] = { .type = NLA_NESTED },
};

static const struct nla_policy agent_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_AGENT] = { .type = NLA_NESTED },
};

static const struct nla_policy flow_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_FLOW] = { .type = NLA_NESTED },
};

static const struct nla_policy learn_cmd_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_LEARN] = { .type = NLA_NESTED },
};

static int put_hook(struct sk_buff *skb, const struct appfw_net *an,
		    enum appfw_slot slot)
{
	const struct nf_hook_ops *ops = &appfw_hook_ops[slot];
	struct nlattr *entry;
	u64 packets, bytes;

	appfw_net_read(an, slot, &packets, &bytes);

	entry = nla_nest_start(skb, 0);
	if (!entry)
		return -EMSGSIZE;
	if (nla_put_u8(skb, APPFW_A_HOOK_FAMILY, ops->pf) ||
	    nla_put_u8(skb, APPFW_A_HOOK_NUM, ops->hooknum) ||
	    nla_put_u64_64bit(skb, APPFW_A_HOOK_PACKETS, packets,
			      APPFW_A_HOOK_PAD) ||
	    nla_put_u64_64bit(skb, APPFW_A_HOOK_BYTES, bytes,
			      APPFW_A_HOOK_PAD)) {
		nla_nest_cancel(skb, entry);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, entry);
	return 0;
}

static int put_hooks(struct sk_buff *skb, const struct appfw_net *an)
{
	struct nlattr *hooks;
	enum appfw_slot slot;

	hooks = nla_nest_start(skb, APPFW_A_HOOKS);
	if (!hooks)
		return -EMSGSIZE;
	for (slot = 0; slot < APPFW_SLOTS; slot++) {
		if (put_hook(skb, an, slot)) {
			nla_nest_cancel(skb, hooks);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, hooks);
	return 0;
}

static int put_config(struct sk_buff *skb, const struct appfw_config *c)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, APPFW_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, APPFW_A_CONFIG_MARK_MASK, c->mark_mask) ||
	    nla_put_u8(skb, APPFW_A_CONFIG_SKB_MARK, c->skb_mark) ||
	    nla_put_u8(skb, APPFW_A_CONFIG_DEPTH, c->depth) ||
	    nla_put_u8(skb, APPFW_A_CONFIG_FAIL_CLOSED, c->fail_closed) ||
	    nla_put_u8(skb, APPFW_A_CONFIG_LEARN, c->learn)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_policy(struct sk_buff *skb, const struct appfw_policy *p)
{
	if (nla_put_u64_64bit(skb, APPFW_A_GENERATION, p->generation,
			      APPFW_A_PAD) ||
	    put_config(skb, &p->config) ||
	    nla_put_u32(skb, APPFW_A_POLICY_APPS, p->napps) ||
	    nla_put_u32(skb, APPFW_A_POLICY_DOMAINS,
			afw_domain_table_count(p->domains)) ||
	    nla_put_u32(skb, APPFW_A_POLICY_PREFIXES,
			afw_prefix_table_count(p->prefixes)) ||
	    nla_put_u64_64bit(skb, APPFW_A_POLICY_BYTES, appfw_policy_bytes(p),
			      APPFW_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int put_flows(struct sk_buff *skb, const struct appfw_net *an)
{
	struct nlattr *nest;
	u32 active, limit;
	u64 evicted;

	appfw_flow_stats(an, &active, &limit, &evicted);
	nest = nla_nest_start(skb, APPFW_A_FLOWS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, APPFW_A_FLOWS_ACTIVE, active) ||
	    nla_put_u32(skb, APPFW_A_FLOWS_LIMIT, limit) ||
	    nla_put_u64_64bit(skb, APPFW_A_FLOWS_EVICTED, evicted,
			      APPFW_A_FLOWS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_counters(struct sk_buff *skb, const struct appfw_net *an)
{
	struct nlattr *nest;
	enum appfw_stat stat;

	nest = nla_nest_start(skb, APPFW_A_COUNTERS);
	if (!nest)
		return -EMSGSIZE;
	for (stat = 0; stat < APPFW_STATS; stat++) {
		if (nla_put_u64_64bit(skb, counter_attr(stat),
				      appfw_net_read_stat(an, stat),
				      APPFW_A_COUNTER_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_status(struct sk_buff *skb, const struct appfw_net *an)
{
	int ret;

	if (nla_put_string(skb, APPFW_A_VERSION, APPFW_VERSION) ||
	    put_hooks(skb, an))
		return -EMSGSIZE;
	rcu_read_lock();
	ret = put_policy(skb, rcu_dereference(an->policy));
	rcu_read_unlock();
	if (ret || put_flows(skb, an) || put_counters(skb, an) ||
	    appfw_agent_put_status(skb, an))
		return -EMSGSIZE;
	return 0;
}

static int get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the status reply");
		return -ENOMEM;
	}

	hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0,
				APPFW_CMD_GET_STATUS);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err;
	}
	ret = put_status(msg, appfw_net(genl_info_net(info)));
	if (ret)
		goto err;
	genlmsg_end(msg, hdr);

	return genlmsg_reply(msg, info);

err:
	GENL_SET_ERR_MSG(info, "status reply does not fit in one message");
	nlmsg_free(msg);
	return ret;
}

void *appfw_event_header(struct sk_buff *msg)
{
	return genlmsg_put(msg, 0, 0, &appfw_genl_family, 0, APPFW_CMD_EVENT);
}

int appfw_event_send(struct net *net, struct sk_buff *msg)
{
	return genlmsg_multicast_netns(&appfw_genl_family, net, msg, 0,
				       APPFW_MCGRP_EVENTS_ID, GFP_ATOMIC);
}

/*
 * A loader that dies inside its transaction leaves the old policy; an
 * agent that dies is gone at once, so nothing waits in its queues.
 */
static int release_notify(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC) {
		appfw_txn_release(n->net, n->portid);
		appfw_agent_release(n->net, n->portid);
	}
	return NOTIFY_DONE;
}

static struct notifier_block release_nb = {
	.notifier_call = release_notify,
};

#define OP(c, fn, pol) {						\
	.cmd = (c),							\
	.doit = (fn),							\
	.policy = (pol),						\
	.maxattr = ARRAY_SIZE(pol) - 1,					\
	.flags = GENL_UNS_ADMIN_PERM,					\
}

#define DUMP(c, fn, pol) {						\
	.cmd = (c),							\
	.dumpit = (fn),							\
	.policy = (pol),						\
	.maxattr = ARRAY_SIZE(pol) - 1,					\
	.flags = GENL_UNS_ADMIN_PERM,					\
}

/*
 * Counters and policy describe what a namespace's users do, so every
 * command, even a read, needs CAP_NET_ADMIN over that namespace.
 */
static const struct genl_ops genl_ops[] = {
	OP(APPFW_CMD_GET_STATUS, get_status, none_policy),
	OP(APPFW_CMD_BEGIN, appfw_cmd_begin, none_policy),
	OP(APPFW_CMD_COMMIT, appfw_cmd_commit, none_policy),
	OP(APPFW_CMD_ABORT, appfw_cmd_abort, none_policy),
	OP(APPFW_CMD_NEW_APP, appfw_cmd_new_app, app_cmd_policy),
	OP(APPFW_CMD_SET_APP, appfw_cmd_set_app, app_cmd_policy),
	OP(APPFW_CMD_DEL_APP, appfw_cmd_del_app, app_cmd_policy),
	{
		.cmd = APPFW_CMD_GET_APP,
		.doit = appfw_cmd_get_app,
		.dumpit = appfw_dump_apps,
		.policy = app_cmd_policy,
		.maxattr = ARRAY_SIZE(app_cmd_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	OP(APPFW_CMD_NEW_DOMAIN, appfw_cmd_new_domain, domains_cmd_policy),
	OP(APPFW_CMD_DEL_DOMAIN, appfw_cmd_del_domain, domains_cmd_policy),
	DUMP(APPFW_CMD_GET_DOMAIN, appfw_dump_domains, filter_cmd_policy),
	OP(APPFW_CMD_NEW_PREFIX, appfw_cmd_new_prefix, prefixes_cmd_policy),
	OP(APPFW_CMD_DEL_PREFIX, appfw_cmd_del_prefix, prefixes_cmd_policy),
	DUMP(APPFW_CMD_GET_PREFIX, appfw_dump_prefixes, filter_cmd_policy),
	OP(APPFW_CMD_LOOKUP, appfw_cmd_lookup, lookup_cmd_policy),
	OP(APPFW_CMD_SET_CONFIG, appfw_cmd_set_config, config_cmd_policy),
	OP(APPFW_CMD_AGENT_REGISTER, appfw_cmd_agent_register,
	   agent_cmd_policy),
	OP(APPFW_CMD_AGENT_UNREGISTER, appfw_cmd_agent_unregister,
	   none_policy),
	OP(APPFW_CMD_GET_FLOW, appfw_cmd_get_flow, flow_cmd_policy),
	OP(APPFW_CMD_SET_FLOW, appfw_cmd_set_flow, flow_cmd_policy),
	OP(APPFW_CMD_LEARN, appfw_cmd_learn, learn_cmd_policy),
	DUMP(APPFW_CMD_GET_LEARNED, appfw_dump_learned, filter_cmd_policy),
	OP(APPFW_CMD_FLUSH_LEARNED, appfw_cmd_flush_learned,
	   filter_cmd_policy),
};

/* Listening, like any command, needs CAP_NET_ADMIN over the namespace. */
static const struct genl_multicast_group genl_mcgrps[] = {
	[APPFW_MCGRP_EVENTS_ID] = {
		.name = APPFW_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

/*
 * resv_start_op stays 0, so every command has the header's reserved byte
 * and unknown nlmsg_flags refused, and a command without a policy accepts
 * no attributes at all.
 */
struct genl_family appfw_genl_family __ro_after_init = {
	.name = APPFW_GENL_NAME,
	.version = APPFW_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = true,
	.parallel_ops = true,
	.resv_start_op = 0,
	.ops = genl_ops,
	.n_ops = ARRAY_SIZE(genl_ops),
	.mcgrps = genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(genl_mcgrps),
};

/*
 * Commits are the only source of retired snapshots, so the policy's
 * freeing machinery lives exactly as long as the family. The notifier
 * comes first: no transaction may be opened that a closing socket would
 * not abort.
 */
int __init appfw_genl_init(void)
{
	int ret;

	ret = appfw_policy_init();
	if (ret)
		goto err_policy;
	ret = netlink_register_notifier(&release_nb);
	if (ret)
		goto err_notifier;
	ret = genl_register_family(&appfw_genl_family);
	if (ret)
		goto err_family;
	return 0;

err_family:
	netlink_unregister_notifier(&release_nb);
err_notifier:
	appfw_policy_uninit();
err_policy:
	return ret;
}

/*
 * Waits for commands in progress; transactions still open are freed with
 * their namespaces, after this.
 */
void appfw_genl_uninit(void)
{
	genl_unregister_family(&appfw_genl_family);
	netlink_unregister_notifier(&release_nb);
	appfw_policy_uninit();
}
