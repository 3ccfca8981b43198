// SPDX-License-Identifier: GPL-2.0
/*
 * Policy snapshots: making, sharing, publishing and freeing them, and the
 * apps' counters. policy.h explains what snapshots share; txn.c decides
 * what goes into the next one.
 */

#include "policy.h"
#include "learned.h"
#include "verdict.h"
#include "netns.h"
#include "txn.h"

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/stringify.h>

static unsigned int inspect_depth = 8;

static int inspect_depth_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, APPFW_DEPTH_MAX);
}

static const struct kernel_param_ops inspect_depth_ops = {
	.set = inspect_depth_set,
	.get = param_get_uint,
};

/* Read-only: a namespace takes it as its default once, when it is made. */
module_param_cb(inspect_depth, &inspect_depth_ops, &inspect_depth, 0444);
MODULE_PARM_DESC(inspect_depth,
		 "payload packets inspected per flow before it is decided as no app, the default of every namespace's depth (1-"
		 __stringify(APPFW_DEPTH_MAX) ", default 8)");

/* Retired snapshots are freed here: their tables are kvmalloc'd. */
static struct workqueue_struct *free_wq;

void appfw_app_count(const struct appfw_app *app, unsigned int bytes,
		     bool new_flow, bool blocked)
{
	struct appfw_app_pcpu *pcpu;

	/* As appfw_net_count(): LOCAL_OUT also runs with BH enabled. */
	local_bh_disable();
	pcpu = this_cpu_ptr(app->stats->pcpu);
	u64_stats_update_begin(&pcpu->syncp);
	u64_stats_inc(&pcpu->packets);
	u64_stats_add(&pcpu->bytes, bytes);
	if (new_flow)
		u64_stats_inc(&pcpu->flows);
	if (blocked)
		u64_stats_inc(&pcpu->blocked);
	u64_stats_update_end(&pcpu->syncp);
	local_bh_enable();
}

void appfw_app_count_flow(const struct appfw_app *app)
{
	struct appfw_app_pcpu *pcpu;

	local_bh_disable();
	pcpu = this_cpu_ptr(app->stats->pcpu);
	u64_stats_update_begin(&pcpu->syncp);
	u64_stats_inc(&pcpu->flows);
	u64_stats_update_end(&pcpu->syncp);
	local_bh_enable();
}

void appfw_app_read(const struct appfw_app *app, struct appfw_app_counters *c)
{
	int cpu;

	memset(c, 0, sizeof(*c));
	for_each_possible_cpu(cpu) {
		const struct appfw_app_pcpu *pcpu;
		u64 packets, bytes, flows, blocked;
		unsigned int start;

		pcpu = per_cpu_ptr(app->stats->pcpu, cpu);
		do {
			start = u64_stats_fetch_begin(&pcpu->syncp);
			packets = u64_stats_read(&pcpu->packets);
			bytes = u64_stats_read(&pcpu->bytes);
			flows = u64_stats_read(&pcpu->flows);
			blocked = u64_stats_read(&pcpu->blocked);
		} while (u64_stats_fetch_retry(&pcpu->syncp, start));
		c->packets += packets;
		c->bytes += bytes;
		c->flows += flows;
		c->blocked += blocked;
	}
}

static struct appfw_app_stats *stats_new(void)
{
	struct appfw_app_stats *s;
	int cpu;

	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s)
		return NULL;
	s->pcpu = alloc_percpu_gfp(struct appfw_app_pcpu, GFP_KERNEL_ACCOUNT);
	if (!s->pcpu) {
		kfree(s);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->pcpu, cpu)->syncp);
	refcount_set(&s->ref, 1);
	return s;
}

static void stats_put(struct appfw_app_stats *s)
{
	if (!refcount_dec_and_test(&s->ref))
		return;
	free_percpu(s->pcpu);
	kfree(s);
}

struct appfw_app *appfw_app_new(u16 id, const char *name, u8 action,
				u32 flags)
{
	struct appfw_app *app;

	app = kzalloc(sizeof(*app), GFP_KERNEL_ACCOUNT);
	if (!app)
		return NULL;
	app->stats = stats_new();
	if (!app->stats) {
		kfree(app);
		return NULL;
	}
	refcount_set(&app->ref, 1);
	app->id = id;
	app->action = action;
	app->flags = flags;
	strscpy(app->name, name, sizeof(app->name));
	return app;
}

void appfw_app_put(struct appfw_app *app)
{
	if (!app || !refcount_dec_and_test(&app->ref))
		return;
	stats_put(app->stats);
	kfree(app);
}

struct appfw_policy *appfw_policy_current(struct appfw_net *an)
{
	return rcu_dereference_protected(an->policy,
					 lockdep_is_held(&an->lock));
}

u16 appfw_policy_top_id(const struct appfw_policy *p)
{
	u16 id;

	for (id = p->max_id; id && !p->apps[id]; id--)
		;
	return id;
}

struct appfw_policy *appfw_policy_clone(const struct appfw_policy *p)
{
	u16 top = appfw_policy_top_id(p), id;
	struct appfw_policy *n;

	n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return NULL;
	/* Sized to the apps there are: deleting high ids shrinks it. */
	n->apps = kvcalloc(top + 1, sizeof(*n->apps), GFP_KERNEL_ACCOUNT);
	if (!n->apps) {
		kfree(n);
		return NULL;
	}
	n->max_id = top;
	for (id = 1; id <= top; id++) {
		if (p->apps[id])
			refcount_inc(&p->apps[id]->ref);
		n->apps[id] = p->apps[id];
	}
	n->generation = p->generation;
	n->config = p->config;
	n->napps = p->napps;
	n->domains = p->domains;
	n->prefixes = p->prefixes;
	return n;
}

