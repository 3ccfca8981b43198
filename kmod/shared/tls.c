// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The ClientHello walk (RFC 8446 4.1.2) is a chain of small steps. Each step
 * starts one action on the next bytes -- read a big-endian field of up to
 * four bytes, copy bytes into sni[] or alpn[], or skip them -- and names the
 * step that runs once the action has all its bytes. Before an action starts,
 * its length is checked against the innermost enclosing length (the
 * ClientHello, the extensions block, one extension), so no field reaches past
 * its container, and bytes are consumed as they arrive, wherever the
 * segments or records are cut.
 */
#include "tls.h"

/* The state is kept per flow in a bounded kernel table; keep it small. */
static_assert(sizeof(struct afw_tls) <= 308, "struct afw_tls grew");

#define CONTENT_HANDSHAKE 22
#define HANDSHAKE_CLIENT_HELLO 1
#define RECORD_MAX 16384	/* TLSPlaintext.length limit */

#define EXT_SERVER_NAME 0
#define EXT_ALPN 16
#define EXT_SUPPORTED_VERSIONS 43
#define EXT_ECH 0xfe0d

#define SNI_HOST_NAME 0

enum action {
	ACT_READ,
	ACT_COPY_SNI,
	ACT_COPY_ALPN,
	ACT_SKIP,
};

/* Each step is named after what has just been read or skipped. */
enum step {
	STEP_HELLO_TYPE,
	STEP_HELLO_LEN,
	STEP_LEGACY_VERSION,
	STEP_RANDOM,
	STEP_SESSION_ID_LEN,
	STEP_SESSION_ID,
	STEP_CIPHER_SUITES_LEN,
	STEP_CIPHER_SUITES,
	STEP_COMPRESSION_LEN,
	STEP_COMPRESSION,
	STEP_EXTENSIONS_LEN,
	STEP_EXTENSION_HEADER,
	STEP_EXTENSION_BODY,
	STEP_SNI_LIST_LEN,
	STEP_SNI_ENTRY_HEADER,
	STEP_SNI_ENTRY_BODY,
	STEP_SNI_HOST_NAME,
	STEP_ALPN_LIST_LEN,
	STEP_ALPN_FIRST_LEN,
	STEP_ALPN_FIRST,
	STEP_VERSIONS_LEN,
	STEP_VERSION,
};

static inline u32 min_u32(u32 a, u32 b)
{
	return a < b ? a : b;
}

/*
 * Starts the next action: len bytes that must lie before end, the end of
 * the innermost length scope (pos <= end always holds there).
 */
static enum afw_tls_result expect(struct afw_tls *tls, enum action action,
				  u32 len, u32 end, enum step next)
{
	if (len > end - tls->pos)
		return AFW_TLS_MALFORMED;
	tls->action = action;
	tls->want = len;
	tls->val = 0;
	tls->step = next;
	return AFW_TLS_MORE;
}

static enum afw_tls_result next_extension(struct afw_tls *tls)
{
	if (tls->pos == tls->hello_end)
		return AFW_TLS_DONE;
	return expect(tls, ACT_READ, 4, tls->hello_end, STEP_EXTENSION_HEADER);
}

static enum afw_tls_result skip_extension_rest(struct afw_tls *tls)
{
	return expect(tls, ACT_SKIP, tls->ext_end - tls->pos, tls->ext_end,
		      STEP_EXTENSION_BODY);
}

static enum afw_tls_result next_sni_entry(struct afw_tls *tls)
{
	if (tls->pos == tls->ext_end)
		return next_extension(tls);
	return expect(tls, ACT_READ, 3, tls->ext_end, STEP_SNI_ENTRY_HEADER);
}

static enum afw_tls_result next_version(struct afw_tls *tls)
{
	if (tls->pos == tls->ext_end)
		return next_extension(tls);
	return expect(tls, ACT_READ, 2, tls->ext_end, STEP_VERSION);
}

/* Extensions that must not repeat and that we read, as bits of ->seen. */
static u16 seen_bit(u16 type)
{
	switch (type) {
	case EXT_SERVER_NAME:
		return 1 << 0;
	case EXT_ALPN:
		return 1 << 1;
	case EXT_SUPPORTED_VERSIONS:
		return 1 << 2;
	case EXT_ECH:
		return 1 << 3;
	}
	return 0;
}

static enum afw_tls_result extension_header(struct afw_tls *tls)
{
	u16 type = tls->val >> 16, bit;
	u32 len = tls->val & 0xffff;

	if (len > tls->hello_end - tls->pos)
		return AFW_TLS_MALFORMED;
	tls->ext_end = tls->pos + len;
	/* A repeat would let us and the server read different values. */
	bit = seen_bit(type);
	if (tls->seen & bit)
		return AFW_TLS_MALFORMED;
	tls->seen |= bit;

