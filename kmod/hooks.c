// SPDX-License-Identifier: GPL-2.0
/*
 * Where packets enter appfw, and how their flows are classified. Every
 * packet the module sees goes through packet_hook(), and the verdict it
 * returns is appfw's. A packet's whole path is in this file, flow.c and
 * verdict.c:
 *
 *   packet_hook()              count, conntrack entry, policy snapshot
 *     decided (ct mark)        -> appfw_verdict()            verdict.c
 *     undecided, from client   -> classify()
 *       destination address      prefix table
 *       TCP payload              inspect_tcp()
 *         TLS ClientHello          appfw_flow_tls()          flow.c
 *         else HTTP/1.x Host       inspect_http()
 *       SNI or Host              domain table
 *       decide()                 ct mark, counters, event    event.c
 *       decided now              -> appfw_verdict()
 *
 * Precedence: the destination address against the prefix table at the
 * flow's first packet, so that a blocked prefix never completes a
 * handshake; else the TLS SNI or the HTTP Host of its first payload. An
 * address of no app leaves a TCP flow undecided until its payload comes;
 * other protocols are decided at their first packet (QUIC will be the
 * agent's). Replies of undecided flows pass untouched.
 *
 * Hooks run in softirq (FORWARD) or in the sending task (LOCAL_OUT), always
 * under rcu_read_lock(): nothing here sleeps or allocates with GFP_KERNEL,
 * and packet bytes are read with skb_header_pointer(), which copes with
 * non-linear skbs.
 */

#include "hooks.h"
#include "event.h"
#include "flow.h"
#include "policy.h"
#include "verdict.h"
#include "shared/http.h"

#include <linux/build_bug.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv6.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
#include <linux/tcp.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_ecache.h>

/* One priority serves both families only while their tables agree. */
static_assert((int)NF_IP6_PRI_MANGLE == (int)NF_IP_PRI_MANGLE);

/* The flow's decision lives in ct->mark. */
#if !IS_ENABLED(CONFIG_NF_CONNTRACK_MARK)
#error "appfw needs CONFIG_NF_CONNTRACK_MARK"
#endif

/*
 * afw_http_host() is not resumable and wants the request head in one
 * buffer, but what a socket writes sits in pages, not in the linear part:
 * the first segment is copied here, one buffer per CPU.
 */
struct http_scratch {
	char head[AFW_HTTP_HEAD_MAX];
};

static struct http_scratch __percpu *http_scratch;

/* A packet of an undecided flow, from its client, being classified. */
struct packet {
	struct appfw_net *an;
	const struct appfw_policy *policy;
	struct sk_buff *skb;
	struct nf_conn *ct;
	u32 mark;		/* the flow's ct mark once decided */
	bool new_flow;		/* this packet decided the flow */
	u8 family;		/* AF_INET or AF_INET6 */
	u8 proto;		/* IPPROTO_* of the transport header */
	int thoff;		/* where that header starts; -1: unreadable */
	union nf_inet_addr saddr, daddr;
};

/* Reads the network header: addresses, transport protocol and offset. */
static bool parse(struct packet *pkt, u8 pf)
{
	struct sk_buff *skb = pkt->skb;
	int nhoff = skb_network_offset(skb);

	if (pf == NFPROTO_IPV4) {
		const struct iphdr *iph;
		struct iphdr _iph;

		iph = skb_header_pointer(skb, nhoff, sizeof(_iph), &_iph);
		if (!iph || iph->ihl < 5)
			return false;
		pkt->family = AF_INET;
		pkt->proto = iph->protocol;
		pkt->saddr.ip = iph->saddr;
		pkt->daddr.ip = iph->daddr;
		/* Conntrack reassembled fragments before us; just in case. */
		pkt->thoff = iph->frag_off & htons(IP_OFFSET) ?
			     -1 : nhoff + iph->ihl * 4;
	} else {
		const struct ipv6hdr *ip6h;
		struct ipv6hdr _ip6h;
		__be16 frag_off;
		u8 nexthdr;

		ip6h = skb_header_pointer(skb, nhoff, sizeof(_ip6h), &_ip6h);
		if (!ip6h)
			return false;
		pkt->family = AF_INET6;
		pkt->saddr.in6 = ip6h->saddr;
		pkt->daddr.in6 = ip6h->daddr;
		nexthdr = ip6h->nexthdr;
		pkt->thoff = ipv6_skip_exthdr(skb, nhoff + sizeof(*ip6h),
					      &nexthdr, &frag_off);
		if (frag_off & htons(IP6_OFFSET))
			pkt->thoff = -1;
		pkt->proto = nexthdr;
	}
	return true;
}

