// SPDX-License-Identifier: GPL-2.0
/*
 * afw_quic_hello on Initials we build ourselves (afw_quic_encrypt_initial)
 * around a real Chromium ClientHello (tests/fixtures/chromium-quic.hs):
 * CRYPTO frames shuffled, duplicated, overlapping and spread over packets,
 * coalesced packets, other connections' and forged packets, a ClientHello
 * over the bound, and garbage. Then Chromium's own datagrams, as captured
 * by scripts/make-fixtures.sh, in order and backwards. Every datagram goes
 * through an exact-size heap copy, so ASan sees any read past its end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../userspace/appfwd/quic.h"
#include "unit.h"

#define HS_MAX 8192
#define DGRAM_MAX 1500

static const uint8_t dcid1[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t dcid2[8] = { 1, 2, 3, 4, 5, 6, 7, 9 };

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

static size_t put_varint(uint8_t *p, uint64_t v)
{
	size_t n = v < 64 ? 1 : v < 16384 ? 2 : v < (1U << 30) ? 4 : 8, i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	p[0] |= (uint8_t)((n == 1 ? 0 : n == 2 ? 1 : n == 4 ? 2 : 3) << 6);
	return n;
}

static size_t crypto_frame(uint8_t *p, uint64_t off, const uint8_t *data,
			   size_t len)
{
	size_t n = 0;

	p[n++] = 0x06;
	n += put_varint(p + n, off);
	n += put_varint(p + n, len);
	memcpy(p + n, data, len);
	return n + len;
}

/* One client Initial datagram around frames[0..n), padded to 1200. */
static size_t initial(uint8_t *out, uint32_t version, const uint8_t *dcid,
		      uint32_t pn, const uint8_t *frames, size_t n,
		      size_t pad_to)
{
	struct afw_quic_keys k;
	struct afw_quic_initial in = {
		.version = version, .dcid = dcid, .dcid_len = 8,
		.scid = dcid2, .scid_len = 4, .pn = pn, .pn_len = 1 + pn % 4,
		.frames = frames, .frames_len = n, .pad_to = pad_to,
	};
	int len;

	CHECK_INT(afw_quic_initial_keys(version, dcid, 8, false, &k), 0);
	len = afw_quic_encrypt_initial(&in, &k, out, DGRAM_MAX);
	CHECK(len > 0);
	return len > 0 ? (size_t)len : 0;
}

static uint32_t rnd_state;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return (rnd_state >> 8) % n;
}

struct piece {
	uint32_t off, len;
};

static void check_chromium(const struct afw_quic_hello *h)
{
	CHECK_STR(h->tls.sni, "web.wechat.com");
	CHECK_STR(h->tls.alpn, "h3");
}

/*
 * The ClientHello cut into overlapping pieces of 1 to 200 bytes, a fifth
 * of them twice, shuffled, in as many packets as it takes; a PING or an
 * ACK here and there. Until the last byte of the ClientHello is in, MORE;
 * then DONE, with what Chromium sent.
 */
TEST(quic_hello_shuffled)
{
	static uint8_t hs[HS_MAX], frames[DGRAM_MAX], dgram[DGRAM_MAX];
	static struct piece pieces[512];
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs));
	int seed;

	for (seed = 1; seed <= 40 && n; seed++) {
		enum afw_quic_result r = AFW_QUIC_MORE;
		struct afw_quic_hello h;
		size_t npieces = 0, i, fl = 0, done_at = 0, sent = 0;
		uint32_t off = 0, pn = 0;

		rnd_state = (uint32_t)seed;
		while (off < n) {
			uint32_t len = 1 + rnd(200), back = rnd(3) ? 0 : rnd(16);

			off = off > back ? off - back : 0;
			if (len > n - off)
				len = (uint32_t)(n - off);
			pieces[npieces++] = (struct piece){ off, len };
			if (!rnd(5))
				pieces[npieces++] = (struct piece){ off, len };
			off += len;
		}
		for (i = npieces - 1; i > 0; i--) {
			size_t j = rnd((uint32_t)i + 1);
			struct piece t = pieces[i];

			pieces[i] = pieces[j];
			pieces[j] = t;
		}
		afw_quic_hello_init(&h);
		for (i = 0; i <= npieces; i++) {
			if (i == npieces || fl + 220 > 1100) {
				size_t len = initial(dgram, AFW_QUIC_V1, dcid1,
						     pn++, frames, fl, 1200);

				r = feed(&h, dgram, len);
				sent++;
				if (r == AFW_QUIC_DONE && !done_at)
					done_at = sent;
				if (!done_at)
					CHECK_INT(r, AFW_QUIC_MORE);
				fl = 0;
				if (!rnd(3))
					frames[fl++] = 0x01;	/* PING */
				if (!rnd(3)) {			/* ACK 0 */
					memcpy(frames + fl, "\x02\x00\x00\x00\x00", 5);
					fl += 5;
				}
			}
			if (i < npieces)
				fl += crypto_frame(frames + fl, pieces[i].off,
						   hs + pieces[i].off,
						   pieces[i].len);
		}
		CHECK_INT(r, AFW_QUIC_DONE);
		CHECK(done_at > 1);
		CHECK_INT(h.packets, done_at);
		CHECK(afw_reasm_contiguous(&h.crypto) == n);
		CHECK(!memcmp(afw_reasm_data(&h.crypto), hs, n));
		check_chromium(&h);
		afw_quic_hello_free(&h);
	}
}

