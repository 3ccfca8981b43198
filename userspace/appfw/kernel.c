// SPDX-License-Identifier: GPL-2.0
/*
 * Replies are checked as strictly as the kernel checks requests: what
 * comes back here may be written to a policy file, and a file that
 * `appfw restore` would refuse must not come out of `appfw save`.
 */
#include <errno.h>
#include <string.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "kernel.h"
#include "syntax.h"

static struct nla_policy top_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_APP] = { .type = NLA_NESTED },
	[APPFW_A_DOMAINS] = { .type = NLA_NESTED },
	[APPFW_A_PREFIXES] = { .type = NLA_NESTED },
};

static struct nla_policy app_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = { .type = NLA_U16 },
	[APPFW_A_APP_NAME] = { .type = NLA_STRING, .maxlen = APPFW_APP_NAME_LEN },
	[APPFW_A_APP_ACTION] = { .type = NLA_U8 },
	[APPFW_A_APP_FLAGS] = { .type = NLA_U32 },
	[APPFW_A_APP_DOMAINS] = { .type = NLA_U32 },
	[APPFW_A_APP_PREFIXES] = { .type = NLA_U32 },
	[APPFW_A_APP_STATS] = { .type = NLA_NESTED },
};

static struct nla_policy stats_policy[APPFW_A_STATS_MAX + 1] = {
	[APPFW_A_STATS_PACKETS] = { .type = NLA_U64 },
	[APPFW_A_STATS_BYTES] = { .type = NLA_U64 },
	[APPFW_A_STATS_FLOWS] = { .type = NLA_U64 },
	[APPFW_A_STATS_BLOCKED] = { .type = NLA_U64 },
};

static struct nla_policy domain_policy[APPFW_A_DOMAIN_MAX + 1] = {
	[APPFW_A_DOMAIN_APP] = { .type = NLA_U16 },
	[APPFW_A_DOMAIN_NAME] = { .type = NLA_STRING,
				  .maxlen = AFW_DOMAIN_LEN_MAX + 2 },
	[APPFW_A_DOMAIN_KIND] = { .type = NLA_U8 },
};

static struct nla_policy prefix_policy[APPFW_A_PREFIX_MAX + 1] = {
	[APPFW_A_PREFIX_APP] = { .type = NLA_U16 },
	[APPFW_A_PREFIX_ADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_PREFIX_LEN] = { .type = NLA_U8 },
};

