/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The family's command handlers, for the ops table in netlink.c: edit.c
 * holds the commands that change the policy (transactions included),
 * query.c those that read it, agent.c, flowcmd.c and learncmd.c the
 * agent's. Module-internal.
 */
#ifndef APPFW_COMMANDS_H
#define APPFW_COMMANDS_H

#include <net/genetlink.h>

extern struct genl_family appfw_genl_family;

int appfw_cmd_begin(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_commit(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_abort(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_new_app(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_set_app(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_del_app(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_new_domain(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_del_domain(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_new_prefix(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_del_prefix(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_set_config(struct sk_buff *skb, struct genl_info *info);

int appfw_cmd_get_app(struct sk_buff *skb, struct genl_info *info);
int appfw_dump_apps(struct sk_buff *skb, struct netlink_callback *cb);
int appfw_dump_domains(struct sk_buff *skb, struct netlink_callback *cb);
int appfw_dump_prefixes(struct sk_buff *skb, struct netlink_callback *cb);
int appfw_cmd_lookup(struct sk_buff *skb, struct genl_info *info);

struct appfw_app;
/*
 * APPFW_A_APP: id, name, action, flags; full adds GET_APP's sizes and
 * counters. Also LEARN's reply.
 */
int appfw_put_app(struct sk_buff *skb, const struct appfw_app *app, bool full);

/* agent.c, flowcmd.c and learncmd.c: the agent's commands. */
int appfw_cmd_agent_register(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_agent_unregister(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_get_flow(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_set_flow(struct sk_buff *skb, struct genl_info *info);
int appfw_cmd_learn(struct sk_buff *skb, struct genl_info *info);
int appfw_dump_learned(struct sk_buff *skb, struct netlink_callback *cb);
int appfw_cmd_flush_learned(struct sk_buff *skb, struct genl_info *info);

/* For policies: an address of 4 (IPv4) or 16 (IPv6) bytes. */
int appfw_validate_addr(const struct nlattr *attr,
			struct netlink_ext_ack *extack);

/* Aborts the transaction of a netlink socket that is going away. */
void appfw_txn_release(struct net *net, u32 portid);

/*
 * True, with the extack saying which, if tb (the attributes of nest, NULL
 * for the top level) lacks type.
 */
#define appfw_missing(extack, nest, tb, type) ({			\
	bool __missing = !(tb)[type];					\
									\
	if (__missing) {						\
		NL_SET_ERR_MSG(extack, "missing " #type);		\
		NL_SET_ERR_ATTR_MISS(extack, nest, type);		\
	}								\
	__missing;							\
})

/*
 * For the reasons the shared checkers give (afw_domain_check(), ...):
 * string literals, as NL_SET_ERR_MSG wants, but not known here.
 */
static inline void appfw_bad_attr(struct netlink_ext_ack *extack,
				  const struct nlattr *attr, const char *why)
{
	if (!extack)
		return;
	extack->_msg = why;
	extack->bad_attr = attr;
}

#endif /* APPFW_COMMANDS_H */
