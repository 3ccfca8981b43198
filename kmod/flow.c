// SPDX-License-Identifier: GPL-2.0
/*
 * ClientHellos in progress. A TLS ClientHello that does not fit in its
 * flow's first TCP segment (Chrome's post-quantum one never does) is parsed
 * by the resumable afw_tls parser, whose state waits here for the next
 * segment: a few hundred bytes per flow, never a copy of the stream.
 *
 * The table is per namespace and bounded (max_flows); an entry lives at
 * most flow_timeout from its first segment, so entries expire in the order
 * they were made and the age list is also the expiry queue: inserts drop
 * the expired ones at its head, and a delayed work does the same while the
 * table is not empty, so a quiet namespace keeps nothing.
 *
 * Every TCP flow's first payload looks here, most of them to find nothing,
 * so lookups take no lock: entries are found under RCU, and their identity
 * (ct, tuple, expiry) never changes after insertion. Feeding a segment and
 * every change to the table take the table's lock.
 *
 * An entry is keyed by its conntrack entry's address, which is only an
 * identity: conntrack frees entries with SLAB_TYPESAFE_BY_RCU and reuses
 * them, so the original tuple is kept too and must match. The entry holds
 * no reference on the conntrack entry and never dereferences the pointer.
 */

#include "flow.h"

#include <linux/jiffies.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/tcp.h>

/* An entry takes about 420 bytes: the default bounds a namespace to 2 MB. */
static unsigned int max_flows = 4096;

static int max_flows_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, 1U << 20);
}

static const struct kernel_param_ops max_flows_ops = {
	.set = max_flows_set,
	.get = param_get_uint,
};

/* Read-only, as are all of appfw's: a namespace takes them when made. */
module_param_cb(max_flows, &max_flows_ops, &max_flows, 0444);
MODULE_PARM_DESC(max_flows,
		 "ClientHellos split over TCP segments that each namespace follows at once; 0 follows none (0-1048576, default 4096)");

static unsigned int flow_timeout = 10;

static int flow_timeout_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, 3600);
}

static const struct kernel_param_ops flow_timeout_ops = {
	.set = flow_timeout_set,
	.get = param_get_uint,
};

module_param_cb(flow_timeout, &flow_timeout_ops, &flow_timeout, 0444);
MODULE_PARM_DESC(flow_timeout,
		 "seconds a ClientHello split over TCP segments may take from its first segment to its last (1-3600, default 10)");

struct appfw_flow {
	struct hlist_node node;		/* in a bucket, under RCU */
	struct list_head age;		/* in the age list, oldest first */
	const struct nf_conn *ct;	/* an identity, never dereferenced */
	struct nf_conntrack_tuple tuple;	/* ct's original direction */
	unsigned long expires;		/* jiffies */
	u32 next_seq;			/* the first byte not fed yet */
	u8 segments;			/* segments fed, for the depth */
	struct afw_tls tls;
	struct rcu_head rcu;
};

struct appfw_flow_table {
	spinlock_t lock;		/* everything below but the buckets' readers */
	struct list_head age;
	u32 count;
	u32 limit;
	unsigned long timeout;		/* jiffies */
	struct delayed_work gc;
	unsigned int bits;
	struct hlist_head buckets[];
};

static struct kmem_cache *flow_cache __read_mostly;

static struct hlist_head *bucket(struct appfw_flow_table *t,
				 const struct nf_conn *ct)
{
	return &t->buckets[hash_ptr(ct, t->bits)];
}

/* ct's entry, current or stale; under rcu_read_lock() or the lock. */
static struct appfw_flow *find(struct appfw_flow_table *t,
			       const struct nf_conn *ct)
{
	struct appfw_flow *f;

	hlist_for_each_entry_rcu(f, bucket(t, ct), node,
				 lockdep_is_held(&t->lock))
		if (f->ct == ct)
			return f;
	return NULL;
}

/* Whether f is ct's and not expired: ct may be a reused entry. */
static bool live(const struct appfw_flow *f, const struct nf_conn *ct)
{
	return nf_ct_tuple_equal(&f->tuple,
				 &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple) &&
	       time_before(jiffies, f->expires);
}

