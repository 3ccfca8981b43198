// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The streaming ClientHello parser: real ClientHellos (tests/fixtures, made
 * by scripts/make-fixtures.sh) must parse the same whatever the segment
 * cuts; hand-built ones cover each rule. Every feed goes through an
 * exact-size heap copy, so ASan sees any read past a segment.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tls.h"
#include "unit.h"

#define BUF_MAX 16384

struct blob {
	u8 data[BUF_MAX];
	size_t len;
};

static size_t load_fixture(const char *name, struct blob *b)
{
	b->len = unit_fixture(name, b->data, sizeof(b->data));
	return b->len;
}

static enum afw_tls_result feed(struct afw_tls *tls, const u8 *p, size_t n)
{
	enum afw_tls_result ret;
	u8 *copy = malloc(n ? n : 1);

	memcpy(copy, p, n);
	ret = afw_tls_feed(tls, copy, n);
	free(copy);
	return ret;
}

/* Feeds p in pieces ending at the given cuts; returns the last result. */
static enum afw_tls_result parse_cut(struct afw_tls *tls, enum afw_tls_mode mode,
				     const u8 *p, size_t n, const size_t *cuts,
				     size_t ncuts)
{
	enum afw_tls_result ret = AFW_TLS_MORE;
	size_t from = 0, i;

	afw_tls_init(tls, mode);
	for (i = 0; i <= ncuts; i++) {
		size_t to = i < ncuts ? cuts[i] : n;

		ret = feed(tls, p + from, to - from);
		from = to;
	}
	return ret;
}

static enum afw_tls_result parse(struct afw_tls *tls, enum afw_tls_mode mode,
				 const u8 *p, size_t n)
{
	return parse_cut(tls, mode, p, n, NULL, 0);
}

/* The results, and the outputs when there are any, agree. */
static bool same(enum afw_tls_result ra, const struct afw_tls *a,
		 enum afw_tls_result rb, const struct afw_tls *b)
{
	if (ra != rb)
		return false;
	if (ra != AFW_TLS_DONE)
		return true;
	return a->flags == b->flags && a->version == b->version &&
	       a->sni_len == b->sni_len && !strcmp(a->sni, b->sni) &&
	       a->alpn_len == b->alpn_len && !strcmp(a->alpn, b->alpn);
}

/*
 * Every cut in two, a grid of cuts in three, and byte by byte give the
 * whole buffer's result. Returns the number of disagreements.
 */
static int check_cuts(enum afw_tls_mode mode, const u8 *p, size_t n)
{
	struct afw_tls whole, cut;
	enum afw_tls_result want = parse(&whole, mode, p, n), got;
	size_t cuts[2], k, j;
	int bad = 0;

	for (k = 0; k <= n; k++) {
		cuts[0] = k;
		got = parse_cut(&cut, mode, p, n, cuts, 1);
		bad += !same(want, &whole, got, &cut);
	}
	for (k = 0; k <= n; k += 29) {
		for (j = k; j <= n; j += 31) {
			cuts[0] = k;
			cuts[1] = j;
			got = parse_cut(&cut, mode, p, n, cuts, 2);
			bad += !same(want, &whole, got, &cut);
		}
	}
	afw_tls_init(&cut, mode);
	got = AFW_TLS_MORE;
	for (k = 0; k < n; k++)
		got = feed(&cut, p + k, 1);
	bad += !same(want, &whole, got, &cut);
	return bad;
}

/* Every proper prefix of a ClientHello that ends at n wants more. */
static int check_prefixes(enum afw_tls_mode mode, const u8 *p, size_t n)
{
	struct afw_tls tls;
	int bad = 0;
	size_t k;

	for (k = 0; k < n; k++)
		bad += parse(&tls, mode, p, k) != AFW_TLS_MORE;
	return bad;
}

