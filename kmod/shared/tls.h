/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A streaming TLS ClientHello parser that finds the server name (SNI).
 *
 * The kernel sees a ClientHello one TCP segment at a time and keeps no
 * segments, only this struct per flow: feed each in-order segment's payload
 * as it arrives, split anywhere; every split gives the same result as the
 * whole. Chrome's post-quantum ClientHello (~2 KB) always spans two segments
 * and its extension order is random, so the SNI is often in the second.
 *
 *	struct afw_tls tls;
 *
 *	afw_tls_init(&tls, AFW_TLS_RECORDS);
 *	for each in-order payload:
 *		switch (afw_tls_feed(&tls, data, len)) {
 *		case AFW_TLS_MORE:	keep the state, wait for the next segment
 *		case AFW_TLS_DONE:	tls.sni / tls.flags are the answer
 *		case AFW_TLS_NOT_TLS:	stop looking for a ClientHello
 *		case AFW_TLS_MALFORMED:	stop; it claims to be TLS but is broken
 *		}
 *
 * AFW_TLS_RECORDS parses a TCP stream (TLS records around the handshake);
 * AFW_TLS_HANDSHAKE parses bare handshake messages, as QUIC carries them in
 * CRYPTO frames (the caller reassembles the frames in offset order).
 *
 * AFW_TLS_NOT_TLS is decided by the first bytes, each as soon as it comes:
 * in AFW_TLS_RECORDS mode a first byte other than 22 (handshake), a record
 * version outside 3.0-3.4 or a length outside 1-2^14; in both modes a
 * handshake type other than 1 (ClientHello). So HTTP, SSH, a ServerHello or
 * random bytes are "not TLS" after a byte or few. Anything wrong after that
 * (a length that overruns its container, trailing bytes, a repeated
 * extension, a host_name longer than AFW_TLS_SNI_MAX or holding a NUL, a
 * non-handshake record before the end) is AFW_TLS_MALFORMED.
 *
 * The parser reads nothing past the end of the ClientHello, so it never
 * needs more bytes than the ClientHello itself; what follows it in the same
 * segment is ignored. Once a final result is returned, further feeds return
 * it again without reading; len 0 (data may be NULL) just returns the
 * current result. No allocation, no recursion, under 100 bytes of stack: it
 * runs in softirq. The struct holds no pointers; copy it freely.
 *
 * State size: sizeof(struct afw_tls) is 308 bytes (fixed-size fields, so
 * on every architecture; tls.c checks it at compile time), 256 of them the
 * SNI buffer.
 */
#ifndef APPFW_TLS_H
#define APPFW_TLS_H

#include "compat.h"

/* RFC 6066 allows longer names, but OpenSSL and the DNS stop at 255. */
#define AFW_TLS_SNI_MAX 255
/* Longer first ALPN protocols are flagged but not copied. */
#define AFW_TLS_ALPN_MAX 15

enum afw_tls_mode {
	AFW_TLS_RECORDS,	/* TCP: TLS records carrying the handshake */
	AFW_TLS_HANDSHAKE,	/* QUIC CRYPTO stream: bare handshake messages */
};

enum afw_tls_result {
	AFW_TLS_MORE,		/* the ClientHello is not complete yet */
	AFW_TLS_DONE,		/* parsed to its end; SNI present or not */
	AFW_TLS_NOT_TLS,	/* the first bytes are not a TLS ClientHello */
	AFW_TLS_MALFORMED,	/* starts as a ClientHello, then breaks a rule */
};

/*
 * AFW_TLS_ECH: an encrypted_client_hello extension is present. sni is then
 * the outer, public name -- unless the extension is GREASE ECH, which
 * looks the same on the wire: Chromium sends GREASE ECH whenever it has no
 * ECH config for the server, so the flag alone does not mean sni is wrong.
 * AFW_TLS_ALPN: ALPN is present; alpn[] holds the first protocol unless it
 * is longer than AFW_TLS_ALPN_MAX (then alpn_len is 0).
 */
enum afw_tls_flags {
	AFW_TLS_SNI = 1 << 0,			/* sni[] holds a host_name */
	AFW_TLS_ECH = 1 << 1,
	AFW_TLS_ALPN = 1 << 2,
	AFW_TLS_SUPPORTED_VERSIONS = 1 << 3,	/* that extension is present */
};

struct afw_tls {
	/* Results: complete once afw_tls_feed() returned AFW_TLS_DONE. */
	char sni[AFW_TLS_SNI_MAX + 1];	/* NUL-terminated, as sent */
	char alpn[AFW_TLS_ALPN_MAX + 1];	/* NUL-terminated, as sent */
	u8 sni_len;
	u8 alpn_len;
	u16 flags;		/* enum afw_tls_flags */
	/*
	 * The highest version offered: legacy_version or the highest
	 * non-GREASE entry of supported_versions (0x0304 is TLS 1.3).
	 */
	u16 version;

	/* Parser state, private to tls.c. */
	u8 mode;
	u8 result;
	u8 step;
	u8 action;
	u8 rec_hdr_len;		/* record header bytes read so far */
	u16 rec_left;		/* handshake bytes left in this record */
	u16 seen;		/* extensions met once already */
	u32 want;		/* bytes the current action still needs */
	u32 val;		/* big-endian field being read */
	u32 pos;		/* offset in the ClientHello body */
	u32 hello_end;		/* end of the ClientHello and its extensions */
	u32 ext_end;		/* end of the current extension */
};

void afw_tls_init(struct afw_tls *tls, enum afw_tls_mode mode);
enum afw_tls_result afw_tls_feed(struct afw_tls *tls, const void *data,
				 size_t len);
const char *afw_tls_result_name(enum afw_tls_result result);

#endif /* APPFW_TLS_H */
