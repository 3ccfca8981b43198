// SPDX-License-Identifier: GPL-2.0
/*
 * The classifier's core: a packet's path from parsing to verdict, flows'
 * holding, deciding and forgetting. The TCP and QUIC parsers it drives
 * are in engine_tcp.c and engine_quic.c (see engine.h for the picture).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>

#include "backend.h"
#include "dns.h"
#include "engine_int.h"
#include "pkt.h"
#include "quic.h"
#include "reasm.h"

#define DNS_PORT 53
/* The largest packet NFQUEUE hands over (its copy range). */
#define REWRITE_MAX 0xffff

static const char *const reason_names[] = {
	[AFW_REASON_ADDR] = "address",
	[AFW_REASON_NAME] = "name",
	[AFW_REASON_NO_NAME] = "no-name",
	[AFW_REASON_NOT_TLS] = "not-tls",
	[AFW_REASON_MALFORMED] = "malformed",
	[AFW_REASON_TIMEOUT] = "timeout",
	[AFW_REASON_BOUND] = "bound",
	[AFW_REASON_EVICTED] = "evicted",
	[AFW_REASON_END] = "end",
	[AFW_REASON_UNKNOWN] = "unknown-flow",
	[AFW_REASON_NO_QUIC] = "no-quic",
};

const char *afw_reason_name(enum afw_reason reason)
{
	if ((size_t)reason < sizeof(reason_names) / sizeof(reason_names[0]) &&
	    reason_names[reason])
		return reason_names[reason];
	return "?";
}

static const struct afw_verdict accept_now = { .verdict = NF_ACCEPT };

int afw_engine_new(struct afw_engine **ep, struct afw_backend *be,
		   afw_verdict_fn verdict, afw_report_fn report, void *ctx)
{
	struct afw_engine *e = calloc(1, sizeof(*e));

	if (!e)
		return -ENOMEM;
	e->dns = malloc(sizeof(*e->dns));
	if (!e->dns || afw_flowtab_init(&e->tab, ENGINE_FLOWS)) {
		free(e->dns);
		free(e);
		return -ENOMEM;
	}
	e->be = be;
	e->verdict = verdict;
	e->report = report;
	e->ctx = ctx;
	*ep = e;
	return 0;
}

void afw_engine_free(struct afw_engine *e)
{
	if (!e)
		return;
	afw_engine_flush(e, AFW_REASON_END);
	while (afw_flowtab_oldest(&e->tab))
		afw_flowtab_del(&e->tab, afw_flowtab_oldest(&e->tab));
	afw_flowtab_free(&e->tab);
	free(e->rewrite);
	free(e->dns);
	free(e);
}

int afw_engine_set_dns_refuse(struct afw_engine *e, enum afw_dns_refuse mode)
{
	if (mode != AFW_DNS_REFUSE_OFF && !e->rewrite) {
		e->rewrite = malloc(REWRITE_MAX);
		if (!e->rewrite)
			return -ENOMEM;
	}
	e->refuse = mode;
	return 0;
}

const struct afw_engine_stats *afw_engine_stats(const struct afw_engine *e)
{
	return &e->stats;
}

unsigned int afw_engine_flows(const struct afw_engine *e)
{
	return e->tab.used;
}

size_t afw_engine_held_bytes(const struct afw_engine *e)
{
	return e->held_bytes;
}

static void release_state(struct afw_flow *f)
{
	if (f->tcp) {
		engine_tcp_free(f->tcp);
		f->tcp = NULL;
	}
	if (f->quic) {
		engine_quic_free(f->quic);
		f->quic = NULL;
	}
}

void engine_decide(struct afw_engine *e, struct afw_flow *f,
		   enum afw_reason reason, uint8_t source, const char *name,
		   const struct afw_decision *pre)
{
	struct afw_decision d = { 0 };
	struct afw_flow_report r;

	if (f->decided)
		return;
	if (pre)
		d = *pre;
	else if (reason == AFW_REASON_UNKNOWN)
		d.err = -ENOENT;
	else
		e->be->ops->decide(e->be, &f->key, source, name, &d);
	e->be->ops->verdict(e->be, &d, &f->verdict);
	f->decided = true;

	for (unsigned int i = 0; i < f->nheld; i++)
		e->verdict(e->ctx, f->held[i].handle, &f->verdict);
	e->held_bytes -= f->held_bytes;
	f->nheld = 0;
	f->held_bytes = 0;
	free(f->held);
	f->held = NULL;
	f->held_cap = 0;
	if (!afw_link_empty(&f->pending))
		afw_link_del(&f->pending);

	e->stats.decided++;
	if (reason == AFW_REASON_TIMEOUT)
		e->stats.timeouts++;
	if (reason == AFW_REASON_EVICTED)
		e->stats.evicted++;
	if (reason == AFW_REASON_NAME || reason == AFW_REASON_NO_NAME) {
		if (f->type == AFW_FLOW_QUIC)
			e->stats.quic++;
		else if (f->type == AFW_FLOW_TCP)
			e->stats.tcp++;
	}
	if (e->report) {
		r = (struct afw_flow_report){
			.tuple = f->key,
			.type = f->type,
			.reason = reason,
			.name = name,
			.decision = &d,
		};
		e->report(e->ctx, &r);
	}
	release_state(f);
}

