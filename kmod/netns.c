// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: created when a namespace first sees the
 * module (at load for existing ones, at creation for new ones) and freed
 * when the namespace or the module goes away.
 */

#include "netns.h"
#include "hooks.h"
#include "policy.h"
#include "flow.h"
#include "event.h"
#include "agent.h"
#include "learned.h"

#include <linux/cpumask.h>

unsigned int appfw_net_id __read_mostly;

static int appfw_net_init(struct net *net)
{
	struct appfw_net *an = appfw_net(net);
	int cpu, ret;

	an->net = net;
	mutex_init(&an->lock);
	appfw_event_net_init(an);

	an->counters = alloc_percpu(struct appfw_pcpu_counters);
	if (!an->counters)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(an->counters, cpu)->syncp);

	ret = appfw_policy_net_init(an);
	if (ret)
		goto err_policy;
	ret = appfw_flow_net_init(an);
	if (ret)
		goto err_flow;
	ret = appfw_learned_net_init(an);
	if (ret)
		goto err_learned;
	RCU_INIT_POINTER(an->agent, NULL);

	/* Last: once a hook is registered, packets may use all of the above. */
	ret = appfw_hooks_register(net);
	if (ret)
		goto err_hooks;
	return 0;

err_hooks:
	/*
	 * A partial registration was undone without waiting, and the core
	 * frees our state as soon as we return; hooks that already ran may
	 * still be reading it.
	 */
	synchronize_net();
	appfw_learned_net_exit(an);
err_learned:
	appfw_flow_net_exit(an);
err_flow:
	appfw_policy_net_exit(an);
err_policy:
	free_percpu(an->counters);
	return ret;
}

/*
 * Unregistering a hook does not wait for the packets inside it, and the
 * agent's queues are emptied while the hooks are still there (agent.c).
 * The core calls synchronize_rcu() between every namespace's pre_exit and
 * every exit: the agent goes first, the hooks in exit, and what they read
 * in exit_batch, after one more grace period for the whole batch. A
 * module unload takes every namespace at once, and a grace period per
 * namespace cost seconds each on a debug kernel under emulation.
 */
static void appfw_net_pre_exit(struct net *net)
{
	appfw_agent_withdraw(appfw_net(net));
}

static void appfw_net_exit(struct net *net)
{
	appfw_agent_flush(appfw_net(net));
	appfw_hooks_unregister(net);
}

static void appfw_net_exit_batch(struct list_head *net_exit_list)
{
	struct net *net;

	synchronize_net();
	list_for_each_entry(net, net_exit_list, exit_list) {
		struct appfw_net *an = appfw_net(net);

		appfw_agent_net_exit(an);
		appfw_learned_net_exit(an);
		appfw_flow_net_exit(an);
		appfw_policy_net_exit(an);
		free_percpu(an->counters);
	}
}

static struct pernet_operations appfw_net_ops = {
	.init = appfw_net_init,
	.pre_exit = appfw_net_pre_exit,
	.exit = appfw_net_exit,
	.exit_batch = appfw_net_exit_batch,
	.id = &appfw_net_id,
	.size = sizeof(struct appfw_net),
};

/* Counters are per CPU; a reader sums them and may race with writers. */
void appfw_net_read(const struct appfw_net *an, enum appfw_slot slot,
		    u64 *packets, u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct appfw_pcpu_counters *pcpu;
		unsigned int start;
		u64 p, b;

		pcpu = per_cpu_ptr(an->counters, cpu);
		do {
			start = u64_stats_fetch_begin(&pcpu->syncp);
			p = u64_stats_read(&pcpu->hook[slot].packets);
			b = u64_stats_read(&pcpu->hook[slot].bytes);
		} while (u64_stats_fetch_retry(&pcpu->syncp, start));
		*packets += p;
		*bytes += b;
	}
}

u64 appfw_net_read_stat(const struct appfw_net *an, enum appfw_stat stat)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct appfw_pcpu_counters *pcpu;
		unsigned int start;
		u64 v;

		pcpu = per_cpu_ptr(an->counters, cpu);
		do {
			start = u64_stats_fetch_begin(&pcpu->syncp);
			v = u64_stats_read(&pcpu->stat[stat]);
		} while (u64_stats_fetch_retry(&pcpu->syncp, start));
		sum += v;
	}
	return sum;
}

int __init appfw_netns_init(void)
{
	return register_pernet_subsys(&appfw_net_ops);
}

void appfw_netns_uninit(void)
{
	unregister_pernet_subsys(&appfw_net_ops);
}
