/* SPDX-License-Identifier: GPL-2.0 */
/* The engine's insides, shared by engine.c and its protocol parts. */
#ifndef APPFWD_ENGINE_INT_H
#define APPFWD_ENGINE_INT_H

#include "engine.h"
#include "flowtab.h"

struct afw_pkt;

struct afw_engine {
	struct afw_backend *be;
	afw_verdict_fn verdict;
	afw_report_fn report;
	void *ctx;
	struct afw_flowtab tab;
	size_t held_bytes;
	struct afw_dns_answer *dns;	/* scratch: 6 KB, not on the stack */
	enum afw_dns_refuse refuse;
	uint8_t *rewrite;		/* scratch: the rewritten packet */
	struct afw_engine_stats stats;
};

/*
 * Decides f: with pre (an address decision) as it is, else by asking the
 * backend about name (NULL: none) seen by source. Every held packet gets
 * the flow's verdict; the parser state goes.
 */
void engine_decide(struct afw_engine *e, struct afw_flow *f,
		   enum afw_reason reason, uint8_t source, const char *name,
		   const struct afw_decision *pre);
/* Decides f by the server name of its whole ClientHello (none: no name). */
void engine_decide_hello(struct afw_engine *e, struct afw_flow *f,
			 const struct afw_tls *tls);
/* Decides f as no app. */
void engine_give_up(struct afw_engine *e, struct afw_flow *f,
		    enum afw_reason reason);
/* Keeps the packet's verdict for the decision; -ENOMEM. */
int engine_hold(struct afw_engine *e, struct afw_flow *f, uint64_t handle,
		size_t len, int64_t now_ms);
void engine_check_bounds(struct afw_engine *e, struct afw_flow *f);

/* engine_tcp.c */
int engine_tcp_start(struct afw_flow *f);
void engine_tcp_free(struct afw_tcp_flow *t);
void engine_tcp_packet(struct afw_engine *e, struct afw_flow *f,
		       uint64_t handle, size_t len, const struct afw_pkt *p,
		       int64_t now_ms);

/* engine_quic.c, or engine_noquic.c in a NO_QUIC=1 build */
int engine_quic_start(struct afw_flow *f);
void engine_quic_free(struct afw_quic_hello *h);
void engine_quic_packet(struct afw_engine *e, struct afw_flow *f,
			uint64_t handle, size_t len, const struct afw_pkt *p,
			int64_t now_ms);

#endif