/* Where a flow's name comes from: its ClientHello's server_name. */
static uint8_t hello_source(const struct afw_flow *f)
{
	return f->type == AFW_FLOW_QUIC ? APPFW_SOURCE_QUIC : APPFW_SOURCE_SNI;
}

void engine_decide_hello(struct afw_engine *e, struct afw_flow *f,
			 const struct afw_tls *tls)
{
	const char *sni = tls->flags & AFW_TLS_SNI ? tls->sni : NULL;

	engine_decide(e, f, sni ? AFW_REASON_NAME : AFW_REASON_NO_NAME,
		      hello_source(f), sni, NULL);
}

/* What a flow gives up with: its type's source and no name. */
void engine_give_up(struct afw_engine *e, struct afw_flow *f,
		    enum afw_reason reason)
{
	engine_decide(e, f, reason, hello_source(f), NULL, NULL);
}

/* The oldest flow still waiting gives up, until the held bytes fit. */
static void enforce_held_max(struct afw_engine *e)
{
	while (e->held_bytes > ENGINE_HELD_MAX &&
	       !afw_link_empty(&e->tab.pending))
		engine_give_up(e, afw_flow_of(e->tab.pending.next, pending),
			       AFW_REASON_EVICTED);
}

int engine_hold(struct afw_engine *e, struct afw_flow *f, uint64_t handle,
		size_t len, int64_t now_ms)
{
	if (f->nheld == f->held_cap) {
		unsigned int cap = f->held_cap ? 2 * f->held_cap : 4;
		struct afw_held *h = realloc(f->held, cap * sizeof(*h));

		if (!h)
			return -ENOMEM;
		f->held = h;
		f->held_cap = cap;
	}
	f->held[f->nheld++] = (struct afw_held){ handle, (uint32_t)len };
	f->held_bytes += len;
	e->held_bytes += len;
	e->stats.held++;
	if (afw_link_empty(&f->pending)) {
		f->hold_since = now_ms;
		afw_link_add_tail(&e->tab.pending, &f->pending);
	}
	return 0;
}

/* After a packet was held: the flow's and the engine's bounds. */
void engine_check_bounds(struct afw_engine *e, struct afw_flow *f)
{
	if (!f->decided && f->held_bytes > ENGINE_FLOW_HELD)
		engine_give_up(e, f, AFW_REASON_BOUND);
	enforce_held_max(e);
}

static void forget(struct afw_engine *e, struct afw_flow *f,
		   enum afw_reason reason)
{
	engine_give_up(e, f, reason);
	afw_flowtab_del(&e->tab, f);
}

static struct afw_flow *new_flow(struct afw_engine *e,
				 const struct afw_flow_tuple *key,
				 int64_t now_ms)
{
	struct afw_flow *f = afw_flowtab_add(&e->tab, key, now_ms);

	if (!f) {
		forget(e, afw_flowtab_oldest(&e->tab), AFW_REASON_EVICTED);
		f = afw_flowtab_add(&e->tab, key, now_ms);
	}
	e->stats.flows++;
	return f;
}

/*
 * Learns from the answer in data[0..len) and gives it its verdict: as it
 * came, or rewritten if it is about a blocked app's name and refusing is
 * on. Answers without addresses teach nothing and pass as they are (the
 * kernel's LEARN wants addresses, so only they tell us the app).
 */
static void dns_answer(struct afw_engine *e, uint64_t handle,
		       const uint8_t *data, size_t len,
		       const struct afw_pkt *p, int64_t now_ms)
{
	uint8_t action = APPFW_ACTION_UNSPEC;
	struct afw_verdict v = accept_now;
	uint16_t app;
	long n;
	int err;

	if (p->tuple.proto == IPPROTO_UDP)
		err = afw_dns_parse(p->payload, p->payload_len, e->dns);
	else
		err = afw_dns_parse_tcp(p->payload, p->payload_len, e->dns);
	if (err || !e->dns->naddrs)
		goto out;
	e->stats.dns++;
	app = e->be->ops->learn(e->be, e->dns, now_ms, &action);
	if (app)
		e->stats.learned++;
	if (!app || e->refuse == AFW_DNS_REFUSE_OFF || len > REWRITE_MAX ||
	    (action != APPFW_ACTION_BLOCK && action != APPFW_ACTION_REJECT))
		goto out;
	memcpy(e->rewrite, data, len);
	n = afw_dns_refuse_packet(e->rewrite, len, e->refuse);
	if (n > 0) {
		v.payload = e->rewrite;
		v.payload_len = (size_t)n;
		e->stats.refused++;
	}
out:
	e->verdict(e->ctx, handle, &v);
}

