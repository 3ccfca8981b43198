// SPDX-License-Identifier: GPL-2.0
/*
 * The client's first flight of QUIC (long headers: quic_header.c), Initial
 * packet protection (RFC 9001 5; quic_crypto.c does the cryptography), the
 * frames an Initial may carry (RFC 9000 19) and the CRYPTO stream handed
 * to the shared TLS parser as its contiguous prefix grows.
 *
 * Every length read from the wire is checked against what is left of its
 * container before it is used: a datagram is untrusted from its first byte
 * to its last, and so is a decrypted payload (Initial keys are public, so
 * anyone can make a packet that authenticates).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "quic.h"
#include "quic_crypto.h"
#include "quic_header.h"

#define VARINT_MAX ((1ULL << 62) - 1)

enum {
	FRAME_PADDING = 0x00,
	FRAME_PING = 0x01,
	FRAME_ACK = 0x02,
	FRAME_ACK_ECN = 0x03,
	FRAME_CRYPTO = 0x06,
};

/* XORs the header protection mask into the first byte and pn_len bytes. */
static void apply_mask(uint8_t *pkt, size_t pn_off, const uint8_t mask[5],
		       unsigned int pn_len)
{
	unsigned int i;

	for (i = 0; i < pn_len; i++)
		pkt[pn_off + i] ^= mask[1 + i];
}

int afw_quic_decrypt_initial(uint8_t *pkt, size_t len,
			     const struct afw_quic_keys *keys,
			     uint32_t version, const uint8_t **payload,
			     size_t *payload_len)
{
	unsigned int pn_len, i;
	struct quic_long_hdr h;
	uint8_t mask[5];
	size_t body;
	uint64_t pn;
	int ret;

	ret = quic_parse_long(pkt, len, &h);
	if (ret)
		return ret;
	if (h.version != version || h.type != QUIC_TYPE_INITIAL)
		return -EPROTONOSUPPORT;
	/* RFC 9001 5.4.2: the sample starts 4 bytes after the packet number
	 * offset, and a packet too short to hold it cannot be unprotected. */
	if (h.end - h.pn_off < 4 + QUIC_SAMPLE_LEN)
		return -EINVAL;
	ret = quic_hp_mask(keys->hp, pkt + h.pn_off + 4, mask);
	if (ret)
		return ret;
	pkt[0] ^= mask[0] & 0x0f;
	pn_len = (pkt[0] & 3) + 1;
	apply_mask(pkt, h.pn_off, mask, pn_len);
	for (pn = 0, i = 0; i < pn_len; i++)
		pn = pn << 8 | pkt[h.pn_off + i];
	body = h.end - h.pn_off - pn_len - QUIC_TAG_LEN;
	ret = quic_aead(false, keys, pn, pkt, h.pn_off + pn_len,
			pkt + h.pn_off + pn_len, body,
			pkt + h.end - QUIC_TAG_LEN);
	if (ret)
		return ret;
	*payload = pkt + h.pn_off + pn_len;
	*payload_len = body;
	return (int)h.end;
}