/* A retransmission that differs does not rewrite what came first. */
TEST(quic_hello_first_bytes_win)
{
	static uint8_t hs[HS_MAX], bad[HS_MAX], frames[DGRAM_MAX],
		dgram[DGRAM_MAX];
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs)), len;
	struct afw_quic_hello h;

	memset(bad, 'x', sizeof(bad));
	afw_quic_hello_init(&h);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames,
		      crypto_frame(frames, 0, hs, 1000), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 1, frames,
		      crypto_frame(frames, 0, bad, 1100), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	CHECK_INT(afw_reasm_contiguous(&h.crypto), 1100);
	CHECK(!memcmp(afw_reasm_data(&h.crypto), hs, 1000));
	CHECK(!memcmp(afw_reasm_data(&h.crypto) + 1000, bad, 100));
	afw_quic_hello_free(&h);

	afw_quic_hello_init(&h);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames,
		      crypto_frame(frames, 0, hs, 1100), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 1, frames,
		      crypto_frame(frames, 0, bad, 1100), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 2, frames,
		      crypto_frame(frames, 1100, hs + 1100, n - 1100), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_DONE);
	check_chromium(&h);
	afw_quic_hello_free(&h);

	/* The other way round, the bad bytes stay: not a ClientHello. */
	afw_quic_hello_init(&h);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames,
		      crypto_frame(frames, 0, bad, 1100), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_FAILED);
	CHECK_INT(h.error, -EPROTO);
	afw_quic_hello_free(&h);
}

/* Another DCID or version, a forgery: ignored; the flow goes on. */
TEST(quic_hello_other_packets_ignored)
{
	static uint8_t hs[HS_MAX], frames[DGRAM_MAX], dgram[DGRAM_MAX];
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs)), len;
	struct afw_quic_hello h;

	afw_quic_hello_init(&h);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames,
		      crypto_frame(frames, 0, hs, 1000), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	CHECK(!memcmp(h.dcid, dcid1, 8));
	/* The rest under another DCID, then as v2, then forged. */
	len = initial(dgram, AFW_QUIC_V1, dcid2, 1, frames,
		      crypto_frame(frames, 1000, hs + 1000, n - 1000), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_IGNORED);
	len = initial(dgram, AFW_QUIC_V2, dcid1, 1, frames,
		      crypto_frame(frames, 1000, hs + 1000, n - 1000), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_IGNORED);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 1, frames,
		      crypto_frame(frames, 1000, hs + 1000, n - 1000), 1200);
	dgram[len - 5] ^= 0x80;
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_IGNORED);
	CHECK_INT(h.packets, 1);
	CHECK_INT(afw_reasm_contiguous(&h.crypto), 1000);
	dgram[len - 5] ^= 0x80;
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_DONE);
	CHECK_INT(h.packets, 2);
	check_chromium(&h);
	afw_quic_hello_free(&h);
}

/* Two Initials and a Handshake packet in one datagram, zeros after. */
TEST(quic_hello_coalesced)
{
	static uint8_t hs[HS_MAX], frames[DGRAM_MAX], dgram[3 * DGRAM_MAX];
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs)), len, hl;
	struct afw_quic_hello h;
	uint8_t *p = dgram;

	p += initial(p, AFW_QUIC_V2, dcid1, 0, frames,
		     crypto_frame(frames, 1000, hs + 1000, n - 1000), 0);
	/* A v2 Handshake packet (type 0b11): skipped by its Length. */
	hl = 0;
	p[hl++] = 0xf0;
	memcpy(p + hl, "\x6b\x33\x43\xcf\x08", 5);
	hl += 5;
	memcpy(p + hl, dcid1, 8);
	hl += 8;
	p[hl++] = 0;
	hl += put_varint(p + hl, 300);
	memset(p + hl, 0xab, 300);
	p += hl + 300;
	p += initial(p, AFW_QUIC_V2, dcid1, 1, frames,
		     crypto_frame(frames, 0, hs, 1000), 0);
	len = (size_t)(p - dgram);
	memset(p, 0, 200);
	len += 200;
	afw_quic_hello_init(&h);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_DONE);
	CHECK_INT(h.packets, 2);
	CHECK_INT(h.version, AFW_QUIC_V2);
	check_chromium(&h);
	afw_quic_hello_free(&h);
}

