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
 *       destination address      prefix table, then learned.c
 *       TCP payload              inspect_tcp()
 *         TLS ClientHello          appfw_flow_tls()          flow.c
 *         out of order             -> the agent              agent.c
 *         else HTTP/1.x Host       inspect_http()
 *       UDP: QUIC Initial        inspect_udp() -> the agent
 *       SNI or Host              domain table
 *       appfw_decide_*()         ct mark, counters, event    decide.c
 *       decided now              -> appfw_verdict()
 *     reply, DNS answer        -> the agent, when learning
 *   dns_hook() (LOCAL_IN)      DNS answers to the host, the same way
 *
 * Precedence: the destination address against the prefix table at the
 * flow's first packet, so that a blocked prefix never completes a
 * handshake, then against the addresses learned from DNS; else the TLS
 * SNI or the HTTP Host of its first payload. An address of no app leaves
 * a TCP flow undecided until its payload comes; a UDP flow whose first
 * packet is a QUIC Initial stays undecided while the agent reads it;
 * other flows are decided at their first packet. Replies of undecided
 * flows pass untouched, DNS answers aside.
 *
 * What the agent is handed it gives back NF_REPEAT once it has decided
 * the flow (APPFW_CMD_SET_FLOW): the packet then runs through this hook
 * again and takes the decided path, so the action is applied here.
 *
 * Hooks run in softirq (FORWARD) or in the sending task (LOCAL_OUT), always
 * under rcu_read_lock(): nothing here sleeps or allocates with GFP_KERNEL,
 * and packet bytes are read with skb_header_pointer(), which copes with
 * non-linear skbs.
 */

#include "hooks.h"
#include "agent.h"
#include "decide.h"
#include "flow.h"
#include "learned.h"
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
#include <linux/udp.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <asm/unaligned.h>

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
	struct appfw_decision d;	/* d.ct is the packet's */
	struct sk_buff *skb;
	int thoff;		/* the transport header; -1: unreadable */
	union nf_inet_addr saddr, daddr;
	unsigned int verdict;	/* for a packet that leaves it undecided */
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
		pkt->d.family = AF_INET;
		pkt->d.proto = iph->protocol;
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
		pkt->d.family = AF_INET6;
		pkt->saddr.in6 = ip6h->saddr;
		pkt->daddr.in6 = ip6h->daddr;
		nexthdr = ip6h->nexthdr;
		pkt->thoff = ipv6_skip_exthdr(skb, nhoff + sizeof(*ip6h),
					      &nexthdr, &frag_off);
		if (frag_off & htons(IP6_OFFSET))
			pkt->thoff = -1;
		pkt->d.proto = nexthdr;
	}
	pkt->d.saddr = &pkt->saddr;
	pkt->d.daddr = &pkt->daddr;
	return true;
}

/* The ports of the protocols that start with two, for the event. */
static void parse_ports(struct packet *pkt)
{
	const __be16 *ports;
	__be16 _ports[2];

	switch (pkt->d.proto) {
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
		pkt->d.sport = ports[0];
		pkt->d.dport = ports[1];
		pkt->d.ports = true;
	}
}

/* Each returns whether the flow is decided, by it or concurrently. */
static bool decide_none(struct packet *pkt)
{
	appfw_decide_none(&pkt->d);
	return true;
}

static bool decide_name(struct packet *pkt, u8 source, const char *name,
			size_t len)
{
	appfw_decide_name(&pkt->d, source, name, len);
	return true;
}

/*
 * The packet needs the agent: queued to it, or, with none, the fallback.
 * droppable: fail-closed drops it (the flow stays undecided); otherwise,
 * and when failing open, the flow is decided as no app.
 */