/* The handshake bytes of a record stream, record headers removed. */
static size_t strip_records(const struct blob *in, struct blob *out)
{
	size_t i = 0, rlen;

	out->len = 0;
	while (i + 5 <= in->len) {
		rlen = afw_get_be16(in->data + i + 3);
		memcpy(out->data + out->len, in->data + i + 5, rlen);
		out->len += rlen;
		i += 5 + rlen;
	}
	return out->len;
}

/* Handshake bytes in TLS records of at most max bytes each. */
static void wrap_records(const u8 *hs, size_t n, size_t max, struct blob *out)
{
	size_t i, chunk;

	out->len = 0;
	for (i = 0; i < n; i += chunk) {
		chunk = n - i < max ? n - i : max;
		out->data[out->len++] = 22;
		out->data[out->len++] = 3;
		out->data[out->len++] = 1;
		out->data[out->len++] = chunk >> 8;
		out->data[out->len++] = chunk & 0xff;
		memcpy(out->data + out->len, hs + i, chunk);
		out->len += chunk;
	}
}

struct fixture {
	const char *file;
	enum afw_tls_mode mode;
	const char *sni;	/* NULL: none */
	const char *alpn;
	u16 flags;
	u16 version;
};

#define SV AFW_TLS_SUPPORTED_VERSIONS
static const struct fixture fixtures[] = {
	{ "openssl-tls13.bin", AFW_TLS_RECORDS, "weixin.qq.com", "h2",
	  AFW_TLS_SNI | AFW_TLS_ALPN | SV, 0x0304 },
	{ "openssl-tls12-nosni.bin", AFW_TLS_RECORDS, NULL, "", 0, 0x0303 },
	/* Chromium always sends ECH, GREASE when it has no ECH config. */
	{ "chromium-sni-first.bin", AFW_TLS_RECORDS, "web.wechat.com", "h2",
	  AFW_TLS_SNI | AFW_TLS_ALPN | AFW_TLS_ECH | SV, 0x0304 },
	{ "chromium-sni-second.bin", AFW_TLS_RECORDS, "web.wechat.com", "h2",
	  AFW_TLS_SNI | AFW_TLS_ALPN | AFW_TLS_ECH | SV, 0x0304 },
	{ "chromium-quic.hs", AFW_TLS_HANDSHAKE, "web.wechat.com", "h3",
	  AFW_TLS_SNI | AFW_TLS_ALPN | AFW_TLS_ECH | SV, 0x0304 },
};

static void check_fixture(const struct fixture *fx, const struct blob *b)
{
	struct afw_tls tls;

	CHECK_INT(parse(&tls, fx->mode, b->data, b->len), AFW_TLS_DONE);
	CHECK_INT(tls.flags, fx->flags);
	CHECK_INT(tls.version, fx->version);
	CHECK_STR(tls.sni, fx->sni ? fx->sni : "");
	CHECK_INT(tls.sni_len, strlen(tls.sni));
	CHECK_STR(tls.alpn, fx->alpn);
	CHECK_INT(tls.alpn_len, strlen(tls.alpn));
}

TEST(tls_fixtures)
{
	static struct blob b;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fixtures); i++) {
		if (!load_fixture(fixtures[i].file, &b))
			continue;
		check_fixture(&fixtures[i], &b);
		CHECK_INT(check_cuts(fixtures[i].mode, b.data, b.len), 0);
		CHECK_INT(check_prefixes(fixtures[i].mode, b.data, b.len), 0);
	}
}

/* The fixtures are what they claim: Chrome's hello spans two segments. */
TEST(tls_fixtures_chromium_segments)
{
	static struct blob first, second;
	const size_t mss = 1448;
	const u8 *at;

	if (!load_fixture("chromium-sni-first.bin", &first) ||
	    !load_fixture("chromium-sni-second.bin", &second))
		return;
	CHECK(first.len > mss && second.len > mss);
	at = memmem(first.data, first.len, "web.wechat.com", 14);
	CHECK(at && at - first.data + 14 <= (long)mss);
	at = memmem(second.data, second.len, "web.wechat.com", 14);
	CHECK(at && at - second.data >= (long)mss);
}