int afw_quic_encrypt_initial(const struct afw_quic_initial *in,
			     const struct afw_quic_keys *keys, uint8_t *out,
			     size_t out_size)
{
	size_t hdr, pn_off, payload, end, i;
	uint8_t mask[5];
	int ret;

	if (in->dcid_len > AFW_QUIC_CID_MAX || in->scid_len > AFW_QUIC_CID_MAX ||
	    in->pn_len < 1 || in->pn_len > 4 ||
	    (in->pn_len < 4 && in->pn >> (8 * in->pn_len)))
		return -EINVAL;
	if (in->version != AFW_QUIC_V1 && in->version != AFW_QUIC_V2)
		return -EPROTONOSUPPORT;
	/* first byte, version, CIDs, an empty token, a 2-byte Length */
	pn_off = 1 + 4 + 1 + in->dcid_len + 1 + in->scid_len + 1 + 2;
	hdr = pn_off + in->pn_len;
	payload = in->frames_len;
	/* Room for the header protection sample, then pad_to. */
	if (payload < 4 - in->pn_len)
		payload = 4 - in->pn_len;
	if (hdr + payload + QUIC_TAG_LEN < in->pad_to)
		payload = in->pad_to - hdr - QUIC_TAG_LEN;
	end = hdr + payload + QUIC_TAG_LEN;
	if (in->frames_len > 16383 || end - pn_off > 16383 || end > out_size)
		return -EMSGSIZE;

	out[0] = (uint8_t)(QUIC_LONG_HEADER | QUIC_FIXED_BIT | (in->pn_len - 1) |
			   (in->version == AFW_QUIC_V2 ? 1 : 0) << 4);
	out[1] = (uint8_t)(in->version >> 24);
	out[2] = (uint8_t)(in->version >> 16);
	out[3] = (uint8_t)(in->version >> 8);
	out[4] = (uint8_t)in->version;
	out[5] = (uint8_t)in->dcid_len;
	if (in->dcid_len)
		memcpy(out + 6, in->dcid, in->dcid_len);
	i = 6 + in->dcid_len;
	out[i++] = (uint8_t)in->scid_len;
	if (in->scid_len)
		memcpy(out + i, in->scid, in->scid_len);
	i += in->scid_len;
	out[i++] = 0;				/* token length */
	out[i++] = (uint8_t)(0x40 | (end - pn_off) >> 8);
	out[i++] = (uint8_t)(end - pn_off);
	for (i = 0; i < in->pn_len; i++)
		out[pn_off + i] = (uint8_t)(in->pn >> (8 * (in->pn_len - 1 - i)));
	if (in->frames_len)
		memcpy(out + hdr, in->frames, in->frames_len);
	memset(out + hdr + in->frames_len, FRAME_PADDING,
	       payload - in->frames_len);

	ret = quic_aead(true, keys, in->pn, out, hdr, out + hdr, payload,
			out + end - QUIC_TAG_LEN);
	if (!ret)
		ret = quic_hp_mask(keys->hp, out + pn_off + 4, mask);
	if (ret)
		return ret;
	out[0] ^= mask[0] & 0x0f;
	apply_mask(out, pn_off, mask, in->pn_len);
	return (int)end;
}

int afw_quic_hello_init(struct afw_quic_hello *h)
{
	memset(h, 0, sizeof(*h));
	afw_tls_init(&h->tls, AFW_TLS_HANDSHAKE);
	h->result = AFW_QUIC_MORE;
	return afw_reasm_init(&h->crypto, AFW_QUIC_CRYPTO_MAX);
}

void afw_quic_hello_free(struct afw_quic_hello *h)
{
	afw_reasm_free(&h->crypto);
	memset(&h->keys, 0, sizeof(h->keys));
}

/* An ACK frame's fields after its type (RFC 9000 19.3), all skipped. */
static int skip_ack(const uint8_t *p, size_t len, size_t *pos, bool ecn)
{
	uint64_t v, count, i;

	if (quic_varint(p, len, pos, &v) || quic_varint(p, len, pos, &v) ||
	    quic_varint(p, len, pos, &count) || quic_varint(p, len, pos, &v))
		return -EINVAL;
	/* Each range is at least two bytes: a huge count runs out first. */
	for (i = 0; i < count; i++)
		if (quic_varint(p, len, pos, &v) || quic_varint(p, len, pos, &v))
			return -EINVAL;
	if (ecn)
		for (i = 0; i < 3; i++)
			if (quic_varint(p, len, pos, &v))
				return -EINVAL;
	return 0;
}

/*
 * The frames of one decrypted Initial into the CRYPTO stream. A frame type
 * an Initial may not carry, or a frame that does not fit, ends the packet
 * (what came before it stays). Returns -EMSGSIZE when CRYPTO data lay past
 * the bound, else 0.
 */
static int read_frames(struct afw_quic_hello *h, const uint8_t *p, size_t len)
{
	uint64_t off, n;
	size_t pos = 0;
	int ret = 0;

	while (pos < len) {
		switch (p[pos++]) {
		case FRAME_PADDING:
		case FRAME_PING:
			continue;
		case FRAME_ACK:
		case FRAME_ACK_ECN:
			if (skip_ack(p, len, &pos, p[pos - 1] == FRAME_ACK_ECN))
				return ret;
			continue;
		case FRAME_CRYPTO:
			if (quic_varint(p, len, &pos, &off) ||
			    quic_varint(p, len, &pos, &n) || n > len - pos ||
			    off + n > VARINT_MAX)
				return ret;
			if (afw_reasm_add(&h->crypto, off, p + pos, (size_t)n))
				ret = -EMSGSIZE;
			pos += (size_t)n;
			continue;
		default:
			return ret;
		}
	}
	return ret;
}

