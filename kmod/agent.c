// SPDX-License-Identifier: GPL-2.0
/*
 * The agent's registration and the verdict that hands it a packet. One
 * socket per namespace is the agent; it is gone when it says so or when
 * the socket closes (netlink.c's release notifier calls here), so the
 * hooks never queue into a queue that nobody will read for long.
 *
 * Writers (register, unregister, release) serialise on the namespace's
 * mutex and replace the whole struct; the hooks read the pointer under
 * RCU, and a replaced struct is freed after a grace period.
 */

#include "agent.h"
#include "commands.h"

#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/netfilter/nf_conntrack.h>

#define DNS_PORT 53

static const struct nla_policy agent_policy[APPFW_A_AGENT_MAX + 1] = {
	[APPFW_A_AGENT_QUEUE] = { .type = NLA_U16 },
	[APPFW_A_AGENT_QUEUES] = NLA_POLICY_RANGE(NLA_U16, 1,
						  APPFW_AGENT_QUEUES_MAX),
};

/* The same for every packet of the flow, whichever way it goes. */
static u32 flow_hash(const struct nf_conn *ct)
{
	const struct nf_conntrack_tuple *t =
		&ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	u32 ports = ((__force u32)t->src.u.all << 16) |
		    (__force u32)t->dst.u.all;

	return jhash2(t->src.u3.all, ARRAY_SIZE(t->src.u3.all),
		      jhash2(t->dst.u3.all, ARRAY_SIZE(t->dst.u3.all),
			     ports ^ t->dst.protonum));
}

unsigned int appfw_agent_queue(struct appfw_net *an,
			       const struct appfw_agent *agent,
			       const struct nf_conn *ct, bool fail_closed)
{
	u16 queue = agent->queue + reciprocal_scale(flow_hash(ct),
						    agent->queues);

	appfw_net_stat(an, APPFW_STAT_QUEUED);
	return NF_QUEUE_NR(queue) |
	       (fail_closed ? 0 : NF_VERDICT_FLAG_QUEUE_BYPASS);
}

bool appfw_agent_dns_answer(const struct sk_buff *skb, int thoff, u8 proto)
{
	if (thoff < 0)
		return false;
	if (proto == IPPROTO_UDP) {
		const struct udphdr *uh;
		struct udphdr _uh;

		uh = skb_header_pointer(skb, thoff, sizeof(_uh), &_uh);
		return uh && uh->source == htons(DNS_PORT) &&
		       skb->len > thoff + sizeof(*uh);
	}
	if (proto == IPPROTO_TCP) {
		const struct tcphdr *th;
		struct tcphdr _th;

		th = skb_header_pointer(skb, thoff, sizeof(_th), &_th);
		return th && th->source == htons(DNS_PORT) &&
		       th->doff * 4 >= sizeof(*th) &&
		       skb->len > thoff + th->doff * 4;
	}
	return false;
}

static struct appfw_agent *agent_locked(struct appfw_net *an)
{
	return rcu_dereference_protected(an->agent,
					 lockdep_is_held(&an->lock));
}

int appfw_cmd_agent_register(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	struct nlattr *tb[APPFW_A_AGENT_MAX + 1];
	struct nlattr *nest = info->attrs[APPFW_A_AGENT];
	struct appfw_agent *agent, *old;
	int ret;

	if (appfw_missing(info->extack, NULL, info->attrs, APPFW_A_AGENT))
		return -EINVAL;
	ret = nla_parse_nested(tb, APPFW_A_AGENT_MAX, nest, agent_policy,
			       info->extack);
	if (ret)
		return ret;
	if (appfw_missing(info->extack, nest, tb, APPFW_A_AGENT_QUEUE) ||
	    appfw_missing(info->extack, nest, tb, APPFW_A_AGENT_QUEUES))
		return -EINVAL;
	if (nla_get_u16(tb[APPFW_A_AGENT_QUEUE]) +
	    nla_get_u16(tb[APPFW_A_AGENT_QUEUES]) - 1 > U16_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[APPFW_A_AGENT_QUEUES],
				    "the queues run past 65535");
		return -EINVAL;
	}

	agent = kzalloc(sizeof(*agent), GFP_KERNEL);
	if (!agent) {
		GENL_SET_ERR_MSG(info, "no memory for the agent");
		return -ENOMEM;
	}
	agent->portid = info->snd_portid;
	agent->queue = nla_get_u16(tb[APPFW_A_AGENT_QUEUE]);
	agent->queues = nla_get_u16(tb[APPFW_A_AGENT_QUEUES]);

	mutex_lock(&an->lock);
	old = agent_locked(an);
	if (old && old->portid != agent->portid) {
		mutex_unlock(&an->lock);
		kfree(agent);
		GENL_SET_ERR_MSG(info, "another socket is the namespace's agent");
		return -EBUSY;
	}
	rcu_assign_pointer(an->agent, agent);
	mutex_unlock(&an->lock);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

