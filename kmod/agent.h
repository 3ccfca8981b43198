/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The namespace's agent (appfwd): which netlink socket registered, and
 * which NFQUEUE queues it serves. The uapi header's "The agent" says what
 * goes to it and what happens when there is none.
 */
#ifndef APPFW_AGENT_H
#define APPFW_AGENT_H

#include "netns.h"

#include <linux/rcupdate.h>
#include <uapi/linux/appfw.h>

struct nf_conn;
struct sk_buff;

/* Immutable once published; replaced (or removed) whole, under RCU. */
struct appfw_agent {
	u32 portid;		/* the registering socket */
	u16 queue;		/* the first queue */
	u16 queues;		/* 1..APPFW_AGENT_QUEUES_MAX */
	struct rcu_head rcu;
};

/* The agent, or NULL; under rcu_read_lock(). */
static inline const struct appfw_agent *appfw_agent_rcu(const struct appfw_net *an)
{
	return rcu_dereference(an->agent);
}

/*
 * The verdict that hands a packet of ct to agent: one queue per flow, so
 * that a flow's packets reach one thread in order. fail_closed: no
 * bypass, so a queue nobody has bound drops it. Counts QUEUED.
 */
unsigned int appfw_agent_queue(struct appfw_net *an,
			       const struct appfw_agent *agent,
			       const struct nf_conn *ct, bool fail_closed);

/*
 * With APPFW_A_CONFIG_LEARN: whether skb, a reply-direction packet of ct,
 * is a DNS answer (UDP or TCP from port 53, with payload) for the agent.
 * thoff is where its transport header starts.
 */
bool appfw_agent_dns_answer(const struct sk_buff *skb, int thoff, u8 proto);

/* The GET_STATUS part; nothing while no agent is registered. */
int appfw_agent_put_status(struct sk_buff *msg, const struct appfw_net *an);

/* The socket portid of net closed: if it was the agent, it is gone. */
void appfw_agent_release(struct net *net, u32 portid);

/*
 * Exported by the core (EXPORT_SYMBOL_GPL, net/netfilter/nf_queue.c) but
 * declared only in its private nf_internals.h: the queue handler drops
 * every packet queued in net, as at each hook unregistering.
 */
void nf_queue_nf_hook_drop(struct net *net);

/*
 * Before the hooks come off: no agent, then, a grace period later,
 * nothing left in its queues.
 */
void appfw_agent_withdraw(struct appfw_net *an);
void appfw_agent_flush(struct appfw_net *an);

void appfw_agent_net_exit(struct appfw_net *an);

#endif /* APPFW_AGENT_H */
