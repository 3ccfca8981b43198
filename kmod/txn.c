// SPDX-License-Identifier: GPL-2.0
/*
 * Transactions: what an edit does to the pending snapshot, and commit.
 * txn.h explains the copy-on-write.
 */

#include "txn.h"
#include "netns.h"

#include <linux/slab.h>

int appfw_txn_new(struct appfw_net *an, u32 portid, struct appfw_txn **tp)
{
	struct appfw_txn *txn;

	txn = kzalloc(sizeof(*txn), GFP_KERNEL_ACCOUNT);
	if (!txn)
		return -ENOMEM;
	txn->next = appfw_policy_clone(appfw_policy_current(an));
	if (!txn->next) {
		kfree(txn);
		return -ENOMEM;
	}
	txn->portid = portid;
	*tp = txn;
	return 0;
}

void appfw_txn_free(struct appfw_txn *txn)
{
	if (!txn)
		return;
	afw_domain_builder_free(txn->domains);
	afw_prefix_builder_free(txn->prefixes);
	appfw_policy_free(txn->next);
	kfree(txn);
}

int appfw_txn_commit(struct appfw_net *an, struct appfw_txn *txn,
		     struct netlink_ext_ack *extack)
{
	struct appfw_policy *next = txn->next;
	struct afw_domain_table *domains = NULL;
	struct afw_prefix_table *prefixes = NULL;
	int ret;

	lockdep_assert_held(&an->lock);

	/* Here, not at each edit: a loader may set the mask after the apps. */
	if (appfw_policy_top_id(next) > appfw_config_max_app(&next->config)) {
		NL_SET_ERR_MSG(extack,
			       "an app id is too large for the mark mask");
		return -ERANGE;
	}
	/* An emptied table becomes none: the lookups' fastest case. */
	if (txn->domains && afw_domain_builder_count(txn->domains)) {
		ret = afw_domain_build(txn->domains, &domains);
		if (ret) {
			NL_SET_ERR_MSG(extack, "no memory for the domain table");
			return ret;
		}
	}
	if (txn->prefixes && afw_prefix_builder_count(txn->prefixes)) {
		ret = afw_prefix_build(txn->prefixes, &prefixes);
		if (ret) {
			afw_domain_table_free(domains);
			NL_SET_ERR_MSG(extack, "no memory for the prefix table");
			return ret;
		}
	}
	if (txn->domains) {
		next->domains = domains;
		next->own_domains = true;
	}
	if (txn->prefixes) {
		next->prefixes = prefixes;
		next->own_prefixes = true;
	}
	appfw_policy_publish(an, next);
	txn->next = NULL;
	return 0;
}

const struct appfw_app *appfw_txn_app(const struct appfw_txn *txn, u16 id)
{
	return appfw_policy_app(txn->next, id);
}

const struct appfw_app *appfw_txn_app_named(const struct appfw_txn *txn,
					    const char *name)
{
	const struct appfw_policy *p = txn->next;
	u32 id;

	for (id = 1; id <= p->max_id; id++)
		if (p->apps[id] && !strcmp(p->apps[id]->name, name))
			return p->apps[id];
	return NULL;
}

/*
 * The pending snapshot's app id, writable: copied first if a published
 * (or retiring) snapshot holds it too. NULL: no memory.
 */
static struct appfw_app *app_mut(struct appfw_txn *txn, u16 id)
{
	struct appfw_app *app = txn->next->apps[id], *copy;

	/* References are taken only under our mutex: 1 is ours alone. */
	if (refcount_read(&app->ref) == 1)
		return app;
	copy = kmemdup(app, sizeof(*app), GFP_KERNEL_ACCOUNT);
	if (!copy)
		return NULL;
	refcount_set(&copy->ref, 1);
	refcount_inc(&copy->stats->ref);
	txn->next->apps[id] = copy;
	appfw_app_put(app);
	return copy;
}

int appfw_txn_add_app(struct appfw_txn *txn, u16 id, const char *name,
		      u8 action, u32 flags)
{
	struct appfw_app *app;
	int ret;

	ret = appfw_policy_reserve(txn->next, id);
	if (ret)
		return ret;
	app = appfw_app_new(id, name, action, flags);
	if (!app)
		return -ENOMEM;
	txn->next->apps[id] = app;
	txn->next->napps++;
	return 0;
}

int appfw_txn_set_app(struct appfw_txn *txn, u16 id, const u8 *action,
		      const u32 *flags)
{
	struct appfw_app *app = app_mut(txn, id);

	if (!app)
		return -ENOMEM;
	if (action)
		app->action = *action;
	if (flags)
		app->flags = *flags;
	return 0;
}

static int open_domains(struct appfw_txn *txn)
{
	if (txn->domains)
		return 0;
	return afw_domain_builder_new(&txn->domains, txn->next->domains);
}

static int open_prefixes(struct appfw_txn *txn)
{
	if (txn->prefixes)
		return 0;
	return afw_prefix_builder_new(&txn->prefixes, txn->next->prefixes);
}

int appfw_txn_del_app(struct appfw_txn *txn, u16 id)
{
	struct appfw_app *app = txn->next->apps[id];
	int ret;

	/* Its entries go too, or a later app with this id would get them. */
	if (app->domains) {
		ret = open_domains(txn);
		if (ret)
			return ret;
		afw_domain_builder_del_app(txn->domains, id);
	}
	if (app->prefixes) {
		ret = open_prefixes(txn);
		if (ret)
			return ret;
		afw_prefix_builder_del_app(txn->prefixes, id);
	}
	txn->next->apps[id] = NULL;
	txn->next->napps--;
	appfw_app_put(app);
	return 0;
}

int appfw_txn_add_domain(struct appfw_txn *txn, const char *name, size_t len,
			 enum afw_domain_kind kind, u16 id)
{
	struct appfw_app *app;
	int ret;

	app = app_mut(txn, id);
	if (!app)
		return -ENOMEM;
	ret = open_domains(txn);
	if (!ret)
		ret = afw_domain_builder_add(txn->domains, name, len, kind, id);
	if (!ret)
		app->domains++;
	return ret;
}

int appfw_txn_del_domain(struct appfw_txn *txn, const char *name, size_t len,
			 enum afw_domain_kind kind, u16 id)
{
	struct appfw_app *app;
	int ret;

	/* Nothing to look for, and no table to copy to find that out. */
	if (!txn->next->apps[id]->domains)
		return -ENOENT;
	app = app_mut(txn, id);
	if (!app)
		return -ENOMEM;
	ret = open_domains(txn);
	if (!ret)
		ret = afw_domain_builder_del(txn->domains, name, len, kind, id);
	if (!ret)
		app->domains--;
	return ret;
}

int appfw_txn_add_prefix(struct appfw_txn *txn, const struct afw_prefix *p)
{
	struct appfw_app *app;
	int ret;

	app = app_mut(txn, p->app);
	if (!app)
		return -ENOMEM;
	ret = open_prefixes(txn);
	if (!ret)
		ret = afw_prefix_builder_add(txn->prefixes, p);
	if (!ret)
		app->prefixes++;
	return ret;
}

int appfw_txn_del_prefix(struct appfw_txn *txn, const struct afw_prefix *p)
{
	struct appfw_app *app;
	int ret;

	if (!txn->next->apps[p->app]->prefixes)
		return -ENOENT;
	app = app_mut(txn, p->app);
	if (!app)
		return -ENOMEM;
	ret = open_prefixes(txn);
	if (!ret)
		ret = afw_prefix_builder_del(txn->prefixes, p);
	if (!ret)
		app->prefixes--;
	return ret;
}
