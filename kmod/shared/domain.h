/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The domain table: which app a host name (TLS SNI, HTTP Host) belongs to.
 *
 * An app owns suffixes ("qq.com" matches qq.com and weixin.qq.com, never
 * notqq.com: whole labels only) and exact names (only that name). When
 * several entries match, the most specific wins: an exact name beats any
 * suffix, and a longer suffix beats a shorter one. A name has one owner per
 * kind, so the answer never depends on the order of adds.
 *
 * Writers build, readers look up:
 *
 *	afw_domain_builder_new(&b, current_table);	process context
 *	afw_domain_builder_add(b, "qq.com", 6, AFW_DOMAIN_SUFFIX, app);
 *	afw_domain_builder_del(...), afw_domain_builder_del_app(b, app);
 *	afw_domain_build(b, &table);		the builder stays usable
 *	afw_domain_builder_free(b);
 *	publish table (RCU); later afw_domain_table_free(old) after a grace period
 *
 *	app = afw_domain_lookup(table, sni, sni_len, &match);	any context
 *
 * A table is immutable: lookups on it may run concurrently with anything
 * and never allocate, sleep or fail; they take any bytes of any length and
 * answer 0 for what is not a valid name. Builders are for one writer at a
 * time and allocate (afw_alloc: process context in the kernel).
 *
 * Names: labels of 1 to 63 characters from [A-Za-z0-9_-] separated by dots,
 * at most AFW_DOMAIN_LEN_MAX characters and AFW_DOMAIN_LABELS_MAX labels;
 * one trailing dot is ignored and case is folded. The last label may not be
 * all digits: no top-level domain is (RFC 3696 2), so this refuses IPv4
 * literals, which belong in the prefix table (and an IPv4 literal looked up
 * here never matches anything). IPv6 literals and "*.x" fail the character
 * rule; a suffix entry is the wildcard.
 *
 * Lookup cost is one hash probe per label of the name (fewer when the table
 * holds no entry with that many labels), whatever the table size; the
 * probes' cache misses overlap, and a name of up to 23 characters sits in
 * its slot, so a hit in a large table costs about one miss. Memory is 40
 * bytes per entry, plus the name for names longer than 23 characters.
 */
#ifndef APPFW_DOMAIN_H
#define APPFW_DOMAIN_H

#include "compat.h"

#define AFW_DOMAIN_LEN_MAX 253
#define AFW_DOMAIN_LABEL_MAX 63
/* Bounds a lookup's work and stack; real policies use under ten. */
#define AFW_DOMAIN_LABELS_MAX 32
/* Bounds a table's memory (about 1 GB at the maximum). */
#define AFW_DOMAIN_ENTRIES_MAX BIT(24)

enum afw_domain_kind {
	AFW_DOMAIN_SUFFIX = 1,	/* the name and every name under it */
	AFW_DOMAIN_EXACT = 2,	/* the name only */
};

struct afw_domain_builder;
struct afw_domain_table;

#ifdef APPFW_UNIT_TEST
/* Tests narrow every hash with this so that names collide. */
extern u32 afw_domain_hash_mask;
#endif

/* One entry, as iteration and lookups report it. */
struct afw_domain_entry {
	/* Lowercase, no trailing dot, NUL-terminated; in the table. */
	const char *name;
	u8 len;			/* strlen(name) */
	u8 kind;		/* enum afw_domain_kind */
	u16 app;
};

/*
 * 0 if name[0..len) is a valid name as defined above, else -EINVAL with
 * *why (if why is not NULL) set to a short reason for an error message.
 */
int afw_domain_check(const char *name, size_t len, const char **why);

/*
 * A new builder holding seed's entries (seed may be NULL: empty).
 * 0 or -ENOMEM.
 */
int afw_domain_builder_new(struct afw_domain_builder **bp,
			   const struct afw_domain_table *seed);
void afw_domain_builder_free(struct afw_domain_builder *b);

/*
 * Adds name as kind for app. -EINVAL for an invalid name, kind or app 0;
 * -EEXIST if the name already has an owner of that kind (any app; use
 * afw_domain_builder_get to find it); -ENOSPC past AFW_DOMAIN_ENTRIES_MAX;
 * -ENOMEM. On error the builder is unchanged.
 */
int afw_domain_builder_add(struct afw_domain_builder *b, const char *name,
			   size_t len, enum afw_domain_kind kind, u16 app);
/* Removes app's entry; -ENOENT if app does not own name as kind. */
int afw_domain_builder_del(struct afw_domain_builder *b, const char *name,
			   size_t len, enum afw_domain_kind kind, u16 app);
/* Removes every entry of app; 0, or -EINVAL for app 0. */
int afw_domain_builder_del_app(struct afw_domain_builder *b, u16 app);
/* The owner of name as kind, or 0. */
u16 afw_domain_builder_get(const struct afw_domain_builder *b,
			   const char *name, size_t len,
			   enum afw_domain_kind kind);
u32 afw_domain_builder_count(const struct afw_domain_builder *b);

/* A table of the builder's entries. 0 or -ENOMEM. */
int afw_domain_build(const struct afw_domain_builder *b,
		     struct afw_domain_table **tp);
void afw_domain_table_free(struct afw_domain_table *t);

/*
 * The app owning name[0..len), or 0 (also for a NULL table and for any
 * invalid name). If match is not NULL and the answer is not 0, *match is
 * the entry that decided: for "weixin.qq.com" against the suffix qq.com,
 * {"qq.com", 6, AFW_DOMAIN_SUFFIX, app}.
 */
u16 afw_domain_lookup(const struct afw_domain_table *t, const char *name,
		      size_t len, struct afw_domain_entry *match);

/*
 * Iteration, resumable from a saved cursor (a netlink dump's cb->args):
 * start with *pos = 0; each call that returns 0 fills *e and advances *pos;
 * -ENOENT at the end. The order is fixed for a table but otherwise
 * unspecified.
 */
int afw_domain_table_next(const struct afw_domain_table *t, u32 *pos,
			  struct afw_domain_entry *e);
u32 afw_domain_table_count(const struct afw_domain_table *t);
/* Bytes the table occupies, everything included. */
size_t afw_domain_table_bytes(const struct afw_domain_table *t);

#endif /* APPFW_DOMAIN_H */
