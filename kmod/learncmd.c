// SPDX-License-Identifier: GPL-2.0
/*
 * The commands of DNS answer learning: LEARN (from the agent), the dump
 * of what was learned and FLUSH. learned.c holds the table.
 */

#include "commands.h"
#include "learned.h"
#include "policy.h"

#include <linux/slab.h>
#include <linux/socket.h>
#include <net/sock.h>

static const struct nla_policy learn_policy[APPFW_A_LEARN_MAX + 1] = {
	[APPFW_A_LEARN_NAMES] = { .type = NLA_NESTED },
	[APPFW_A_LEARN_ADDRS] = { .type = NLA_NESTED },
};

static const struct nla_policy addr_policy[APPFW_A_LEARN_MAX + 1] = {
	[APPFW_A_LEARN_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						      appfw_validate_addr, 16),
	[APPFW_A_LEARN_TTL] = { .type = NLA_U32 },
};

struct learn_addr {
	u8 family;
	union nf_inet_addr addr;
	u32 ttl;
};

/* The names, checked, into names[]; their number or -errno. */
static int parse_names(const struct nlattr *list, const char **names,
		       struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	int rem, n = 0;
	const char *why;

	nla_for_each_nested(entry, list, rem) {
		const char *name = nla_data(entry);
		int len = nla_len(entry);

		if (nla_type(entry)) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "array entries have the type 0");
			return -EINVAL;
		}
		if (n == APPFW_LEARN_NAMES_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, entry, "more than "
					    __stringify(APPFW_LEARN_NAMES_MAX)
					    " names");
			return -EINVAL;
		}
		if (len < 2 || name[len - 1] || strnlen(name, len) != len - 1) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "a name is a NUL-terminated string");
			return -EINVAL;
		}
		if (afw_domain_check(name, len - 1, &why)) {
			appfw_bad_attr(extack, entry, why);
			return -EINVAL;
		}
		names[n++] = name;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, list, "trailing bytes after the last entry");
		return -EINVAL;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, list, "no names");
		return -EINVAL;
	}
	return n;
}

static int parse_addrs(const struct nlattr *list, struct learn_addr *addrs,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *tb[APPFW_A_LEARN_MAX + 1];
	const struct nlattr *entry;
	int rem, n = 0, ret;

	nla_for_each_nested(entry, list, rem) {
		struct learn_addr *a = &addrs[n];

		if (nla_type(entry)) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "array entries have the type 0");
			return -EINVAL;
		}
		if (n == APPFW_LEARN_ADDRS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, entry, "more than "
					    __stringify(APPFW_LEARN_ADDRS_MAX)
					    " addresses");
			return -EINVAL;
		}
		ret = nla_parse_nested(tb, APPFW_A_LEARN_MAX, entry,
				       addr_policy, extack);
		if (ret)
			return ret;
		if (appfw_missing(extack, entry, tb, APPFW_A_LEARN_ADDR) ||
		    appfw_missing(extack, entry, tb, APPFW_A_LEARN_TTL))
			return -EINVAL;
		memset(a, 0, sizeof(*a));
		a->family = nla_len(tb[APPFW_A_LEARN_ADDR]) == 4 ? AF_INET :
								  AF_INET6;
		nla_memcpy(&a->addr, tb[APPFW_A_LEARN_ADDR], sizeof(a->addr));
		a->ttl = nla_get_u32(tb[APPFW_A_LEARN_TTL]);
		n++;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, list, "trailing bytes after the last entry");
		return -EINVAL;
	}
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, list, "no addresses");
		return -EINVAL;
	}
	return n;
}

/* Under the writer mutex, so that no commit retires the app meanwhile. */
static u16 learn(struct appfw_net *an, const char **names, int nnames,
		 const struct learn_addr *addrs, int naddrs)
{
	const struct appfw_policy *p = appfw_policy_current(an);
	struct afw_domain_entry m;
	u16 id = 0;
	int i;

	for (i = 0; i < nnames && !id; i++) {
		id = afw_domain_lookup(p->domains, names[i], strlen(names[i]),
				       &m);
		if (!appfw_policy_app(p, id))
			id = 0;
	}
	for (i = 0; id && i < naddrs; i++) {
		/* One address not kept: the others still count. */
		if (!appfw_learned_add(an, addrs[i].family, &addrs[i].addr, id,
				       addrs[i].ttl))
			appfw_net_stat(an, APPFW_STAT_LEARNED);
	}
	return id;
}

