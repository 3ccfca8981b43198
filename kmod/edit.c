// SPDX-License-Identifier: GPL-2.0
/*
 * The commands that change the policy: BEGIN, COMMIT, ABORT and the edits.
 * Every edit runs through run_edit(), which applies it to the sender's
 * transaction or, when the sender has none, to one of its own that it
 * commits at once.
 *
 * The family validates an edit's outer attribute (netlink.c); what is
 * inside is parsed here against the strict policies below, so that a
 * malformed entry fails inside the transaction and cancels it as any
 * other failed edit does: a loader that ignores an error must not be able
 * to commit a policy missing the entry it was told about.
 */

#include "commands.h"
#include "netns.h"
#include "txn.h"

#include <linux/socket.h>

static_assert((int)APPFW_DOMAIN_SUFFIX == (int)AFW_DOMAIN_SUFFIX);
static_assert((int)APPFW_DOMAIN_EXACT == (int)AFW_DOMAIN_EXACT);
static_assert(AF_INET == AFW_INET && AF_INET6 == AFW_INET6);

#define APP_ID NLA_POLICY_RANGE(NLA_U16, 1, APPFW_APP_ID_MAX)

static const struct nla_policy app_new_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = APP_ID,
	[APPFW_A_APP_NAME] = { .type = NLA_NUL_STRING,
			       .len = APPFW_APP_NAME_LEN - 1 },
	[APPFW_A_APP_ACTION] = NLA_POLICY_RANGE(NLA_U8, APPFW_ACTION_ALLOW,
						APPFW_ACTION_MAX),
	[APPFW_A_APP_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0),
};

/* SET changes the action and flags only: an app is not renamed. */
static const struct nla_policy app_set_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = APP_ID,
	[APPFW_A_APP_ACTION] = NLA_POLICY_RANGE(NLA_U8, APPFW_ACTION_ALLOW,
						APPFW_ACTION_MAX),
	[APPFW_A_APP_FLAGS] = NLA_POLICY_MASK(NLA_U32, 0),
};

static const struct nla_policy app_del_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = APP_ID,
};

static const struct nla_policy domain_policy[APPFW_A_DOMAIN_MAX + 1] = {
	[APPFW_A_DOMAIN_APP] = APP_ID,
	/* One more than the longest name: a trailing dot is allowed. */
	[APPFW_A_DOMAIN_NAME] = { .type = NLA_NUL_STRING,
				  .len = AFW_DOMAIN_LEN_MAX + 1 },
	[APPFW_A_DOMAIN_KIND] = NLA_POLICY_RANGE(NLA_U8, APPFW_DOMAIN_SUFFIX,
						 APPFW_DOMAIN_EXACT),
};