/* Bytes after the ClientHello are never read, and verdicts stick. */
TEST(tls_stops_at_end_of_hello)
{
	static const char after[] = "\x17\x03\x03\xff\xff garbage";
	static struct blob b, more;
	struct afw_tls tls;

	if (!load_fixture("chromium-sni-second.bin", &b))
		return;
	more = b;
	memcpy(more.data + b.len, after, sizeof(after) - 1);
	more.len = b.len + sizeof(after) - 1;
	CHECK_INT(parse(&tls, AFW_TLS_RECORDS, more.data, more.len),
		  AFW_TLS_DONE);
	CHECK_STR(tls.sni, "web.wechat.com");
	CHECK_INT(check_cuts(AFW_TLS_RECORDS, more.data, more.len), 0);
	CHECK_INT(feed(&tls, (const u8 *)"\x15", 1), AFW_TLS_DONE);
	CHECK_INT(afw_tls_feed(&tls, NULL, 0), AFW_TLS_DONE);

	afw_tls_init(&tls, AFW_TLS_RECORDS);
	CHECK_INT(afw_tls_feed(&tls, NULL, 0), AFW_TLS_MORE);
	CHECK_INT(feed(&tls, (const u8 *)"G", 1), AFW_TLS_NOT_TLS);
	CHECK_INT(feed(&tls, b.data, b.len), AFW_TLS_NOT_TLS);
}

/* One ClientHello in many records, down to one byte per record. */
TEST(tls_hello_across_records)
{
	static struct blob b, hs, rec;
	static const size_t sizes[] = { 1, 2, 7, 100, 1000 };
	struct afw_tls tls;
	size_t i;

	if (!load_fixture("chromium-sni-second.bin", &b))
		return;
	strip_records(&b, &hs);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		wrap_records(hs.data, hs.len, sizes[i], &rec);
		CHECK_INT(parse(&tls, AFW_TLS_RECORDS, rec.data, rec.len),
			  AFW_TLS_DONE);
		CHECK_STR(tls.sni, "web.wechat.com");
		if (sizes[i] >= 100)
			CHECK_INT(check_cuts(AFW_TLS_RECORDS, rec.data, rec.len), 0);
	}
	/* The same bytes, bare, as QUIC's CRYPTO stream carries them. */
	CHECK_INT(parse(&tls, AFW_TLS_HANDSHAKE, hs.data, hs.len), AFW_TLS_DONE);
	CHECK_STR(tls.sni, "web.wechat.com");
	CHECK_INT(check_cuts(AFW_TLS_HANDSHAKE, hs.data, hs.len), 0);

	/* A record of another type inside the hello breaks it. */
	wrap_records(hs.data, hs.len, 1000, &rec);
	rec.data[5 + 1000] = 23;
	CHECK_INT(parse(&tls, AFW_TLS_RECORDS, rec.data, rec.len),
		  AFW_TLS_MALFORMED);
	rec.data[5 + 1000] = 22;
	rec.data[5 + 1000 + 3] = 0;
	rec.data[5 + 1000 + 4] = 0;
	CHECK_INT(parse(&tls, AFW_TLS_RECORDS, rec.data, rec.len),
		  AFW_TLS_MALFORMED);
}

