// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target for the streaming ClientHello parser. Beyond "no crash,
 * no out-of-bounds read", it checks the parser's promise: cutting the input
 * anywhere gives the result of the whole.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ikmod/shared \
 *	tests/fuzz/fuzz_tls.c kmod/shared/tls.c -o build/fuzz-tls
 *   build/fuzz-tls -max_total_time=60 tests/fixtures
 *
 * Input: byte 0 picks the mode, bytes 1-4 two cuts, the rest is the stream.
 *
 * fuzz-sources: kmod/shared/tls.c
 * fuzz-seeds: tests/fixtures
 */
#include <stdlib.h>

#include "tls.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* Each piece in its own exact-size allocation, so ASan sees overreads. */
static enum afw_tls_result feed(struct afw_tls *tls, const u8 *p, size_t n)
{
	enum afw_tls_result ret;
	u8 *copy = malloc(n ? n : 1);

	memcpy(copy, p, n);
	ret = afw_tls_feed(tls, copy, n);
	free(copy);
	return ret;
}

static void same(enum afw_tls_result ra, const struct afw_tls *a,
		 enum afw_tls_result rb, const struct afw_tls *b)
{
	if (ra != rb)
		abort();
	if (ra == AFW_TLS_DONE &&
	    (a->flags != b->flags || a->version != b->version ||
	     a->sni_len != b->sni_len || strcmp(a->sni, b->sni) ||
	     a->alpn_len != b->alpn_len || strcmp(a->alpn, b->alpn)))
		abort();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct afw_tls whole, cut;
	enum afw_tls_result rw, rc;
	enum afw_tls_mode mode;
	size_t k1, k2, i;

	if (size < 5)
		return 0;
	mode = data[0] & 1 ? AFW_TLS_HANDSHAKE : AFW_TLS_RECORDS;
	k1 = afw_get_be16(data + 1);
	k2 = afw_get_be16(data + 3);
	data += 5;
	size -= 5;
	k1 = size ? k1 % (size + 1) : 0;
	k2 = k1 + (size - k1 ? k2 % (size - k1 + 1) : 0);

	afw_tls_init(&whole, mode);
	rw = feed(&whole, data, size);
	if (rw == AFW_TLS_DONE &&
	    (strlen(whole.sni) != whole.sni_len ||
	     strlen(whole.alpn) != whole.alpn_len ||
	     !(whole.flags & AFW_TLS_SNI) != !whole.sni_len))
		abort();

	afw_tls_init(&cut, mode);
	feed(&cut, data, k1);
	feed(&cut, data + k1, k2 - k1);
	rc = feed(&cut, data + k2, size - k2);
	same(rw, &whole, rc, &cut);

	afw_tls_init(&cut, mode);
	rc = AFW_TLS_MORE;
	for (i = 0; i < size; i++)
		rc = feed(&cut, data + i, 1);
	same(rw, &whole, rc, &cut);
	return 0;
}