void appfw_policy_free(struct appfw_policy *p)
{
	u32 id;

	if (!p)
		return;
	for (id = 0; id <= p->max_id; id++)
		appfw_app_put(p->apps[id]);
	kvfree(p->apps);
	if (p->own_domains)
		afw_domain_table_free(p->domains);
	if (p->own_prefixes)
		afw_prefix_table_free(p->prefixes);
	kfree(p);
}

int appfw_policy_reserve(struct appfw_policy *p, u16 id)
{
	u32 n = (u32)p->max_id + 1, want = n;
	struct appfw_app **apps;

	if (id < n)
		return 0;
	/* Doubling: a loader adding apps one by one copies little. */
	while (want <= id)
		want *= 2;
	want = min_t(u32, want, APPFW_APP_ID_MAX + 1);
	apps = kvcalloc(want, sizeof(*apps), GFP_KERNEL_ACCOUNT);
	if (!apps)
		return -ENOMEM;
	memcpy(apps, p->apps, n * sizeof(*apps));
	kvfree(p->apps);
	p->apps = apps;
	p->max_id = want - 1;
	return 0;
}

size_t appfw_policy_bytes(const struct appfw_policy *p)
{
	return sizeof(*p) + ((size_t)p->max_id + 1) * sizeof(*p->apps) +
	       (size_t)p->napps * (sizeof(struct appfw_app) +
				   sizeof(struct appfw_app_stats)) +
	       afw_domain_table_bytes(p->domains) +
	       afw_prefix_table_bytes(p->prefixes);
}

static void free_work(struct work_struct *work)
{
	appfw_policy_free(container_of(to_rcu_work(work), struct appfw_policy,
				       free_work));
}

static bool ids_retired(const struct appfw_policy *cur,
			const struct appfw_policy *next)
{
	u32 id;

	for (id = 1; id <= cur->max_id; id++) {
		const struct appfw_app *was = cur->apps[id];
		const struct appfw_app *now = appfw_policy_app(next, id);

		if (was && (!now || strcmp(was->name, now->name)))
			return true;
	}
	return false;
}

void appfw_policy_publish(struct appfw_net *an, struct appfw_policy *next)
{
	struct appfw_policy *cur = appfw_policy_current(an);

	/*
	 * The old snapshot is freed after this one is published, and the
	 * newest holder of a table frees it: hand shared tables over.
	 */
	if (next->domains == cur->domains) {
		next->own_domains = cur->own_domains;
		cur->own_domains = false;
	}
	if (next->prefixes == cur->prefixes) {
		next->own_prefixes = cur->own_prefixes;
		cur->own_prefixes = false;
	}
	next->generation = cur->generation + 1;
	rcu_assign_pointer(an->policy, next);

	/*
	 * A flow's mark holds an app id. When an id stops naming the app it
	 * named (deleted, or taken by another app), the flows marked with it
	 * are released, or the next app to get the id would capture them.
	 * Once no packet can still be deciding under the old snapshot, walk
	 * conntrack; only commits that delete or rename an id pay for it.
	 */
	if (ids_retired(cur, next)) {
		synchronize_rcu();
		appfw_flows_release(an->net, cur, next);
		/* Addresses learned for those ids go with them. */
		appfw_learned_retire(an, cur, next);
	}

	INIT_RCU_WORK(&cur->free_work, free_work);
	queue_rcu_work(free_wq, &cur->free_work);
}

int appfw_config_check_mask(u32 mask, const char **why)
{
	u32 bits = mask ? mask >> __ffs(mask) : 0;

	if (!mask)
		*why = "mark mask is 0";
	else if (bits & (bits + 1))
		*why = "mark mask bits are not contiguous";
	else if (hweight32(mask) < APPFW_MARK_BITS_MIN)
		*why = "mark mask has fewer than "
		       __stringify(APPFW_MARK_BITS_MIN) " bits";
	else
		return 0;
	return -EINVAL;
}

void appfw_config_set_mask(struct appfw_config *c, u32 mask)
{
	c->mark_mask = mask;
	c->mark_shift = __ffs(mask);
}

int appfw_policy_net_init(struct appfw_net *an)
{
	struct appfw_policy *p;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->apps = kvcalloc(1, sizeof(*p->apps), GFP_KERNEL);
	if (!p->apps) {
		kfree(p);
		return -ENOMEM;
	}
	/* Dumps take 0 for "no generation seen yet": start at 1. */
	p->generation = 1;
	appfw_config_set_mask(&p->config, APPFW_MARK_MASK_DEFAULT);
	p->config.depth = inspect_depth;
	an->txn = NULL;
	RCU_INIT_POINTER(an->policy, p);
	return 0;
}

/*
 * The hooks are gone and a grace period has passed (netns.c), and no
 * socket of the namespace is left to send commands: nothing reads the
 * policy any more. A transaction is still open only if the module is
 * going away under its loader.
 */
void appfw_policy_net_exit(struct appfw_net *an)
{
	appfw_txn_free(an->txn);
	an->txn = NULL;
	appfw_policy_free(rcu_dereference_protected(an->policy, true));
	RCU_INIT_POINTER(an->policy, NULL);
}

int appfw_policy_init(void)
{
	free_wq = alloc_workqueue("appfw_free", WQ_UNBOUND, 0);
	return free_wq ? 0 : -ENOMEM;
}

/* After the last commit: every snapshot retired so far is freed on return. */
void appfw_policy_uninit(void)
{
	rcu_barrier();		/* the grace periods queue the frees */
	destroy_workqueue(free_wq);	/* and this runs them */
}