TEST(tls_not_tls)
{
#define IN(s) { s, sizeof(s) - 1 }
	static const struct {
		const char *p;
		size_t n;
	} inputs[] = {
		IN("GET / HTTP/1.1\r\nHost: weixin.qq.com\r\n\r\n"),
		IN("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"),
		IN("\x80\x2e\x01\x03\x01"),		/* SSLv2 hello */
		IN("\x16\x02\x01\x00\x10\x01"),	/* version 2.1 */
		IN("\x16\x03\x05\x00\x10\x01"),	/* version 3.5 */
		IN("\x16\x03\x01\x00\x00"),		/* empty record */
		IN("\x16\x03\x01\x40\x01\x01"),	/* record > 2^14 */
		IN("\x16\x03\x03\x00\x30\x02\x00\x00\x2c"), /* ServerHello */
		IN("\x17\x03\x03\x00\x30"),		/* application data */
	};
#undef IN
	struct afw_tls tls;
	u8 random[64];
	u32 x = 0x9e3779b9;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(inputs); i++)
		CHECK_INT(parse(&tls, AFW_TLS_RECORDS, (const u8 *)inputs[i].p,
				inputs[i].n), AFW_TLS_NOT_TLS);
	/* The first byte is enough for anything but a handshake record. */
	CHECK_INT(parse(&tls, AFW_TLS_RECORDS, (const u8 *)"S", 1),
		  AFW_TLS_NOT_TLS);
	CHECK_INT(parse(&tls, AFW_TLS_HANDSHAKE, (const u8 *)"\x02", 1),
		  AFW_TLS_NOT_TLS);
	CHECK_INT(parse(&tls, AFW_TLS_HANDSHAKE, (const u8 *)"\x16\x03\x01", 3),
		  AFW_TLS_NOT_TLS);

	for (i = 0; i < 1000; i++) {
		for (j = 0; j < sizeof(random); j++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			random[j] = x;
		}
		if (random[0] == 22)
			continue;
		CHECK_INT(parse(&tls, AFW_TLS_RECORDS, random, 1),
			  AFW_TLS_NOT_TLS);
		CHECK(parse(&tls, AFW_TLS_HANDSHAKE, random, sizeof(random)) !=
		      AFW_TLS_DONE);
	}
}

/* Hand-built ClientHellos: bare handshake messages around an extensions block. */
static void build_hello(struct blob *out, const u8 *exts, size_t exts_len)
{
	static const u8 head[] = {
		0x03, 0x03,			/* legacy_version */
	};
	u8 *p = out->data;
	size_t i = 4, body;

	memcpy(p + i, head, sizeof(head));
	i += sizeof(head);
	memset(p + i, 0xaa, 32);		/* random */
	i += 32;
	p[i++] = 32;				/* legacy_session_id */
	memset(p + i, 0xbb, 32);
	i += 32;
	memcpy(p + i, "\x00\x04\x13\x01\x13\x02", 6);	/* cipher_suites */
	i += 6;
	memcpy(p + i, "\x01\x00", 2);		/* compression: null */
	i += 2;
	if (exts) {
		p[i++] = exts_len >> 8;
		p[i++] = exts_len & 0xff;
		memcpy(p + i, exts, exts_len);
		i += exts_len;
	}
	body = i - 4;
	p[0] = 1;
	p[1] = body >> 16;
	p[2] = body >> 8;
	p[3] = body & 0xff;
	out->len = i;
}

/* Offsets in a hello from build_hello() */
#define HELLO_LEN_AT 1
#define VERSION_AT 4
#define SESSION_ID_LEN_AT (4 + 2 + 32)
#define CIPHER_SUITES_LEN_AT (SESSION_ID_LEN_AT + 1 + 32)
#define COMPRESSION_LEN_AT (CIPHER_SUITES_LEN_AT + 2 + 4)
#define EXTENSIONS_LEN_AT (COMPRESSION_LEN_AT + 2)
#define EXTENSIONS_AT (EXTENSIONS_LEN_AT + 2)

static size_t put_ext(u8 *p, u16 type, const void *data, size_t len)
{
	p[0] = type >> 8;
	p[1] = type & 0xff;
	p[2] = len >> 8;
	p[3] = len & 0xff;
	memcpy(p + 4, data, len);
	return 4 + len;
}

/* server_name holding one host_name of the given length. */
static size_t put_sni(u8 *p, const char *name, size_t len)
{
	u8 list[2 + 3 + 300];

	list[0] = (3 + len) >> 8;
	list[1] = (3 + len) & 0xff;
	list[2] = 0;
	list[3] = len >> 8;
	list[4] = len & 0xff;
	memcpy(list + 5, name, len);
	return put_ext(p, 0, list, 5 + len);
}

/*
 * Parses a hello bare and in records, whole and cut everywhere; both modes
 * must agree with want. Returns the bare parse for further checks.
 */
