/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client's first flight of a QUIC connection: Initial packets of
 * QUIC v1 (RFC 9000, RFC 9001 section 5) and v2 (RFC 9369), decrypted
 * with OpenSSL's libcrypto (HKDF-SHA256, AES-128-GCM, AES-128-ECB for
 * header protection), their CRYPTO frames put back in offset order, and
 * the ClientHello in them parsed by the shared TLS parser (tls.h, mode
 * AFW_TLS_HANDSHAKE): the same code and the same answer as the kernel's
 * for TCP.
 *
 *	struct afw_quic_hello h;
 *
 *	afw_quic_hello_init(&h);
 *	for each UDP payload the client sent, in arrival order:
 *		switch (afw_quic_hello_feed(&h, payload, len)) {
 *		case AFW_QUIC_MORE:	wait for the next datagram
 *		case AFW_QUIC_DONE:	h.tls.sni, h.tls.flags hold the answer
 *		case AFW_QUIC_IGNORED:	not an Initial of this connection
 *		case AFW_QUIC_FAILED:	give up on the flow (h.error says why)
 *		}
 *	afw_quic_hello_free(&h);
 *
 * Keys come from the Destination Connection ID of the first Initial fed;
 * later Initials must carry the same DCID and version. A datagram may
 * coalesce several packets; every Initial in it is read, other packet
 * types are skipped by their length. Inside an Initial, PADDING, PING,
 * ACK and CRYPTO frames are understood; any other frame type ends that
 * packet (RFC 9000 allows no others in Initials). Duplicate, overlapping
 * and out-of-order CRYPTO frames are fine; the stream is bounded by
 * AFW_QUIC_CRYPTO_MAX.
 *
 * A packet that fails to decrypt (a forgery, or another connection's) is
 * IGNORED and changes nothing, not even the keys: the DCID is only taken
 * from an Initial that decrypted. Packet numbers are used as sent, without
 * RFC 9000 A.3 reconstruction: a client's first flight numbers its packets
 * from 0 and never gets near the 2^(8*pn_len-1) where that matters.
 * afw_quic_hello_feed does not insist on 1200-byte datagrams; callers that
 * want RFC 9000's minimum for a flow's first one ask afw_quic_is_initial.
 * h.error on FAILED: -EMSGSIZE (the ClientHello is longer than
 * AFW_QUIC_CRYPTO_MAX), -EPROTO (the CRYPTO stream is not a ClientHello),
 * -EBADMSG (a malformed ClientHello), -ENOMEM.
 */
#ifndef APPFWD_QUIC_H
#define APPFWD_QUIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reasm.h"
#include "tls.h"

#define AFW_QUIC_V1 0x00000001U
#define AFW_QUIC_V2 0x6b3343cfU

/* RFC 9000 asks a server to buffer at least 4096 bytes of CRYPTO data;
 * Chrome's post-quantum ClientHello is about 1.9 KB. */
#define AFW_QUIC_CRYPTO_MAX 16384
#define AFW_QUIC_CID_MAX 20

enum afw_quic_result {
	AFW_QUIC_MORE,
	AFW_QUIC_DONE,
	AFW_QUIC_IGNORED,
	AFW_QUIC_FAILED,
};

/*
 * Cheap look at a UDP payload, no crypto: a long-header Initial packet of
 * a version we can decrypt, at least 1200 bytes long as RFC 9000 requires
 * of a client's first datagram. *version gets the version when true.
 */
bool afw_quic_is_initial(const uint8_t *payload, size_t len,
			 uint32_t *version);

/* Keys of one direction, derived from the client's first DCID. */
struct afw_quic_keys {
	uint8_t key[16];
	uint8_t iv[12];
	uint8_t hp[16];
};

/* RFC 9001 5.2 / RFC 9369 3.3.1; server = 0 for the client's keys. */
int afw_quic_initial_keys(uint32_t version, const uint8_t *dcid,
			  size_t dcid_len, bool server,
			  struct afw_quic_keys *keys);

/*
 * Removes header protection and decrypts the one long-header Initial
 * packet at pkt[0..len) in place. On success returns the packet's length
 * on the wire (so the caller can step to a coalesced next one), and sets
 * *payload and *payload_len to the decrypted frames inside pkt. -EBADMSG:
 * authentication failed; -EINVAL: malformed; -EPROTONOSUPPORT: not an
 * Initial of a known version. After -EBADMSG the packet's bytes are
 * scrambled (decryption ran in place): keep a copy to try other keys.
 */
int afw_quic_decrypt_initial(uint8_t *pkt, size_t len,
			     const struct afw_quic_keys *keys,
			     uint32_t version, const uint8_t **payload,
			     size_t *payload_len);

/*
 * The other direction, for tests and fixtures: one client Initial packet
 * (long header, empty token, a 2-byte Length) carrying frames[], padded
 * with PADDING frames to pad_to bytes on the wire when shorter, protected
 * with keys. Writes out[0..out_size) and returns the packet's length, or
 * -EINVAL (bad field), -EMSGSIZE (out too small or over 16383 bytes),
 * -EPROTONOSUPPORT (version).
 */
struct afw_quic_initial {
	uint32_t version;
	const uint8_t *dcid, *scid;
	size_t dcid_len, scid_len;
	uint32_t pn;
	unsigned int pn_len;	/* 1 to 4 bytes on the wire */
	const uint8_t *frames;
	size_t frames_len;
	size_t pad_to;
};

int afw_quic_encrypt_initial(const struct afw_quic_initial *in,
			     const struct afw_quic_keys *keys, uint8_t *out,
			     size_t out_size);

struct afw_quic_hello {
	uint32_t version;	/* 0 until the first Initial */
	uint8_t dcid[AFW_QUIC_CID_MAX];
	uint8_t dcid_len;
	struct afw_quic_keys keys;
	struct afw_reasm crypto;	/* the CRYPTO stream */
	struct afw_tls tls;		/* the ClientHello, as far as parsed */
	unsigned int packets;	/* Initials decrypted */
	int error;		/* -errno when FAILED */
	enum afw_quic_result result;
	uint32_t tls_fed;	/* CRYPTO bytes handed to tls so far */
};

int afw_quic_hello_init(struct afw_quic_hello *h);
void afw_quic_hello_free(struct afw_quic_hello *h);
enum afw_quic_result afw_quic_hello_feed(struct afw_quic_hello *h,
					 const uint8_t *payload, size_t len);

#endif
