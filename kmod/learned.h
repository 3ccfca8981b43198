/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses learned from DNS answers (APPFW_CMD_LEARN): address -> app
 * until the answer's TTL runs out. Per namespace and bounded
 * (max_learned); the packet path looks addresses up under RCU without a
 * lock, writers run in process context.
 */
#ifndef APPFW_LEARNED_H
#define APPFW_LEARNED_H

#include "netns.h"

#include <linux/netfilter.h>

struct appfw_policy;

/* The app family's addr (AF_INET or AF_INET6) was learned for; 0: none. */
u16 appfw_learned_lookup(struct appfw_net *an, u8 family,
			 const union nf_inet_addr *addr);

/*
 * Learns addr as app's for ttl seconds (clamped to 1..learn_ttl_max);
 * an address learned again takes the new app and expiry. When the table
 * is full, the entry closest to expiry makes room. 0, -ENOMEM, or
 * -ENOSPC when max_learned is 0.
 * Process context.
 */
int appfw_learned_add(struct appfw_net *an, u8 family,
		      const union nf_inet_addr *addr, u16 app, u32 ttl);

/* Forgets app's addresses, or every address for app 0. */
void appfw_learned_flush(struct appfw_net *an, u16 app);

/*
 * After a commit: forgets the addresses of the apps whose ids name
 * another app in new than in old (deleted, or deleted and made again).
 */
void appfw_learned_retire(struct appfw_net *an, const struct appfw_policy *old,
			  const struct appfw_policy *new);

/* One learned address, as the dump reports it. */
struct appfw_learned_entry {
	u8 family;
	union nf_inet_addr addr;
	u16 app;
	u32 ttl;		/* seconds left, at least 1 */
};

/*
 * The entry at or after the cursor *pos (start at 0) that is not expired,
 * advancing *pos past it; -ENOENT at the end. Entries learned or dropped
 * between calls may be missed or seen twice. Under rcu_read_lock().
 */
int appfw_learned_next(struct appfw_net *an, u64 *pos,
		       struct appfw_learned_entry *e);

int appfw_learned_net_init(struct appfw_net *an);
void appfw_learned_net_exit(struct appfw_net *an);

#endif /* APPFW_LEARNED_H */
