// SPDX-License-Identifier: GPL-2.0
/*
 * The QUIC side of the engine in an agent built with make NO_QUIC=1, for
 * firmware that cannot carry libcrypto: in place of engine_quic.c, quic.c
 * and quic_crypto.c (the Makefile picks one side). A QUIC flow is still
 * told from other UDP (quic_header.c needs no keys) and is decided at its
 * first Initial as no app: what the kernel does with QUIC when no agent
 * serves it (appfw.h, "The agent": the address rules, then nothing).
 */
#include "engine_int.h"

int engine_quic_start(struct afw_flow *f)
{
	(void)f;
	return 0;
}

void engine_quic_free(struct afw_quic_hello *h)
{
	(void)h;
}

bool afw_engine_has_quic(void)
{
	return false;
}

void engine_quic_packet(struct afw_engine *e, struct afw_flow *f,
			uint64_t handle, size_t len, const struct afw_pkt *p,
			int64_t now_ms)
{
	(void)len;
	(void)p;
	(void)now_ms;
	engine_give_up(e, f, AFW_REASON_NO_QUIC);
	/* Never held, so the decision did not answer it. */
	e->verdict(e->ctx, handle, &f->verdict);
}