static void free_rcu(struct rcu_head *head)
{
	kmem_cache_free(flow_cache, container_of(head, struct appfw_flow, rcu));
}

/* Under the lock; lockless readers may still hold f for a grace period. */
static void drop(struct appfw_flow_table *t, struct appfw_flow *f)
{
	hlist_del_rcu(&f->node);
	list_del(&f->age);
	t->count--;
	call_rcu(&f->rcu, free_rcu);
}

/* Under the lock: drops the expired entries, all at the head. */
static void expire(struct appfw_flow_table *t)
{
	struct appfw_flow *f, *next;

	list_for_each_entry_safe(f, next, &t->age, age) {
		if (time_before(jiffies, f->expires))
			break;
		drop(t, f);
	}
}

static void gc(struct work_struct *work)
{
	struct appfw_flow_table *t = container_of(to_delayed_work(work),
						  struct appfw_flow_table, gc);
	struct appfw_flow *oldest;
	unsigned long expires = 0;

	spin_lock_bh(&t->lock);
	expire(t);
	oldest = list_first_entry_or_null(&t->age, struct appfw_flow, age);
	if (oldest)
		expires = oldest->expires;
	spin_unlock_bh(&t->lock);

	if (oldest)
		queue_delayed_work(system_power_efficient_wq, &t->gc,
				   max_t(long, (long)(expires - jiffies), 1));
}

/*
 * Feeds len bytes of skb from off to the parser. The payload may sit in
 * pages (a non-linear or GSO skb): what is not in the linear part is
 * copied out a chunk at a time. Stops as soon as the parser has its
 * answer, which never needs more than the ClientHello.
 */
static enum afw_tls_result feed(struct afw_tls *tls, const struct sk_buff *skb,
				unsigned int off, unsigned int len)
{
	enum afw_tls_result result = afw_tls_feed(tls, NULL, 0);
	u8 chunk[128];

	while (len && result == AFW_TLS_MORE) {
		unsigned int n = min_t(unsigned int, len, sizeof(chunk));
		const void *data;

		if (off < skb_headlen(skb))
			n = min(len, skb_headlen(skb) - off);
		data = skb_header_pointer(skb, off, n, chunk);
		if (!data)	/* the caller's lengths are checked: cannot be */
			return AFW_TLS_MALFORMED;
		result = afw_tls_feed(tls, data, n);
		off += n;
		len -= n;
	}
	return result;
}

/* Keeps tls, the state after ct's first segment seg, for the next one. */
static enum appfw_flow_step keep(struct appfw_flow_table *t,
				 const struct nf_conn *ct,
				 const struct appfw_segment *seg,
				 const struct afw_tls *tls)
{
	enum appfw_flow_step step = APPFW_FLOW_PENDING;
	struct appfw_flow *f;
	bool first;

	spin_lock_bh(&t->lock);
	expire(t);
	f = find(t, ct);
	if (f) {
		/* Another CPU kept a copy of this very segment first. */
		if (live(f, ct))
			goto out;
		drop(t, f);
	}
	if (t->count >= t->limit) {
		step = APPFW_FLOW_FULL;
		goto out;
	}
	f = kmem_cache_alloc(flow_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!f) {
		step = APPFW_FLOW_FULL;
		goto out;
	}
	f->ct = ct;
	f->tuple = ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	f->expires = jiffies + t->timeout;
	f->next_seq = seg->seq + seg->len;
	f->segments = 1;
	f->tls = *tls;
	first = list_empty(&t->age);
	list_add_tail(&f->age, &t->age);
	t->count++;
	hlist_add_head_rcu(&f->node, bucket(t, ct));
	if (first)
		queue_delayed_work(system_power_efficient_wq, &t->gc,
				   t->timeout);
out:
	spin_unlock_bh(&t->lock);
	return step;
}