/* ACK frames with ranges and ECN counts are read past; a frame type an
 * Initial may not carry ends the packet, CRYPTO after it unread. */
TEST(quic_hello_frames)
{
	static uint8_t hs[HS_MAX], frames[DGRAM_MAX], dgram[DGRAM_MAX];
	static const uint8_t acks[] = {
		0x02, 0x40, 0x20, 0x00, 0x02, 0x01, 0x00, 0x03, 0x04, 0x05,
		0x03, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00,
		0x00,
	};
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs)), len, fl;
	struct afw_quic_hello h;

	afw_quic_hello_init(&h);
	fl = 0;
	frames[fl++] = 0x1c;	/* CONNECTION_CLOSE: not read past */
	fl += crypto_frame(frames + fl, 0, hs, 1000);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames, fl, 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	CHECK_INT(h.packets, 1);
	CHECK_INT(h.crypto.received, 0);

	memcpy(frames, acks, sizeof(acks));
	fl = sizeof(acks);
	frames[fl++] = 0x01;
	frames[fl++] = 0x00;
	fl += crypto_frame(frames + fl, 0, hs, 1000);
	/* Cut short: claims 900 bytes past the end of the packet. */
	fl += crypto_frame(frames + fl, 1000, hs + 1000, 100);
	frames[fl - 102] = 0x40 | 0x03;
	frames[fl - 101] = 0xe8;
	len = initial(dgram, AFW_QUIC_V1, dcid1, 1, frames, fl, 0);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	CHECK_INT(h.crypto.received, 1000);

	len = initial(dgram, AFW_QUIC_V1, dcid1, 2, frames,
		      crypto_frame(frames, 1000, hs + 1000, n - 1000), 1200);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_DONE);
	check_chromium(&h);
	afw_quic_hello_free(&h);
}

static void check_fails(const uint8_t *frames, size_t fl, int error)
{
	static uint8_t dgram[DGRAM_MAX];
	struct afw_quic_hello h;
	size_t len;

	afw_quic_hello_init(&h);
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames, fl, 1200);
	CHECK_INT(feed(&h, dgram, len), error ? AFW_QUIC_FAILED : AFW_QUIC_MORE);
	CHECK_INT(h.error, error);
	/* A final answer stays. */
	if (error)
		CHECK_INT(feed(&h, dgram, len), AFW_QUIC_FAILED);
	afw_quic_hello_free(&h);
}

/* Over the bound, or not a ClientHello: FAILED, with why. */
TEST(quic_hello_fails_cleanly)
{
	static const uint8_t big[] = { 0x01, 0x00, 0x50, 0x00, 0x03, 0x03 };
	static const uint8_t at_bound[] = { 0x01, 0x00, 0x3f, 0xfc, 0x03 };
	static const uint8_t server_hello[] = { 0x02, 0x00, 0x00, 0x30 };
	uint8_t frames[64], zeros[16] = { 0 };
	size_t fl;

	check_fails(frames, crypto_frame(frames, 0, big, sizeof(big)),
		    -EMSGSIZE);
	check_fails(frames, crypto_frame(frames, 0, at_bound, sizeof(at_bound)),
		    0);
	check_fails(frames, crypto_frame(frames, 0, server_hello,
					 sizeof(server_hello)), -EPROTO);
	/* CRYPTO data at and past the bound. */
	check_fails(frames, crypto_frame(frames, AFW_QUIC_CRYPTO_MAX - 16,
					 zeros, 16), 0);
	check_fails(frames, crypto_frame(frames, AFW_QUIC_CRYPTO_MAX - 15,
					 zeros, 16), -EMSGSIZE);
	fl = crypto_frame(frames, 0, at_bound, sizeof(at_bound));
	fl += crypto_frame(frames + fl, (1ULL << 62) - 8, zeros, 16);
	check_fails(frames, fl, 0);	/* past 2^62: ends the packet */
}