static enum afw_quic_result fail(struct afw_quic_hello *h, int error)
{
	h->error = error;
	h->result = AFW_QUIC_FAILED;
	return h->result;
}

/* Hands tls the CRYPTO bytes that just became contiguous. */
static enum afw_quic_result feed_tls(struct afw_quic_hello *h, int overflow)
{
	uint32_t have = afw_reasm_contiguous(&h->crypto);
	const uint8_t *data = afw_reasm_data(&h->crypto);

	enum afw_tls_result r;

	if (have > h->tls_fed) {
		r = afw_tls_feed(&h->tls, data + h->tls_fed, have - h->tls_fed);
		h->tls_fed = have;
	} else {
		r = afw_tls_feed(&h->tls, NULL, 0);
	}
	switch (r) {
	case AFW_TLS_DONE:
		h->result = AFW_QUIC_DONE;
		return h->result;
	case AFW_TLS_NOT_TLS:
		return fail(h, -EPROTO);
	case AFW_TLS_MALFORMED:
		return fail(h, -EBADMSG);
	default:
		break;
	}
	/* The ClientHello says how long it is: fail now, not at the bound. */
	if (overflow || (have >= 4 && 4 + (((uint32_t)data[1] << 16) |
					  ((uint32_t)data[2] << 8) | data[3]) >
					 h->crypto.cap))
		return fail(h, -EMSGSIZE);
	return AFW_QUIC_MORE;
}

/* One Initial packet at pkt (parsed into *lh): true if it decrypted. */
static bool read_initial(struct afw_quic_hello *h, uint8_t *pkt, size_t len,
			 const struct quic_long_hdr *lh, int *overflow)
{
	const struct afw_quic_keys *keys = &h->keys;
	struct afw_quic_keys first;
	const uint8_t *payload;
	size_t payload_len;

	if (!h->version) {
		/* Keys come from the first Initial that decrypts with them. */
		if (afw_quic_initial_keys(lh->version, lh->dcid, lh->dcid_len,
					  false, &first))
			return false;
		keys = &first;
	} else if (lh->version != h->version || lh->dcid_len != h->dcid_len ||
		   memcmp(lh->dcid, h->dcid, h->dcid_len)) {
		return false;
	}
	if (afw_quic_decrypt_initial(pkt, len, keys, lh->version, &payload,
				     &payload_len) < 0)
		return false;
	if (!h->version) {
		h->version = lh->version;
		h->dcid_len = lh->dcid_len;
		memcpy(h->dcid, lh->dcid, lh->dcid_len);
		h->keys = first;
	}
	h->packets++;
	if (read_frames(h, payload, payload_len))
		*overflow = -EMSGSIZE;
	return true;
}

enum afw_quic_result afw_quic_hello_feed(struct afw_quic_hello *h,
					 const uint8_t *payload, size_t len)
{
	int overflow = 0;
	bool ours = false;
	struct quic_long_hdr lh;
	size_t off = 0;
	uint8_t *copy;

	if (h->result != AFW_QUIC_MORE)
		return h->result;
	if (!payload || !len)
		return AFW_QUIC_IGNORED;
	/* Decryption works in place, and the caller's datagram is const. */
	copy = malloc(len);
	if (!copy)
		return fail(h, -ENOMEM);
	memcpy(copy, payload, len);
	/* Coalesced packets (RFC 9000 12.2) until one we cannot step over. */
	while (off < len && !quic_parse_long(copy + off, len - off, &lh)) {
		if (lh.type == QUIC_TYPE_INITIAL &&
		    read_initial(h, copy + off, len - off, &lh, &overflow))
			ours = true;
		off += lh.end;
	}
	free(copy);
	if (!ours)
		return AFW_QUIC_IGNORED;
	return feed_tls(h, overflow);
}