static void check_hello(const struct blob *hs, enum afw_tls_result want,
			struct afw_tls *tls, int line)
{
	static struct blob rec;
	struct afw_tls in_records;
	enum afw_tls_result got;

	got = parse(tls, AFW_TLS_HANDSHAKE, hs->data, hs->len);
	if (got != want)
		unit_fail(__FILE__, line, "bare hello: %s, want %s",
			  afw_tls_result_name(got), afw_tls_result_name(want));
	wrap_records(hs->data, hs->len, 16384, &rec);
	got = parse(&in_records, AFW_TLS_RECORDS, rec.data, rec.len);
	if (!same(got, &in_records, want, tls))
		unit_fail(__FILE__, line, "hello in records: %s, want %s",
			  afw_tls_result_name(got), afw_tls_result_name(want));
	if (check_cuts(AFW_TLS_HANDSHAKE, hs->data, hs->len) ||
	    check_cuts(AFW_TLS_RECORDS, rec.data, rec.len))
		unit_fail(__FILE__, line, "cuts change the result");
}

#define CHECK_HELLO(hs, want, tls) check_hello(hs, want, tls, __LINE__)

TEST(tls_sni_rules)
{
	static struct blob hs;
	struct afw_tls tls;
	char name[300];
	u8 ext[1024];
	size_t n;

	memset(name, 'a', sizeof(name));
	n = put_sni(ext, name, AFW_TLS_SNI_MAX);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.sni_len, AFW_TLS_SNI_MAX);
	CHECK_INT(strlen(tls.sni), AFW_TLS_SNI_MAX);
	CHECK_INT(tls.flags, AFW_TLS_SNI);

	n = put_sni(ext, name, AFW_TLS_SNI_MAX + 1);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	n = put_sni(ext, name, 0);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	n = put_sni(ext, "weixin\0qq.com", 13);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	/* Another extension first, then the name. */
	n = put_ext(ext, 0x0017, "", 0);
	n += put_sni(ext + n, "weixin.qq.com", 13);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_STR(tls.sni, "weixin.qq.com");

	/* server_name twice */
	n = put_sni(ext, "weixin.qq.com", 13);
	n += put_sni(ext + n, "example.com", 11);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	/* An unknown name type is skipped; two host_names are refused. */
	n = put_ext(ext, 0, "\x00\x15\x07\x00\x01Z\x00\x00\x0eweb.wechat.com", 23);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_STR(tls.sni, "web.wechat.com");
	n = put_ext(ext, 0, "\x00\x0a\x00\x00\x02qq\x00\x00\x02qq", 12);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	/* Lengths that disagree with their container. */
	n = put_ext(ext, 0, "\x00\x06\x00\x00\x02qq", 7);	/* list too long */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
	n = put_ext(ext, 0, "\x00\x04\x00\x00\x02qq", 7);	/* list too short */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
	n = put_ext(ext, 0, "\x00\x05\x00\x00\x03qq", 7);	/* name too long */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
	n = put_ext(ext, 0, "\x00\x00", 2);			/* empty list */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
	n = put_ext(ext, 0, "", 0);				/* empty extension */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
}