/*
 * Writes the decision into the ct mark, inside the mask only: the other
 * bits belong to other users, who may change them at any time, hence the
 * compare-and-swap. Two CPUs may classify one flow at once (its packets on
 * two queues, two threads writing one socket): the first decision stands,
 * and only its packet counts the flow and reports it.
 */
static bool decide(struct packet *pkt, u16 app)
{
	const struct appfw_config *cfg = &pkt->policy->config;
	struct nf_conn *ct = pkt->ct;
	u32 old = READ_ONCE(ct->mark), new;

	do {
		if (appfw_mark_decided(cfg, old)) {
			pkt->mark = old;
			return false;
		}
		new = (old & ~cfg->mark_mask) |
		      (appfw_mark_value(cfg, app) & cfg->mark_mask);
	} while (!try_cmpxchg(&ct->mark, &old, new));
	nf_conntrack_event_cache(IPCT_MARK, ct);
	pkt->mark = new;
	pkt->new_flow = true;
	return true;
}

static bool decide_none(struct packet *pkt)
{
	if (decide(pkt, 0))
		appfw_net_stat(pkt->an, APPFW_STAT_DECIDED_NONE);
	return true;
}

static enum appfw_stat source_stat(u8 source)
{
	switch (source) {
	case APPFW_SOURCE_SNI:
		return APPFW_STAT_DECIDED_SNI;
	case APPFW_SOURCE_HOST:
		return APPFW_STAT_DECIDED_HOST;
	default:
		return APPFW_STAT_DECIDED_PREFIX;
	}
}

/* The ports of the protocols that start with two, for the event. */
static void event_ports(const struct packet *pkt, struct appfw_event *ev)
{
	const __be16 *ports;
	__be16 _ports[2];

	switch (pkt->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		if (pkt->thoff < 0)
			return;
		ports = skb_header_pointer(pkt->skb, pkt->thoff,
					   sizeof(_ports), _ports);
		if (!ports)
			return;
		ev->sport = ports[0];
		ev->dport = ports[1];
		ev->ports = true;
	}
}

/* ev says how app id matched: its source, name and entry. */
static bool decide_app(struct packet *pkt, u16 id, struct appfw_event *ev)
{
	ev->app = appfw_policy_app(pkt->policy, id);
	/* A table naming an app its own snapshot lacks: a policy bug. */
	if (!ev->app)
		return decide_none(pkt);
	if (!decide(pkt, id))
		return true;

	appfw_net_stat(pkt->an, source_stat(ev->source));
	ev->family = pkt->family;
	ev->proto = pkt->proto;
	ev->saddr = &pkt->saddr;
	ev->daddr = &pkt->daddr;
	event_ports(pkt, ev);
	appfw_event_flow(pkt->an, ev);
	return true;
}

/* name[0..len) is an SNI or a Host: the domain table decides. */
static bool decide_name(struct packet *pkt, u8 source, const char *name,
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

	id = afw_domain_lookup(pkt->policy->domains, name, len, &match);
	return id ? decide_app(pkt, id, &ev) : decide_none(pkt);
}

/* seg is the flow's first payload and not TLS: an HTTP/1.x request? */
static bool inspect_http(struct packet *pkt, const struct appfw_segment *seg)
{
	unsigned int len = min_t(unsigned int, seg->len, AFW_HTTP_HEAD_MAX);
	enum afw_http_result result = AFW_HTTP_NOT_HTTP;
	const char *head, *host;
	size_t host_len;
	bool decided;

	/* The scratch buffer is this CPU's while bottom halves are off. */
	local_bh_disable();
	head = skb_header_pointer(seg->skb, seg->off, len,
				  this_cpu_ptr(http_scratch)->head);
	if (head)
		result = afw_http_host(head, len, &host, &host_len);
	/*
	 * AFW_HTTP_MORE: no Host in the first segment. The parser starts over
	 * on every call and the kernel keeps no bytes, so such a request
	 * (rare: clients write the request line and the Host first, at once)
	 * is decided as no app.
	 */
	if (result == AFW_HTTP_FOUND)
		decided = decide_name(pkt, APPFW_SOURCE_HOST, host, host_len);
	else
		decided = decide_none(pkt);
	local_bh_enable();
	return decided;
}

