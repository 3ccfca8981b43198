/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_EVENT_H
#define APPFW_EVENT_H

#include "netns.h"
#include "policy.h"

#include <linux/netfilter.h>

/* A flow just decided as an app, as APPFW_CMD_EVENT reports it. */
struct appfw_event {
	const struct appfw_app *app;
	u8 source;			/* enum appfw_source */
	u8 family;			/* AF_INET or AF_INET6 */
	u8 proto;			/* IPPROTO_* */
	bool ports;			/* sport and dport are meaningful */
	const char *name;		/* SNI or Host as seen, or NULL */
	unsigned int name_len;		/* not counting a NUL */
	/*
	 * The policy entry that matched: a name's or a prefix's; neither for
	 * an address learned from DNS, which is its own entry.
	 */
	const struct afw_domain_entry *domain;
	const struct afw_prefix *prefix;
	const union nf_inet_addr *saddr, *daddr;
	__be16 sport, dport;
};

/*
 * Sends ev to the namespace's "events" group unless the namespace's rate
 * limit (module parameter event_rate) says no; what is not sent, for that
 * or for want of memory, counts in APPFW_STAT_EVENTS_DROPPED. Any context.
 */
void appfw_event_flow(struct appfw_net *an, const struct appfw_event *ev);

void appfw_event_net_init(struct appfw_net *an);

#endif /* APPFW_EVENT_H */
