// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the policy file parser (what appfw restore reads):
 * no crash, no leak, an error that names its line, and for a file that
 * parses, a fixed point: what the writer makes of it parses again, into
 * a policy the writer writes the same way.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	-Iinclude/uapi -Iinclude -Ikmod/shared -Iuserspace/lib \
 *	tests/fuzz/fuzz_policyfile.c userspace/lib/policyfile.c \
 *	userspace/lib/policy.c userspace/lib/syntax.c kmod/shared/domain.c \
 *	kmod/shared/prefix.c -o build/fuzz-policyfile
 *   build/fuzz-policyfile -max_total_time=60 tests/fuzz/seeds/policyfile
 *
 * Input: the file.
 *
 * fuzz-sources: userspace/lib/policyfile.c userspace/lib/policy.c userspace/lib/syntax.c kmod/shared/domain.c kmod/shared/prefix.c
 * fuzz-seeds: tests/fuzz/seeds/policyfile
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policyfile.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Parses text into pol (initialised here); the parser's return. */
static int read_text(const void *text, size_t len, struct afw_policy *pol,
		     struct afw_policyfile_error *err)
{
	/* fmemopen refuses a zero size; an empty file is one empty line. */
	FILE *fp = fmemopen((void *)(len ? text : "\n"), len ? len : 1, "r");
	int ret;

	if (!fp)
		abort();
	afw_policy_init(pol);
	memset(err, 0, sizeof(*err));
	ret = afw_policyfile_read(fp, pol, err);
	fclose(fp);
	return ret;
}

/* What the writer makes of pol (freed by the caller); aborts if it fails. */
static char *write_text(struct afw_policy *pol, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	if (!fp || afw_policyfile_write(fp, pol) || fclose(fp))
		abort();
	return buf;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct afw_policyfile_error err;
	struct afw_policy pol, again;
	char *first, *second;
	size_t len1, len2;
	int ret;

	ret = read_text(data, size, &pol, &err);
	if (ret) {
		/* A bad line is named, with a reason; reading memory cannot
		 * fail otherwise, but running out of it may. */
		if ((ret != -EINVAL && ret != -ENOMEM) ||
		    (ret == -EINVAL && (!err.line || !err.msg[0])) ||
		    !memchr(err.msg, '\0', sizeof(err.msg)))
			abort();
		afw_policy_free(&pol);
		return 0;
	}
	first = write_text(&pol, &len1);
	if (read_text(first, len1, &again, &err))
		abort();
	second = write_text(&again, &len2);
	if (len1 != len2 || memcmp(first, second, len1))
		abort();
	free(first);
	free(second);
	afw_policy_free(&pol);
	afw_policy_free(&again);
	return 0;
}
