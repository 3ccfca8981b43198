/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_VERDICT_H
#define APPFW_VERDICT_H

#include "policy.h"

#include <linux/netfilter.h>

struct net;
struct nf_conn;

/*
 * The verdict on one packet of a decided flow whose conntrack mark is mark:
 * the current action of the app the mark names. new_flow: this packet
 * decided the flow, which then counts in the app's flows.
 */
unsigned int appfw_verdict(const struct appfw_policy *policy,
			   const struct nf_conn *ct, struct sk_buff *skb,
			   const struct nf_hook_state *state, u32 mark,
			   bool new_flow);

/*
 * A flow's mark holds an app id, and ids are reused: the CLI gives a new
 * app the lowest free one, so without this a flow of a deleted app would
 * belong to whichever app gets its id next. After a commit, this rewrites
 * the marks of the namespace's flows whose id names another app in new
 * than in old (deleted, or deleted and made again) to "decided, no app".
 *
 * Process context (it walks the whole conntrack table and may sleep),
 * under the namespace's writer mutex, after new is published and a grace
 * period has passed (so no packet still classifies with old), while old
 * is not freed yet. Does nothing when the mark mask changed.
 */
void appfw_flows_release(struct net *net, const struct appfw_policy *old,
			 const struct appfw_policy *new);

#endif /* APPFW_VERDICT_H */
