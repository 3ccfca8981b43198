// SPDX-License-Identifier: GPL-2.0
/*
 * A TCP flow: its payload rebuilt by sequence number, in whatever order
 * the segments come, and fed to the TLS parser as it becomes contiguous.
 *
 * Where the stream starts: attached, the kernel says (APPFW_CMD_GET_FLOW:
 * next_seq, and the parser state after the bytes it saw in order, which
 * we carry on from); standalone, the SYN says, or else the first payload
 * segment we see (rules that queue from a flow's first packet always show
 * us the SYN). Bytes before the start are the kernel's and are not read
 * again; retransmissions keep the bytes first received (reasm.h).
 *
 * Decided: by the SNI when the ClientHello is complete; by the HTTP Host
 * when the stream is not TLS and started with us (the kernel had seen no
 * byte); as no app when malformed, not TLS or HTTP, or ENGINE_TCP_STREAM
 * bytes did not hold a ClientHello. Segments with payload are held until
 * then; bare ACKs, FINs and RSTs pass at once.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>

#include "backend.h"
#include "engine_int.h"
#include "http.h"
#include "pkt.h"
#include "reasm.h"

struct afw_tcp_flow {
	bool started;		/* base is known */
	bool fresh;		/* we parse from the stream's first byte */
	uint32_t base;		/* sequence number of stream offset 0 */
	uint32_t fed;		/* stream bytes given to the TLS parser */
	struct afw_reasm r;
	struct afw_tls tls;
};

int engine_tcp_start(struct afw_flow *f)
{
	f->tcp = calloc(1, sizeof(*f->tcp));
	if (!f->tcp)
		return -ENOMEM;
	if (afw_reasm_init(&f->tcp->r, ENGINE_TCP_STREAM)) {
		free(f->tcp);
		f->tcp = NULL;
		return -ENOMEM;
	}
	afw_tls_init(&f->tcp->tls, AFW_TLS_RECORDS);
	f->tcp->fresh = true;
	return 0;
}

void engine_tcp_free(struct afw_tcp_flow *t)
{
	afw_reasm_free(&t->r);
	free(t);
}

/* Where the stream starts: 0, or 1 when the flow is decided already. */
static int start_stream(struct afw_engine *e, struct afw_flow *f,
			uint32_t seq)
{
	struct afw_tcp_flow *t = f->tcp;
	struct afw_flow_state st;
	struct afw_decision d = { 0 };
	int err;

	t->started = true;
	t->base = seq;
	if (!e->be->ops->flow_get)
		return 0;
	err = e->be->ops->flow_get(e->be, &f->key, &st);
	if (err == -ENOENT) {
		engine_decide(e, f, AFW_REASON_UNKNOWN, 0, NULL, NULL);
		return 1;
	}
	if (err) {
		/* Cannot ask: read from here, as standalone does. */
		return 0;
	}
	if (st.decided) {
		/* Decided meanwhile (by the kernel or another queue): the
		 * verdict is the kernel's to give. */
		d.app = st.app;
		engine_decide(e, f, AFW_REASON_ADDR, APPFW_SOURCE_UNSPEC, NULL,
			      &d);
		return 1;
	}
	if (st.has_next_seq)
		t->base = st.next_seq;
	if (st.has_tls && st.tls.mode == AFW_TLS_RECORDS) {
		t->tls = st.tls;
		t->fresh = false;
	}
	return 0;
}

/* The stream has new contiguous bytes, or not: decide if they tell. */
static void parse(struct afw_engine *e, struct afw_flow *f)
{
	struct afw_tcp_flow *t = f->tcp;
	uint32_t have = afw_reasm_contiguous(&t->r);
	const uint8_t *data = afw_reasm_data(&t->r);
	char host[AFW_HTTP_HOST_MAX + 1];
	enum afw_tls_result res;
	const char *h;
	size_t hlen;

	res = afw_tls_feed(&t->tls, data + t->fed, have - t->fed);
	t->fed = have;
	switch (res) {
	case AFW_TLS_DONE:
		engine_decide_hello(e, f, &t->tls);
		return;
	case AFW_TLS_MALFORMED:
		engine_give_up(e, f, AFW_REASON_MALFORMED);
		return;
	case AFW_TLS_NOT_TLS:
		if (!t->fresh) {
			engine_give_up(e, f, AFW_REASON_NOT_TLS);
			return;
		}
		switch (afw_http_host(data, have, &h, &hlen)) {
		case AFW_HTTP_FOUND:
			memcpy(host, h, hlen);
			host[hlen] = '\0';
			engine_decide(e, f, AFW_REASON_NAME, APPFW_SOURCE_HOST,
				      host, NULL);
			return;
		case AFW_HTTP_MORE:
			break;
		case AFW_HTTP_NO_HOST:
			engine_decide(e, f, AFW_REASON_NO_NAME,
				      APPFW_SOURCE_HOST, NULL, NULL);
			return;
		case AFW_HTTP_NOT_HTTP:
			engine_give_up(e, f, AFW_REASON_NOT_TLS);
			return;
		}
		break;
	case AFW_TLS_MORE:
		break;
	}
	if (have >= ENGINE_TCP_STREAM)
		engine_give_up(e, f, AFW_REASON_BOUND);
}

void engine_tcp_packet(struct afw_engine *e, struct afw_flow *f,
		       uint64_t handle, size_t len, const struct afw_pkt *p,
		       int64_t now_ms)
{
	struct afw_tcp_flow *t = f->tcp;
	const uint8_t *data = p->payload;
	size_t n = p->payload_len;
	uint32_t seq = p->seq;
	int32_t off;

	if (p->tcp_flags & AFW_TCP_SYN) {
		seq++;
		/* The SYN names the stream's first byte: standalone mode
		 * starts there; attached, the kernel knows better. */
		if (!t->started && !e->be->ops->flow_get) {
			t->started = true;
			t->base = seq;
		}
	}
	if (!n || (p->tcp_flags & AFW_TCP_RST)) {
		e->verdict(e->ctx, handle,
			   &(struct afw_verdict){ .verdict = NF_ACCEPT });
		return;
	}
	if (!t->started && start_stream(e, f, seq)) {
		e->verdict(e->ctx, handle, &f->verdict);
		return;
	}
	if (engine_hold(e, f, handle, len, now_ms)) {
		engine_give_up(e, f, AFW_REASON_BOUND);
		e->verdict(e->ctx, handle, &f->verdict);
		return;
	}

	off = (int32_t)(seq - t->base);
	if (off < 0) {
		/* Bytes before the start: the kernel saw them. */
		if ((size_t)-(int64_t)off >= n)
			n = 0;
		else
			data += -(int64_t)off, n -= (size_t)-(int64_t)off;
		off = 0;
	}
	/* A piece past the bound is kept as far as it fits (-EMSGSIZE). */
	if (n)
		afw_reasm_add(&t->r, (uint64_t)off, data, n);
	parse(e, f);
	if (!f->decided)
		engine_check_bounds(e, f);
}
