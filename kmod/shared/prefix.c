// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A table keeps, per family, the prefixes sorted by (first address, length)
 * with a static B-tree over the first addresses: level 0 is the sorted
 * addresses, each level above holds the first key of every node of the
 * level below, up to a root of one node. A node is a cache line of keys
 * (16 IPv4 or 8 IPv6 keys), scanned without branches, so a lookup in a
 * million prefixes reads five or six lines, all but the last two usually
 * cached.
 *
 * The search finds the last prefix starting at or before the address. If
 * that prefix holds the address it is the longest match (a longer one would
 * start later). If not, the answer is the innermost prefix enclosing it that
 * does, so each prefix keeps a link to its innermost enclosing prefix and
 * the lookup follows the links out; prefixes either nest or are disjoint,
 * and each step is to a shorter length. Keeping prefixes rather than the
 * disjoint ranges they cut the address space into halves the memory (a
 * range table needs up to two ranges per prefix, and a separate copy of
 * the prefixes to dump and reseed from).
 *
 * Builds sort with an LSD radix sort, skipping the digits that are the same
 * throughout, and find enclosing prefixes with one stack-like pass.
 */
#include "prefix.h"

#define NONE U32_MAX
#define FAN4 16
#define FAN6 8
#define LEVELS_MAX 12	/* 8^12 > AFW_PREFIX_ENTRIES_MAX */
#define LINE 64

struct key6 {
	u64 hi, lo;
};

struct meta {
	u32 parent;	/* innermost enclosing prefix, or NONE */
	u16 app;
	u8 len;
	u8 pad;
};

struct tree {
	u32 n;
	u32 top;			/* level[top] is a single node */
	u32 count[LEVELS_MAX];
	const void *level[LEVELS_MAX];	/* u32 or struct key6 keys */
	const struct meta *meta;
};

struct afw_prefix_table {
	struct tree v4, v6;
	size_t bytes;
};

/* The hash here spares a look at the entry for most non-matches. */
struct bucket {
	u32 hash;
	u32 pos;	/* ents position + 1, 0 empty */
};

struct afw_prefix_builder {
	struct afw_prefix *ents;	/* app 0: deleted, a re-add revives it */
	u32 nents, ents_cap;
	u32 live;
	struct bucket *index;		/* linear probing */
	u32 index_mask;
};

static u32 key4(const u8 *a)
{
	return afw_get_be32(a);
}

static struct key6 key6(const u8 *a)
{
	return (struct key6){
		.hi = (u64)afw_get_be32(a) << 32 | afw_get_be32(a + 4),
		.lo = (u64)afw_get_be32(a + 8) << 32 | afw_get_be32(a + 12),
	};
}

static void put_be64(u8 *a, u64 v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		a[i] = (u8)v;
}

/* Branch-free: which way a comparison goes is as random as the address. */
static u32 le6(const struct key6 *k, const struct key6 *a)
{
#ifdef __SIZEOF_INT128__
	return ((__uint128_t)k->hi << 64 | k->lo) <=
	       ((__uint128_t)a->hi << 64 | a->lo);
#else
	return (k->hi < a->hi) | ((k->hi == a->hi) & (k->lo <= a->lo));
#endif
}

static bool contains4(u32 key, u8 len, u32 a)
{
	return !len || !((key ^ a) >> (32 - len));
}

static bool contains6(const struct key6 *k, u8 len, const struct key6 *a)
{
	if (len <= 64)
		return !len || !((k->hi ^ a->hi) >> (64 - len));
	return k->hi == a->hi && !((k->lo ^ a->lo) >> (128 - len));
}

int afw_prefix_check(const struct afw_prefix *p, const char **why)
{
	u32 bits = p->family == AFW_INET6 ? 128 : 32, i;
	const char *err = NULL;

	if (p->family != AFW_INET && p->family != AFW_INET6)
		err = "address family is not IPv4 or IPv6";
	else if (p->len > bits)
		err = bits == 32 ? "prefix length over 32" :
				   "prefix length over 128";
	for (i = 0; !err && i < 16; i++) {
		u32 keep = p->len > i * 8 ? p->len - i * 8 : 0;

		if (keep < 8 && (p->addr[i] & (0xff >> keep)))
			err = i * 8 < bits ? "address has bits set past the prefix length" :
					     "IPv4 address with bytes past the fourth";
	}
	if (err) {
		if (why)
			*why = err;
		return -EINVAL;
	}
	return 0;
}