static bool to_agent(struct packet *pkt, bool droppable)
{
	const struct appfw_config *cfg = &pkt->d.policy->config;
	const struct appfw_agent *agent = appfw_agent_rcu(pkt->d.an);

	if (agent) {
		pkt->verdict = appfw_agent_queue(pkt->d.an, agent, pkt->d.ct,
						 cfg->fail_closed);
		return false;
	}
	appfw_net_stat(pkt->d.an, APPFW_STAT_FALLBACK);
	if (cfg->fail_closed && droppable) {
		pkt->verdict = NF_DROP;
		return false;
	}
	return decide_none(pkt);
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

static enum appfw_flow_mode tcp_mode(const struct packet *pkt)
{
	if (appfw_agent_rcu(pkt->d.an))
		return APPFW_FLOW_MODE_AGENT;
	if (pkt->d.policy->config.fail_closed)
		return APPFW_FLOW_MODE_WAIT;
	return APPFW_FLOW_MODE_DECIDE;
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
	seg.has_start = appfw_flow_tcp_start(pkt->d.ct, &seg.start);

	switch (appfw_flow_tls(pkt->d.an, pkt->d.ct, &seg,
			       pkt->d.policy->config.depth, tcp_mode(pkt),
			       &tls)) {
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
		appfw_net_stat(pkt->d.an, APPFW_STAT_MALFORMED);
		break;
	case APPFW_FLOW_TO_AGENT:
		appfw_net_stat(pkt->d.an, APPFW_STAT_OUT_OF_ORDER);
		fallthrough;
	case APPFW_FLOW_AGENT:
		/* The flow's table entry says what the agent needs. */
		return to_agent(pkt, true);
	case APPFW_FLOW_AHEAD:
		/* Fail-closed, no agent: the sender will send it again. */
		appfw_net_stat(pkt->d.an, APPFW_STAT_OUT_OF_ORDER);
		appfw_net_stat(pkt->d.an, APPFW_STAT_FALLBACK);
		pkt->verdict = NF_DROP;
		return false;
	case APPFW_FLOW_GAP:
		appfw_net_stat(pkt->d.an, APPFW_STAT_OUT_OF_ORDER);
		appfw_net_stat(pkt->d.an, APPFW_STAT_FALLBACK);
		break;
	case APPFW_FLOW_FULL:
		appfw_net_stat(pkt->d.an, APPFW_STAT_TABLE_FULL);
		break;
	case APPFW_FLOW_DEPTH:
		break;
	}
	return decide_none(pkt);
}

#define QUIC_V1 0x00000001
#define QUIC_V2 0x6b3343cf
/* Clients pad every datagram holding an Initial to this (RFC 9000 14.1). */
#define QUIC_INITIAL_MIN 1200

/*
 * A QUIC v1 or v2 long-header Initial? The first byte has the form and
 * fixed bits set and the version's Initial type (v1: 0, v2: 1, RFC 9369);
 * first: the flow's first datagram, which must also be padded.
 */
static bool quic_initial(const struct packet *pkt, bool first)
{
	unsigned int off = pkt->thoff + sizeof(struct udphdr);
	const u8 *h;
	u8 _h[5];
	u32 version;
	u8 type;

	if (pkt->skb->len < off + sizeof(_h) ||
	    (first && pkt->skb->len - off < QUIC_INITIAL_MIN))
		return false;
	h = skb_header_pointer(pkt->skb, off, sizeof(_h), _h);
	if (!h || (h[0] & 0xc0) != 0xc0)
		return false;
	version = get_unaligned_be32(h + 1);
	type = (h[0] >> 4) & 3;
	return (version == QUIC_V1 && type == 0) ||
	       (version == QUIC_V2 && type == 1);
}

/*
 * A UDP flow is decided at its first packet, unless that is a QUIC
 * Initial: the agent decrypts it, and until it decides, the flow's later
 * packets go to it too.
 */
static bool inspect_udp(struct packet *pkt)
{
	bool first = !nf_ct_is_confirmed(pkt->d.ct);

	if (pkt->thoff < 0 || (first && !quic_initial(pkt, true)))
		return decide_none(pkt);
	/*
	 * Conntrack confirms the flow only when its first packet comes back
	 * from the queue: until then the agent finds it in the flow table.
	 * No room there: the agent still gets the packet, and may pass it.
	 */
	if (first && appfw_agent_rcu(pkt->d.an) &&
	    appfw_flow_hold(pkt->d.an, pkt->d.ct))
		appfw_net_stat(pkt->d.an, APPFW_STAT_TABLE_FULL);
	/* Without an agent, fail-closed drops Initials, nothing else. */
	return to_agent(pkt, first || quic_initial(pkt, false));
}

/* Returns whether the flow is decided, by this packet or concurrently. */
static bool classify(struct packet *pkt, u8 pf)
{
	const struct afw_prefix_table *prefixes = pkt->d.policy->prefixes;
	struct appfw_event ev = { .source = APPFW_SOURCE_PREFIX };
	struct nf_conn *ct = pkt->d.ct;
	struct afw_prefix match;
	u16 id;

	if (!nf_ct_is_confirmed(ct)) {
		/*
		 * The agent decided the flow while this packet, one of its
		 * first, waited in its queue: counted when it decided.
		 */
		if (appfw_flow_pending(pkt->d.an, ct, &id)) {
			appfw_decide_mark(&pkt->d.policy->config, ct, id,
					  &pkt->d.mark);
			return true;
		}
		/* Conntrack confirms an entry once its first packet leaves. */
		appfw_net_stat(pkt->d.an, APPFW_STAT_FLOWS_INSPECTED);
	}
	if (!parse(pkt, pf))
		return false;
	parse_ports(pkt);

	/*
	 * Looked up on every packet until the flow is decided: the first
	 * packet, and flows that were open before the prefix was added.
	 */
	if (pkt->d.family == AF_INET)
		id = afw_prefix_lookup4(prefixes, &pkt->daddr.ip, &match);
	else
		id = afw_prefix_lookup6(prefixes, &pkt->daddr.in6, &match);
	if (id) {
		ev.prefix = &match;
		appfw_decide_app(&pkt->d, id, &ev);
		return true;
	}
	id = appfw_learned_lookup(pkt->d.an, pkt->d.family, &pkt->daddr);
	if (id) {
		ev.source = APPFW_SOURCE_LEARNED;
		appfw_decide_app(&pkt->d, id, &ev);
		return true;
	}

	if (pkt->d.proto == IPPROTO_TCP)
		return inspect_tcp(pkt);
	if (pkt->d.proto == IPPROTO_UDP)
		return inspect_udp(pkt);
	return decide_none(pkt);
}

/*
 * With learning on and an agent there, a DNS answer (a reply packet of
 * ct) goes to the agent, which learns from it and passes it: always with
 * bypass, since an answer that waits for nobody helps nobody.
 */
static unsigned int dns_answer(struct appfw_net *an,
			       const struct appfw_policy *policy,
			       struct sk_buff *skb, u8 pf,
			       const struct nf_conn *ct)
{
	const struct appfw_agent *agent;
	struct packet pkt = { .skb = skb };

	if (!policy->config.learn)
		return NF_ACCEPT;
	agent = appfw_agent_rcu(an);
	if (!agent || !parse(&pkt, pf) ||
	    !appfw_agent_dns_answer(skb, pkt.thoff, pkt.d.proto))
		return NF_ACCEPT;
	return appfw_agent_queue(an, agent, ct, false);
}

/* What conntrack does not track, and related packets, are not ours. */
static struct nf_conn *flow_of(struct sk_buff *skb,
			       enum ip_conntrack_info *ctinfo)
{
	struct nf_conn *ct = nf_ct_get(skb, ctinfo);

	if (!ct || nf_ct_is_template(ct) || *ctinfo == IP_CT_RELATED ||
	    *ctinfo == IP_CT_RELATED_REPLY)
		return NULL;
	return ct;
}

static unsigned int packet_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	enum appfw_slot slot = (unsigned long)priv;
	struct appfw_net *an = appfw_net(state->net);
	const struct appfw_policy *policy;
	enum ip_conntrack_info ctinfo;
	unsigned int verdict;
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
	ct = flow_of(skb, &ctinfo);
	if (!ct)
		return NF_ACCEPT;
	policy = appfw_policy_rcu(an);
	if (unlikely(!policy))
		return NF_ACCEPT;

	mark = READ_ONCE(ct->mark);
	if (appfw_mark_decided(&policy->config, mark)) {
		verdict = appfw_verdict(policy, ct, skb, state, mark, false);
		if (verdict != NF_ACCEPT ||
		    CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL)
			return verdict;
		return dns_answer(an, policy, skb, state->pf, ct);
	}
	if (CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL)
		return dns_answer(an, policy, skb, state->pf, ct);

	pkt = (struct packet){
		.d = {
			.an = an,
			.policy = policy,
			.ct = ct,
		},
		.skb = skb,
		.verdict = NF_ACCEPT,
	};
	if (!classify(&pkt, state->pf))
		return pkt.verdict;
	return appfw_verdict(policy, ct, skb, state, pkt.d.mark,
			     pkt.d.new_flow);
}

/*
 * LOCAL_IN: the answers to the host's own DNS queries, for learning.
 * Nothing else is looked at: the host's flows are classified and acted
 * on where they leave, at LOCAL_OUT.
 */
static unsigned int dns_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	enum appfw_slot slot = (unsigned long)priv;
	struct appfw_net *an = appfw_net(state->net);
	const struct appfw_policy *policy;
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct;

	appfw_net_count(an, slot, skb->len);
	ct = flow_of(skb, &ctinfo);
	if (!ct || CTINFO2DIR(ctinfo) != IP_CT_DIR_REPLY)
		return NF_ACCEPT;
	policy = appfw_policy_rcu(an);
	if (unlikely(!policy))
		return NF_ACCEPT;
	return dns_answer(an, policy, skb, state->pf, ct);
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
	[APPFW_SLOT_IPV4_LOCAL_IN] = {
		.hook = dns_hook,
		.priv = (void *)APPFW_SLOT_IPV4_LOCAL_IN,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = APPFW_HOOK_PRIORITY,
	},
	[APPFW_SLOT_IPV6_LOCAL_IN] = {
		.hook = dns_hook,
		.priv = (void *)APPFW_SLOT_IPV6_LOCAL_IN,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
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