static const struct nla_policy prefix_policy[APPFW_A_PREFIX_MAX + 1] = {
	[APPFW_A_PREFIX_APP] = APP_ID,
	[APPFW_A_PREFIX_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						       appfw_validate_addr, 16),
	[APPFW_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy config_policy[APPFW_A_CONFIG_MAX + 1] = {
	[APPFW_A_CONFIG_MARK_MASK] = { .type = NLA_U32 },
	[APPFW_A_CONFIG_SKB_MARK] = NLA_POLICY_MAX(NLA_U8, 1),
	[APPFW_A_CONFIG_DEPTH] = NLA_POLICY_RANGE(NLA_U8, 1, APPFW_DEPTH_MAX),
	[APPFW_A_CONFIG_FAIL_CLOSED] = NLA_POLICY_MAX(NLA_U8, 1),
	[APPFW_A_CONFIG_LEARN] = NLA_POLICY_MAX(NLA_U8, 1),
};

/*
 * Transactions
 */

/* The transaction the sender owns, or NULL with *err and extack set. */
static struct appfw_txn *own_txn(struct appfw_net *an, struct genl_info *info,
				 int *err)
{
	struct appfw_txn *txn = an->txn;

	if (!txn) {
		GENL_SET_ERR_MSG(info, "no transaction is open");
		*err = -ENOENT;
		return NULL;
	}
	if (txn->portid != info->snd_portid) {
		GENL_SET_ERR_MSG(info, "the transaction belongs to another socket");
		*err = -EBUSY;
		return NULL;
	}
	return txn;
}

int appfw_cmd_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	int ret;

	mutex_lock(&an->lock);
	if (an->txn && an->txn->portid == info->snd_portid) {
		GENL_SET_ERR_MSG(info, "this socket has a transaction open already");
		ret = -EBUSY;
	} else if (an->txn) {
		GENL_SET_ERR_MSG(info, "another socket has a transaction open");
		ret = -EBUSY;
	} else {
		ret = appfw_txn_new(an, info->snd_portid, &an->txn);
		if (ret)
			GENL_SET_ERR_MSG(info, "no memory for a transaction");
	}
	mutex_unlock(&an->lock);
	return ret;
}

int appfw_cmd_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct appfw_txn *txn;
	struct sk_buff *msg;
	u64 generation = 0;
	int ret = 0;
	void *hdr;

	/* Allocated first: a published policy must not end in -ENOMEM. */
	msg = genlmsg_new(nla_total_size_64bit(sizeof(u64)), GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the reply");
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &appfw_genl_family, 0,
				APPFW_CMD_COMMIT);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	mutex_lock(&an->lock);
	txn = own_txn(an, info, &ret);
	if (txn && txn->cancelled) {
		GENL_SET_ERR_MSG(info, "the transaction was cancelled by a failed edit: abort it");
		ret = -ECANCELED;
	} else if (txn) {
		ret = appfw_txn_commit(an, txn, info->extack);
		if (ret) {
			/* As a failed edit: half a policy stays unpublished. */
			txn->cancelled = true;
		} else {
			generation = appfw_policy_current(an)->generation;
			appfw_txn_free(txn);
			an->txn = NULL;
		}
	}
	mutex_unlock(&an->lock);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}

	if (nla_put_u64_64bit(msg, APPFW_A_GENERATION, generation,
			      APPFW_A_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int appfw_cmd_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct appfw_txn *txn;
	int ret = 0;

	mutex_lock(&an->lock);
	txn = own_txn(an, info, &ret);
	if (txn) {
		appfw_txn_free(txn);
		an->txn = NULL;
	}
	mutex_unlock(&an->lock);
	return ret;
}

void appfw_txn_release(struct net *net, u32 portid)
{
	struct appfw_net *an = appfw_net(net);

	mutex_lock(&an->lock);
	if (an->txn && an->txn->portid == portid) {
		appfw_txn_free(an->txn);
		an->txn = NULL;
	}
	mutex_unlock(&an->lock);
}

typedef int (*edit_fn)(struct appfw_txn *txn, struct genl_info *info);

static int run_edit(struct genl_info *info, edit_fn fn)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct appfw_txn *txn;
	int ret;

	mutex_lock(&an->lock);
	txn = an->txn;
	if (txn && txn->portid != info->snd_portid) {
		GENL_SET_ERR_MSG(info, "another socket has a transaction open");
		ret = -EBUSY;
	} else if (txn && txn->cancelled) {
		GENL_SET_ERR_MSG(info, "the transaction was cancelled by a failed edit: abort it");
		ret = -ECANCELED;
	} else if (txn) {
		ret = fn(txn, info);
		if (ret)
			txn->cancelled = true;
	} else {
		ret = appfw_txn_new(an, info->snd_portid, &txn);
		if (ret) {
			GENL_SET_ERR_MSG(info, "no memory for a transaction");
		} else {
			ret = fn(txn, info);
			if (!ret)
				ret = appfw_txn_commit(an, txn, info->extack);
			appfw_txn_free(txn);
		}
	}
	mutex_unlock(&an->lock);
	return ret;
}

/*
 * Apps
 */

static bool app_name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '.' || *s == '-'))
			return false;
	return true;
}

/* The app attr (an APPFW_A_*_APP or APPFW_A_APP_ID) names, or NULL. */
static const struct appfw_app *find_app(const struct appfw_txn *txn,
					const struct nlattr *attr,
					struct netlink_ext_ack *extack)
{
	const struct appfw_app *app = appfw_txn_app(txn, nla_get_u16(attr));

	if (!app)
		NL_SET_ERR_MSG_ATTR(extack, attr, "no app with this id");
	return app;
}

