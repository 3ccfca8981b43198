// SPDX-License-Identifier: GPL-2.0
/*
 * What happens to a packet of a decided flow. The flow's conntrack mark
 * names its app; the app's action is looked up in the current policy on
 * every packet, so `appfw block X` reaches the flows X already has open
 * and deleting X lets them go.
 */

#include "verdict.h"

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_ecache.h>

/*
 * So that the app fails at once instead of retrying into silence: a TCP
 * reset to the packet's sender, or ICMP "administratively prohibited" for
 * other protocols. Both leave through LOCAL_OUT attached to the flow as
 * related packets, which the hook lets pass. Neither answers a reset or an
 * ICMP error, so two rejecting hosts cannot ping-pong.
 */
static void reject(const struct nf_conn *ct, struct sk_buff *skb,
		   const struct nf_hook_state *state)
{
	bool tcp = nf_ct_protonum(ct) == IPPROTO_TCP;

	switch (state->pf) {
	case NFPROTO_IPV4:
		if (tcp)
			nf_send_reset(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach(skb, ICMP_PKT_FILTERED, state->hook);
		break;
	case NFPROTO_IPV6:
		if (tcp)
			nf_send_reset6(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach6(state->net, skb, ICMPV6_ADM_PROHIBITED,
					 state->hook);
		break;
	}
}

unsigned int appfw_verdict(const struct appfw_policy *policy,
			   const struct nf_conn *ct, struct sk_buff *skb,
			   const struct nf_hook_state *state, u32 mark,
			   bool new_flow)
{
	const struct appfw_config *cfg = &policy->config;
	const struct appfw_app *app;

	/* For users' own rules (meta mark), on every packet of the flow. */
	if (cfg->skb_mark)
		skb->mark = (skb->mark & ~cfg->mark_mask) |
			    (mark & cfg->mark_mask);

	/* Decided as no app, or its app was deleted since: untouched. */
	app = appfw_policy_app(policy, appfw_mark_app(cfg, mark));
	if (!app)
		return NF_ACCEPT;

	switch (app->action) {
	case APPFW_ACTION_BLOCK:
		appfw_app_count(app, skb->len, new_flow, true);
		return NF_DROP;
	case APPFW_ACTION_REJECT:
		appfw_app_count(app, skb->len, new_flow, true);
		reject(ct, skb, state);
		return NF_DROP;
	default:
		/* allow and monitor pass; monitor's event went at decision. */
		appfw_app_count(app, skb->len, new_flow, false);
		return NF_ACCEPT;
	}
}

struct release {
	const struct appfw_policy *old, *new;
};

static int release_flow(struct nf_conn *ct, void *data)
{
	const struct release *r = data;
	const struct appfw_config *cfg = &r->new->config;
	const struct appfw_app *was, *now;
	u32 mark, released;
	u16 id;

	mark = READ_ONCE(ct->mark);
	if (!appfw_mark_decided(cfg, mark))
		return 0;
	id = appfw_mark_app(cfg, mark);
	was = appfw_policy_app(r->old, id);
	now = appfw_policy_app(r->new, id);
	/*
	 * Still the same app: a name keeps its id across commits, even when
	 * `appfw restore` deletes and re-creates every app in one of them.
	 */
	if (!id || !was || (now && !strcmp(was->name, now->name)))
		return 0;
	do {
		released = (mark & ~cfg->mark_mask) |
			   (appfw_mark_value(cfg, 0) & cfg->mark_mask);
	} while (!try_cmpxchg(&ct->mark, &mark, released));
	nf_conntrack_event_cache(IPCT_MARK, ct);
	/* 0 keeps the entry: this walk only rewrites marks. */
	return 0;
}

void appfw_flows_release(struct net *net, const struct appfw_policy *old,
			 const struct appfw_policy *new)
{
	struct release r = { .old = old, .new = new };
	struct nf_ct_iter_data iter = { .net = net, .data = &r };

	/* Marks laid out under another mask are not appfw's to read. */
	if (old->config.mark_mask != new->config.mark_mask)
		return;
	nf_ct_iterate_cleanup_net(release_flow, &iter);
}