/* Under the mutex: the agent is gone if it is portid's. */
static bool remove(struct appfw_net *an, u32 portid)
{
	struct appfw_agent *agent = agent_locked(an);

	if (!agent || agent->portid != portid)
		return false;
	RCU_INIT_POINTER(an->agent, NULL);
	kfree_rcu(agent, rcu);
	return true;
}

int appfw_cmd_agent_unregister(struct sk_buff *skb, struct genl_info *info)
{
	struct appfw_net *an = appfw_net(genl_info_net(info));
	bool removed;

	mutex_lock(&an->lock);
	removed = remove(an, info->snd_portid);
	mutex_unlock(&an->lock);
	if (removed)
		return 0;
	GENL_SET_ERR_MSG(info, "this socket is not the namespace's agent");
	return -ENOENT;
}

void appfw_agent_release(struct net *net, u32 portid)
{
	struct appfw_net *an = appfw_net(net);

	/* Every genetlink socket that closes comes here: look first. */
	if (!rcu_access_pointer(an->agent))
		return;
	mutex_lock(&an->lock);
	remove(an, portid);
	mutex_unlock(&an->lock);
}

int appfw_agent_put_status(struct sk_buff *msg, const struct appfw_net *an)
{
	const struct appfw_agent *agent;
	struct nlattr *nest;
	int ret = 0;

	rcu_read_lock();
	agent = rcu_dereference(an->agent);
	if (!agent)
		goto out;
	ret = -EMSGSIZE;
	nest = nla_nest_start(msg, APPFW_A_AGENT);
	if (!nest)
		goto out;
	if (nla_put_u32(msg, APPFW_A_AGENT_PORTID, agent->portid) ||
	    nla_put_u16(msg, APPFW_A_AGENT_QUEUE, agent->queue) ||
	    nla_put_u16(msg, APPFW_A_AGENT_QUEUES, agent->queues)) {
		nla_nest_cancel(msg, nest);
		goto out;
	}
	nla_nest_end(msg, nest);
	ret = 0;
out:
	rcu_read_unlock();
	return ret;
}

/*
 * Before the hooks come off. A packet they queued must leave its queue
 * while they still exist: nf_reinject() returns it to the hook that
 * queued it and warns (and drops it) when that hook is gone, which the
 * core's own flush at unregistering would make happen. So: no agent, so
 * that nothing more is queued (here); a grace period for the hooks that
 * still saw it (netns.c); then the queue handler drops what waits in this
 * namespace's queues (appfw_agent_flush), as the core does at every hook
 * unregistering, only while ours are still there. No command can
 * register an agent again: the family is gone at module exit, and a
 * dying namespace has no sockets.
 */
void appfw_agent_withdraw(struct appfw_net *an)
{
	struct appfw_agent *agent;

	mutex_lock(&an->lock);
	agent = agent_locked(an);
	RCU_INIT_POINTER(an->agent, NULL);
	mutex_unlock(&an->lock);
	if (agent)
		kfree_rcu(agent, rcu);
}

void appfw_agent_flush(struct appfw_net *an)
{
	nf_queue_nf_hook_drop(an->net);
}

/* The hooks are gone and a grace period has passed: nobody reads it. */
void appfw_agent_net_exit(struct appfw_net *an)
{
	kfree(rcu_dereference_protected(an->agent, true));
	RCU_INIT_POINTER(an->agent, NULL);
}