/* APPFW_A_APP into tb, with APPFW_A_APP_ID present. */
static int parse_app(struct genl_info *info, const struct nla_policy *policy,
		     struct nlattr **tb)
{
	struct nlattr *nest = info->attrs[APPFW_A_APP];
	int ret;

	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_APP))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_APP_MAX, nest, policy, info->extack);
	if (ret)
		return ret;
	if (appfw_missing(info->extack, nest, tb, APPFW_A_APP_ID))
		return -EINVAL;
	return 0;
}

static int new_app(struct appfw_txn *txn, struct genl_info *info)
{
	struct nlattr *tb[APPFW_A_APP_MAX + 1], *nest = info->attrs[APPFW_A_APP];
	const char *name;
	int ret;
	u16 id;

	ret = parse_app(info, app_new_policy, tb);
	if (ret)
		return ret;
	if (appfw_missing(info->extack, nest, tb, APPFW_A_APP_NAME) ||
	    appfw_missing(info->extack, nest, tb, APPFW_A_APP_ACTION))
		return -EINVAL;
	id = nla_get_u16(tb[APPFW_A_APP_ID]);
	name = nla_data(tb[APPFW_A_APP_NAME]);
	if (!app_name_ok(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_APP_NAME],
				    "an app name is 1 to 31 of a-z, 0-9, _, . and -");
		return -EINVAL;
	}
	if (appfw_txn_app(txn, id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_APP_ID],
				    "an app with this id exists");
		return -EEXIST;
	}
	if (appfw_txn_app_named(txn, name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_APP_NAME],
				    "an app with this name exists");
		return -EEXIST;
	}
	ret = appfw_txn_add_app(txn, id, name,
				nla_get_u8(tb[APPFW_A_APP_ACTION]),
				tb[APPFW_A_APP_FLAGS] ?
				nla_get_u32(tb[APPFW_A_APP_FLAGS]) : 0);
	if (ret)
		GENL_SET_ERR_MSG(info, "no memory for the app");
	return ret;
}

static int set_app(struct appfw_txn *txn, struct genl_info *info)
{
	struct nlattr *tb[APPFW_A_APP_MAX + 1];
	u8 action;
	u32 flags;
	int ret;

	ret = parse_app(info, app_set_policy, tb);
	if (ret)
		return ret;
	if (!tb[APPFW_A_APP_ACTION] && !tb[APPFW_A_APP_FLAGS]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[APPFW_A_APP],
				    "nothing to set: no APPFW_A_APP_ACTION or APPFW_A_APP_FLAGS");
		return -EINVAL;
	}
	if (!find_app(txn, tb[APPFW_A_APP_ID], info->extack))
		return -ENOENT;
	if (tb[APPFW_A_APP_ACTION])
		action = nla_get_u8(tb[APPFW_A_APP_ACTION]);
	if (tb[APPFW_A_APP_FLAGS])
		flags = nla_get_u32(tb[APPFW_A_APP_FLAGS]);
	ret = appfw_txn_set_app(txn, nla_get_u16(tb[APPFW_A_APP_ID]),
				tb[APPFW_A_APP_ACTION] ? &action : NULL,
				tb[APPFW_A_APP_FLAGS] ? &flags : NULL);
	if (ret)
		GENL_SET_ERR_MSG(info, "no memory for the app");
	return ret;
}

static int del_app(struct appfw_txn *txn, struct genl_info *info)
{
	struct nlattr *tb[APPFW_A_APP_MAX + 1];
	int ret;

	ret = parse_app(info, app_del_policy, tb);
	if (ret)
		return ret;
	if (!find_app(txn, tb[APPFW_A_APP_ID], info->extack))
		return -ENOENT;
	ret = appfw_txn_del_app(txn, nla_get_u16(tb[APPFW_A_APP_ID]));
	if (ret)
		GENL_SET_ERR_MSG(info, "no memory to remove the app's entries");
	return ret;
}

/*
 * Domains and prefixes: an array of entries, applied in order. One bad
 * entry fails the message; its transaction is then cancelled or, for a
 * single edit, dropped, so a message applies all or none.
 */