/*
 * Builder
 */

#ifdef APPFW_UNIT_TEST
u32 afw_prefix_hash_mask = U32_MAX;
#define HASH_MASK afw_prefix_hash_mask
#else
#define HASH_MASK U32_MAX
#endif

static u32 prefix_hash(const struct afw_prefix *p)
{
	u64 h = (u64)p->family << 8 | p->len;
	u32 i;

	for (i = 0; i < 16; i += 4)
		h = (h ^ afw_get_be32(p->addr + i)) * 0x9e3779b97f4a7c15ULL;
	return (u32)(h >> 32) & HASH_MASK;
}

static bool same_prefix(const struct afw_prefix *a, const struct afw_prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static void index_put(struct afw_prefix_builder *b, u32 pos)
{
	u32 hash = prefix_hash(&b->ents[pos]), i = hash & b->index_mask;

	while (b->index[i].pos)
		i = (i + 1) & b->index_mask;
	b->index[i] = (struct bucket){ .hash = hash, .pos = pos + 1 };
}

/* Room for more entries, the index kept at most half full. */
static int reserve(struct afw_prefix_builder *b, u32 more)
{
	u32 size = b->index ? b->index_mask + 1 : 0, want = size ? size : 128;
	u32 cap = b->ents_cap ? b->ents_cap : 64, need, i;
	struct afw_prefix *ents;
	struct bucket *index;

	if (more > AFW_PREFIX_ENTRIES_MAX - b->nents)
		return -ENOSPC;
	need = b->nents + more;
	while (cap < need)
		cap *= 2;
	if (cap != b->ents_cap) {
		ents = afw_alloc((size_t)cap * sizeof(*ents));
		if (!ents)
			return -ENOMEM;
		if (b->nents)
			memcpy(ents, b->ents, (size_t)b->nents * sizeof(*ents));
		afw_free(b->ents);
		b->ents = ents;
		b->ents_cap = cap;
	}
	while (want < 2 * need)
		want *= 2;
	if (want == size)
		return 0;
	index = afw_zalloc((size_t)want * sizeof(*index));
	if (!index)
		return -ENOMEM;
	afw_free(b->index);
	b->index = index;
	b->index_mask = want - 1;
	for (i = 0; i < b->nents; i++)
		index_put(b, i);
	return 0;
}

static struct afw_prefix *find(const struct afw_prefix_builder *b,
			       const struct afw_prefix *p)
{
	const struct bucket *x;
	u32 hash = prefix_hash(p), i;

	if (!b->index)
		return NULL;	/* no entries yet */
	for (i = hash & b->index_mask; (x = &b->index[i])->pos;
	     i = (i + 1) & b->index_mask)
		if (x->hash == hash && same_prefix(&b->ents[x->pos - 1], p))
			return &b->ents[x->pos - 1];
	return NULL;
}

static void append(struct afw_prefix_builder *b, const struct afw_prefix *p)
{
	b->ents[b->nents] = *p;
	index_put(b, b->nents++);
	b->live++;
}

int afw_prefix_builder_new(struct afw_prefix_builder **bp,
			   const struct afw_prefix_table *seed)
{
	struct afw_prefix_builder *b;
	struct afw_prefix p;
	u32 pos = 0;

	*bp = NULL;
	b = afw_zalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	if (seed && afw_prefix_table_count(seed)) {
		if (reserve(b, afw_prefix_table_count(seed))) {
			afw_prefix_builder_free(b);
			return -ENOMEM;
		}
		while (!afw_prefix_table_next(seed, &pos, &p))
			append(b, &p);
	}
	*bp = b;
	return 0;
}

void afw_prefix_builder_free(struct afw_prefix_builder *b)
{
	if (!b)
		return;
	afw_free(b->ents);
	afw_free(b->index);
	afw_free(b);
}

int afw_prefix_builder_add(struct afw_prefix_builder *b,
			   const struct afw_prefix *p)
{
	struct afw_prefix *e;
	int ret;

	if (afw_prefix_check(p, NULL) || !p->app)
		return -EINVAL;
	e = find(b, p);
	if (e && e->app)
		return -EEXIST;
	if (e) {
		e->app = p->app;
		b->live++;
		return 0;
	}
	ret = reserve(b, 1);
	if (ret)
		return ret;
	append(b, p);
	return 0;
}

int afw_prefix_builder_del(struct afw_prefix_builder *b,
			   const struct afw_prefix *p)
{
	struct afw_prefix *e;

	if (afw_prefix_check(p, NULL))
		return -EINVAL;
	e = find(b, p);
	if (!e || !p->app || e->app != p->app)
		return -ENOENT;
	e->app = 0;
	b->live--;
	return 0;
}

int afw_prefix_builder_del_app(struct afw_prefix_builder *b, u16 app)
{
	u32 i;

	if (!app)
		return -EINVAL;
	for (i = 0; i < b->nents; i++) {
		if (b->ents[i].app == app) {
			b->ents[i].app = 0;
			b->live--;
		}
	}
	return 0;
}

u16 afw_prefix_builder_get(const struct afw_prefix_builder *b,
			   const struct afw_prefix *p)
{
	const struct afw_prefix *e;

	if (afw_prefix_check(p, NULL))
		return 0;
	e = find(b, p);
	return e ? e->app : 0;
}

u32 afw_prefix_builder_count(const struct afw_prefix_builder *b)
{
	return b->live;
}

/*
 * Build
 */

/* A prefix while sorting: IPv4 as the top 32 bits of hi. */
struct rec {
	u64 hi, lo;
	u16 app;
	u8 len;
};

#define DIGITS 17	/* bytes of (hi, lo, len), least significant first */

static inline u32 digit(const struct rec *r, u32 d)
{
	if (!d)
		return r->len;
	if (d <= 8)
		return (u32)(r->lo >> (8 * (d - 1))) & 0xff;
	return (u32)(r->hi >> (8 * (d - 9))) & 0xff;
}

/* Sorts by (hi, lo, len); returns whichever of recs and tmp holds them. */
static struct rec *sort_recs(struct rec *recs, struct rec *tmp, u32 n,
			     u32 *counts)
{
	u32 i, d, sum;

	memset(counts, 0, DIGITS * 256 * sizeof(*counts));
	for (i = 0; i < n; i++)
		for (d = 0; d < DIGITS; d++)
			counts[d * 256 + digit(&recs[i], d)]++;
	for (d = 0; d < DIGITS; d++) {
		u32 *c = counts + d * 256;
		struct rec *swap;

		if (!n || c[digit(&recs[0], d)] == n)
			continue;	/* one value throughout: nothing to do */
		for (i = 0, sum = 0; i < 256; i++) {
			u32 k = c[i];

			c[i] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			tmp[c[digit(&recs[i], d)]++] = recs[i];
		swap = recs;
		recs = tmp;
		tmp = swap;
	}
	return recs;
}

static size_t align_line(size_t x)
{
	return (x + LINE - 1) & ~(size_t)(LINE - 1);
}

/* Level sizes for n keys; returns the bytes the tree needs. */
static size_t tree_size(struct tree *t, u32 n, u32 fan, size_t keysize)
{
	size_t bytes;
	u32 l;

	t->n = n;
	t->count[0] = n;
	for (l = 0; t->count[l] > fan; l++)
		t->count[l + 1] = (t->count[l] + fan - 1) / fan;
	t->top = l;
	bytes = align_line(((size_t)n + fan) * sizeof(struct meta));
	for (l = 0; l <= t->top; l++)
		bytes += align_line(((size_t)t->count[l] + fan) * keysize);
	return n ? bytes : 0;
}

static void *carve(uintptr_t *cur, size_t bytes)
{
	void *p = (void *)*cur;

	*cur += align_line(bytes);
	return p;
}

/* Fills t from sorted recs; the keys stay in the padded level arrays. */
static void tree_fill4(struct tree *t, const struct rec *recs, uintptr_t *cur)
{
	struct meta *meta;
	u32 *keys, *up = NULL, i, l, p;

	if (!t->n)
		return;
	meta = carve(cur, ((size_t)t->n + FAN4) * sizeof(*meta));
	memset(meta, 0, ((size_t)t->n + FAN4) * sizeof(*meta));
	t->meta = meta;
	for (l = 0; l <= t->top; l++) {
		keys = carve(cur, ((size_t)t->count[l] + FAN4) * sizeof(*keys));
		for (i = 0; i < t->count[l]; i++)
			keys[i] = l ? up[i * FAN4] : (u32)(recs[i].hi >> 32);
		for (; i < t->count[l] + FAN4; i++)
			keys[i] = U32_MAX;
		t->level[l] = keys;
		up = keys;
	}
	keys = (u32 *)t->level[0];
	for (i = 0; i < t->n; i++) {
		meta[i].app = recs[i].app;
		meta[i].len = recs[i].len;
		/* The enclosing chain of i - 1 is the stack of open prefixes. */
		for (p = i ? i - 1 : NONE; p != NONE; p = meta[p].parent)
			if (contains4(keys[p], meta[p].len, keys[i]))
				break;
		meta[i].parent = p;
	}
}

static void tree_fill6(struct tree *t, const struct rec *recs, uintptr_t *cur)
{
	struct key6 *keys, *up = NULL;
	struct meta *meta;
	u32 i, l, p;

	if (!t->n)
		return;
	meta = carve(cur, ((size_t)t->n + FAN6) * sizeof(*meta));
	memset(meta, 0, ((size_t)t->n + FAN6) * sizeof(*meta));
	t->meta = meta;
	for (l = 0; l <= t->top; l++) {
		keys = carve(cur, ((size_t)t->count[l] + FAN6) * sizeof(*keys));
		for (i = 0; i < t->count[l]; i++)
			keys[i] = l ? up[i * FAN6] :
				(struct key6){ recs[i].hi, recs[i].lo };
		for (; i < t->count[l] + FAN6; i++)
			keys[i] = (struct key6){ U64_MAX, U64_MAX };
		t->level[l] = keys;
		up = keys;
	}
	keys = (struct key6 *)t->level[0];
	for (i = 0; i < t->n; i++) {
		meta[i].app = recs[i].app;
		meta[i].len = recs[i].len;
		for (p = i ? i - 1 : NONE; p != NONE; p = meta[p].parent)
			if (contains6(&keys[p], meta[p].len, &keys[i]))
				break;
		meta[i].parent = p;
	}
}

int afw_prefix_build(const struct afw_prefix_builder *b,
		     struct afw_prefix_table **tp)
{
	u32 n4 = 0, n6, i, j4, j6, *counts;
	struct afw_prefix_table *t;
	struct rec *recs, *s4, *s6;
	struct tree v4 = {}, v6 = {};
	uintptr_t cur;
	size_t bytes;

	*tp = NULL;
	for (i = 0; i < b->nents; i++)
		n4 += b->ents[i].app && b->ents[i].family == AFW_INET;
	n6 = b->live - n4;
	/* One block: the records, the sort's second buffer, digit counts. */
	recs = afw_alloc((size_t)b->live * 2 * sizeof(*recs) +
			 DIGITS * 256 * sizeof(*counts));
	if (!recs)
		return -ENOMEM;
	counts = (u32 *)(recs + 2 * (size_t)b->live);
	for (i = 0, j4 = 0, j6 = n4; i < b->nents; i++) {
		const struct afw_prefix *e = &b->ents[i];
		struct key6 k = key6(e->addr);

		if (e->app)
			recs[e->family == AFW_INET ? j4++ : j6++] = (struct rec){
				.hi = k.hi, .lo = k.lo, .app = e->app,
				.len = e->len };
	}
	s4 = sort_recs(recs, recs + b->live, n4, counts);
	s6 = sort_recs(recs + n4, recs + b->live + n4, n6, counts);

	bytes = sizeof(*t) + LINE + tree_size(&v4, n4, FAN4, sizeof(u32)) +
		tree_size(&v6, n6, FAN6, sizeof(struct key6));
	t = afw_alloc(bytes);
	if (!t) {
		afw_free(recs);
		return -ENOMEM;
	}
	t->v4 = v4;
	t->v6 = v6;
	t->bytes = bytes;
	cur = align_line((uintptr_t)(t + 1));
	tree_fill4(&t->v4, s4, &cur);
	tree_fill6(&t->v6, s6, &cur);
	afw_free(recs);
	*tp = t;
	return 0;
}

void afw_prefix_table_free(struct afw_prefix_table *t)
{
	afw_free(t);
}

/*
 * Lookup
 */

/* The last prefix starting at or before a, or NONE. */
static u32 search4(const struct tree *t, u32 a)
{
	u32 l = t->top, node = 0, i;

	for (;;) {
		const u32 *k = (const u32 *)t->level[l] + node * FAN4;
		u32 cnt = 0, left = t->count[l] - node * FAN4;

		if (!l) {
			/* The node's two lines of meta, while we scan. */
			afw_prefetch(&t->meta[node * FAN4]);
			afw_prefetch(&t->meta[node * FAN4 + FAN4 / 2]);
		}
		for (i = 0; i < FAN4; i++)
			cnt += k[i] <= a;
		/* Padding keys are all ones: only a = all ones counts them. */
		if (cnt > left)
			cnt = left;
		/* Only the root can say 0: a node's first key led us there. */
		if (!cnt)
			return NONE;
		node = node * FAN4 + cnt - 1;
		if (!l--)
			return node;
	}
}

static u32 search6(const struct tree *t, const struct key6 *a)
{
	u32 l = t->top, node = 0, i;

	for (;;) {
		const struct key6 *k = (const struct key6 *)t->level[l] +
				       node * FAN6;
		u32 cnt = 0, left = t->count[l] - node * FAN6;

		if (!l)
			afw_prefetch(&t->meta[node * FAN6]);
		for (i = 0; i < FAN6; i++)
			cnt += le6(&k[i], a);
		if (cnt > left)
			cnt = left;
		if (!cnt)
			return NONE;
		node = node * FAN6 + cnt - 1;
		if (!l--)
			return node;
	}
}

static void fill(struct afw_prefix *p, u8 family, const struct meta *m,
		 u64 hi, u64 lo)
{
	memset(p, 0, sizeof(*p));
	p->family = family;
	p->len = m->len;
	p->app = m->app;
	put_be64(p->addr, hi);	/* IPv4: the low half of hi is 0 */
	put_be64(p->addr + 8, lo);
}

u16 afw_prefix_lookup4(const struct afw_prefix_table *t, const void *addr,
		       struct afw_prefix *match)
{
	u32 a = key4(addr), i;
	const u32 *keys;

	if (!t || !t->v4.n)
		return 0;
	keys = t->v4.level[0];
	for (i = search4(&t->v4, a); i != NONE; i = t->v4.meta[i].parent) {
		const struct meta *m = &t->v4.meta[i];

		if (contains4(keys[i], m->len, a)) {
			if (match)
				fill(match, AFW_INET, m, (u64)keys[i] << 32, 0);
			return m->app;
		}
	}
	return 0;
}

u16 afw_prefix_lookup6(const struct afw_prefix_table *t, const void *addr,
		       struct afw_prefix *match)
{
	struct key6 a = key6(addr);
	const struct key6 *keys;
	u32 i;

	if (!t || !t->v6.n)
		return 0;
	keys = t->v6.level[0];
	for (i = search6(&t->v6, &a); i != NONE; i = t->v6.meta[i].parent) {
		const struct meta *m = &t->v6.meta[i];

		if (contains6(&keys[i], m->len, &a)) {
			if (match)
				fill(match, AFW_INET6, m, keys[i].hi, keys[i].lo);
			return m->app;
		}
	}
	return 0;
}

int afw_prefix_table_next(const struct afw_prefix_table *t, u32 *pos,
			  struct afw_prefix *p)
{
	u32 i = *pos;

	if (!t)
		return -ENOENT;
	if (i < t->v4.n) {
		const u32 *keys = t->v4.level[0];

		fill(p, AFW_INET, &t->v4.meta[i], (u64)keys[i] << 32, 0);
	} else if (i - t->v4.n < t->v6.n) {
		const struct key6 *keys = t->v6.level[0];
		u32 j = i - t->v4.n;

		fill(p, AFW_INET6, &t->v6.meta[j], keys[j].hi, keys[j].lo);
	} else {
		return -ENOENT;
	}
	*pos = i + 1;
	return 0;
}

u32 afw_prefix_table_count(const struct afw_prefix_table *t)
{
	return t ? t->v4.n + t->v6.n : 0;
}

size_t afw_prefix_table_bytes(const struct afw_prefix_table *t)
{
	return t ? t->bytes : 0;
}
