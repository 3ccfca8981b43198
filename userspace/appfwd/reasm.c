// SPDX-License-Identifier: GPL-2.0
/*
 * The received-bytes bitmap costs one bit per byte of the bound, so the
 * whole state of a 16 KiB stream is 18 KiB and never grows: a peer that
 * sends pieces in any order, or the same piece a thousand times, cannot
 * make us allocate or keep more.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "reasm.h"

#define REASM_CAP_MAX (1U << 20)

static bool have_byte(const struct afw_reasm *r, uint32_t i)
{
	return r->have[i / 8] & (1U << (i % 8));
}

int afw_reasm_init(struct afw_reasm *r, uint32_t cap)
{
	memset(r, 0, sizeof(*r));
	if (cap < 1 || cap > REASM_CAP_MAX)
		return -EINVAL;
	r->buf = malloc(cap);
	r->have = calloc((cap + 7) / 8, 1);
	if (!r->buf || !r->have) {
		afw_reasm_free(r);
		return -ENOMEM;
	}
	r->cap = cap;
	return 0;
}

void afw_reasm_free(struct afw_reasm *r)
{
	free(r->buf);
	free(r->have);
	memset(r, 0, sizeof(*r));
}

int afw_reasm_add(struct afw_reasm *r, uint64_t off, const void *data,
		  size_t len)
{
	const uint8_t *p = data;
	uint32_t i, stop;
	uint64_t end;

	if (!len)
		return 0;
	if (off > UINT64_MAX - len)
		return -EINVAL;
	end = off + len;
	if (!r->cap)
		return -EMSGSIZE;
	stop = end < r->cap ? (uint32_t)end : r->cap;
	for (i = off < r->cap ? (uint32_t)off : r->cap; i < stop;) {
		/* Eight bytes at once where the bitmap is all or nothing:
		 * the common case, a new piece or a whole retransmission. */
		if (i % 8 == 0 && i + 8 <= stop) {
			uint8_t *m = &r->have[i / 8];

			if (*m == 0xff) {
				i += 8;
				continue;
			}
			if (*m == 0) {
				memcpy(r->buf + i, p + (i - off), 8);
				*m = 0xff;
				r->received += 8;
				i += 8;
				continue;
			}
		}
		if (!have_byte(r, i)) {
			r->buf[i] = p[i - off];
			r->have[i / 8] |= (uint8_t)(1U << (i % 8));
			r->received++;
		}
		i++;
	}
	while (r->contiguous < r->cap) {
		if (r->contiguous % 8 == 0 && r->contiguous + 8 <= r->cap &&
		    r->have[r->contiguous / 8] == 0xff) {
			r->contiguous += 8;
			continue;
		}
		if (!have_byte(r, r->contiguous))
			break;
		r->contiguous++;
	}
	return end > r->cap ? -EMSGSIZE : 0;
}