TEST(tls_missing_sni_and_flags)
{
	static struct blob hs;
	struct afw_tls tls;
	u8 ext[256];
	size_t n;

	/* No extensions at all: done, nothing found. */
	build_hello(&hs, NULL, 0);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.flags, 0);
	CHECK_INT(tls.sni_len, 0);
	CHECK_INT(tls.version, 0x0303);

	build_hello(&hs, (const u8 *)"", 0);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.flags, 0);

	n = put_ext(ext, 0xfe0d, "\x00\x00\x01\x00\x01\x2a\x00\x00\x00\x00", 10);
	n += put_sni(ext + n, "public.example", 14);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.flags, AFW_TLS_ECH | AFW_TLS_SNI);
	CHECK_STR(tls.sni, "public.example");

	/* ALPN: the first protocol if it fits; the flag either way. */
	n = put_ext(ext, 16, "\x00\x0c\x08http/1.1\x02h2", 14);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.flags, AFW_TLS_ALPN);
	CHECK_STR(tls.alpn, "http/1.1");
	n = put_ext(ext, 16, "\x00\x10\x0f" "123456789012345", 18);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_STR(tls.alpn, "123456789012345");
	n = put_ext(ext, 16, "\x00\x11\x10" "1234567890123456", 19);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.flags, AFW_TLS_ALPN);
	CHECK_INT(tls.alpn_len, 0);
	n = put_ext(ext, 16, "\x00\x04\x05h2", 5);	/* protocol overruns */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
	n = put_ext(ext, 16, "\x00\x01\x00", 3);	/* empty protocol */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);

	/* supported_versions: the highest, GREASE ignored. */
	n = put_ext(ext, 43, "\x06\x7a\x7a\x03\x04\x03\x03", 7);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.version, 0x0304);
	CHECK_INT(tls.flags, AFW_TLS_SUPPORTED_VERSIONS);
	n = put_ext(ext, 43, "\x02\xfa\xfa", 3);
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK_INT(tls.version, 0x0303);
	n = put_ext(ext, 43, "\x03\x03\x04\x03", 4);	/* odd length */
	build_hello(&hs, ext, n);
	CHECK_HELLO(&hs, AFW_TLS_MALFORMED, &tls);
}

TEST(tls_corrupt_lengths)
{
	static struct blob good, hs;
	struct afw_tls tls;
	u8 ext[256];
	size_t n;

	n = put_sni(ext, "weixin.qq.com", 13);
	n += put_ext(ext + n, 0x0017, "", 0);
	build_hello(&good, ext, n);
	CHECK_HELLO(&good, AFW_TLS_DONE, &tls);

#define CORRUPT(at, value, want)                                   \
	do {                                                       \
		hs = good;                                         \
		hs.data[at] = (value);                             \
		CHECK_HELLO(&hs, want, &tls);                      \
	} while (0)

	CORRUPT(VERSION_AT, 0x02, AFW_TLS_MALFORMED);
	CORRUPT(VERSION_AT + 1, 0x05, AFW_TLS_MALFORMED);
	CORRUPT(SESSION_ID_LEN_AT, 33, AFW_TLS_MALFORMED);
	CORRUPT(CIPHER_SUITES_LEN_AT + 1, 3, AFW_TLS_MALFORMED);
	CORRUPT(CIPHER_SUITES_LEN_AT + 1, 0, AFW_TLS_MALFORMED);
	CORRUPT(CIPHER_SUITES_LEN_AT, 0xff, AFW_TLS_MALFORMED);
	CORRUPT(COMPRESSION_LEN_AT, 0, AFW_TLS_MALFORMED);
	CORRUPT(COMPRESSION_LEN_AT, 0xff, AFW_TLS_MALFORMED);
	CORRUPT(EXTENSIONS_LEN_AT + 1, n - 1, AFW_TLS_MALFORMED);
	CORRUPT(EXTENSIONS_LEN_AT + 1, n + 1, AFW_TLS_MALFORMED);
	CORRUPT(EXTENSIONS_LEN_AT, 0xff, AFW_TLS_MALFORMED);
	CORRUPT(EXTENSIONS_AT + 3, 0xff, AFW_TLS_MALFORMED);	/* ext len */
	CORRUPT(EXTENSIONS_AT + 2, 0x01, AFW_TLS_MALFORMED);
	/*
	 * A hello length that disagrees with its fields: the extensions must
	 * end exactly where the hello does.
	 */
	CORRUPT(HELLO_LEN_AT + 2, good.data[HELLO_LEN_AT + 2] - 1,
		AFW_TLS_MALFORMED);
	CORRUPT(HELLO_LEN_AT + 2, good.data[HELLO_LEN_AT + 2] + 1,
		AFW_TLS_MALFORMED);
	CORRUPT(HELLO_LEN_AT + 2, 0x26, AFW_TLS_MALFORMED);
	CORRUPT(HELLO_LEN_AT, 0x01, AFW_TLS_MALFORMED);
#undef CORRUPT
}

