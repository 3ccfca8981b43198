// SPDX-License-Identifier: GPL-2.0
/*
 * The table of addresses learned from DNS answers. Every undecided flow's
 * first packet looks its destination up here, so lookups take no lock: a
 * hash table read under RCU, entries freed after a grace period. Writers
 * (LEARN, FLUSH, commits, the reaper) are process context and serialise
 * on the table's mutex, which lets the long walks reschedule.
 *
 * The table is bounded. When it is full, the entry closest to expiry
 * makes room, as the uapi header promises: it is the one that would have
 * gone first anyway, and an address a resolver just handed out with a
 * long TTL is the one most likely to be used next. Entries are also kept
 * in a tree ordered by expiry, which finds that entry in O(log n) and is
 * the reaper's queue: a delayed work drops expired entries at the
 * earliest expiry, so a quiet namespace keeps nothing. An expired entry
 * is never matched, reaped or not.
 */

#include "learned.h"
#include "policy.h"

#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/log2.h>
#include <linux/moduleparam.h>
#include <linux/random.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

/* An entry takes about 100 bytes: the default bounds a namespace to 7 MB. */
static unsigned int max_learned = 65536;

static int max_learned_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, 1U << 20);
}

static const struct kernel_param_ops max_learned_ops = {
	.set = max_learned_set,
	.get = param_get_uint,
};

/* Read-only, as are all of appfw's: a namespace takes them when made. */
module_param_cb(max_learned, &max_learned_ops, &max_learned, 0444);
MODULE_PARM_DESC(max_learned,
		 "addresses learned from DNS answers each namespace keeps at most; 0 learns none (0-1048576, default 65536)");

static unsigned int learn_ttl_max = 86400;

static int learn_ttl_max_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, 7 * 86400);
}

static const struct kernel_param_ops learn_ttl_max_ops = {
	.set = learn_ttl_max_set,
	.get = param_get_uint,
};

module_param_cb(learn_ttl_max, &learn_ttl_max_ops, &learn_ttl_max, 0444);
MODULE_PARM_DESC(learn_ttl_max,
		 "seconds a learned address is kept at most, whatever the DNS answer's TTL (1-604800, default 86400)");

struct learned {
	struct hlist_node node;		/* in a bucket, under RCU */
	struct rb_node by_expiry;	/* in the tree, under the mutex */
	union nf_inet_addr addr;
	u8 family;
	u16 app;			/* READ_ONCE: a relearn changes it */
	unsigned long expires;		/* jiffies; READ_ONCE likewise */
	struct rcu_head rcu;
};

struct appfw_learned_table {
	struct mutex lock;		/* writers; readers use RCU */
	struct rb_root by_expiry;	/* earliest first */
	u32 count;
	u32 limit;
	u32 seed;
	struct delayed_work gc;
	unsigned int bits;
	struct hlist_head buckets[];
};

static u32 hash(const struct appfw_learned_table *t, u8 family,
		const union nf_inet_addr *addr)
{
	return hash_32(jhash2(addr->all, ARRAY_SIZE(addr->all),
			      t->seed ^ family), t->bits);
}

static bool same(const struct learned *e, u8 family,
		 const union nf_inet_addr *addr)
{
	return e->family == family &&
	       !memcmp(&e->addr, addr, family == AF_INET ?
		       sizeof(addr->in) : sizeof(addr->in6));
}

static bool expired(const struct learned *e)
{
	return !time_before(jiffies, READ_ONCE(e->expires));
}

u16 appfw_learned_lookup(struct appfw_net *an, u8 family,
			 const union nf_inet_addr *addr)
{
	struct appfw_learned_table *t = an->learned;
	struct learned *e;

	/* Most namespaces learn nothing: no hashing for them. */
	if (!READ_ONCE(t->count))
		return 0;
	hlist_for_each_entry_rcu(e, &t->buckets[hash(t, family, addr)], node)
		if (same(e, family, addr))
			return expired(e) ? 0 : READ_ONCE(e->app);
	return 0;
}

static void tree_insert(struct appfw_learned_table *t, struct learned *e)
{
	struct rb_node **link = &t->by_expiry.rb_node, *parent = NULL;

	while (*link) {
		struct learned *x = rb_entry(*link, struct learned, by_expiry);

		parent = *link;
		/* Equal expiries go right: the older stays first. */
		if (time_before(e->expires, x->expires))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&e->by_expiry, parent, link);
	rb_insert_color(&e->by_expiry, &t->by_expiry);
}

static struct learned *earliest(struct appfw_learned_table *t)
{
	struct rb_node *n = rb_first(&t->by_expiry);

	return n ? rb_entry(n, struct learned, by_expiry) : NULL;
}

/* Under the mutex; lockless readers may still hold e for a grace period. */
static void drop(struct appfw_learned_table *t, struct learned *e)
{
	hlist_del_rcu(&e->node);
	rb_erase(&e->by_expiry, &t->by_expiry);
	t->count--;
	kfree_rcu(e, rcu);
}

/* Under the mutex: the reaper runs at the earliest expiry. */
static void schedule_gc(struct appfw_learned_table *t)
{
	struct learned *first = earliest(t);

	if (first)
		mod_delayed_work(system_power_efficient_wq, &t->gc,
				 max_t(long, (long)(first->expires - jiffies),
				       1));
}

