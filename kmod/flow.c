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
 * An entry is found by its conntrack entry's original tuple (hashed) and
 * address, which is only an identity: conntrack frees entries with
 * SLAB_TYPESAFE_BY_RCU and reuses them, so both must match. The entry
 * holds no reference on the conntrack entry and never dereferences the
 * pointer. Commands from the agent find entries by tuple alone.
 *
 * Besides ClientHellos the kernel parses, the table keeps the flows the
 * agent was handed (flagged "agent"): out-of-order ClientHellos, with the
 * parser state the kernel had reached, and UDP flows whose first packets
 * wait in the agent's queue before conntrack has confirmed them, which
 * hold the agent's decision until those packets come back (flow.h).
 */

#include "flow.h"

#include <linux/jiffies.h>
#include <linux/hash.h>
#include <linux/jhash.h>
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
	bool fed;			/* tls has seen bytes */
	bool agent;			/* the agent's flow */
	bool decided;			/* pending: app is the agent's decision */
	u16 app;
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

static const struct nf_conntrack_tuple *orig(const struct nf_conn *ct)
{
	return &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
}

static struct hlist_head *bucket(struct appfw_flow_table *t,
				 const struct nf_conntrack_tuple *tuple)
{
	u32 ports = ((__force u32)tuple->src.u.all << 16) |
		    (__force u32)tuple->dst.u.all;
	u32 h = jhash2(tuple->src.u3.all, ARRAY_SIZE(tuple->src.u3.all),
		       jhash2(tuple->dst.u3.all, ARRAY_SIZE(tuple->dst.u3.all),
			      ports ^ tuple->dst.protonum));

	return &t->buckets[hash_32(h, t->bits)];
}

