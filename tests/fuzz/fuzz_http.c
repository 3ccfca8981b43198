// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target for the HTTP Host finder: no crash, no read past the
 * input, the host lies inside the input, and a verdict never changes when
 * more bytes follow (so callers may stop at the first one).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Ikmod/shared \
 *	tests/fuzz/fuzz_http.c kmod/shared/http.c -o build/fuzz-http
 *   build/fuzz-http -max_total_time=60
 *
 * Input: bytes 0-1 a cut, the rest the request.
 *
 * fuzz-sources: kmod/shared/http.c
 * fuzz-seeds: tests/fixtures
 */
#include <stdlib.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static enum afw_http_result host_of(const u8 *p, size_t n, size_t *off,
				    size_t *len)
{
	enum afw_http_result ret;
	const char *host = NULL;
	u8 *copy = malloc(n ? n : 1);

	memcpy(copy, p, n);
	ret = afw_http_host(copy, n, &host, len);
	if (ret == AFW_HTTP_FOUND) {
		if (host < (char *)copy || *len < 1 ||
		    *len > AFW_HTTP_HOST_MAX ||
		    host + *len > (char *)copy + n)
			abort();
		*off = host - (char *)copy;
	}
	free(copy);
	return ret;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t k, off_k = 0, len_k = 0, off = 0, len = 0;
	enum afw_http_result rk, r;

	if (size < 2)
		return 0;
	k = afw_get_be16(data);
	data += 2;
	size -= 2;
	k %= size + 1;
	rk = host_of(data, k, &off_k, &len_k);
	r = host_of(data, size, &off, &len);
	if (rk != AFW_HTTP_MORE &&
	    (rk != r || (r == AFW_HTTP_FOUND && (off != off_k || len != len_k))))
		abort();
	return 0;
}
