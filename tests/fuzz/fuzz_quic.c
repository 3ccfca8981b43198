// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the QUIC first-flight reader (afw_quic_hello_feed):
 * long headers, coalesced packets, header protection and the AEAD on raw
 * datagrams; and, since random bytes never authenticate, the frame parser,
 * the CRYPTO reassembly and the TLS parser behind them on packets we
 * encrypt ourselves with the Initial keys of a fixed DCID.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ikmod/shared \
 *	tests/fuzz/fuzz_quic.c userspace/appfwd/quic.c \
 *	userspace/appfwd/quic_header.c userspace/appfwd/quic_crypto.c \
 *	userspace/appfwd/reasm.c \
 *	kmod/shared/tls.c -lcrypto -o build/fuzz-quic
 *   build/fuzz-quic -max_total_time=60 tests/fuzz/seeds/quic
 *
 * Input: byte 0 picks the mode, then records of a 2-byte big-endian length
 * and that many bytes. Mode bit 0 clear: each record is a datagram, fed
 * as is. Set: each record is the frames of an Initial packet (v1, or v2
 * with bit 1) that we protect and feed, one datagram each; with bit 2
 * also a raw datagram between them (the record's bytes), to mix both.
 *
 * fuzz-sources: userspace/appfwd/quic.c userspace/appfwd/quic_header.c userspace/appfwd/quic_crypto.c userspace/appfwd/reasm.c kmod/shared/tls.c
 * fuzz-seeds: tests/fuzz/seeds/quic
 * fuzz-libs: -lcrypto
 */
#include <stdlib.h>
#include <string.h>

#include "../../userspace/appfwd/quic.h"

#define DGRAM_MAX 2048

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t dcid[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08 };

/* Each datagram in its own exact-size allocation, so ASan sees overreads. */
static enum afw_quic_result feed(struct afw_quic_hello *h, const uint8_t *p,
				 size_t n)
{
	uint8_t *copy = malloc(n ? n : 1);
	enum afw_quic_result ret;

	memcpy(copy, p, n);
	ret = afw_quic_hello_feed(h, copy, n);
	free(copy);
	return ret;
}

static enum afw_quic_result feed_frames(struct afw_quic_hello *h,
					uint32_t version, uint32_t pn,
					const uint8_t *frames, size_t n)
{
	static struct afw_quic_keys keys[2];
	static bool have_keys;
	struct afw_quic_initial in = {
		.version = version, .dcid = dcid, .dcid_len = sizeof(dcid),
		.pn = pn & 0xff, .pn_len = 1 + pn % 4, .frames = frames,
		.frames_len = n, .pad_to = 1200,
	};
	uint8_t out[DGRAM_MAX];
	int len;

	if (!have_keys) {
		if (afw_quic_initial_keys(AFW_QUIC_V1, dcid, 8, false, &keys[0]) ||
		    afw_quic_initial_keys(AFW_QUIC_V2, dcid, 8, false, &keys[1]))
			abort();
		have_keys = true;
	}
	len = afw_quic_encrypt_initial(&in, &keys[version == AFW_QUIC_V2],
				       out, sizeof(out));
	if (len < 0)
		return h->result;
	return feed(h, out, (size_t)len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum afw_quic_result r, prev = AFW_QUIC_MORE;
	struct afw_quic_hello h;
	uint32_t version, pn = 0;
	size_t pos = 1, n;
	uint8_t mode;

	if (size < 1)
		return 0;
	mode = data[0];
	version = mode & 2 ? AFW_QUIC_V2 : AFW_QUIC_V1;
	if (afw_quic_hello_init(&h))
		abort();
	while (size - pos >= 2) {
		n = (size_t)data[pos] << 8 | data[pos + 1];
		pos += 2;
		if (n > size - pos)
			n = size - pos;
		if (!(mode & 1)) {
			r = feed(&h, data + pos, n);
		} else {
			r = feed_frames(&h, version, pn++, data + pos, n);
			if (mode & 4 && r != AFW_QUIC_DONE && r != AFW_QUIC_FAILED)
				r = feed(&h, data + pos, n);
		}
		/* A final answer never changes. */
		if ((prev == AFW_QUIC_DONE || prev == AFW_QUIC_FAILED) && r != prev)
			abort();
		if (r != AFW_QUIC_IGNORED)
			prev = r;
		pos += n;
	}
	if (h.tls_fed != afw_reasm_contiguous(&h.crypto) ||
	    h.crypto.contiguous > h.crypto.received ||
	    h.crypto.received > AFW_QUIC_CRYPTO_MAX)
		abort();
	if (prev == AFW_QUIC_DONE &&
	    (strlen(h.tls.sni) != h.tls.sni_len ||
	     !(h.tls.flags & AFW_TLS_SNI) != !h.tls.sni_len))
		abort();
	if (prev == AFW_QUIC_FAILED && h.error >= 0)
		abort();
	afw_quic_hello_free(&h);
	return 0;
}
