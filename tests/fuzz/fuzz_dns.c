// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the DNS response parser: no crash, no read past
 * the message, and an answer that keeps the header's promises: a known
 * return value, counts within bounds and zero after an error, names that
 * are distinct lowercase host names in presentation form, addresses of a
 * known family that come from the message's own bytes, none for an error
 * rcode.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	tests/fuzz/fuzz_dns.c userspace/appfwd/dns.c -o build/fuzz-dns
 *   build/fuzz-dns -max_total_time=60 tests/fixtures/dns
 *
 * Input: one message; it is also read as a TCP segment.
 *
 * fuzz-sources: userspace/appfwd/dns.c
 * fuzz-seeds: tests/fixtures/dns
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../userspace/appfwd/dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *name)
{
	size_t len = strnlen(name, AFW_DNS_NAME_MAX + 1), label = 0;

	if (len < 1 || len > AFW_DNS_NAME_MAX || name[0] == '.' ||
	    name[len - 1] == '.')
		abort();
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (c == '.') {
			if (!label)
				abort();
			label = 0;
			continue;
		}
		if (++label > 63 ||
		    !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			abort();
	}
}

static void check(int ret, const struct afw_dns_answer *ans,
		  const uint8_t *msg, size_t size)
{
	static const uint8_t zero[12];

	if (ret && ret != -ENOMSG && ret != -EBADMSG && ret != -EMSGSIZE)
		abort();
	if (ret) {
		if (ans->nnames || ans->naddrs)
			abort();
		return;
	}
	if (ans->nnames < 1 || ans->nnames > AFW_DNS_CHAIN_MAX ||
	    ans->naddrs > AFW_DNS_ADDRS_MAX || (ans->rcode && ans->naddrs))
		abort();
	for (unsigned int i = 0; i < ans->nnames; i++) {
		check_name(ans->names[i]);
		for (unsigned int j = 0; j < i; j++)
			if (!strcmp(ans->names[i], ans->names[j]))
				abort();
	}
	for (unsigned int i = 0; i < ans->naddrs; i++) {
		const struct afw_dns_addr *a = &ans->addrs[i];
		size_t alen = a->family == AF_INET ? 4 : 16;

		if (a->family != AF_INET && a->family != AF_INET6)
			abort();
		if (a->ttl > 0x7fffffff || !memmem(msg, size, a->addr, alen) ||
		    (alen == 4 && memcmp(a->addr + 4, zero, 12)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct afw_dns_answer ans;

	/* An exact-size copy, so ASan sees a read past the end. */
	memcpy(copy, data, size);
	memset(&ans, 0xa5, sizeof(ans));
	check(afw_dns_parse(copy, size, &ans), &ans, copy, size);
	memset(&ans, 0xa5, sizeof(ans));
	check(afw_dns_parse_tcp(copy, size, &ans), &ans, copy, size);
	free(copy);
	return 0;
}