	switch (type) {
	case EXT_SERVER_NAME:
		return expect(tls, ACT_READ, 2, tls->ext_end, STEP_SNI_LIST_LEN);
	case EXT_ALPN:
		return expect(tls, ACT_READ, 2, tls->ext_end, STEP_ALPN_LIST_LEN);
	case EXT_SUPPORTED_VERSIONS:
		return expect(tls, ACT_READ, 1, tls->ext_end, STEP_VERSIONS_LEN);
	case EXT_ECH:
		tls->flags |= AFW_TLS_ECH;
		break;
	}
	return skip_extension_rest(tls);
}

static enum afw_tls_result sni_entry_header(struct afw_tls *tls)
{
	u32 len = tls->val & 0xffff;

	if (tls->val >> 16 != SNI_HOST_NAME)
		return expect(tls, ACT_SKIP, len, tls->ext_end,
			      STEP_SNI_ENTRY_BODY);
	/* RFC 6066 3: at most one name of each type. */
	if (tls->flags & AFW_TLS_SNI || len == 0 || len > AFW_TLS_SNI_MAX)
		return AFW_TLS_MALFORMED;
	return expect(tls, ACT_COPY_SNI, len, tls->ext_end, STEP_SNI_HOST_NAME);
}

/* Runs when the current action has all its bytes; starts the next. */
static enum afw_tls_result step(struct afw_tls *tls)
{
	u32 val = tls->val;

	switch (tls->step) {
	case STEP_HELLO_TYPE:
		if (val != HANDSHAKE_CLIENT_HELLO)
			return AFW_TLS_NOT_TLS;
		return expect(tls, ACT_READ, 3, tls->hello_end, STEP_HELLO_LEN);
	case STEP_HELLO_LEN:
		tls->hello_end = tls->pos + val;
		return expect(tls, ACT_READ, 2, tls->hello_end,
			      STEP_LEGACY_VERSION);
	case STEP_LEGACY_VERSION:
		if (val < 0x0300 || val > 0x0304)
			return AFW_TLS_MALFORMED;
		tls->version = val;
		return expect(tls, ACT_SKIP, 32, tls->hello_end, STEP_RANDOM);
	case STEP_RANDOM:
		return expect(tls, ACT_READ, 1, tls->hello_end,
			      STEP_SESSION_ID_LEN);
	case STEP_SESSION_ID_LEN:
		if (val > 32)
			return AFW_TLS_MALFORMED;
		return expect(tls, ACT_SKIP, val, tls->hello_end,
			      STEP_SESSION_ID);
	case STEP_SESSION_ID:
		return expect(tls, ACT_READ, 2, tls->hello_end,
			      STEP_CIPHER_SUITES_LEN);
	case STEP_CIPHER_SUITES_LEN:
		if (val < 2 || val & 1)
			return AFW_TLS_MALFORMED;
		return expect(tls, ACT_SKIP, val, tls->hello_end,
			      STEP_CIPHER_SUITES);
	case STEP_CIPHER_SUITES:
		return expect(tls, ACT_READ, 1, tls->hello_end,
			      STEP_COMPRESSION_LEN);
	case STEP_COMPRESSION_LEN:
		if (val < 1)
			return AFW_TLS_MALFORMED;
		return expect(tls, ACT_SKIP, val, tls->hello_end,
			      STEP_COMPRESSION);
	case STEP_COMPRESSION:
		/* A ClientHello without extensions has no SNI. */
		if (tls->pos == tls->hello_end)
			return AFW_TLS_DONE;
		return expect(tls, ACT_READ, 2, tls->hello_end,
			      STEP_EXTENSIONS_LEN);
	case STEP_EXTENSIONS_LEN:
		/* The extensions end the ClientHello (RFC 8446 4.1.2). */
		if (val != tls->hello_end - tls->pos)
			return AFW_TLS_MALFORMED;
				return next_extension(tls);
	case STEP_EXTENSION_HEADER:
		return extension_header(tls);
	case STEP_EXTENSION_BODY:
		return next_extension(tls);

	case STEP_SNI_LIST_LEN:
		if (val == 0 || val != tls->ext_end - tls->pos)
			return AFW_TLS_MALFORMED;
		return next_sni_entry(tls);
	case STEP_SNI_ENTRY_HEADER:
		return sni_entry_header(tls);
	case STEP_SNI_ENTRY_BODY:
		return next_sni_entry(tls);
	case STEP_SNI_HOST_NAME:
		/* A NUL would end the name early for C string readers. */
		if (memchr(tls->sni, 0, tls->sni_len))
			return AFW_TLS_MALFORMED;
		tls->sni[tls->sni_len] = 0;
		tls->flags |= AFW_TLS_SNI;
		return next_sni_entry(tls);

	case STEP_ALPN_LIST_LEN:
		if (val < 2 || val != tls->ext_end - tls->pos)
			return AFW_TLS_MALFORMED;
		tls->flags |= AFW_TLS_ALPN;
		return expect(tls, ACT_READ, 1, tls->ext_end,
			      STEP_ALPN_FIRST_LEN);
	case STEP_ALPN_FIRST_LEN:
		if (val == 0)
			return AFW_TLS_MALFORMED;
		return expect(tls, val <= AFW_TLS_ALPN_MAX ? ACT_COPY_ALPN :
			      ACT_SKIP, val, tls->ext_end, STEP_ALPN_FIRST);
	case STEP_ALPN_FIRST:
		tls->alpn[tls->alpn_len] = 0;
		return skip_extension_rest(tls);

	case STEP_VERSIONS_LEN:
		if (val < 2 || val & 1 || val != tls->ext_end - tls->pos)
			return AFW_TLS_MALFORMED;
		tls->flags |= AFW_TLS_SUPPORTED_VERSIONS;
		return next_version(tls);
	case STEP_VERSION:
		/* GREASE values (RFC 8701) are 0x?a?a. */
		if ((val & 0x0f0f) != 0x0a0a && val > tls->version)
			tls->version = val;
		return next_version(tls);
	}
	return AFW_TLS_MALFORMED;
}

