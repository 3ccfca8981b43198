// SPDX-License-Identifier: GPL-2.0
/*
 * Deciding a flow: the decision goes into the conntrack mark, inside the
 * mask only; the flow counts once in its method's counter and a flow of
 * an app is reported to the events group. The packet path and the
 * agent's APPFW_CMD_SET_FLOW both come through here, so a flow the agent
 * decides is counted, marked and reported as one the kernel decides.
 */

#include "decide.h"
#include "flow.h"

#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_ecache.h>

bool appfw_decide_mark(const struct appfw_config *cfg, struct nf_conn *ct,
		       u16 app, u32 *mark)
{
	u32 old = READ_ONCE(ct->mark), new;

	/*
	 * The other bits belong to other users, who may change them at any
	 * time, hence the compare-and-swap.
	 */
	do {
		if (appfw_mark_decided(cfg, old)) {
			*mark = old;
			return false;
		}
		new = (old & ~cfg->mark_mask) |
		      (appfw_mark_value(cfg, app) & cfg->mark_mask);
	} while (!try_cmpxchg(&ct->mark, &old, new));
	nf_conntrack_event_cache(IPCT_MARK, ct);
	*mark = new;
	return true;
}

/*
 * Two CPUs may decide one flow at once (its packets on two queues, two
 * threads writing one socket, the agent and a packet): the first decision
 * stands, and only its caller counts the flow and reports it.
 */
static bool decide(struct appfw_decision *d, u16 app)
{
	const struct appfw_config *cfg = &d->policy->config;
	int ret;

	if (!d->ct) {
		ret = appfw_flow_pending_decide(d->an, d->tuple, app, &d->app);
		d->new_flow = ret > 0;
		return d->new_flow;
	}
	d->new_flow = appfw_decide_mark(cfg, d->ct, app, &d->mark);
	d->app = appfw_mark_app(cfg, d->mark);
	return d->new_flow;
}

void appfw_decide_none(struct appfw_decision *d)
{
	if (decide(d, 0))
		appfw_net_stat(d->an, APPFW_STAT_DECIDED_NONE);
}

static enum appfw_stat source_stat(u8 source)
{
	switch (source) {
	case APPFW_SOURCE_SNI:
		return APPFW_STAT_DECIDED_SNI;
	case APPFW_SOURCE_HOST:
		return APPFW_STAT_DECIDED_HOST;
	case APPFW_SOURCE_QUIC:
		return APPFW_STAT_DECIDED_QUIC;
	case APPFW_SOURCE_LEARNED:
		return APPFW_STAT_DECIDED_LEARNED;
	default:
		return APPFW_STAT_DECIDED_PREFIX;
	}
}

void appfw_decide_app(struct appfw_decision *d, u16 id,
		      struct appfw_event *ev)
{
	ev->app = appfw_policy_app(d->policy, id);
	/* A table naming an app its own snapshot lacks: a policy bug. */
	if (!ev->app) {
		appfw_decide_none(d);
		return;
	}
	if (!decide(d, id))
		return;

	appfw_net_stat(d->an, source_stat(ev->source));
	ev->family = d->family;
	ev->proto = d->proto;
	ev->saddr = d->saddr;
	ev->daddr = d->daddr;
	ev->ports = d->ports;
	ev->sport = d->sport;
	ev->dport = d->dport;
	appfw_event_flow(d->an, ev);
}

void appfw_decide_name(struct appfw_decision *d, u8 source, const char *name,
		       size_t len)
{
	struct afw_domain_entry match;
	struct appfw_event ev = {
		.source = source,
		.name = name,
		.name_len = len,
		.domain = &match,
	};
	u16 id;

	id = afw_domain_lookup(d->policy->domains, name, len, &match);
	if (id)
		appfw_decide_app(d, id, &ev);
	else
		appfw_decide_none(d);
}