/* The first packet of a flow: the address may decide it at once. */
static void start_flow(struct afw_engine *e, struct afw_flow *f,
		       const struct afw_pkt *p, int64_t now_ms)
{
	struct afw_decision d = { 0 };
	uint32_t version;

	if (p->tuple.proto == IPPROTO_TCP)
		f->type = AFW_FLOW_TCP;
	else if (afw_quic_is_initial(p->payload, p->payload_len, &version))
		f->type = AFW_FLOW_QUIC;
	if (e->be->ops->lookup_addr &&
	    e->be->ops->lookup_addr(e->be, &f->key, now_ms, &d)) {
		engine_decide(e, f, AFW_REASON_ADDR, d.source, NULL, &d);
		return;
	}
	if (f->type == AFW_FLOW_QUIC && engine_quic_start(f))
		engine_give_up(e, f, AFW_REASON_BOUND);
	else if (f->type == AFW_FLOW_TCP && engine_tcp_start(f))
		engine_give_up(e, f, AFW_REASON_BOUND);
	else if (f->type == AFW_FLOW_OTHER)
		/* UDP that is not a QUIC Initial: nothing to read. */
		engine_decide(e, f, AFW_REASON_NOT_TLS, APPFW_SOURCE_QUIC,
			      NULL, NULL);
}

void afw_engine_packet(struct afw_engine *e, uint64_t handle,
		       const uint8_t *data, size_t len, int64_t now_ms)
{
	struct afw_flow_tuple rev;
	struct afw_flow *f;
	struct afw_pkt p;
	int err;

	e->stats.packets++;
	err = afw_pkt_parse(data, len, &p);
	if (err) {
		if (err != -EPROTONOSUPPORT)
			e->stats.invalid++;
		e->verdict(e->ctx, handle, &accept_now);
		return;
	}
	/* DNS answers teach and pass, whatever their flow. */
	if (p.tuple.sport == DNS_PORT) {
		if (p.payload_len)
			dns_answer(e, handle, data, len, &p, now_ms);
		else
			e->verdict(e->ctx, handle, &accept_now);
		return;
	}

	f = afw_flowtab_find(&e->tab, &p.tuple);
	if (!f) {
		/* A reply: only the client's side is classified. */
		afw_tuple_reverse(&p.tuple, &rev);
		f = afw_flowtab_find(&e->tab, &rev);
		if (f) {
			afw_flowtab_touch(&e->tab, f, now_ms);
			e->verdict(e->ctx, handle, f->decided ? &f->verdict :
								 &accept_now);
			return;
		}
		f = new_flow(e, &p.tuple, now_ms);
		start_flow(e, f, &p, now_ms);
	} else {
		afw_flowtab_touch(&e->tab, f, now_ms);
	}

	if (f->decided) {
		e->verdict(e->ctx, handle, &f->verdict);
		return;
	}
	if (f->type == AFW_FLOW_TCP)
		engine_tcp_packet(e, f, handle, len, &p, now_ms);
	else
		engine_quic_packet(e, f, handle, len, &p, now_ms);
}

static int64_t hold_ms(const struct afw_flow *f)
{
	return f->type == AFW_FLOW_QUIC ? ENGINE_QUIC_HOLD_MS :
					  ENGINE_TCP_HOLD_MS;
}

int afw_engine_expire(struct afw_engine *e, int64_t now_ms)
{
	struct afw_link *l, *next;
	int64_t wait = -1;
	struct afw_flow *f;

	for (l = e->tab.pending.next; l != &e->tab.pending; l = next) {
		int64_t left;

		next = l->next;
		f = afw_flow_of(l, pending);
		left = f->hold_since + hold_ms(f) - now_ms;
		if (left <= 0)
			engine_give_up(e, f, AFW_REASON_TIMEOUT);
		else if (wait < 0 || left < wait)
			wait = left;
	}
	while ((f = afw_flowtab_oldest(&e->tab)) &&
	       now_ms - f->last_ms >= ENGINE_IDLE_MS)
		forget(e, f, AFW_REASON_TIMEOUT);
	return (int)wait;
}

void afw_engine_flush(struct afw_engine *e, enum afw_reason reason)
{
	struct afw_link *l, *next;

	for (l = e->tab.lru.next; l != &e->tab.lru; l = next) {
		next = l->next;
		engine_give_up(e, afw_flow_of(l, lru), reason);
	}
}
