// SPDX-License-Identifier: GPL-2.0
/*
 * A QUIC flow: the client's datagrams go to afw_quic_hello_feed (quic.h)
 * and are held until the ClientHello is complete. Then its SNI decides.
 * What gives up (decided as no app, held datagrams released):
 * afw_quic_hello_feed failing, ENGINE_QUIC_DGRAMS datagrams without a
 * complete ClientHello, ENGINE_QUIC_HOLD_MS since the first (engine.c).
 */
#include <errno.h>
#include <stdlib.h>

#include "engine_int.h"
#include "pkt.h"
#include "quic.h"

int engine_quic_start(struct afw_flow *f)
{
	f->quic = malloc(sizeof(*f->quic));
	if (!f->quic)
		return -ENOMEM;
	if (afw_quic_hello_init(f->quic)) {
		free(f->quic);
		f->quic = NULL;
		return -ENOMEM;
	}
	return 0;
}

void engine_quic_free(struct afw_quic_hello *h)
{
	afw_quic_hello_free(h);
	free(h);
}

bool afw_engine_has_quic(void)
{
	return true;
}

void engine_quic_packet(struct afw_engine *e, struct afw_flow *f,
			uint64_t handle, size_t len, const struct afw_pkt *p,
			int64_t now_ms)
{
	struct afw_quic_hello *h = f->quic;

	if (engine_hold(e, f, handle, len, now_ms)) {
		engine_give_up(e, f, AFW_REASON_BOUND);
		/* Not held, so not answered by the decision. */
		e->verdict(e->ctx, handle, &f->verdict);
		return;
	}
	f->dgrams++;
	switch (afw_quic_hello_feed(h, p->payload, p->payload_len)) {
	case AFW_QUIC_DONE:
		engine_decide_hello(e, f, &h->tls);
		return;
	case AFW_QUIC_FAILED:
		engine_give_up(e, f, AFW_REASON_MALFORMED);
		return;
	case AFW_QUIC_MORE:
	case AFW_QUIC_IGNORED:
		break;
	}
	if (f->dgrams >= ENGINE_QUIC_DGRAMS)
		engine_give_up(e, f, AFW_REASON_BOUND);
	else
		engine_check_bounds(e, f);
}
