/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The prefix table: which app an IPv4 or IPv6 address belongs to. Apps own
 * CIDR prefixes; the longest prefix containing the address wins.
 *
 * Writers build, readers look up, as with the domain table (domain.h):
 *
 *	afw_prefix_builder_new(&b, current_table);	process context
 *	afw_prefix_builder_add(b, &(struct afw_prefix){ .family = AFW_INET,
 *		.addr = { 203, 0, 113, 0 }, .len = 24, .app = app });
 *	afw_prefix_builder_del(...), afw_prefix_builder_del_app(b, app);
 *	afw_prefix_build(b, &table);		the builder stays usable
 *	afw_prefix_builder_free(b);
 *
 *	app = afw_prefix_lookup4(table, &iph->daddr, &match);	any context
 *	app = afw_prefix_lookup6(table, &ip6h->daddr, &match);
 *
 * A table is immutable: lookups never allocate, sleep or fail. Builders
 * are for one writer at a time and allocate (process context).
 *
 * Prefixes must be canonical: an address with bits set past the prefix
 * length is refused (-EINVAL) rather than silently masked, since it is
 * usually a typo for a different prefix. A prefix has one owner.
 *
 * Lookups are a search of a static B-tree of the prefixes' first addresses
 * (one cache line per level, the top levels stay cached) and then, only
 * where prefixes nest, a walk out to enclosing prefixes: at most one step
 * per distinct enclosing prefix length. Memory is 12 bytes per IPv4 prefix
 * and 24 per IPv6 prefix, plus 3% (IPv4) or 9% (IPv6) for the index.
 */
#ifndef APPFW_PREFIX_H
#define APPFW_PREFIX_H

#include "compat.h"

/* The values of AF_INET and AF_INET6, which shared code cannot include. */
#define AFW_INET 2
#define AFW_INET6 10
/* Bounds a table's memory (about 400 MB of IPv6 at the maximum). */
#define AFW_PREFIX_ENTRIES_MAX BIT(24)

struct afw_prefix {
	u8 addr[16];	/* network byte order; IPv4 uses addr[0..3], rest 0 */
	u8 family;	/* AFW_INET or AFW_INET6 */
	u8 len;		/* prefix length, 0..32 or 0..128 */
	u16 app;
};

struct afw_prefix_builder;
struct afw_prefix_table;

#ifdef APPFW_UNIT_TEST
/* Tests narrow the builder's hash with this so that prefixes collide. */
extern u32 afw_prefix_hash_mask;
#endif

/*
 * 0 if p's family, length and address make a canonical prefix (p->app is
 * not looked at), else -EINVAL with *why (if why is not NULL) set to a
 * short reason for an error message.
 */
int afw_prefix_check(const struct afw_prefix *p, const char **why);

/* A new builder holding seed's prefixes (seed may be NULL). 0 or -ENOMEM. */
int afw_prefix_builder_new(struct afw_prefix_builder **bp,
			   const struct afw_prefix_table *seed);
void afw_prefix_builder_free(struct afw_prefix_builder *b);

/*
 * Adds p for p->app. -EINVAL if p is not canonical or p->app is 0; -EEXIST
 * if the prefix already has an owner (any app); -ENOSPC past
 * AFW_PREFIX_ENTRIES_MAX; -ENOMEM. On error the builder is unchanged.
 */
int afw_prefix_builder_add(struct afw_prefix_builder *b,
			   const struct afw_prefix *p);
/* Removes p; -ENOENT unless p->app owns it, -EINVAL if not canonical. */
int afw_prefix_builder_del(struct afw_prefix_builder *b,
			   const struct afw_prefix *p);
/* Removes every prefix of app; 0, or -EINVAL for app 0. */
int afw_prefix_builder_del_app(struct afw_prefix_builder *b, u16 app);
/* The owner of the prefix p (p->app is not looked at), or 0. */
u16 afw_prefix_builder_get(const struct afw_prefix_builder *b,
			   const struct afw_prefix *p);
u32 afw_prefix_builder_count(const struct afw_prefix_builder *b);

/* A table of the builder's prefixes. 0 or -ENOMEM. */
int afw_prefix_build(const struct afw_prefix_builder *b,
		     struct afw_prefix_table **tp);
void afw_prefix_table_free(struct afw_prefix_table *t);

/*
 * The app owning the longest prefix that holds addr (4 or 16 bytes in
 * network byte order, any alignment: &iph->daddr will do), or 0 (also for
 * a NULL table). If match is not NULL and the answer is not 0, *match is
 * the prefix that decided.
 */
u16 afw_prefix_lookup4(const struct afw_prefix_table *t, const void *addr,
		       struct afw_prefix *match);
u16 afw_prefix_lookup6(const struct afw_prefix_table *t, const void *addr,
		       struct afw_prefix *match);

/*
 * Iteration, resumable from a saved cursor: start with *pos = 0; each call
 * that returns 0 fills *p and advances *pos; -ENOENT at the end. IPv4
 * prefixes come first, each family in address order, a shorter prefix
 * before a longer one with the same address.
 */
int afw_prefix_table_next(const struct afw_prefix_table *t, u32 *pos,
			  struct afw_prefix *p);
u32 afw_prefix_table_count(const struct afw_prefix_table *t);
/* Bytes the table occupies, everything included. */
size_t afw_prefix_table_bytes(const struct afw_prefix_table *t);

#endif /* APPFW_PREFIX_H */