static u32 rnd(u32 *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/*
 * Mutated fixtures: no crash or out-of-bounds read (ASan), and cuts still
 * never change the result, whatever the bytes.
 */
TEST(tls_fuzz_mutations)
{
	static struct blob b[ARRAY_SIZE(fixtures)], m;
	struct afw_tls whole, cut;
	enum afw_tls_result want, got;
	u32 x = 12345;
	size_t i, k, cuts[2];
	int bad = 0, results[4] = { 0 };

	for (i = 0; i < ARRAY_SIZE(fixtures); i++)
		if (!load_fixture(fixtures[i].file, &b[i]))
			return;
	for (i = 0; i < 4000; i++) {
		const struct fixture *fx = &fixtures[i % ARRAY_SIZE(fixtures)];
		const struct blob *src = &b[i % ARRAY_SIZE(fixtures)];
		u32 flips = 1 + rnd(&x) % 4;

		m = *src;
		/* Mostly the first 200 bytes, where the lengths are dense. */
		while (flips--) {
			size_t at = rnd(&x) % (rnd(&x) & 1 ? 200 : m.len);

			m.data[at] = rnd(&x) & 1 ? (u8)rnd(&x) : m.data[at] ^ 1;
		}
		if (rnd(&x) % 8 == 0)
			m.len = rnd(&x) % m.len;
		want = parse(&whole, fx->mode, m.data, m.len);
		results[want]++;
		cuts[0] = rnd(&x) % (m.len + 1);
		cuts[1] = cuts[0] + rnd(&x) % (m.len - cuts[0] + 1);
		got = parse_cut(&cut, fx->mode, m.data, m.len, cuts, 1);
		bad += !same(want, &whole, got, &cut);
		got = parse_cut(&cut, fx->mode, m.data, m.len, cuts, 2);
		bad += !same(want, &whole, got, &cut);
		if (i % 64 == 0)
			bad += check_cuts(fx->mode, m.data, m.len);
	}
	CHECK_INT(bad, 0);
	/* The mutations reach every outcome. */
	for (k = 0; k < ARRAY_SIZE(results); k++)
		CHECK(results[k] > 0);
}

/*
 * An 11 KB ClientHello without an SNI (a padding extension of 11000 bytes,
 * as some clients send to dodge middlebox bugs): parsed to its end with no
 * name, whole, cut anywhere, and in records of 1000 bytes; every proper
 * prefix wants more, and a length past the end is refused.
 */
TEST(tls_oversized_hello_without_sni)
{
	static u8 exts[11100], pad[11000];
	static struct blob hs, rec;
	struct afw_tls tls;
	size_t n = 0;

	memset(pad, 0, sizeof(pad));
	n += put_ext(exts + n, 43, "\x04\x03\x04\x03\x03", 5);
	n += put_ext(exts + n, 21, pad, sizeof(pad));
	build_hello(&hs, exts, n);
	CHECK(hs.len > 11000);
	CHECK_HELLO(&hs, AFW_TLS_DONE, &tls);
	CHECK(!(tls.flags & AFW_TLS_SNI));
	CHECK_INT(tls.sni_len, 0);

	wrap_records(hs.data, hs.len, 1000, &rec);
	CHECK_INT(parse(&tls, AFW_TLS_RECORDS, rec.data, rec.len), AFW_TLS_DONE);
	CHECK(!check_prefixes(AFW_TLS_RECORDS, rec.data, rec.len));

	/* The padding claims one byte more than the hello holds. */
	hs.data[EXTENSIONS_AT + 9 + 2] = (sizeof(pad) + 1) >> 8;
	hs.data[EXTENSIONS_AT + 9 + 3] = (sizeof(pad) + 1) & 0xff;
	CHECK_INT(parse(&tls, AFW_TLS_HANDSHAKE, hs.data, hs.len),
		  AFW_TLS_MALFORMED);
}