/* Feeds seg to the ClientHello the table holds for ct. */
static enum appfw_flow_step resume(struct appfw_flow_table *t,
				   const struct nf_conn *ct,
				   const struct appfw_segment *seg,
				   unsigned int depth, struct afw_tls *tls)
{
	enum appfw_flow_step step = APPFW_FLOW_PENDING;
	u32 end = seg->seq + seg->len;
	enum afw_tls_result result;
	struct appfw_flow *f;
	u32 skip;

	spin_lock_bh(&t->lock);
	/* Finished, given up or expired since the lockless look: let go. */
	f = find(t, ct);
	if (!f || !live(f, ct))
		goto out;

	/* A retransmission of bytes already fed: nothing new. */
	if (!after(end, f->next_seq))
		goto out;
	/*
	 * A gap: the kernel keeps no bytes to reorder, and the parser cannot
	 * skip any. (The agent issue hands such flows to appfwd.)
	 */
	if (after(seg->seq, f->next_seq)) {
		step = APPFW_FLOW_GAP;
		goto drop;
	}

	/* A retransmission may carry new bytes after old ones. */
	skip = f->next_seq - seg->seq;
	result = feed(&f->tls, seg->skb, seg->off + skip, seg->len - skip);
	f->next_seq = end;
	f->segments++;
	switch (result) {
	case AFW_TLS_MORE:
		if (f->segments < depth)
			goto out;
		step = APPFW_FLOW_DEPTH;
		break;
	case AFW_TLS_DONE:
		*tls = f->tls;
		step = APPFW_FLOW_HELLO;
		break;
	default:
		/* NOT_TLS past the first segment: began as TLS, then broke. */
		step = APPFW_FLOW_MALFORMED;
		break;
	}
drop:
	drop(t, f);
out:
	spin_unlock_bh(&t->lock);
	return step;
}

enum appfw_flow_step appfw_flow_tls(struct appfw_net *an,
				    const struct nf_conn *ct,
				    const struct appfw_segment *seg,
				    unsigned int depth, struct afw_tls *tls)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f;

	f = find(t, ct);
	if (f && live(f, ct))
		return resume(t, ct, seg, depth, tls);

	/*
	 * The flow's first payload, as far as anyone can tell: a flow whose
	 * ClientHello outlived flow_timeout comes here too, and its next
	 * segment is then not TLS, which decides it as no app.
	 */
	afw_tls_init(tls, AFW_TLS_RECORDS);
	switch (feed(tls, seg->skb, seg->off, seg->len)) {
	case AFW_TLS_MORE:
		break;
	case AFW_TLS_DONE:
		return APPFW_FLOW_HELLO;
	case AFW_TLS_NOT_TLS:
		return APPFW_FLOW_NOT_TLS;
	default:
		return APPFW_FLOW_MALFORMED;
	}
	if (depth <= 1)
		return APPFW_FLOW_DEPTH;
	return keep(t, ct, seg, tls);
}

void appfw_flow_stats(const struct appfw_net *an, u32 *active, u32 *limit,
		      u64 *evicted)
{
	*active = READ_ONCE(an->flows->count);
	*limit = an->flows->limit;
	/* The table refuses new flows when full rather than evict old ones. */
	*evicted = appfw_net_read_stat(an, APPFW_STAT_TABLE_FULL);
}

int appfw_flow_net_init(struct appfw_net *an)
{
	unsigned int bits = order_base_2(clamp(max_flows / 4, 16U, 1U << 16));
	struct appfw_flow_table *t;

	t = kvzalloc(struct_size(t, buckets, 1U << bits), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	spin_lock_init(&t->lock);
	INIT_LIST_HEAD(&t->age);
	t->limit = max_flows;
	t->timeout = (unsigned long)flow_timeout * HZ;
	INIT_DELAYED_WORK(&t->gc, gc);
	t->bits = bits;
	an->flows = t;
	return 0;
}

/* After the hooks are gone and a grace period: nobody else looks. */
void appfw_flow_net_exit(struct appfw_net *an)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f, *next;

	cancel_delayed_work_sync(&t->gc);
	list_for_each_entry_safe(f, next, &t->age, age)
		kmem_cache_free(flow_cache, f);
	kvfree(t);
	an->flows = NULL;
}

int __init appfw_flow_init(void)
{
	flow_cache = KMEM_CACHE(appfw_flow, 0);
	return flow_cache ? 0 : -ENOMEM;
}

void appfw_flow_uninit(void)
{
	/* Entries dropped by the namespaces may still wait for a grace. */
	rcu_barrier();
	kmem_cache_destroy(flow_cache);
}