/* Returns whether the flow is decided: a TCP flow waits for payload. */
static bool inspect_tcp(struct packet *pkt)
{
	struct sk_buff *skb = pkt->skb;
	struct appfw_segment seg;
	const struct tcphdr *th;
	struct tcphdr _th;
	struct afw_tls tls;
	unsigned int doff;

	if (pkt->thoff < 0)
		return false;
	th = skb_header_pointer(skb, pkt->thoff, sizeof(_th), &_th);
	if (!th)
		return false;
	doff = th->doff * 4;
	/* No payload: the handshake, bare ACKs. */
	if (doff < sizeof(*th) || pkt->thoff + doff >= skb->len)
		return false;
	seg.skb = skb;
	seg.off = pkt->thoff + doff;
	seg.len = skb->len - seg.off;
	/* A SYN takes a sequence number before its data (TCP Fast Open). */
	seg.seq = ntohl(th->seq) + th->syn;

	switch (appfw_flow_tls(pkt->an, pkt->ct, &seg,
			       pkt->policy->config.depth, &tls)) {
	case APPFW_FLOW_PENDING:
		return false;
	case APPFW_FLOW_HELLO:
		if (tls.flags & AFW_TLS_SNI)
			return decide_name(pkt, APPFW_SOURCE_SNI, tls.sni,
					   tls.sni_len);
		break;
	case APPFW_FLOW_NOT_TLS:
		return inspect_http(pkt, &seg);
	case APPFW_FLOW_MALFORMED:
		appfw_net_stat(pkt->an, APPFW_STAT_MALFORMED);
		break;
	case APPFW_FLOW_GAP:
		appfw_net_stat(pkt->an, APPFW_STAT_OUT_OF_ORDER);
		break;
	case APPFW_FLOW_FULL:
		appfw_net_stat(pkt->an, APPFW_STAT_TABLE_FULL);
		break;
	case APPFW_FLOW_DEPTH:
		break;
	}
	return decide_none(pkt);
}

/* Returns whether the flow is decided, by this packet or concurrently. */
static bool classify(struct packet *pkt, u8 pf)
{
	const struct afw_prefix_table *prefixes = pkt->policy->prefixes;
	struct appfw_event ev = { .source = APPFW_SOURCE_PREFIX };
	struct afw_prefix match;
	u16 id;

	/* Conntrack confirms an entry once its first packet leaves. */
	if (!nf_ct_is_confirmed(pkt->ct))
		appfw_net_stat(pkt->an, APPFW_STAT_FLOWS_INSPECTED);
	if (!parse(pkt, pf))
		return false;

	/*
	 * Looked up on every packet until the flow is decided: the first
	 * packet, and flows that were open before the prefix was added.
	 */
	if (pkt->family == AF_INET)
		id = afw_prefix_lookup4(prefixes, &pkt->daddr.ip, &match);
	else
		id = afw_prefix_lookup6(prefixes, &pkt->daddr.in6, &match);
	if (id) {
		ev.prefix = &match;
		return decide_app(pkt, id, &ev);
	}

	if (pkt->proto == IPPROTO_TCP)
		return inspect_tcp(pkt);
	return decide_none(pkt);
}

static unsigned int packet_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	enum appfw_slot slot = (unsigned long)priv;
	struct appfw_net *an = appfw_net(state->net);
	const struct appfw_policy *policy;
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct;
	struct packet pkt;
	u32 mark;

	/* skb->len here is the IP packet: the network header onwards. */
	appfw_net_count(an, slot, skb->len);

	/*
	 * What conntrack does not track (untracked, invalid) passes, and so
	 * do related packets: ICMP errors about a flow, and the resets and
	 * ICMP errors appfw's reject sends, which must get out.
	 */
	ct = nf_ct_get(skb, &ctinfo);
	if (!ct || nf_ct_is_template(ct) || ctinfo == IP_CT_RELATED ||
	    ctinfo == IP_CT_RELATED_REPLY)
		return NF_ACCEPT;
	policy = appfw_policy_rcu(an);
	if (unlikely(!policy))
		return NF_ACCEPT;

	mark = READ_ONCE(ct->mark);
	if (appfw_mark_decided(&policy->config, mark))
		return appfw_verdict(policy, ct, skb, state, mark, false);
	if (CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL)
		return NF_ACCEPT;

	pkt = (struct packet){
		.an = an,
		.policy = policy,
		.skb = skb,
		.ct = ct,
	};
	if (!classify(&pkt, state->pf))
		return NF_ACCEPT;
	return appfw_verdict(policy, ct, skb, state, pkt.mark, pkt.new_flow);
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
	int ret;

	/* Conntrack tracks a namespace's flows only while someone asks. */
	ret = nf_ct_netns_get(net, NFPROTO_INET);
	if (ret)
		return ret;
	ret = nf_register_net_hooks(net, appfw_hook_ops,
				    ARRAY_SIZE(appfw_hook_ops));
	if (ret)
		nf_ct_netns_put(net, NFPROTO_INET);
	return ret;
}

/* Returns before packets already inside the hooks have left them. */
void appfw_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, appfw_hook_ops,
				ARRAY_SIZE(appfw_hook_ops));
	nf_ct_netns_put(net, NFPROTO_INET);
}

int __init appfw_hooks_init(void)
{
	http_scratch = alloc_percpu(struct http_scratch);
	return http_scratch ? 0 : -ENOMEM;
}

void appfw_hooks_uninit(void)
{
	free_percpu(http_scratch);
}
