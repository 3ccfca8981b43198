/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_NETNS_H
#define APPFW_NETNS_H

#include <linux/bottom_half.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

/* One counter pair per hook appfw registers; appfw_hook_ops is indexed by it. */
enum appfw_slot {
	APPFW_SLOT_IPV4_FORWARD,
	APPFW_SLOT_IPV4_LOCAL_OUT,
	APPFW_SLOT_IPV6_FORWARD,
	APPFW_SLOT_IPV6_LOCAL_OUT,
	/* DNS answers to the host itself, for learning; nothing else. */
	APPFW_SLOT_IPV4_LOCAL_IN,
	APPFW_SLOT_IPV6_LOCAL_IN,
	APPFW_SLOTS
};

/*
 * Namespace-wide events of the packet path, reported by GET_STATUS in
 * APPFW_A_COUNTERS in this order: APPFW_A_COUNTER_FLOWS_INSPECTED + i up to
 * EVENTS_DROPPED, then, past APPFW_A_COUNTER_PAD, APPFW_A_COUNTER_QUEUED on.
 */
enum appfw_stat {
	APPFW_STAT_FLOWS_INSPECTED,
	APPFW_STAT_DECIDED_SNI,
	APPFW_STAT_DECIDED_HOST,
	APPFW_STAT_DECIDED_PREFIX,
	APPFW_STAT_DECIDED_NONE,
	APPFW_STAT_TABLE_FULL,
	APPFW_STAT_OUT_OF_ORDER,
	APPFW_STAT_MALFORMED,
	APPFW_STAT_EVENTS_DROPPED,
	APPFW_STAT_QUEUED,
	APPFW_STAT_FALLBACK,
	APPFW_STAT_DECIDED_QUIC,
	APPFW_STAT_DECIDED_LEARNED,
	APPFW_STAT_LEARNED,
	APPFW_STATS
};

struct appfw_hook_counters {
	u64_stats_t packets;
	u64_stats_t bytes;
};

struct appfw_pcpu_counters {
	struct u64_stats_sync syncp;
	struct appfw_hook_counters hook[APPFW_SLOTS];
	u64_stats_t stat[APPFW_STATS];
};

struct appfw_policy;
struct appfw_txn;
struct appfw_flow_table;
struct appfw_agent;
struct appfw_learned_table;

/* Everything appfw keeps for one network namespace. */
struct appfw_net {
	struct net *net;
	struct appfw_pcpu_counters __percpu *counters;

	/* policy.c: the current snapshot, read by the hooks under RCU. */
	struct appfw_policy __rcu *policy;
	/* Serialises writers: the transaction and every commit. */
	struct mutex lock;
	struct appfw_txn *txn;		/* the open transaction, or NULL */

	/* flow.c: ClientHellos being parsed across segments. */
	struct appfw_flow_table *flows;

	/* event.c: decisions reported to the "events" group. */
	struct ratelimit_state event_limit;

	/* agent.c: the registered agent or NULL, read by the hooks. */
	struct appfw_agent __rcu *agent;

	/* learned.c: addresses learned from DNS answers. */
	struct appfw_learned_table *learned;
};

extern unsigned int appfw_net_id;

static inline struct appfw_net *appfw_net(const struct net *net)
{
	return net_generic(net, appfw_net_id);
}

/*
 * FORWARD runs in softirq, but LOCAL_OUT also runs in process context with
 * bottom halves enabled (a socket's sendmsg), where a softirq on the same CPU
 * could interrupt the update halfway, or the task could migrate. Disabling
 * BH makes this CPU's counters ours for the update, as nft_counter does.
 */
static inline void appfw_net_count(struct appfw_net *an, enum appfw_slot slot,
				   unsigned int len)
{
	struct appfw_pcpu_counters *pcpu;

	local_bh_disable();
	pcpu = this_cpu_ptr(an->counters);
	u64_stats_update_begin(&pcpu->syncp);
	u64_stats_inc(&pcpu->hook[slot].packets);
	u64_stats_add(&pcpu->hook[slot].bytes, len);
	u64_stats_update_end(&pcpu->syncp);
	local_bh_enable();
}

static inline void appfw_net_stat(struct appfw_net *an, enum appfw_stat stat)
{
	struct appfw_pcpu_counters *pcpu;

	local_bh_disable();
	pcpu = this_cpu_ptr(an->counters);
	u64_stats_update_begin(&pcpu->syncp);
	u64_stats_inc(&pcpu->stat[stat]);
	u64_stats_update_end(&pcpu->syncp);
	local_bh_enable();
}

static inline const struct appfw_policy *appfw_policy_rcu(const struct appfw_net *an)
{
	return rcu_dereference(an->policy);
}

u64 appfw_net_read_stat(const struct appfw_net *an, enum appfw_stat stat);

void appfw_net_read(const struct appfw_net *an, enum appfw_slot slot,
		    u64 *packets, u64 *bytes);

int appfw_netns_init(void);
void appfw_netns_uninit(void);

#endif /* APPFW_NETNS_H */
