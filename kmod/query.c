// SPDX-License-Identifier: GPL-2.0
/*
 * The commands that read the policy: GET_APP, the dumps of apps, domains
 * and prefixes, and LOOKUP. They read the current snapshot under RCU and
 * take no lock, so they never wait for a commit.
 *
 * A dump finds the current snapshot again in each part and keeps only a
 * cursor (cb->args[0]) between parts, so it holds nothing a commit or
 * the namespace's exit would have to wait for. cb->seq is the snapshot's
 * generation, so the first part after a commit is flagged
 * NLM_F_DUMP_INTR by genl_dump_check_consistent(); the cursor then points
 * into a different snapshot, and the reader is to start over.
 */

#include "commands.h"
#include "learned.h"
#include "netns.h"
#include "policy.h"

#include <net/sock.h>

static const struct nla_policy app_get_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = NLA_POLICY_RANGE(NLA_U16, 1, APPFW_APP_ID_MAX),
};

static int put_stats(struct sk_buff *skb, const struct appfw_app *app)
{
	struct appfw_app_counters c;
	struct nlattr *nest;

	appfw_app_read(app, &c);
	nest = nla_nest_start(skb, APPFW_A_APP_STATS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, APPFW_A_STATS_PACKETS, c.packets,
			      APPFW_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, APPFW_A_STATS_BYTES, c.bytes,
			      APPFW_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, APPFW_A_STATS_FLOWS, c.flows,
			      APPFW_A_STATS_PAD) ||
	    nla_put_u64_64bit(skb, APPFW_A_STATS_BLOCKED, c.blocked,
			      APPFW_A_STATS_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* APPFW_A_APP; full adds the sizes and counters of GET_APP's replies. */
int appfw_put_app(struct sk_buff *skb, const struct appfw_app *app, bool full)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, APPFW_A_APP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, APPFW_A_APP_ID, app->id) ||
	    nla_put_string(skb, APPFW_A_APP_NAME, app->name) ||
	    nla_put_u8(skb, APPFW_A_APP_ACTION, app->action) ||
	    nla_put_u32(skb, APPFW_A_APP_FLAGS, app->flags) ||
	    (full && (nla_put_u32(skb, APPFW_A_APP_DOMAINS, app->domains) ||
		      nla_put_u32(skb, APPFW_A_APP_PREFIXES, app->prefixes) ||
		      put_stats(skb, app)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int appfw_cmd_get_app(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct nlattr *tb[APPFW_A_APP_MAX + 1], *nest = info->attrs[APPFW_A_APP];
	const struct appfw_app *app;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_APP))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_APP_MAX, nest, app_get_policy,
			       info->extack);
	if (ret)
		return ret;
	if (appfw_missing(info->extack, nest, tb, APPFW_A_APP_ID))
		return -EINVAL;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0,
				APPFW_CMD_GET_APP);
	ret = hdr ? 0 : -EMSGSIZE;

	rcu_read_lock();
	app = appfw_policy_app(rcu_dereference(an->policy),
			       nla_get_u16(tb[APPFW_A_APP_ID]));
	if (!app) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_APP_ID],
				    "no app with this id");
		ret = -ENOENT;
	} else if (!ret) {
		ret = appfw_put_app(msg, app, true);
	}
	rcu_read_unlock();

	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static struct appfw_net *dump_net(struct netlink_callback *cb)
{
	return appfw_net(sock_net(cb->skb->sk));
}

/*
 * The snapshot this part of a dump walks, under rcu_read_lock(). Every
 * part notes its generation, even one that ends the dump with no message
 * of its own: NLMSG_DONE is checked too, and a commit that shrank the
 * table under the cursor must not pass for the end of the old one.
 */
static const struct appfw_policy *dump_policy(struct netlink_callback *cb)
{
	const struct appfw_policy *p = rcu_dereference(dump_net(cb)->policy);

	/* Truncated: it only has to differ between generations. */
	cb->seq = (u32)p->generation;
	return p;
}

static void *dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &appfw_genl_family, NLM_F_MULTI, cmd);
}

/* Only for a message that is sent: the check moves cb->prev_seq on. */
static void dump_end(struct sk_buff *skb, struct netlink_callback *cb,
		     void *hdr)
{
	genl_dump_check_consistent(cb, hdr);
	genlmsg_end(skb, hdr);
}

/*
 * Refusals of a dump come from its first part, not from a .start
 * callback: in this kernel a dump's start gets no extack to explain them.
 */