static void gc(struct work_struct *work)
{
	struct appfw_learned_table *t = container_of(to_delayed_work(work),
						     struct appfw_learned_table,
						     gc);
	struct learned *e;

	mutex_lock(&t->lock);
	while ((e = earliest(t)) && expired(e)) {
		drop(t, e);
		cond_resched();
	}
	schedule_gc(t);
	mutex_unlock(&t->lock);
}

int appfw_learned_add(struct appfw_net *an, u8 family,
		      const union nf_inet_addr *addr, u16 app, u32 ttl)
{
	struct appfw_learned_table *t = an->learned;
	struct hlist_head *b = &t->buckets[hash(t, family, addr)];
	unsigned long expires;
	struct learned *e, *fresh;

	if (!t->limit)
		return -ENOSPC;
	ttl = clamp_t(u32, ttl, 1, learn_ttl_max);
	expires = jiffies + (unsigned long)ttl * HZ;
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return -ENOMEM;

	mutex_lock(&t->lock);
	hlist_for_each_entry(e, b, node) {
		if (!same(e, family, addr))
			continue;
		rb_erase(&e->by_expiry, &t->by_expiry);
		WRITE_ONCE(e->app, app);
		WRITE_ONCE(e->expires, expires);
		tree_insert(t, e);
		kfree(fresh);
		goto out;
	}
	if (t->count >= t->limit)
		drop(t, earliest(t));
	fresh->family = family;
	if (family == AF_INET)
		fresh->addr.ip = addr->ip;
	else
		fresh->addr.in6 = addr->in6;
	fresh->app = app;
	fresh->expires = expires;
	tree_insert(t, fresh);
	hlist_add_head_rcu(&fresh->node, b);
	t->count++;
out:
	schedule_gc(t);
	mutex_unlock(&t->lock);
	return 0;
}

/* Drops the entries whose app gone() says, with the mutex held. */
static void drop_where(struct appfw_learned_table *t,
		       bool (*gone)(u16 app, const void *arg), const void *arg)
{
	struct rb_node *n, *next;

	mutex_lock(&t->lock);
	for (n = rb_first(&t->by_expiry); n; n = next) {
		struct learned *e = rb_entry(n, struct learned, by_expiry);

		next = rb_next(n);
		if (gone(e->app, arg))
			drop(t, e);
		cond_resched();
	}
	mutex_unlock(&t->lock);
}

static bool app_is(u16 app, const void *arg)
{
	u16 which = *(const u16 *)arg;

	return !which || app == which;
}

void appfw_learned_flush(struct appfw_net *an, u16 app)
{
	drop_where(an->learned, app_is, &app);
}

struct retire {
	const struct appfw_policy *old, *new;
};

/* As verdict.c's release_flow(): an id whose name changed is retired. */
static bool retired(u16 id, const void *arg)
{
	const struct retire *r = arg;
	const struct appfw_app *was = appfw_policy_app(r->old, id);
	const struct appfw_app *now = appfw_policy_app(r->new, id);

	return !now || (was && strcmp(was->name, now->name));
}

void appfw_learned_retire(struct appfw_net *an, const struct appfw_policy *old,
			  const struct appfw_policy *new)
{
	struct retire r = { .old = old, .new = new };

	if (READ_ONCE(an->learned->count))
		drop_where(an->learned, retired, &r);
}

int appfw_learned_next(struct appfw_net *an, u64 *pos,
		       struct appfw_learned_entry *e)
{
	struct appfw_learned_table *t = an->learned;
	u32 b = *pos >> 32, i = (u32)*pos;

	for (; b < (1U << t->bits); b++, i = 0) {
		struct learned *x;
		u32 n = 0;

		hlist_for_each_entry_rcu(x, &t->buckets[b], node) {
			unsigned long expires = READ_ONCE(x->expires);

			if (n++ < i || !time_before(jiffies, expires))
				continue;
			e->family = x->family;
			e->addr = x->addr;
			e->app = READ_ONCE(x->app);
			e->ttl = DIV_ROUND_UP(expires - jiffies, HZ);
			*pos = ((u64)b << 32) | n;
			return 0;
		}
	}
	*pos = (u64)b << 32;
	return -ENOENT;
}

int appfw_learned_net_init(struct appfw_net *an)
{
	unsigned int bits = order_base_2(clamp(max_learned / 4, 16U,
					       1U << 18));
	struct appfw_learned_table *t;

	t = kvzalloc(struct_size(t, buckets, 1U << bits), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	mutex_init(&t->lock);
	t->by_expiry = RB_ROOT;
	t->limit = max_learned;
	t->seed = get_random_u32();
	INIT_DELAYED_WORK(&t->gc, gc);
	t->bits = bits;
	an->learned = t;
	return 0;
}

/* After the hooks are gone and a grace period: nobody else looks. */
void appfw_learned_net_exit(struct appfw_net *an)
{
	struct appfw_learned_table *t = an->learned;
	struct learned *e, *next;

	cancel_delayed_work_sync(&t->gc);
	/*
	 * Postorder: an in-order walk (rb_next) climbs back through parents
	 * it has already visited, which would be freed by then.
	 */
	rbtree_postorder_for_each_entry_safe(e, next, &t->by_expiry, by_expiry)
		kfree(e);
	kvfree(t);
	an->learned = NULL;
}