static uint64_t get_u64(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

int appfw_parse_app(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[APPFW_A_MAX + 1], *app[APPFW_A_APP_MAX + 1];
	struct nlattr *stats[APPFW_A_STATS_MAX + 1] = { 0 };
	struct afw_policy *pol = arg;
	struct afw_app a = { 0 };
	const char *why;
	int err;

	if (genlmsg_parse(nlh, 0, tb, APPFW_A_MAX, top_policy) < 0 ||
	    !tb[APPFW_A_APP] ||
	    nla_parse_nested(app, APPFW_A_APP_MAX, tb[APPFW_A_APP],
			     app_policy) < 0 ||
	    !app[APPFW_A_APP_ID] || !app[APPFW_A_APP_NAME] ||
	    !app[APPFW_A_APP_ACTION])
		return -EPROTO;
	if (app[APPFW_A_APP_STATS] &&
	    nla_parse_nested(stats, APPFW_A_STATS_MAX, app[APPFW_A_APP_STATS],
			     stats_policy) < 0)
		return -EPROTO;
	a.id = nla_get_u16(app[APPFW_A_APP_ID]);
	a.action = nla_get_u8(app[APPFW_A_APP_ACTION]);
	nla_strlcpy(a.name, app[APPFW_A_APP_NAME], sizeof(a.name));
	if (afw_parse_app_name(a.name, &why))
		return -EPROTO;
	if (app[APPFW_A_APP_FLAGS])
		a.flags = nla_get_u32(app[APPFW_A_APP_FLAGS]);
	if (app[APPFW_A_APP_DOMAINS])
		a.ndomains = nla_get_u32(app[APPFW_A_APP_DOMAINS]);
	if (app[APPFW_A_APP_PREFIXES])
		a.nprefixes = nla_get_u32(app[APPFW_A_APP_PREFIXES]);
	a.packets = get_u64(stats[APPFW_A_STATS_PACKETS]);
	a.bytes = get_u64(stats[APPFW_A_STATS_BYTES]);
	a.flows = get_u64(stats[APPFW_A_STATS_FLOWS]);
	a.blocked = get_u64(stats[APPFW_A_STATS_BLOCKED]);
	err = afw_policy_add_app(pol, &a, NULL);
	return err == -EEXIST || err == -EINVAL ? -EPROTO : err;
}

/* An entry of an app not in the policy means the policy changed between
 * the dumps: the caller reads everything again. */
static int entry_error(int err)
{
	if (err == -ENOENT)
		return -EINTR;
	return err == -EEXIST || err == -EINVAL ? -EPROTO : err;
}

static int parse_domain(struct nlattr *entry, struct afw_policy *pol)
{
	struct nlattr *tb[APPFW_A_DOMAIN_MAX + 1];
	char name[AFW_DOMAIN_LEN_MAX + 1];
	const char *why;
	uint8_t kind;

	if (nla_parse_nested(tb, APPFW_A_DOMAIN_MAX, entry, domain_policy) < 0 ||
	    !tb[APPFW_A_DOMAIN_APP] || !tb[APPFW_A_DOMAIN_NAME] ||
	    !tb[APPFW_A_DOMAIN_KIND])
		return -EPROTO;
	kind = nla_get_u8(tb[APPFW_A_DOMAIN_KIND]);
	if (kind != APPFW_DOMAIN_SUFFIX && kind != APPFW_DOMAIN_EXACT)
		return -EPROTO;
	if (afw_parse_domain(nla_data(tb[APPFW_A_DOMAIN_NAME]), name, &why))
		return -EPROTO;
	return entry_error(afw_policy_add_domain(pol, name, kind,
		nla_get_u16(tb[APPFW_A_DOMAIN_APP]), 0, NULL));
}

static int parse_prefix(struct nlattr *entry, struct afw_policy *pol)
{
	struct nlattr *tb[APPFW_A_PREFIX_MAX + 1];
	struct afw_prefix p = { 0 };
	int len;

	if (nla_parse_nested(tb, APPFW_A_PREFIX_MAX, entry, prefix_policy) < 0 ||
	    !tb[APPFW_A_PREFIX_APP] || !tb[APPFW_A_PREFIX_ADDR] ||
	    !tb[APPFW_A_PREFIX_LEN])
		return -EPROTO;
	len = nla_len(tb[APPFW_A_PREFIX_ADDR]);
	if (len != 4 && len != 16)
		return -EPROTO;
	memcpy(p.addr, nla_data(tb[APPFW_A_PREFIX_ADDR]), (size_t)len);
	p.family = len == 4 ? AFW_INET : AFW_INET6;
	p.len = nla_get_u8(tb[APPFW_A_PREFIX_LEN]);
	p.app = nla_get_u16(tb[APPFW_A_PREFIX_APP]);
	if (afw_prefix_check(&p, NULL))
		return -EPROTO;
	return entry_error(afw_policy_add_prefix(pol, &p, 0, NULL));
}

/* A dump reply: the list attribute with any number of entries. */
static int parse_list(struct nlmsghdr *nlh, struct afw_policy *pol, int attr,
		      int (*parse)(struct nlattr *, struct afw_policy *))
{
	struct nlattr *tb[APPFW_A_MAX + 1], *entry;
	int rem, err;

	if (genlmsg_parse(nlh, 0, tb, APPFW_A_MAX, top_policy) < 0 ||
	    !tb[attr])
		return -EPROTO;
	nla_for_each_nested(entry, tb[attr], rem) {
		err = parse(entry, pol);
		if (err)
			return err;
	}
	return 0;
}

int appfw_parse_domains(struct nlmsghdr *nlh, void *pol)
{
	return parse_list(nlh, pol, APPFW_A_DOMAINS, parse_domain);
}

int appfw_parse_prefixes(struct nlmsghdr *nlh, void *pol)
{
	return parse_list(nlh, pol, APPFW_A_PREFIXES, parse_prefix);
}

int appfw_talk_app(struct afw_genl *g, uint8_t cmd, int flags, uint16_t app,
		   afw_genl_cb cb, void *arg)
{
	struct nl_msg *msg = afw_genl_msg(g, cmd, flags);

	if (!msg)
		return -ENOMEM;
	if (app && nla_put_u16(msg, APPFW_A_FILTER_APP, app) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return afw_genl_talk(g, msg, cb, arg);
}

int appfw_read_apps(struct afw_genl *g, struct afw_policy *pol)
{
	return appfw_talk_app(g, APPFW_CMD_GET_APP, NLM_F_DUMP, 0,
			      appfw_parse_app, pol);
}

int appfw_read_entries(struct afw_genl *g, struct afw_policy *pol,
		       uint16_t app)
{
	int err = appfw_talk_app(g, APPFW_CMD_GET_DOMAIN, NLM_F_DUMP, app,
				 appfw_parse_domains, pol);

	if (!err)
		err = appfw_talk_app(g, APPFW_CMD_GET_PREFIX, NLM_F_DUMP, app,
				     appfw_parse_prefixes, pol);
	return err;
}

/* Reads once; -EINTR if a commit came in between. */
static int read_once(struct afw_genl *g, struct afw_policy *pol,
		     const char *only, struct appfw_status *st)
{
	uint64_t before;
	long i = -1;
	int err;

	err = appfw_status_get(g, st);
	if (err)
		return err;
	before = st->generation;
	err = appfw_read_apps(g, pol);
	if (!err && only)
		i = afw_policy_find_app(pol, only);
	if (!err && (!only || i >= 0))
		err = appfw_read_entries(g, pol, only ? pol->apps[i].id : 0);
	if (!err)
		err = appfw_status_get(g, st);
	if (!err && st->generation != before)
		err = -EINTR;
	pol->config = st->config;
	return err;
}

int appfw_read_policy(struct afw_genl *g, struct afw_policy *pol,
		      const char *only, struct appfw_status *st)
{
	int err;

	for (int attempt = 0;; attempt++) {
		afw_policy_free(pol);
		err = read_once(g, pol, only, st);
		if (err != -EINTR || attempt == 4)
			return err;
	}
}

int appfw_put_new_app(struct nl_msg *msg, const void *entry)
{
	const struct afw_app *a = entry;
	struct nlattr *nest = nla_nest_start(msg, APPFW_A_APP);

	if (!nest || nla_put_u16(msg, APPFW_A_APP_ID, a->id) < 0 ||
	    nla_put_string(msg, APPFW_A_APP_NAME, a->name) < 0 ||
	    nla_put_u8(msg, APPFW_A_APP_ACTION, a->action) < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int appfw_put_set_app(struct nl_msg *msg, const void *entry)
{
	const struct afw_app *a = entry;
	struct nlattr *nest = nla_nest_start(msg, APPFW_A_APP);

	if (!nest || nla_put_u16(msg, APPFW_A_APP_ID, a->id) < 0 ||
	    nla_put_u8(msg, APPFW_A_APP_ACTION, a->action) < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

int appfw_put_app_id(struct nl_msg *msg, const void *entry)
{
	const struct afw_app *a = entry;
	struct nlattr *nest = nla_nest_start(msg, APPFW_A_APP);

	if (!nest || nla_put_u16(msg, APPFW_A_APP_ID, a->id) < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Fills a reserved attribute: header, value, zeroed padding. */
static char *put_attr(char *at, uint16_t type, const void *data, size_t len)
{
	struct nlattr nla = { .nla_len = (uint16_t)(NLA_HDRLEN + len),
			      .nla_type = type };
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	memcpy(at, &nla, sizeof(nla));
	memcpy(at + NLA_HDRLEN, data, len);
	memset(at + NLA_HDRLEN + len, 0, total - NLA_HDRLEN - len);
	return at + total;
}

/*
 * The three attributes in one reservation: a load of 10^6 names spent as
 * long in libnl's nla_put as in reading the file.
 */
int appfw_put_domain(struct nl_msg *msg, const void *entry)
{
	const struct appfw_domain_ref *r = entry;
	const char *name = afw_policy_domain_name(r->pol, r->d);
	size_t len = (size_t)r->d->len + 1;
	uint16_t app = r->d->app;
	uint8_t kind = r->d->kind;
	char *at;

	at = nlmsg_reserve(msg, NLA_ALIGN(NLA_HDRLEN + sizeof(app)) +
			   NLA_ALIGN(NLA_HDRLEN + len) +
			   NLA_ALIGN(NLA_HDRLEN + sizeof(kind)), NLA_ALIGNTO);
	if (!at)
		return -EMSGSIZE;
	at = put_attr(at, APPFW_A_DOMAIN_APP, &app, sizeof(app));
	at = put_attr(at, APPFW_A_DOMAIN_NAME, name, len);
	put_attr(at, APPFW_A_DOMAIN_KIND, &kind, sizeof(kind));
	return 0;
}

int appfw_put_prefix(struct nl_msg *msg, const void *entry)
{
	const struct afw_prefix *p = entry;

	if (nla_put_u16(msg, APPFW_A_PREFIX_APP, p->app) < 0 ||
	    nla_put(msg, APPFW_A_PREFIX_ADDR, p->family == AFW_INET ? 4 : 16,
		    p->addr) < 0 ||
	    nla_put_u8(msg, APPFW_A_PREFIX_LEN, p->len) < 0)
		return -EMSGSIZE;
	return 0;
}

int appfw_put_config(struct nl_msg *msg, const void *entry)
{
	const struct afw_config *c = entry;
	struct nlattr *nest = nla_nest_start(msg, APPFW_A_CONFIG);

	if (!nest ||
	    (c->has_mark_mask &&
	     nla_put_u32(msg, APPFW_A_CONFIG_MARK_MASK, c->mark_mask) < 0) ||
	    (c->has_skb_mark &&
	     nla_put_u8(msg, APPFW_A_CONFIG_SKB_MARK, c->skb_mark) < 0) ||
	    (c->has_depth && nla_put_u8(msg, APPFW_A_CONFIG_DEPTH, c->depth) < 0) ||
	    (c->has_fail_closed &&
	     nla_put_u8(msg, APPFW_A_CONFIG_FAIL_CLOSED, c->fail_closed) < 0) ||
	    (c->has_learn &&
	     nla_put_u8(msg, APPFW_A_CONFIG_LEARN, c->learn) < 0))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}
