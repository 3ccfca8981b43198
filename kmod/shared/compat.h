/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The few things shared code (parsers, matchers) needs from its host, so
 * that one source builds into appfw.ko and into the userspace tools, unit
 * tests, fuzzers and benchmarks. Shared code includes nothing else: no libc,
 * no kernel headers of its own.
 *
 * Allocation is only for building tables (process context, may sleep);
 * lookups and parsers never allocate.
 */
#ifndef APPFW_COMPAT_H
#define APPFW_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/overflow.h>
#include <linux/prefetch.h>
#include <linux/bits.h>
#include <linux/build_bug.h>

/*
 * Charged to the loader's memory cgroup; a table too large to allocate is
 * an -ENOMEM for the loader, not a warning in the log.
 */
#define afw_alloc(size) kvmalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN)
#define afw_zalloc(size) kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN)
#define afw_free(ptr) kvfree(ptr)
#define afw_prefetch(ptr) prefetch(ptr)
#else
#include <assert.h>	/* static_assert */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;

#define afw_alloc(size) malloc(size)
#define afw_zalloc(size) calloc(1, size)
#define afw_free(ptr) free(ptr)
#define afw_prefetch(ptr) __builtin_prefetch(ptr)

#ifndef U16_MAX
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#endif

#ifndef BIT
#define BIT(nr) (1UL << (nr))
#endif

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif /* __KERNEL__ */

/* Network byte order readers that never assume alignment. */
static inline u16 afw_get_be16(const u8 *p)
{
	return (u16)((u16)p[0] << 8 | p[1]);
}

static inline u32 afw_get_be24(const u8 *p)
{
	return (u32)p[0] << 16 | (u32)p[1] << 8 | p[2];
}

static inline u32 afw_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline u8 afw_tolower(u8 c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

#endif /* APPFW_COMPAT_H */