typedef int (*entry_fn)(struct appfw_txn *txn, const struct nlattr *entry,
			bool add, struct netlink_ext_ack *extack);

static int edit_entries(struct appfw_txn *txn, const struct nlattr *list,
			bool add, entry_fn fn, struct netlink_ext_ack *extack)
{
	const struct nlattr *entry;
	int rem, ret;

	nla_for_each_nested(entry, list, rem) {
		if (nla_type(entry)) {
			NL_SET_ERR_MSG_ATTR(extack, entry,
					    "array entries have the type 0");
			return -EINVAL;
		}
		ret = fn(txn, entry, add, extack);
		if (ret)
			return ret;
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, list, "trailing bytes after the last entry");
		return -EINVAL;
	}
	return 0;
}

static int domain_entry(struct appfw_txn *txn, const struct nlattr *entry,
			bool add, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[APPFW_A_DOMAIN_MAX + 1];
	const char *name, *why;
	size_t len;
	u16 app;
	u8 kind;
	int ret;

	ret = nla_parse_nested(tb, APPFW_A_DOMAIN_MAX, entry, domain_policy,
			       extack);
	if (ret)
		return ret;
	if (appfw_missing(extack, entry, tb, APPFW_A_DOMAIN_APP) ||
	    appfw_missing(extack, entry, tb, APPFW_A_DOMAIN_NAME) ||
	    appfw_missing(extack, entry, tb, APPFW_A_DOMAIN_KIND))
		return -EINVAL;
	name = nla_data(tb[APPFW_A_DOMAIN_NAME]);
	len = strlen(name);
	if (afw_domain_check(name, len, &why)) {
		appfw_bad_attr(extack, tb[APPFW_A_DOMAIN_NAME], why);
		return -EINVAL;
	}
	if (!find_app(txn, tb[APPFW_A_DOMAIN_APP], extack))
		return -ENOENT;
	app = nla_get_u16(tb[APPFW_A_DOMAIN_APP]);
	kind = nla_get_u8(tb[APPFW_A_DOMAIN_KIND]);

	if (add) {
		ret = appfw_txn_add_domain(txn, name, len, kind, app);
		if (ret == -EEXIST)
			NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_DOMAIN_NAME],
					    "the name has an owner of this kind already");
		else if (ret == -ENOSPC)
			NL_SET_ERR_MSG_ATTR(extack, entry, "the domain table is full");
		else if (ret)
			NL_SET_ERR_MSG(extack, "no memory for the domain");
	} else {
		ret = appfw_txn_del_domain(txn, name, len, kind, app);
		if (ret == -ENOENT)
			NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_DOMAIN_NAME],
					    "the app owns no such name of this kind");
		else if (ret)
			NL_SET_ERR_MSG(extack, "no memory to change the domains");
	}
	return ret;
}

static int prefix_entry(struct appfw_txn *txn, const struct nlattr *entry,
			bool add, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[APPFW_A_PREFIX_MAX + 1];
	struct afw_prefix p = {};
	const char *why;
	int ret;

	ret = nla_parse_nested(tb, APPFW_A_PREFIX_MAX, entry, prefix_policy,
			       extack);
	if (ret)
		return ret;
	if (appfw_missing(extack, entry, tb, APPFW_A_PREFIX_APP) ||
	    appfw_missing(extack, entry, tb, APPFW_A_PREFIX_ADDR) ||
	    appfw_missing(extack, entry, tb, APPFW_A_PREFIX_LEN))
		return -EINVAL;
	p.family = nla_len(tb[APPFW_A_PREFIX_ADDR]) == 4 ? AFW_INET : AFW_INET6;
	nla_memcpy(p.addr, tb[APPFW_A_PREFIX_ADDR], sizeof(p.addr));
	p.len = nla_get_u8(tb[APPFW_A_PREFIX_LEN]);
	p.app = nla_get_u16(tb[APPFW_A_PREFIX_APP]);
	if (p.family == AFW_INET && p.len > 32) {
		NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_PREFIX_LEN],
				    "an IPv4 prefix length is 0 to 32");
		return -EINVAL;
	}
	if (afw_prefix_check(&p, &why)) {
		appfw_bad_attr(extack, tb[APPFW_A_PREFIX_ADDR], why);
		return -EINVAL;
	}
	if (!find_app(txn, tb[APPFW_A_PREFIX_APP], extack))
		return -ENOENT;

	if (add) {
		ret = appfw_txn_add_prefix(txn, &p);
		if (ret == -EEXIST)
			NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_PREFIX_ADDR],
					    "the prefix has an owner already");
		else if (ret == -ENOSPC)
			NL_SET_ERR_MSG_ATTR(extack, entry, "the prefix table is full");
		else if (ret)
			NL_SET_ERR_MSG(extack, "no memory for the prefix");
	} else {
		ret = appfw_txn_del_prefix(txn, &p);
		if (ret == -ENOENT)
			NL_SET_ERR_MSG_ATTR(extack, tb[APPFW_A_PREFIX_ADDR],
					    "the app owns no such prefix");
		else if (ret)
			NL_SET_ERR_MSG(extack, "no memory to change the prefixes");
	}
	return ret;
}

