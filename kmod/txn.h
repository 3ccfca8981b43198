/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A transaction: the next policy snapshot of a namespace while it is being
 * edited, owned by one netlink socket (its portid). See the uapi header
 * for what BEGIN, COMMIT, ABORT and cancelling mean to userspace.
 *
 * The pending snapshot starts as a copy of the current one's app pointers;
 * an app is copied when an edit first changes it, and a domain or prefix
 * builder is made from the current table only when an edit first touches
 * that table. Commit builds only the tables that have a builder, so
 * changing an action costs the same whatever the size of the policy.
 *
 * Everything here runs in process context under appfw_net.lock. Edits
 * check nothing that netlink checks first (valid names, app existence,
 * canonical prefixes); they return -errno for what only they can see.
 */
#ifndef APPFW_TXN_H
#define APPFW_TXN_H

#include "policy.h"

#include <linux/netlink.h>

struct appfw_txn {
	u32 portid;			/* the owner's netlink port */
	bool cancelled;			/* an edit failed: only abort is left */
	struct appfw_policy *next;
	struct afw_domain_builder *domains;	/* NULL: domains untouched */
	struct afw_prefix_builder *prefixes;	/* NULL: prefixes untouched */
};

/* A transaction on the current policy; 0 or -ENOMEM. */
int appfw_txn_new(struct appfw_net *an, u32 portid, struct appfw_txn **tp);
void appfw_txn_free(struct appfw_txn *txn);

/*
 * Builds the changed tables, checks that every app id fits the mark mask
 * and publishes the pending snapshot; the transaction is then empty and
 * only to be freed. On error nothing is published.
 */
int appfw_txn_commit(struct appfw_net *an, struct appfw_txn *txn,
		     struct netlink_ext_ack *extack);

const struct appfw_app *appfw_txn_app(const struct appfw_txn *txn, u16 id);
const struct appfw_app *appfw_txn_app_named(const struct appfw_txn *txn,
					    const char *name);

int appfw_txn_add_app(struct appfw_txn *txn, u16 id, const char *name,
		      u8 action, u32 flags);
/* NULL leaves that field as it is. */
int appfw_txn_set_app(struct appfw_txn *txn, u16 id, const u8 *action,
		      const u32 *flags);
int appfw_txn_del_app(struct appfw_txn *txn, u16 id);

/* As afw_domain_builder_add/_del, for an existing app. */
int appfw_txn_add_domain(struct appfw_txn *txn, const char *name, size_t len,
			 enum afw_domain_kind kind, u16 app);
int appfw_txn_del_domain(struct appfw_txn *txn, const char *name, size_t len,
			 enum afw_domain_kind kind, u16 app);

/* As afw_prefix_builder_add/_del, for an existing app p->app. */
int appfw_txn_add_prefix(struct appfw_txn *txn, const struct afw_prefix *p);
int appfw_txn_del_prefix(struct appfw_txn *txn, const struct afw_prefix *p);

static inline struct appfw_config *appfw_txn_config(struct appfw_txn *txn)
{
	return &txn->next->config;
}

#endif /* APPFW_TXN_H */
