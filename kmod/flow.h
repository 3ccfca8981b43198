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

struct nf_conntrack_tuple;

/* The payload of one TCP segment in the flow's original direction. */
struct appfw_segment {
	const struct sk_buff *skb;
	unsigned int off;	/* where the payload starts in skb */
	unsigned int len;	/* payload bytes, at least 1 */
	u32 seq;		/* sequence number of its first byte */
	/*
	 * The next byte in order as far as conntrack knows (the highest
	 * sequence number the server acknowledged), if it knows: a flow's
	 * first payload past it comes after bytes not seen yet.
	 */
	bool has_start;
	u32 start;
};

/* What to do with a segment that comes after bytes not seen yet. */
enum appfw_flow_mode {
	APPFW_FLOW_MODE_DECIDE,	/* no agent, fail-open: give the flow up */
	APPFW_FLOW_MODE_WAIT,	/* no agent, fail-closed: drop it and wait */
	APPFW_FLOW_MODE_AGENT,	/* the flow becomes the agent's */
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
	APPFW_FLOW_TO_AGENT,	/* out of order: the flow is now the agent's */
	APPFW_FLOW_AGENT,	/* the agent's flow: queue the segment */
	APPFW_FLOW_AHEAD,	/* bytes missing before it: drop it, wait */
};

/*
 * Feeds seg to ct's ClientHello: the one in progress in the table, or,
 * when there is none, a new one in *tls (seg is then the flow's first
 * payload). Segments after a gap go as mode says: GAP, AHEAD, or
 * TO_AGENT (the table keeps the flow, flagged as the agent's, with the
 * parser state before the gap, and every later segment is AGENT until the
 * flow is decided or expires). An agent's flow whose agent is gone
 * (mode not AGENT) goes on in the kernel from a segment that continues
 * where the kernel stopped. Steps but PENDING, TO_AGENT, AGENT and AHEAD
 * leave nothing of ct in the table. Softirq or process context, under
 * rcu_read_lock().
 */
enum appfw_flow_step appfw_flow_tls(struct appfw_net *an,
				    const struct nf_conn *ct,
				    const struct appfw_segment *seg,
				    unsigned int depth,
				    enum appfw_flow_mode mode,
				    struct afw_tls *tls);

/*
 * Where the server's acknowledgements say ct's client stream stands: for
 * appfw_segment.start. False if conntrack has not seen one.
 */
bool appfw_flow_tcp_start(const struct nf_conn *ct, u32 *start);

/*
 * Flows whose first packets wait in the agent's queue before conntrack
 * confirmed them (QUIC Initials): APPFW_CMD_SET_FLOW cannot find them in
 * conntrack, so the table holds them by tuple and keeps the agent's
 * decision until their packets come back.
 *
 * appfw_flow_hold() keeps ct as such a flow; 0, or -ENOSPC when full.
 * appfw_flow_pending() says whether the agent decided ct (*app).
 * appfw_flow_pending_decide() decides tuple's pending entries (one per
 * conntrack entry its queued packets have): app if none had a decision
 * yet (1), else the earlier one (0); *was is the decision. -ENOENT: no
 * such flow.
 */
int appfw_flow_hold(struct appfw_net *an, const struct nf_conn *ct);
bool appfw_flow_pending(struct appfw_net *an, const struct nf_conn *ct,
			u16 *app);
int appfw_flow_pending_decide(struct appfw_net *an,
			      const struct nf_conntrack_tuple *tuple, u16 app,
			      u16 *was);

/* What APPFW_CMD_GET_FLOW reports from the table. */
struct appfw_flow_info {
	bool found;
	bool decided;		/* a pending flow the agent decided */
	u16 app;
	bool has_next_seq;	/* a TCP flow's ClientHello in progress */
	u32 next_seq;
	bool has_tls;		/* tls holds the state before next_seq */
	struct afw_tls tls;
};

/* ct's entry if ct is not NULL, else a pending flow of tuple. */
void appfw_flow_info(struct appfw_net *an, const struct nf_conn *ct,
		     const struct nf_conntrack_tuple *tuple,
		     struct appfw_flow_info *info);

/* ct was decided: its entry, if any, is of no more use. */
void appfw_flow_forget(struct appfw_net *an, const struct nf_conn *ct);

/* For GET_STATUS: entries now, the bound, flows refused for want of room. */
void appfw_flow_stats(const struct appfw_net *an, u32 *active, u32 *limit,
		      u64 *evicted);

int appfw_flow_net_init(struct appfw_net *an);
void appfw_flow_net_exit(struct appfw_net *an);

/* Module-wide: the cache entries come from. */
int appfw_flow_init(void);
void appfw_flow_uninit(void);

#endif /* APPFW_FLOW_H */
