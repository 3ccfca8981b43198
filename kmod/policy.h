/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy of one network namespace: apps, their domains and prefixes,
 * and the configuration, as one immutable snapshot. The packet path reads
 * the current snapshot under RCU; netlink builds the next one inside a
 * transaction (txn.c) and publishes it with rcu_assign_pointer() at commit.
 *
 * Snapshots share what a commit did not change: the app structs (by
 * reference count) and the domain and prefix tables (the newest snapshot
 * holding a table owns it and frees it), so that `appfw block X` on a
 * policy of a million domains copies an array of app pointers, not the
 * tables. A replaced snapshot is freed after an RCU grace period, in
 * process context, without the committer waiting for it.
 */
#ifndef APPFW_POLICY_H
#define APPFW_POLICY_H

#include <linux/bitops.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>

#include <uapi/linux/appfw.h>

#include "shared/domain.h"
#include "shared/prefix.h"

struct appfw_net;

struct appfw_app_pcpu {
	struct u64_stats_sync syncp;
	u64_stats_t packets;
	u64_stats_t bytes;
	u64_stats_t flows;
	u64_stats_t blocked;
};

/*
 * An app's counters outlive the snapshots that show the app: every
 * app struct of that app holds a reference, so `appfw block X` (a new
 * struct in a new snapshot) keeps X's counters. Deleting X and creating
 * it again starts from zero.
 */
struct appfw_app_stats {
	refcount_t ref;
	struct appfw_app_pcpu __percpu *pcpu;
};

struct appfw_app_counters {
	u64 packets, bytes, flows, blocked;
};

/*
 * Immutable once a published snapshot holds it; ref counts the snapshots
 * (published, retired or pending) that do, so a transaction changes an app
 * in place only while it alone holds it.
 */
struct appfw_app {
	refcount_t ref;
	u16 id;
	u8 action;			/* enum appfw_action */
	u32 flags;
	u32 domains;			/* entries it owns, for replies */
	u32 prefixes;
	char name[APPFW_APP_NAME_LEN];
	struct appfw_app_stats *stats;
};

struct appfw_config {
	u32 mark_mask;			/* contiguous bits of the ct mark */
	u8 mark_shift;			/* the lowest bit of mark_mask */
	u8 skb_mark;			/* copy the bits into skb->mark too */
	u8 depth;			/* payload packets inspected per flow */
	u8 fail_closed;			/* drop what needs an absent agent */
	u8 learn;			/* hand DNS answers to the agent */
};

struct appfw_policy {
	u64 generation;
	struct appfw_config config;
	u16 max_id;			/* apps has max_id + 1 slots */
	u32 napps;
	struct appfw_app **apps;	/* by id; NULL where no app */
	struct afw_domain_table *domains;	/* may be NULL: empty */
	struct afw_prefix_table *prefixes;	/* may be NULL: empty */
	/* Whether freeing this snapshot frees the table: see above. */
	bool own_domains;
	bool own_prefixes;
	struct rcu_work free_work;
};

static inline const struct appfw_app *
appfw_policy_app(const struct appfw_policy *p, u16 id)
{
	return id && id <= p->max_id ? p->apps[id] : NULL;
}

/*
 * The ct mark layout: inside mark_mask, the lowest bit says "decided" and
 * the bits above it hold the app id (0: decided, no app).
 */
static inline u32 appfw_mark_value(const struct appfw_config *c, u16 app)
{
	return (((u32)app << 1) | 1) << c->mark_shift;
}

static inline bool appfw_mark_decided(const struct appfw_config *c, u32 mark)
{
	return (mark >> c->mark_shift) & 1;
}

static inline u16 appfw_mark_app(const struct appfw_config *c, u32 mark)
{
	return (mark & c->mark_mask) >> (c->mark_shift + 1);
}

/* Counts one packet of app's flows; any context (BH-safe). */
void appfw_app_count(const struct appfw_app *app, unsigned int bytes,
		     bool new_flow, bool blocked);
/* Counts a flow the agent decided, with no packet; any context. */
void appfw_app_count_flow(const struct appfw_app *app);

/*
 * Writers: everything below runs in process context under the
 * namespace's mutex (appfw_net.lock), except where it says otherwise.
 */

/* The current snapshot, for its writer. */
struct appfw_policy *appfw_policy_current(struct appfw_net *an);

/* Sums app's per-CPU counters; any context that keeps app alive. */
void appfw_app_read(const struct appfw_app *app, struct appfw_app_counters *c);

/* A new app with fresh counters, holding one reference; NULL: no memory. */
struct appfw_app *appfw_app_new(u16 id, const char *name, u8 action,
				u32 flags);
void appfw_app_put(struct appfw_app *app);

/* A pending copy of p (apps shared, tables shared and not owned). */
struct appfw_policy *appfw_policy_clone(const struct appfw_policy *p);
/* Frees a snapshot no reader can see (never published, or after a grace). */
void appfw_policy_free(struct appfw_policy *p);
/* Makes room in p->apps for id; 0 or -ENOMEM. */
int appfw_policy_reserve(struct appfw_policy *p, u16 id);
/* The highest app id p holds, or 0. */
u16 appfw_policy_top_id(const struct appfw_policy *p);
/* Bytes p's tables and apps take. */
size_t appfw_policy_bytes(const struct appfw_policy *p);

/*
 * Publishes next as the namespace's policy (generation + 1) and frees the
 * snapshot it replaces after a grace period. Tables next shares with the
 * current snapshot move to next's ownership.
 */
void appfw_policy_publish(struct appfw_net *an, struct appfw_policy *next);

/* The largest app id the mark mask of c can hold. */
static inline u32 appfw_config_max_app(const struct appfw_config *c)
{
	u32 bits = hweight32(c->mark_mask);

	return bits > 1 ? (1U << (bits - 1)) - 1 : 0;
}

/* 0 if mask is a valid mark mask, else -EINVAL with *why set. */
int appfw_config_check_mask(u32 mask, const char **why);
void appfw_config_set_mask(struct appfw_config *c, u32 mask);

/* Namespace set-up and tear-down: an empty policy with the defaults. */
int appfw_policy_net_init(struct appfw_net *an);
void appfw_policy_net_exit(struct appfw_net *an);

/* Module-wide: the workqueue retired snapshots are freed on. */
int appfw_policy_init(void);
void appfw_policy_uninit(void);

#endif /* APPFW_POLICY_H */
