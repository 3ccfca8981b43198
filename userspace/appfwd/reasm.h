/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A byte stream rebuilt from pieces that arrive in any order, duplicated
 * or overlapping, within a fixed bound: the CRYPTO stream of QUIC Initial
 * packets, and the TCP payload of a ClientHello the kernel handed over.
 * Offsets are relative to the start of the stream.
 *
 *	struct afw_reasm r;
 *
 *	afw_reasm_init(&r, 8192);
 *	afw_reasm_add(&r, off, data, len);	for each piece, any order
 *	afw_reasm_contiguous(&r)		bytes from 0 without a hole
 *	afw_reasm_data(&r)			those bytes
 *	afw_reasm_free(&r);
 */
#ifndef APPFWD_REASM_H
#define APPFWD_REASM_H

#include <stddef.h>
#include <stdint.h>

struct afw_reasm {
	uint8_t *buf;		/* cap bytes */
	uint8_t *have;		/* one bit per byte of buf: received */
	uint32_t cap;
	uint32_t contiguous;	/* bytes from 0 received without a hole */
	uint32_t received;	/* distinct bytes received */
};

/* 0 or -ENOMEM; cap is at least 1 and at most 1 MiB (-EINVAL). */
int afw_reasm_init(struct afw_reasm *r, uint32_t cap);
void afw_reasm_free(struct afw_reasm *r);

/*
 * Copies data[0..len) to stream offset off. Bytes received before keep
 * their first value (a retransmission may not rewrite history). Returns 0,
 * or -EMSGSIZE when part of the piece lies past cap (the part inside is
 * kept), or -EINVAL for an offset + len that overflows.
 */
int afw_reasm_add(struct afw_reasm *r, uint64_t off, const void *data,
		  size_t len);

static inline uint32_t afw_reasm_contiguous(const struct afw_reasm *r)
{
	return r->contiguous;
}

static inline const uint8_t *afw_reasm_data(const struct afw_reasm *r)
{
	return r->buf;
}

#endif
