/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QUIC long headers (RFC 9000 17.2) and variable-length integers (16):
 * what can be read of a datagram without its keys. Private to the QUIC
 * code. Apart from quic.c because it needs no libcrypto: an agent built
 * without QUIC (make NO_QUIC=1) still tells a QUIC Initial from other UDP.
 */
#ifndef APPFWD_QUIC_HEADER_H
#define APPFWD_QUIC_HEADER_H

#include <stddef.h>
#include <stdint.h>

#define QUIC_LONG_HEADER 0x80
#define QUIC_FIXED_BIT 0x40

/* Long header packet types, in v1 numbering (v2 permutes them). */
enum {
	QUIC_TYPE_INITIAL,
	QUIC_TYPE_0RTT,
	QUIC_TYPE_HANDSHAKE,
	QUIC_TYPE_RETRY,
};

struct quic_long_hdr {
	uint32_t version;
	unsigned int type;	/* QUIC_TYPE_* */
	const uint8_t *dcid;
	uint8_t dcid_len;
	size_t pn_off;		/* where the packet number starts */
	size_t end;		/* the packet's length on the wire */
};

/* RFC 9000 16: *v from p[*pos..], *pos moved past it. 0, or -EINVAL when
 * it runs past len. */
int quic_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *v);

/*
 * Reads the long header at p[0..len): the parts every packet type but
 * Retry shares. -EPROTONOSUPPORT for a short header, Version Negotiation,
 * Retry or an unknown version (nothing after it can be read); -EINVAL for
 * a header or Length that does not fit.
 */
int quic_parse_long(const uint8_t *p, size_t len, struct quic_long_hdr *h);

#endif