static int new_domains(struct appfw_txn *txn, struct genl_info *info)
{
	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_DOMAINS))
		return -EINVAL;
	return edit_entries(txn, info->attrs[APPFW_A_DOMAINS], true,
			    domain_entry, info->extack);
}

static int del_domains(struct appfw_txn *txn, struct genl_info *info)
{
	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_DOMAINS))
		return -EINVAL;
	return edit_entries(txn, info->attrs[APPFW_A_DOMAINS], false,
			    domain_entry, info->extack);
}

static int new_prefixes(struct appfw_txn *txn, struct genl_info *info)
{
	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_PREFIXES))
		return -EINVAL;
	return edit_entries(txn, info->attrs[APPFW_A_PREFIXES], true,
			    prefix_entry, info->extack);
}

static int del_prefixes(struct appfw_txn *txn, struct genl_info *info)
{
	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_PREFIXES))
		return -EINVAL;
	return edit_entries(txn, info->attrs[APPFW_A_PREFIXES], false,
			    prefix_entry, info->extack);
}

/*
 * Configuration. Whether the apps' ids fit a new mark mask is for commit
 * to say: the loader may change the apps after the mask.
 */
static int set_config(struct appfw_txn *txn, struct genl_info *info)
{
	struct nlattr *tb[APPFW_A_CONFIG_MAX + 1];
	struct appfw_config *c = appfw_txn_config(txn);
	const char *why;
	int ret;

	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_CONFIG))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_CONFIG_MAX,
			       info->attrs[APPFW_A_CONFIG], config_policy,
			       info->extack);
	if (ret)
		return ret;
	if (tb[APPFW_A_CONFIG_MARK_MASK]) {
		u32 mask = nla_get_u32(tb[APPFW_A_CONFIG_MARK_MASK]);

		if (appfw_config_check_mask(mask, &why)) {
			appfw_bad_attr(info->extack,
				       tb[APPFW_A_CONFIG_MARK_MASK], why);
			return -EINVAL;
		}
		appfw_config_set_mask(c, mask);
	}
	if (tb[APPFW_A_CONFIG_SKB_MARK])
		c->skb_mark = nla_get_u8(tb[APPFW_A_CONFIG_SKB_MARK]);
	if (tb[APPFW_A_CONFIG_DEPTH])
		c->depth = nla_get_u8(tb[APPFW_A_CONFIG_DEPTH]);
	if (tb[APPFW_A_CONFIG_FAIL_CLOSED])
		c->fail_closed = nla_get_u8(tb[APPFW_A_CONFIG_FAIL_CLOSED]);
	if (tb[APPFW_A_CONFIG_LEARN])
		c->learn = nla_get_u8(tb[APPFW_A_CONFIG_LEARN]);
	return 0;
}

int appfw_cmd_new_app(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, new_app);
}

int appfw_cmd_set_app(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, set_app);
}

int appfw_cmd_del_app(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, del_app);
}

int appfw_cmd_new_domain(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, new_domains);
}

int appfw_cmd_del_domain(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, del_domains);
}

int appfw_cmd_new_prefix(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, new_prefixes);
}

int appfw_cmd_del_prefix(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, del_prefixes);
}

int appfw_cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	return run_edit(info, set_config);
}