static bool dump_first(struct netlink_callback *cb)
{
	bool first = !cb->args[2];

	cb->args[2] = 1;
	return first;
}

/* One message per app, as many as fit in each part. */
int appfw_dump_apps(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct nlattr *attr = genl_dumpit_info(cb)->attrs[APPFW_A_APP];
	const struct appfw_policy *p;
	u32 id = cb->args[0];
	int ret = 0;

	if (dump_first(cb) && attr) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr,
				    "a dump lists every app: no APPFW_A_APP");
		return -EINVAL;
	}

	rcu_read_lock();
	p = dump_policy(cb);
	for (; id <= p->max_id; id++) {
		const struct appfw_app *app = p->apps[id];
		void *hdr;

		if (!app)
			continue;
		hdr = dump_put(skb, cb, APPFW_CMD_GET_APP);
		if (!hdr) {
			ret = -EMSGSIZE;
			break;
		}
		ret = appfw_put_app(skb, app, true);
		if (ret) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		dump_end(skb, cb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = id;

	/* Not even one app fitted in an empty part: it never will. */
	if (ret && !skb->len)
		return ret;
	return skb->len;
}

static int put_domain(struct sk_buff *skb, const struct afw_domain_entry *e)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, 0);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, APPFW_A_DOMAIN_APP, e->app) ||
	    nla_put_string(skb, APPFW_A_DOMAIN_NAME, e->name) ||
	    nla_put_u8(skb, APPFW_A_DOMAIN_KIND, e->kind)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_prefix(struct sk_buff *skb, const struct afw_prefix *p)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, 0);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, APPFW_A_PREFIX_APP, p->app) ||
	    nla_put(skb, APPFW_A_PREFIX_ADDR, p->family == AFW_INET ? 4 : 16,
		    p->addr) ||
	    nla_put_u8(skb, APPFW_A_PREFIX_LEN, p->len)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Puts the table's entries from the cursor on into one message (an array
 * in attribute type), as many as fit. next() is the table's iterator,
 * put() writes one entry; both see the entry through the opaque e.
 */
struct entry_ops {
	u8 cmd;
	u16 type;
	/* 0 and advances *pos, or -ENOENT at the end; *app is the owner. */
	int (*next)(const struct appfw_policy *p, u32 *pos, void *e, u16 *app);
	int (*put)(struct sk_buff *skb, const void *e);
};

static int dump_entries(struct sk_buff *skb, struct netlink_callback *cb,
			const struct entry_ops *ops, void *e)
{
	const struct nlattr *attr = genl_dumpit_info(cb)->attrs[APPFW_A_FILTER_APP];
	u16 filter = attr ? nla_get_u16(attr) : 0, app;
	const struct appfw_policy *p;
	u32 pos = cb->args[0], prev;
	bool end = false;
	struct nlattr *list;
	int n = 0, ret = 0;
	void *hdr;

	rcu_read_lock();
	p = dump_policy(cb);
	if (dump_first(cb) && filter && !appfw_policy_app(p, filter)) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "no app with this id");
		return -ENOENT;
	}
	hdr = dump_put(skb, cb, ops->cmd);
	list = hdr ? nla_nest_start(skb, ops->type) : NULL;
	while (list) {
		prev = pos;
		if (ops->next(p, &pos, e, &app)) {
			end = true;
			break;
		}
		if (filter && app != filter)
			continue;
		if (ops->put(skb, e)) {
			pos = prev;
			break;
		}
		n++;
	}
	rcu_read_unlock();
	cb->args[0] = pos;

	if (n) {
		nla_nest_end(skb, list);
		dump_end(skb, cb, hdr);
		return skb->len;
	}
	if (hdr)
		genlmsg_cancel(skb, hdr);
	/* Nothing fitted in an empty part: it never will. */
	if (!end)
		ret = -EMSGSIZE;
	return ret;
}

static int domain_next(const struct appfw_policy *p, u32 *pos, void *e,
		       u16 *app)
{
	struct afw_domain_entry *d = e;
	int ret = afw_domain_table_next(p->domains, pos, d);

	*app = d->app;
	return ret;
}

static int domain_put(struct sk_buff *skb, const void *e)
{
	return put_domain(skb, e);
}

static int prefix_next(const struct appfw_policy *p, u32 *pos, void *e,
		       u16 *app)
{
	struct afw_prefix *x = e;
	int ret = afw_prefix_table_next(p->prefixes, pos, x);

	*app = x->app;
	return ret;
}

