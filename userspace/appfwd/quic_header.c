// SPDX-License-Identifier: GPL-2.0
/*
 * QUIC long headers and varints (quic_header.h), and afw_quic_is_initial:
 * the cheap look at a datagram that the engine takes before any key is
 * derived. No libcrypto here.
 */
#include <errno.h>
#include <stdbool.h>

#include "quic.h"
#include "quic_header.h"

#define INITIAL_MIN 1200	/* RFC 9000 14.1: a client's Initial datagram */

int quic_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *v)
{
	size_t n, i;

	if (*pos >= len)
		return -EINVAL;
	n = (size_t)1 << (p[*pos] >> 6);
	if (n > len - *pos)
		return -EINVAL;
	*v = p[*pos] & 0x3f;
	for (i = 1; i < n; i++)
		*v = *v << 8 | p[*pos + i];
	*pos += n;
	return 0;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

int quic_parse_long(const uint8_t *p, size_t len, struct quic_long_hdr *h)
{
	uint64_t v;
	size_t pos;

	if (len < 7 || !(p[0] & QUIC_LONG_HEADER) || !(p[0] & QUIC_FIXED_BIT))
		return -EPROTONOSUPPORT;
	h->version = get_be32(p + 1);
	h->type = (p[0] >> 4) & 3;
	if (h->version == AFW_QUIC_V2)
		h->type = (h->type + 3) & 3;
	else if (h->version != AFW_QUIC_V1)
		return -EPROTONOSUPPORT;
	if (h->type == QUIC_TYPE_RETRY)
		return -EPROTONOSUPPORT;
	h->dcid_len = p[5];
	h->dcid = p + 6;
	pos = 6 + (size_t)h->dcid_len;
	if (h->dcid_len > AFW_QUIC_CID_MAX || pos >= len)
		return -EINVAL;
	if (p[pos] > AFW_QUIC_CID_MAX)
		return -EINVAL;
	pos += 1 + (size_t)p[pos];
	if (h->type == QUIC_TYPE_INITIAL) {
		if (quic_varint(p, len, &pos, &v) || v > len - pos)
			return -EINVAL;
		pos += (size_t)v;	/* the token */
	}
	if (quic_varint(p, len, &pos, &v) || v > len - pos)
		return -EINVAL;
	h->pn_off = pos;
	h->end = pos + (size_t)v;
	return 0;
}

bool afw_quic_is_initial(const uint8_t *payload, size_t len,
			 uint32_t *version)
{
	struct quic_long_hdr h;

	if (!payload || len < INITIAL_MIN || quic_parse_long(payload, len, &h) ||
	    h.type != QUIC_TYPE_INITIAL)
		return false;
	*version = h.version;
	return true;
}

