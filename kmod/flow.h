/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLS ClientHellos being parsed across TCP segments: the one piece of
 * per-flow state appfw keeps besides the conntrack mark.
 */
#ifndef APPFW_FLOW_H
#define APPFW_FLOW_H

#include "netns.h"
#include "shared/tls.h"

struct nf_conn;
struct sk_buff;

/* The payload of one TCP segment in the flow's original direction. */
struct appfw_segment {
	const struct sk_buff *skb;
	unsigned int off;	/* where the payload starts in skb */
	unsigned int len;	/* payload bytes, at least 1 */
	u32 seq;		/* sequence number of its first byte */
};

/* What a segment did to the flow's ClientHello. */
enum appfw_flow_step {
	APPFW_FLOW_PENDING,	/* incomplete and kept, or nothing new */
	APPFW_FLOW_HELLO,	/* complete: the caller's tls holds it */
	APPFW_FLOW_NOT_TLS,	/* the flow's first payload is not TLS */
	APPFW_FLOW_MALFORMED,	/* a ClientHello broke a rule */
	APPFW_FLOW_DEPTH,	/* still incomplete after depth segments */
	APPFW_FLOW_GAP,		/* bytes missing before this segment */
	APPFW_FLOW_FULL,	/* incomplete, and no room to keep it */
};

/*
 * Feeds seg to ct's ClientHello: the one in progress in the table, or,
 * when there is none, a new one in *tls (seg is then the flow's first
 * payload). Any step but PENDING leaves nothing of ct in the table.
 * Softirq or process context, under rcu_read_lock().
 */
enum appfw_flow_step appfw_flow_tls(struct appfw_net *an,
				    const struct nf_conn *ct,
				    const struct appfw_segment *seg,
				    unsigned int depth, struct afw_tls *tls);

/* For GET_STATUS: entries now, the bound, flows refused for want of room. */
void appfw_flow_stats(const struct appfw_net *an, u32 *active, u32 *limit,
		      u64 *evicted);

int appfw_flow_net_init(struct appfw_net *an);
void appfw_flow_net_exit(struct appfw_net *an);

/* Module-wide: the cache entries come from. */
int appfw_flow_init(void);
void appfw_flow_uninit(void);

#endif /* APPFW_FLOW_H */