static int prefix_put(struct sk_buff *skb, const void *e)
{
	return put_prefix(skb, e);
}

static const struct entry_ops domain_ops = {
	.cmd = APPFW_CMD_GET_DOMAIN,
	.type = APPFW_A_DOMAINS,
	.next = domain_next,
	.put = domain_put,
};

static const struct entry_ops prefix_ops = {
	.cmd = APPFW_CMD_GET_PREFIX,
	.type = APPFW_A_PREFIXES,
	.next = prefix_next,
	.put = prefix_put,
};

int appfw_dump_domains(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afw_domain_entry e = {};

	return dump_entries(skb, cb, &domain_ops, &e);
}

int appfw_dump_prefixes(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct afw_prefix e = {};

	return dump_entries(skb, cb, &prefix_ops, &e);
}

/* After the prefix table: an address learned from DNS. */
static u16 lookup_learned(struct appfw_net *an, const struct nlattr *addr,
			  char *entry, size_t size)
{
	union nf_inet_addr a = {};
	u8 family = nla_len(addr) == 4 ? AF_INET : AF_INET6;
	u16 id;

	nla_memcpy(&a, addr, sizeof(a));
	id = appfw_learned_lookup(an, family, &a);
	if (id && family == AF_INET)
		snprintf(entry, size, "%pI4", &a.ip);
	else if (id)
		snprintf(entry, size, "%pI6c", &a.in6);
	return id;
}

/* What a flow to host or addr would get from p; see the uapi header. */
static int put_lookup(struct sk_buff *skb, struct appfw_net *an,
		      const struct appfw_policy *p,
		      const struct nlattr *host, const struct nlattr *addr)
{
	char entry[AFW_DOMAIN_LEN_MAX + 1] = "";
	const struct appfw_app *app;
	u8 kind = APPFW_PREFIX;
	u16 id;

	if (host) {
		struct afw_domain_entry m;
		const char *name = nla_data(host);

		id = afw_domain_lookup(p->domains, name, strlen(name), &m);
		if (id) {
			kind = m.kind;
			strscpy(entry, m.name, sizeof(entry));
		}
	} else if (nla_len(addr) == 4) {
		struct afw_prefix m;

		id = afw_prefix_lookup4(p->prefixes, nla_data(addr), &m);
		if (id)
			snprintf(entry, sizeof(entry), "%pI4/%u", m.addr, m.len);
	} else {
		struct afw_prefix m;

		id = afw_prefix_lookup6(p->prefixes, nla_data(addr), &m);
		if (id)
			snprintf(entry, sizeof(entry), "%pI6c/%u", m.addr, m.len);
	}
	if (addr && !appfw_policy_app(p, id)) {
		id = lookup_learned(an, addr, entry, sizeof(entry));
		kind = APPFW_LEARNED_ADDR;
	}

	app = appfw_policy_app(p, id);
	if (nla_put_u16(skb, APPFW_A_LOOKUP_APP, app ? id : 0))
		return -EMSGSIZE;
	if (app && (appfw_put_app(skb, app, false) ||
		    nla_put_u8(skb, APPFW_A_LOOKUP_KIND, kind) ||
		    nla_put_string(skb, APPFW_A_LOOKUP_ENTRY, entry)))
		return -EMSGSIZE;
	return 0;
}

int appfw_cmd_lookup(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct nlattr *host = info->attrs[APPFW_A_LOOKUP_HOST];
	struct nlattr *addr = info->attrs[APPFW_A_LOOKUP_ADDR];
	struct sk_buff *msg;
	const char *why;
	void *hdr;
	int ret;

	if (host && addr) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "a lookup is of APPFW_A_LOOKUP_HOST or APPFW_A_LOOKUP_ADDR, not both");
		return -EINVAL;
	}
	if (!host && !addr) {
		GENL_SET_ERR_MSG(info, "missing APPFW_A_LOOKUP_HOST or APPFW_A_LOOKUP_ADDR");
		return -EINVAL;
	}
	/* A name no entry can hold would answer "no app", and mislead. */
	if (host && afw_domain_check(nla_data(host), strlen(nla_data(host)),
				     &why)) {
		appfw_bad_attr(info->extack, host, why);
		return -EINVAL;
	}

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0,
				APPFW_CMD_LOOKUP);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	rcu_read_lock();
	ret = put_lookup(msg, an, rcu_dereference(an->policy), host, addr);
	rcu_read_unlock();
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}
