// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the catalog parser and the checks across files:
 * no crash, no leak, and an app that parses obeys what the parser
 * promises (a known status that agrees with its lists).
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	-Iinclude/uapi -Iinclude -Ikmod/shared -Iuserspace/lib \
 *	tests/fuzz/fuzz_catalog.c userspace/lib/catalog*.c \
 *	userspace/lib/syntax.c kmod/shared/domain.c kmod/shared/prefix.c \
 *	-o build/fuzz-catalog
 *   build/fuzz-catalog -max_total_time=60
 *
 * Input: files separated by NUL bytes; each file's first byte picks its
 * kind (even: an app, odd: a group).
 *
 * fuzz-sources: userspace/lib/catalog.c userspace/lib/catalogfile.c userspace/lib/catalogcheck.c userspace/lib/syntax.c kmod/shared/domain.c kmod/shared/prefix.c
 * fuzz-seeds: userspace/catalog/apps
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_app(const struct afw_catalog_app *a)
{
	bool owns = a->domains.n || a->hosts.n || a->prefixes.n;
	bool shares = a->shared_domains.n || a->shared_prefixes.n;

	if (!a->name || !a->vendor || !a->notes || !a->ip_source || !a->file ||
	    !a->sources.n)
		abort();
	if (owns != (a->status == AFW_CATALOG_OK) ||
	    (!owns && shares != (a->status == AFW_CATALOG_SHARED_ONLY)))
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct afw_catalog_error err;
	struct afw_catalog *c;
	size_t i = 0;

	if (afw_catalog_new(&c))
		return 0;
	while (i < size) {
		const unsigned char *end = memchr(data + i, 0, size - i);
		size_t len = (end ? (size_t)(end - data) : size) - i;
		FILE *fp;

		/* Empty files are the unit tests' business. */
		if (len > 1) {
			fp = fmemopen((void *)(data + i + 1), len - 1, "r");
			if (fp) {
				afw_catalog_read(c, fp, data[i] & 1 ? "f.group" :
						 "f.app", &err);
				fclose(fp);
			}
		}
		i += len + 1;
	}
	for (i = 0; i < afw_catalog_app_count(c); i++) {
		const struct afw_catalog_app *a = afw_catalog_app_at(c, i);

		check_app(a);
		afw_catalog_app_match(a, "q", NULL);
	}
	afw_catalog_check_groups(c, &err);
	afw_catalog_check_overlaps(c, &err);
	afw_catalog_free(c);
	return 0;
}