/* Garbage and every cut of a good datagram: IGNORED, nothing taken. */
TEST(quic_hello_garbage)
{
	static uint8_t hs[HS_MAX], frames[DGRAM_MAX], dgram[DGRAM_MAX],
		junk[DGRAM_MAX];
	size_t len, i, j;
	struct afw_quic_hello h;

	unit_fixture("chromium-quic.hs", hs, sizeof(hs));
	len = initial(dgram, AFW_QUIC_V1, dcid1, 0, frames,
		      crypto_frame(frames, 0, hs, 1000), 1200);
	afw_quic_hello_init(&h);
	CHECK_INT(afw_quic_hello_feed(&h, NULL, 0), AFW_QUIC_IGNORED);
	for (i = 0; i < len; i++)
		CHECK_INT(feed(&h, dgram, i), AFW_QUIC_IGNORED);
	CHECK_INT(h.version, 0);
	/* Short header, Version Negotiation, Retry, unknown version. */
	memcpy(junk, dgram, len);
	junk[0] = 0x40;
	CHECK_INT(feed(&h, junk, len), AFW_QUIC_IGNORED);
	junk[0] = 0xc0;
	memset(junk + 1, 0, 4);
	CHECK_INT(feed(&h, junk, len), AFW_QUIC_IGNORED);
	memcpy(junk, dgram, len);
	junk[0] = 0xf0;
	CHECK_INT(feed(&h, junk, len), AFW_QUIC_IGNORED);
	junk[0] = dgram[0];
	junk[4] = 2;
	CHECK_INT(feed(&h, junk, len), AFW_QUIC_IGNORED);
	/* Random bytes behind a valid-looking long header. */
	rnd_state = 7;
	for (i = 0; i < 2000; i++) {
		size_t n = 7 + rnd(DGRAM_MAX - 7);

		for (j = 0; j < n; j++)
			junk[j] = (uint8_t)rnd(256);
		junk[0] |= 0xc0;
		memcpy(junk + 1, "\x00\x00\x00\x01", 4);
		if (i % 2)
			junk[5] = (uint8_t)rnd(21);
		CHECK_INT(feed(&h, junk, n), AFW_QUIC_IGNORED);
	}
	CHECK_INT(h.version, 0);
	CHECK_INT(h.packets, 0);
	CHECK_INT(feed(&h, dgram, len), AFW_QUIC_MORE);
	afw_quic_hello_free(&h);
}

/* A .dgrams fixture: 2-byte big-endian length, then the datagram. */
static size_t split_dgrams(const uint8_t *buf, size_t n, size_t *offs,
			   size_t *lens, size_t max)
{
	size_t pos = 0, count = 0;

	while (pos < n && count < max) {
		size_t len;

		if (n - pos < 2)
			break;
		len = (size_t)buf[pos] << 8 | buf[pos + 1];
		if (len > n - pos - 2)
			break;
		offs[count] = pos + 2;
		lens[count++] = len;
		pos += 2 + len;
	}
	CHECK_INT(pos, n);
	return count;
}

static void check_capture(const char *file, const char *sni)
{
	static uint8_t buf[65536];
	size_t offs[64], lens[64], n, count, i, first = 0;
	struct afw_quic_hello h;
	enum afw_quic_result r;
	uint32_t version;
	int pass;

	n = unit_fixture(file, buf, sizeof(buf));
	count = split_dgrams(buf, n, offs, lens, 64);
	CHECK(count >= 3);
	for (i = 0; i < count; i++)
		CHECK(afw_quic_is_initial(buf + offs[i], lens[i], &version) &&
		      version == AFW_QUIC_V1);
	/* Forwards, then backwards: retransmissions first. */
	for (pass = 0; pass < 2 && count; pass++) {
		afw_quic_hello_init(&h);
		r = AFW_QUIC_MORE;
		for (i = 0; i < count && r == AFW_QUIC_MORE; i++) {
			size_t k = pass ? count - 1 - i : i;

			r = feed(&h, buf + offs[k], lens[k]);
			if (!i)
				first = h.packets;
		}
		CHECK_INT(r, AFW_QUIC_DONE);
		CHECK_INT(first, 1);
		CHECK_STR(h.tls.sni, sni);
		CHECK_STR(h.tls.alpn, "h3");
		CHECK(h.tls.flags & AFW_TLS_ECH);	/* GREASE ECH */
		/* Chromium's ClientHello never fits in one datagram. */
		CHECK(i >= 2);
		afw_quic_hello_free(&h);
	}
}

TEST(quic_hello_chromium_captures)
{
	check_capture("chromium-quic-web.wechat.com.dgrams", "web.wechat.com");
	check_capture("chromium-quic-www.example.org.dgrams", "www.example.org");
}
