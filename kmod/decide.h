/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deciding a flow: the one code path that writes the decision, counts it
 * and reports it, whether a packet decided (hooks.c) or the agent did
 * (flowcmd.c, APPFW_CMD_SET_FLOW).
 */
#ifndef APPFW_DECIDE_H
#define APPFW_DECIDE_H

#include "event.h"
#include "netns.h"
#include "policy.h"

#include <net/netfilter/nf_conntrack_tuple.h>

struct nf_conn;

struct appfw_decision {
	struct appfw_net *an;
	const struct appfw_policy *policy;
	/*
	 * The flow: its conntrack entry, or, for a flow conntrack has not
	 * confirmed yet (its first packets wait in the agent's queue), its
	 * original tuple, whose pending entries in the flow table take the
	 * decision until those packets come back (flow.c).
	 */
	struct nf_conn *ct;
	const struct nf_conntrack_tuple *tuple;
	/* For the event: the flow as the deciding packet showed it. */
	u8 family;			/* AF_INET or AF_INET6 */
	u8 proto;			/* IPPROTO_* */
	bool ports;			/* sport and dport are meaningful */
	__be16 sport, dport;
	const union nf_inet_addr *saddr, *daddr;

	/* Results */
	u16 app;			/* the flow's decision, perhaps older */
	u32 mark;			/* the ct mark written or found */
	bool new_flow;			/* this call decided the flow */
};

/* Decided as no app; counted unless it was decided before. */
void appfw_decide_none(struct appfw_decision *d);

/*
 * Decided as app id, ev saying how it matched (its source, name and
 * entry; the rest is filled in here): counted and reported unless the
 * flow was decided before (the first decision stands).
 */
void appfw_decide_app(struct appfw_decision *d, u16 id,
		      struct appfw_event *ev);

/* name[0..len) is an SNI or a Host: the domain table decides. */
void appfw_decide_name(struct appfw_decision *d, u8 source, const char *name,
		       size_t len);

/*
 * Writes app into ct's mark unless it is decided already (false), without
 * counting or reporting: the agent's decision of a flow that was pending
 * is counted when it is made. *mark is the mark now.
 */
bool appfw_decide_mark(const struct appfw_config *cfg, struct nf_conn *ct,
		       u16 app, u32 *mark);

#endif /* APPFW_DECIDE_H */