/* ct's entry, current or stale; under rcu_read_lock() or the lock. */
static struct appfw_flow *find(struct appfw_flow_table *t,
			       const struct nf_conn *ct)
{
	struct appfw_flow *f;

	hlist_for_each_entry_rcu(f, bucket(t, orig(ct)), node,
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

/*
 * Keeps ct in the table: next_seq is the first byte not fed, tls the
 * parser state before it (NULL: none yet), agent whether it is the
 * agent's. PENDING, or FULL when there is no room.
 */
static enum appfw_flow_step insert(struct appfw_flow_table *t,
				   const struct nf_conn *ct, u32 next_seq,
				   const struct afw_tls *tls, bool agent)
{
	enum appfw_flow_step step = APPFW_FLOW_PENDING;
	struct appfw_flow *f;
	bool first;

	spin_lock_bh(&t->lock);
	expire(t);
	f = find(t, ct);
	if (f) {
		/* Another CPU kept this very flow first. */
		if (live(f, ct))
			goto out;
		drop(t, f);
	}
	if (t->count >= t->limit) {
		step = APPFW_FLOW_FULL;
		goto out;
	}
	f = kmem_cache_zalloc(flow_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!f) {
		step = APPFW_FLOW_FULL;
		goto out;
	}
	f->ct = ct;
	f->tuple = *orig(ct);
	f->expires = jiffies + t->timeout;
	f->next_seq = next_seq;
	f->agent = agent;
	if (tls) {
		f->segments = 1;
		f->fed = true;
		f->tls = *tls;
	} else {
		afw_tls_init(&f->tls, AFW_TLS_RECORDS);
	}
	first = list_empty(&t->age);
	list_add_tail(&f->age, &t->age);
	t->count++;
	hlist_add_head_rcu(&f->node, bucket(t, &f->tuple));
	if (first)
		queue_delayed_work(system_power_efficient_wq, &t->gc,
				   t->timeout);
out:
	spin_unlock_bh(&t->lock);
	return step;
}

/* What a segment after a gap gets, by mode; f stays unless GAP. */
static enum appfw_flow_step gap(struct appfw_flow *f, enum appfw_flow_mode mode)
{
	switch (mode) {
	case APPFW_FLOW_MODE_AGENT:
		f->agent = true;
		return APPFW_FLOW_TO_AGENT;
	case APPFW_FLOW_MODE_WAIT:
		return APPFW_FLOW_AHEAD;
	default:
		return APPFW_FLOW_GAP;
	}
}

/* Feeds seg to the ClientHello the table holds for ct. */
static enum appfw_flow_step resume(struct appfw_flow_table *t,
				   const struct nf_conn *ct,
				   const struct appfw_segment *seg,
				   unsigned int depth, enum appfw_flow_mode mode,
				   struct afw_tls *tls)
{
	enum appfw_flow_step step = APPFW_FLOW_PENDING;
	u32 end = seg->seq + seg->len;
	enum afw_tls_result result;
	struct appfw_flow *f;
	bool was_fed;
	u32 skip;

	spin_lock_bh(&t->lock);
	/* Finished, given up or expired since the lockless look: let go. */
	f = find(t, ct);
	if (!f || !live(f, ct))
		goto out;

	/* Everything of the agent's flow is the agent's while it is there. */
	if (f->agent && mode == APPFW_FLOW_MODE_AGENT) {
		step = APPFW_FLOW_AGENT;
		goto out;
	}
	/* A retransmission of bytes already fed: nothing new. */
	if (!after(end, f->next_seq))
		goto out;
	/*
	 * A gap: the kernel keeps no bytes to reorder, and the parser cannot
	 * skip any; the agent can. Without one, fail-closed drops the segment
	 * and the parse waits for the sender to fill the gap.
	 */
	if (after(seg->seq, f->next_seq)) {
		step = gap(f, mode);
		if (step == APPFW_FLOW_GAP)
			goto drop;
		goto out;
	}
	/* The agent is gone, and this goes on where the kernel stopped. */
	f->agent = false;
	was_fed = f->fed;

	/* A retransmission may carry new bytes after old ones. */
	skip = f->next_seq - seg->seq;
	result = feed(&f->tls, seg->skb, seg->off + skip, seg->len - skip);
	f->next_seq = end;
	f->segments++;
	f->fed = true;
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
	case AFW_TLS_NOT_TLS:
		/*
		 * Past the first segment: began as TLS, then broke. An agent's
		 * flow the kernel took back may not have begun at all.
		 */
		step = was_fed ? APPFW_FLOW_MALFORMED : APPFW_FLOW_NOT_TLS;
		break;
	default:
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
				    unsigned int depth,
				    enum appfw_flow_mode mode,
				    struct afw_tls *tls)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f;

	f = find(t, ct);
	if (f && live(f, ct))
		return resume(t, ct, seg, depth, mode, tls);

	/* The first payload seen, but not the stream's first bytes. */
	if (seg->has_start && after(seg->seq, seg->start)) {
		switch (mode) {
		case APPFW_FLOW_MODE_AGENT:
			if (insert(t, ct, seg->start, NULL, true) ==
			    APPFW_FLOW_FULL)
				return APPFW_FLOW_FULL;
			return APPFW_FLOW_TO_AGENT;
		case APPFW_FLOW_MODE_WAIT:
			return APPFW_FLOW_AHEAD;
		default:
			return APPFW_FLOW_GAP;
		}
	}

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
	return insert(t, ct, seg->seq + seg->len, tls, false);
}

bool appfw_flow_tcp_start(const struct nf_conn *ct, u32 *start)
{
	const struct ip_ct_tcp_state *server =
		&ct->proto.tcp.seen[IP_CT_DIR_REPLY];

	/*
	 * Conntrack keeps, per direction, the highest ACK that direction
	 * sent: the server's is the next client byte it expects. Read
	 * without ct->lock: a torn pair only makes a heuristic wrong once.
	 */
	if (!(READ_ONCE(server->flags) & IP_CT_TCP_FLAG_MAXACK_SET))
		return false;
	*start = READ_ONCE(server->td_maxack);
	return true;
}

int appfw_flow_hold(struct appfw_net *an, const struct nf_conn *ct)
{
	return insert(an->flows, ct, 0, NULL, true) == APPFW_FLOW_FULL ?
	       -ENOSPC : 0;
}

bool appfw_flow_pending(struct appfw_net *an, const struct nf_conn *ct,
			u16 *app)
{
	struct appfw_flow *f = find(an->flows, ct);

	/* decided is set after app, with release semantics. */
	if (!f || !live(f, ct) || !smp_load_acquire(&f->decided))
		return false;
	*app = f->app;
	return true;
}

int appfw_flow_pending_decide(struct appfw_net *an,
			      const struct nf_conntrack_tuple *tuple, u16 app,
			      u16 *was)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f;
	int ret = -ENOENT;

	spin_lock_bh(&t->lock);
	hlist_for_each_entry(f, bucket(t, tuple), node) {
		if (!f->agent || !nf_ct_tuple_equal(&f->tuple, tuple) ||
		    !time_before(jiffies, f->expires))
			continue;
		if (f->decided) {
			app = f->app;
			ret = 0;
			break;
		}
		ret = 1;
	}
	/*
	 * One decision, the first, for every conntrack entry the flow has so
	 * far: each of its first packets that waits in the queue has its own.
	 */
	if (ret >= 0) {
		*was = app;
		hlist_for_each_entry(f, bucket(t, tuple), node) {
			if (!f->agent || f->decided ||
			    !nf_ct_tuple_equal(&f->tuple, tuple))
				continue;
			f->app = app;
			/* Pairs with appfw_flow_pending(): app, then decided. */
			smp_store_release(&f->decided, true);
		}
	}
	spin_unlock_bh(&t->lock);
	return ret;
}

void appfw_flow_info(struct appfw_net *an, const struct nf_conn *ct,
		     const struct nf_conntrack_tuple *tuple,
		     struct appfw_flow_info *info)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f;

	memset(info, 0, sizeof(*info));
	spin_lock_bh(&t->lock);
	hlist_for_each_entry(f, bucket(t, ct ? orig(ct) : tuple), node) {
		if (ct ? !live(f, ct) || f->ct != ct :
			 !f->agent || !nf_ct_tuple_equal(&f->tuple, tuple) ||
			 !time_before(jiffies, f->expires))
			continue;
		info->found = true;
		info->decided = f->decided;
		info->app = f->app;
		/* UDP flows wait for their decision with no stream to parse. */
		if (f->tuple.dst.protonum == IPPROTO_TCP) {
			info->has_next_seq = true;
			info->next_seq = f->next_seq;
			info->has_tls = f->fed;
			info->tls = f->tls;
		}
		break;
	}
	spin_unlock_bh(&t->lock);
}

void appfw_flow_forget(struct appfw_net *an, const struct nf_conn *ct)
{
	struct appfw_flow_table *t = an->flows;
	struct appfw_flow *f;

	spin_lock_bh(&t->lock);
	f = find(t, ct);
	if (f && f->ct == ct && nf_ct_tuple_equal(&f->tuple, orig(ct)))
		drop(t, f);
	spin_unlock_bh(&t->lock);
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
