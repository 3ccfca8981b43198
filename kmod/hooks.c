// SPDX-License-Identifier: GPL-2.0
/*
 * Where packets enter appfw: every packet the module sees goes through
 * packet_hook(), and the verdict it returns is appfw's. The packet path is
 * read from here by following its calls.
 *
 * Hooks run in softirq (FORWARD) or in the sending task (LOCAL_OUT), always
 * under rcu_read_lock(): nothing here sleeps or allocates with GFP_KERNEL.
 */

#include "hooks.h"

#include <linux/build_bug.h>
#include <linux/netfilter_ipv6.h>
#include <linux/skbuff.h>

/* One priority serves both families only while their tables agree. */
static_assert((int)NF_IP6_PRI_MANGLE == (int)NF_IP_PRI_MANGLE);

static unsigned int packet_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	enum appfw_slot slot = (unsigned long)priv;

	/* skb->len here is the IP packet: the network header onwards. */
	appfw_net_count(appfw_net(state->net), slot, skb->len);

	return NF_ACCEPT;
}

/* priv carries the slot so the hook does not re-derive it per packet. */
const struct nf_hook_ops appfw_hook_ops[APPFW_SLOTS] = {
	[APPFW_SLOT_IPV4_FORWARD] = {
		.hook = packet_hook,
		.priv = (void *)APPFW_SLOT_IPV4_FORWARD,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_FORWARD,
		.priority = APPFW_HOOK_PRIORITY,
	},
	[APPFW_SLOT_IPV4_LOCAL_OUT] = {
		.hook = packet_hook,
		.priv = (void *)APPFW_SLOT_IPV4_LOCAL_OUT,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = APPFW_HOOK_PRIORITY,
	},
	[APPFW_SLOT_IPV6_FORWARD] = {
		.hook = packet_hook,
		.priv = (void *)APPFW_SLOT_IPV6_FORWARD,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_FORWARD,
		.priority = APPFW_HOOK_PRIORITY,
	},
	[APPFW_SLOT_IPV6_LOCAL_OUT] = {
		.hook = packet_hook,
		.priv = (void *)APPFW_SLOT_IPV6_LOCAL_OUT,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = APPFW_HOOK_PRIORITY,
	},
};

int appfw_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, appfw_hook_ops,
				     ARRAY_SIZE(appfw_hook_ops));
}

/* Returns before packets already inside the hooks have left them. */
void appfw_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, appfw_hook_ops,
				ARRAY_SIZE(appfw_hook_ops));
}
