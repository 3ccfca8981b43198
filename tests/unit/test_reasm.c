// SPDX-License-Identifier: GPL-2.0
/*
 * The bounded reassembly buffer: pieces in any order, duplicated and
 * overlapping, with the first value of a byte kept, and the edges of the
 * bound and of the offsets.
 */
#include <errno.h>
#include <stdint.h>

#include "../../userspace/appfwd/reasm.h"
#include "unit.h"

TEST(reasm_init_bounds)
{
	struct afw_reasm r;

	CHECK_INT(afw_reasm_init(&r, 0), -EINVAL);
	CHECK_INT(afw_reasm_init(&r, (1U << 20) + 1), -EINVAL);
	afw_reasm_free(&r);	/* after a failed init: harmless */
	CHECK_INT(afw_reasm_init(&r, 1U << 20), 0);
	afw_reasm_free(&r);
	afw_reasm_free(&r);	/* twice: harmless */
	CHECK_INT(afw_reasm_init(&r, 1), 0);
	CHECK_INT(afw_reasm_add(&r, 0, "ab", 2), -EMSGSIZE);
	CHECK_INT(afw_reasm_contiguous(&r), 1);
	CHECK_INT(afw_reasm_data(&r)[0], 'a');
	afw_reasm_free(&r);
}

TEST(reasm_out_of_order)
{
	struct afw_reasm r;

	afw_reasm_init(&r, 16);
	CHECK_INT(afw_reasm_add(&r, 6, "ghij", 4), 0);
	CHECK_INT(afw_reasm_contiguous(&r), 0);
	CHECK_INT(r.received, 4);
	CHECK_INT(afw_reasm_add(&r, 2, "cd", 2), 0);
	CHECK_INT(afw_reasm_contiguous(&r), 0);
	CHECK_INT(afw_reasm_add(&r, 0, "ab", 2), 0);
	CHECK_INT(afw_reasm_contiguous(&r), 4);
	/* Overlapping both neighbours, with other bytes: the first stay. */
	CHECK_INT(afw_reasm_add(&r, 3, "XYZWV", 5), 0);
	CHECK_INT(afw_reasm_contiguous(&r), 10);
	CHECK(!memcmp(afw_reasm_data(&r), "abcdYZghij", 10));
	CHECK_INT(r.received, 10);
	/* A duplicate changes nothing. */
	CHECK_INT(afw_reasm_add(&r, 0, "abcdefghij", 10), 0);
	CHECK_INT(r.received, 10);
	CHECK_INT(afw_reasm_contiguous(&r), 10);
	afw_reasm_free(&r);
}

TEST(reasm_edges)
{
	struct afw_reasm r;
	uint8_t big[40];

	memset(big, 'x', sizeof(big));
	afw_reasm_init(&r, 16);
	/* len 0 anywhere, even past the bound, is nothing. */
	CHECK_INT(afw_reasm_add(&r, 0, NULL, 0), 0);
	CHECK_INT(afw_reasm_add(&r, 1000, NULL, 0), 0);
	CHECK_INT(afw_reasm_add(&r, UINT64_MAX, NULL, 0), 0);
	CHECK_INT(r.received, 0);
	/* An offset exactly at the bound: nothing fits. */
	CHECK_INT(afw_reasm_add(&r, 16, "a", 1), -EMSGSIZE);
	CHECK_INT(afw_reasm_add(&r, UINT64_MAX - 1, "a", 1), -EMSGSIZE);
	CHECK_INT(r.received, 0);
	/* The last byte fits; a piece across the bound keeps its head. */
	CHECK_INT(afw_reasm_add(&r, 15, "z", 1), 0);
	CHECK_INT(afw_reasm_add(&r, 12, "mnopq", 5), -EMSGSIZE);
	CHECK_INT(r.received, 4);
	CHECK(!memcmp(afw_reasm_data(&r) + 12, "mnoz", 4));
	/* Overflowing offset + len. */
	CHECK_INT(afw_reasm_add(&r, UINT64_MAX, "ab", 2), -EINVAL);
	CHECK_INT(afw_reasm_add(&r, 0, big, sizeof(big)), -EMSGSIZE);
	CHECK_INT(afw_reasm_contiguous(&r), 16);
	CHECK_INT(r.received, 16);
	CHECK(!memcmp(afw_reasm_data(&r), "xxxxxxxxxxxxmnoz", 16));
	afw_reasm_free(&r);
}

/* Every byte on its own, backwards, then the bitmap's 8-at-once path. */
TEST(reasm_bytewise)
{
	struct afw_reasm r;
	uint8_t want[100];
	int i;

	afw_reasm_init(&r, 100);
	for (i = 0; i < 100; i++)
		want[i] = (uint8_t)(i * 7);
	for (i = 99; i >= 0; i--) {
		CHECK_INT(afw_reasm_contiguous(&r), 0);
		CHECK_INT(afw_reasm_add(&r, (uint64_t)i, want + i, 1), 0);
	}
	CHECK_INT(afw_reasm_contiguous(&r), 100);
	CHECK(!memcmp(afw_reasm_data(&r), want, 100));
	memset(want, 0, sizeof(want));
	CHECK_INT(afw_reasm_add(&r, 3, want, 90), 0);
	CHECK_INT(afw_reasm_data(&r)[50], (uint8_t)(50 * 7));
	CHECK_INT(r.received, 100);
	afw_reasm_free(&r);
}