int appfw_cmd_learn(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct nlattr *tb[APPFW_A_LEARN_MAX + 1];
	struct nlattr *nest = info->attrs[APPFW_A_LEARN];
	const char *names[APPFW_LEARN_NAMES_MAX];
	const struct appfw_app *app;
	struct learn_addr *addrs;
	int nnames, naddrs, ret;
	struct sk_buff *msg;
	void *hdr;
	u16 id;

	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_LEARN))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_LEARN_MAX, nest, learn_policy,
			       info->extack);
	if (ret)
		return ret;
	if (appfw_missing(info->extack, nest, tb, APPFW_A_LEARN_NAMES) ||
	    appfw_missing(info->extack, nest, tb, APPFW_A_LEARN_ADDRS))
		return -EINVAL;
	nnames = parse_names(tb[APPFW_A_LEARN_NAMES], names, info->extack);
	if (nnames < 0)
		return nnames;
	addrs = kmalloc_array(APPFW_LEARN_ADDRS_MAX, sizeof(*addrs),
			      GFP_KERNEL);
	if (!addrs) {
		GENL_SET_ERR_MSG(info, "no memory");
		return -ENOMEM;
	}
	naddrs = parse_addrs(tb[APPFW_A_LEARN_ADDRS], addrs, info->extack);
	if (naddrs < 0) {
		ret = naddrs;
		goto out;
	}

	ret = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		goto out;
	}
	hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0,
				APPFW_CMD_LEARN);
	mutex_lock(&an->lock);
	id = learn(an, names, nnames, addrs, naddrs);
	/*
	 * The app and its action, for the agent's --dns-refuse: read under
	 * the lock, so they are the ones the addresses were learned for.
	 */
	app = appfw_policy_app(appfw_policy_current(an), id);
	ret = !hdr || nla_put_u16(msg, APPFW_A_LOOKUP_APP, id) ||
	      (app && appfw_put_app(msg, app, false)) ? -EMSGSIZE : 0;
	mutex_unlock(&an->lock);
	if (ret) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);
out:
	kfree(addrs);
	return ret;
}

static int put_learned(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct appfw_learned_entry *e)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &appfw_genl_family, NLM_F_MULTI,
			  APPFW_CMD_GET_LEARNED);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put(skb, APPFW_A_LEARN_ADDR, e->family == AF_INET ? 4 : 16,
		    &e->addr) ||
	    nla_put_u16(skb, APPFW_A_LEARN_APP, e->app) ||
	    nla_put_u32(skb, APPFW_A_LEARN_TTL, e->ttl)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* One message per address; the cursor is cb->args[0] and [1]. */
int appfw_dump_learned(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nlattr *attr = genl_dumpit_info(cb)->attrs[APPFW_A_FILTER_APP];
	struct appfw_net *an = appfw_net(sock_net(cb->skb->sk));
	u16 filter = attr ? nla_get_u16(attr) : 0;
	u64 pos = ((u64)cb->args[1] << 32) | (u32)cb->args[0], prev;
	struct appfw_learned_entry e;
	int n = 0;

	rcu_read_lock();
	for (;;) {
		prev = pos;
		if (appfw_learned_next(an, &pos, &e))
			break;
		if (filter && e.app != filter)
			continue;
		if (put_learned(skb, cb, &e)) {
			pos = prev;
			break;
		}
		n++;
	}
	rcu_read_unlock();
	cb->args[0] = (u32)pos;
	cb->args[1] = pos >> 32;
	return n ? skb->len : 0;
}

int appfw_cmd_flush_learned(struct sk_buff *skb, struct genl_info *info)
{
	const struct nlattr *attr = info->attrs[APPFW_A_FILTER_APP];

	appfw_learned_flush(appfw_net(genl_info_net(info)),
			    attr ? nla_get_u16(attr) : 0);
	return 0;
}
