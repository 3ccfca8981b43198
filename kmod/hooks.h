/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_HOOKS_H
#define APPFW_HOOKS_H

#include "netns.h"

#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>

/*
 * After conntrack (-200) has attached the flow to the skb and after mangle
 * (-150), before filter (0): classification reads the skb's conntrack
 * entry, and users' filter rules see the mark appfw leaves. The IPv6
 * priorities are the same numbers.
 */
#define APPFW_HOOK_PRIORITY (NF_IP_PRI_MANGLE + 10)

/* Indexed by enum appfw_slot: which family and hook each counter is for. */
extern const struct nf_hook_ops appfw_hook_ops[APPFW_SLOTS];

/* Per namespace; registering also makes conntrack track the namespace. */
int appfw_hooks_register(struct net *net);
void appfw_hooks_unregister(struct net *net);

/* Module-wide: the classifier's per-CPU scratch buffers. */
int appfw_hooks_init(void);
void appfw_hooks_uninit(void);

#endif /* APPFW_HOOKS_H */