/* Consumes n bytes of handshake data, or fewer if it reaches a verdict. */
static enum afw_tls_result feed_handshake(struct afw_tls *tls, const u8 *p,
					  u32 n)
{
	enum afw_tls_result ret;
	u32 take, i;

	for (;;) {
		if (tls->want) {
			take = min_u32(n, tls->want);
			if (!take)
				return AFW_TLS_MORE;
			switch (tls->action) {
			case ACT_READ:
				for (i = 0; i < take; i++)
					tls->val = tls->val << 8 | p[i];
				break;
			case ACT_COPY_SNI:
				/* want <= AFW_TLS_SNI_MAX - sni_len */
				memcpy(tls->sni + tls->sni_len, p, take);
				tls->sni_len += take;
				break;
			case ACT_COPY_ALPN:
				memcpy(tls->alpn + tls->alpn_len, p, take);
				tls->alpn_len += take;
				break;
			}
			p += take;
			n -= take;
			tls->pos += take;
			tls->want -= take;
			if (tls->want)
				return AFW_TLS_MORE;
		}
		ret = step(tls);
		if (ret != AFW_TLS_MORE)
			return ret;
	}
}

/*
 * Takes one byte of a record header. The first record's header is the test
 * of whether this is TLS at all; a later bad header is a broken ClientHello.
 * Handshake messages may not be interleaved with other content types, so
 * every record up to the end of the ClientHello is a handshake record.
 */
static enum afw_tls_result record_header_byte(struct afw_tls *tls, u8 c)
{
	enum afw_tls_result bad = tls->pos ? AFW_TLS_MALFORMED :
					     AFW_TLS_NOT_TLS;

	switch (tls->rec_hdr_len++) {
	case 0:
		if (c != CONTENT_HANDSHAKE)
			return bad;
		break;
	case 1:
		if (c != 3)
			return bad;
		break;
	case 2:
		/* {3,0} to {3,4}: clients may send {3,0} (RFC 5246 E.1) */
		if (c > 4)
			return bad;
		break;
	case 3:
		tls->rec_left = c << 8;
		break;
	default:
		tls->rec_left |= c;
		tls->rec_hdr_len = 0;
		/* Zero-length handshake fragments are forbidden. */
		if (tls->rec_left == 0 || tls->rec_left > RECORD_MAX)
			return bad;
		break;
	}
	return AFW_TLS_MORE;
}

void afw_tls_init(struct afw_tls *tls, enum afw_tls_mode mode)
{
	memset(tls, 0, sizeof(*tls));
	tls->mode = mode;
	tls->result = AFW_TLS_MORE;
	/* The handshake header is read before any length is known. */
	tls->hello_end = 4;
	expect(tls, ACT_READ, 1, tls->hello_end, STEP_HELLO_TYPE);
}

enum afw_tls_result afw_tls_feed(struct afw_tls *tls, const void *data,
				 size_t len)
{
	const u8 *p = data;
	enum afw_tls_result ret = tls->result;
	u32 n;

	while (len && ret == AFW_TLS_MORE) {
		if (tls->mode == AFW_TLS_RECORDS &&
		    (tls->rec_hdr_len || !tls->rec_left)) {
			ret = record_header_byte(tls, *p);
			p++;
			len--;
			continue;
		}
		/* Chunks keep the arithmetic in 32 bits on any size_t. */
		n = len > RECORD_MAX ? RECORD_MAX : (u32)len;
		if (tls->mode == AFW_TLS_RECORDS) {
			n = min_u32(n, tls->rec_left);
			tls->rec_left -= n;
		}
		ret = feed_handshake(tls, p, n);
		p += n;
		len -= n;
	}
	tls->result = ret;
	return ret;
}

const char *afw_tls_result_name(enum afw_tls_result result)
{
	switch (result) {
	case AFW_TLS_MORE:
		return "more";
	case AFW_TLS_DONE:
		return "done";
	case AFW_TLS_NOT_TLS:
		return "not-tls";
	case AFW_TLS_MALFORMED:
		return "malformed";
	}
	return "?";
}
