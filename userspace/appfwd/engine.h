/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The agent's classifier: one engine per queue thread (or per capture),
 * the same code in every mode. Packets go in with an opaque handle (the
 * NFQUEUE packet id, a capture's packet index) and a time; verdicts come
 * out through a callback, at once or, for packets held while a flow is
 * being decided, later. What decides is a backend (backend.h): the kernel
 * (attached mode) or the policy file (standalone, --pcap).
 *
 * Per flow (keyed by the original-direction tuple, the first packet's
 * direction being the original one):
 *
 *   first packet      backend's address lookup (local: prefix, then
 *                     learned address; attached: the kernel did that)
 *   UDP               QUIC Initials: fed to afw_quic_hello_feed, held
 *                     until the ClientHello is complete, then decided by
 *                     its SNI; not an Initial, FAILED, ENGINE_QUIC_DGRAMS
 *                     datagrams or ENGINE_QUIC_HOLD_MS: decided as no app
 *   TCP               payload reassembled by sequence number from the
 *                     kernel's next_seq (attached, afw_flow_get) or the
 *                     SYN/first payload (standalone), fed to the TLS
 *                     parser (the kernel's state when it had one), then
 *                     HTTP Host if it is not TLS; payload segments are
 *                     held until the decision, bare ACKs pass
 *   DNS answers       UDP or TCP from port 53: parsed, learned, passed at
 *                     once, whatever flow they belong to; with
 *                     afw_engine_set_dns_refuse, an answer for a name of
 *                     a blocked (block or reject) app passes rewritten
 *                     (dnsrewrite.h)
 *
 * Bounds (per engine): ENGINE_FLOWS flows, the least recently seen out
 * first (decided as no app, its held packets released); a flow holds at
 * most ENGINE_FLOW_HELD bytes of packets and ENGINE_HELD_MAX bytes are
 * held in all (the oldest pending flow gives up first); a flow not seen
 * for ENGINE_IDLE_MS is forgotten. A held packet waits at most
 * ENGINE_TCP_HOLD_MS (TCP: a lost segment is sent again after an RTO) or
 * ENGINE_QUIC_HOLD_MS (QUIC: a browser sends its first flight at once);
 * then its flow is decided as no app and everything held gets that
 * verdict: nothing is held forever.
 */
#ifndef APPFWD_ENGINE_H
#define APPFWD_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/appfw.h>

#include "agentnl.h"
#include "dnsrewrite.h"
#include "tls.h"

#define ENGINE_FLOWS 4096
#define ENGINE_IDLE_MS 10000
#define ENGINE_FLOW_HELD (16 * 1024)
#define ENGINE_HELD_MAX (2 * 1024 * 1024)
#define ENGINE_TCP_HOLD_MS 3000
#define ENGINE_QUIC_HOLD_MS 500
#define ENGINE_QUIC_DGRAMS 8
/* TCP bytes reassembled per flow: a ClientHello of up to 16 KiB. */
#define ENGINE_TCP_STREAM (16 * 1024)

/* A packet's verdict, in NFQUEUE's terms. */
struct afw_verdict {
	uint32_t verdict;	/* NF_ACCEPT, NF_DROP or NF_REPEAT */
	uint32_t mark;		/* packet mark bits to set (under mark_mask) */
	uint32_t mark_mask;	/* 0: leave the packet mark alone */
	/*
	 * For a packet that carries mark already: it went round the rules
	 * once with it and came back, so the rules did not act on it
	 * (a ruleset that queues everything). Repeating it again would
	 * loop; this verdict ends it (NF_ACCEPT or NF_DROP).
	 */
	uint32_t again;
	/* NULL, or the packet to pass instead of the one queued (a
	 * rewritten DNS answer); valid during the callback only. */
	const uint8_t *payload;
	size_t payload_len;
};

/* How a flow was decided. */
struct afw_decision {
	uint16_t app;		/* 0: no app */
	uint8_t action;		/* enum appfw_action; UNSPEC for no app */
	uint8_t source;		/* enum appfw_source; UNSPEC: nothing matched */
	uint8_t kind;		/* enum appfw_entry_kind of the entry */
	char app_name[APPFW_APP_NAME_LEN];	/* "" if the backend has none */
	char entry[AFW_TLS_SNI_MAX + 1];	/* "qq.com", "203.0.113.0/24" */
	int err;		/* the backend's -errno, 0 if it answered */
};

enum afw_flow_type {
	AFW_FLOW_OTHER,
	AFW_FLOW_TCP,
	AFW_FLOW_QUIC,
};

/* Why a flow ended up with its decision, for the report. */
enum afw_reason {
	AFW_REASON_ADDR,	/* prefix or learned address */
	AFW_REASON_NAME,	/* SNI, QUIC SNI or Host looked up */
	AFW_REASON_NO_NAME,	/* parsed to the end, no name in it */
	AFW_REASON_NOT_TLS,	/* neither TLS nor HTTP, or not QUIC */
	AFW_REASON_MALFORMED,
	AFW_REASON_TIMEOUT,	/* held too long */
	AFW_REASON_BOUND,	/* a size bound reached */
	AFW_REASON_EVICTED,	/* the table or the held bytes were full */
	AFW_REASON_END,		/* the capture ended undecided */
	AFW_REASON_UNKNOWN,	/* attached: the kernel knows no such flow */
	AFW_REASON_NO_QUIC,	/* QUIC, and built without it (NO_QUIC=1) */
};

const char *afw_reason_name(enum afw_reason reason);

/* False in an agent built with make NO_QUIC=1 (no libcrypto): QUIC flows
 * are then decided at their first Initial as no app, the fallback. */
bool afw_engine_has_quic(void);

/* What the engine tells its owner about each decided flow. */
struct afw_flow_report {
	struct afw_flow_tuple tuple;
	enum afw_flow_type type;
	enum afw_reason reason;
	const char *name;	/* the SNI or Host seen; NULL if none */
	const struct afw_decision *decision;
	uint64_t packets;	/* original-direction packets seen */
};

struct afw_backend;
struct afw_engine;
struct afw_dns_answer;

typedef void (*afw_verdict_fn)(void *ctx, uint64_t handle,
			       const struct afw_verdict *v);
typedef void (*afw_report_fn)(void *ctx, const struct afw_flow_report *r);

struct afw_engine_stats {
	uint64_t packets;	/* handed to the engine */
	uint64_t held;		/* of them held for a later verdict */
	uint64_t flows;		/* flows created */
	uint64_t decided;	/* flows decided */
	uint64_t quic, tcp;	/* flows decided by their QUIC or TCP bytes */
	uint64_t dns;		/* DNS answers parsed */
	uint64_t learned;	/* of them that taught an app's addresses */
	uint64_t refused;	/* of them rewritten (--dns-refuse) */
	uint64_t timeouts;	/* flows given up after holding too long */
	uint64_t evicted;	/* flows given up for room */
	uint64_t invalid;	/* packets we could not parse (passed) */
};

/*
 * A new engine deciding with be (which it does not own). verdict gets
 * every packet's verdict exactly once; report (may be NULL) every decided
 * flow once. 0 or -ENOMEM.
 */
int afw_engine_new(struct afw_engine **ep, struct afw_backend *be,
		   afw_verdict_fn verdict, afw_report_fn report, void *ctx);
/*
 * From now on, DNS answers for names of an app whose action is block or
 * reject pass rewritten as mode says (AFW_DNS_REFUSE_OFF, the default:
 * as they came). Only where the verdict can carry a new payload (NFQUEUE,
 * not --pcap). 0 or -ENOMEM.
 */
int afw_engine_set_dns_refuse(struct afw_engine *e, enum afw_dns_refuse mode);
/* Decides every pending flow as no app (reason END) and frees. */
void afw_engine_free(struct afw_engine *e);

/* One IP packet. now_ms: any monotonic clock, the capture's for --pcap. */
void afw_engine_packet(struct afw_engine *e, uint64_t handle,
		       const uint8_t *data, size_t len, int64_t now_ms);

/*
 * Gives up on flows held past their time and forgets idle ones. Returns
 * the milliseconds until the next hold runs out (-1: nothing held), for
 * a poll timeout.
 */
int afw_engine_expire(struct afw_engine *e, int64_t now_ms);

/* Decides every pending flow as no app with reason (END at a capture's
 * end), releasing what they hold. */
void afw_engine_flush(struct afw_engine *e, enum afw_reason reason);

const struct afw_engine_stats *afw_engine_stats(const struct afw_engine *e);
/* Flows in the table, and bytes held now. */
unsigned int afw_engine_flows(const struct afw_engine *e);
size_t afw_engine_held_bytes(const struct afw_engine *e);

#endif
