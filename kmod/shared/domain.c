// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A table is one allocation: a header, an open-addressing hash of 32-byte
 * slots, and a pool for the few names too long to sit in their slot. With
 * the name in the slot, a lookup that hits costs one cache miss, not two.
 *
 * A name's hash is taken from its end, 8 bytes at a time, so one pass over
 * a looked-up name yields the hash of every label suffix (com, qq.com,
 * weixin.qq.com) and each suffix costs one probe. Slots are laid out in
 * order of their home position (the hash scaled to the table size) with
 * linear probing, as a Robin Hood table would end up: a probe stops at the
 * first slot whose home is past its own, so a miss costs about as much as
 * a hit even at 80% load. Building that layout is a counting sort by home,
 * no comparisons.
 *
 * Lookups probe the longest suffix first, so the first hit is the answer,
 * and prefetch every probe's slot before the first compare so the cache
 * misses of a large table overlap rather than add up.
 */
#include "domain.h"

#define SEED 0x9e3779b97f4a7c15ULL
#define MUL 0xff51afd7ed558ccdULL
#define INLINE_MAX 23		/* longest name kept in its slot */
#define AHEAD 16		/* prefetch distance of build loops */

/* A builder's entry; its names are in the builder's pool. */
struct entry {
	u32 hash;
	u32 off;
	u16 app;	/* 0: deleted, kept for a re-add to revive */
	u8 len;
	u8 kind;
};

struct slot {
	u32 hash;
	u16 app;	/* 0: an empty slot */
	u8 len;
	u8 kind;
	union {
		char name[INLINE_MAX + 1];	/* len <= INLINE_MAX */
		u32 off;			/* else the name is in the pool */
	};
};

static_assert(sizeof(struct slot) == 32, "two slots per cache line");

struct afw_domain_table {
	u32 count;
	u32 cap;		/* home positions; slots[] runs past for overflow */
	u32 nslots;		/* ends with an empty slot that stops probes */
	u32 suffix_labels;	/* bit n - 1: a suffix entry has n labels */
	u32 exact_labels;	/* the same for exact entries */
	size_t bytes;
	const struct slot *slots;
	const char *pool;
};

/* The hash here spares a look at the entry for most non-matches. */
struct bucket {
	u32 hash;
	u32 pos;	/* ents position + 1, 0 empty */
};

struct afw_domain_builder {
	struct entry *ents;
	u32 nents, ents_cap;
	u32 live;
	char *pool;		/* NUL-terminated lowercase names */
	u32 pool_len, pool_cap;
	struct bucket *index;	/* linear probing */
	u32 index_mask;
};

/* Non-zero: may be in a name. The classes serve name_check's fast path. */
#define CH_OTHER 1
#define CH_DIGIT 2
#define CH_DOT 4
static const u8 name_char[256] = {
	['a' ... 'z'] = CH_OTHER, ['A' ... 'Z'] = CH_OTHER,
	['0' ... '9'] = CH_DIGIT, ['-'] = CH_OTHER, ['_'] = CH_OTHER,
	['.'] = CH_DOT,
};

static inline u8 fold(u8 c)
{
	return c + ((u8)(c - 'A') < 26 ? 'a' - 'A' : 0);
}

/* 8 bytes as a little-endian number: the first byte is the lowest. */
static inline u64 load64(const void *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* Lowercases 8 valid name characters (all below 0x80) at once. */
static inline u64 fold64(u64 w)
{
	u64 upper = ((w + 0x3f3f3f3f3f3f3f3fULL) ^ (w + 0x2525252525252525ULL)) &
		    0x8080808080808080ULL;

	return w | upper >> 2;
}

/* n < 8 bytes at s as a number; before: bytes readable ahead of s. */
static inline u64 load_short(const u8 *s, u32 n, u32 before)
{
	u64 v = 0;

	if (n + before >= 8)
		return load64(s + n - 8) >> (8 * (8 - n));
	while (n--)
		v = v << 8 | s[n];
	return v;
}

static inline u64 mix(u64 h, u64 w)
{
	return (h ^ w) * MUL;
}

#ifdef APPFW_UNIT_TEST
u32 afw_domain_hash_mask = U32_MAX;
#define HASH_MASK afw_domain_hash_mask
#else
#define HASH_MASK U32_MAX
#endif

static inline u32 finish(u64 h, u32 len)
{
	h ^= len;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (u32)(h >> 32) & HASH_MASK;
}

/* Scales a hash to [0, cap) keeping its order (Lemire's fast range). */
static inline u32 home(u32 hash, u32 cap)
{
	return (u32)(((u64)hash * cap) >> 32);
}

/*
 * The hash of a valid name: its 8-byte blocks counted from the end, then
 * the bytes left at its start. Lookups compute the same for each suffix.
 */
static u32 name_hash(const char *name, u32 len)
{
	const u8 *p = (const u8 *)name;
	u64 h = SEED;
	u32 left = len;

	for (; left >= 8; left -= 8)
		h = mix(h, fold64(load64(p + left - 8)));
	if (left)
		h = mix(h, fold64(load_short(p, left, 0)));
	return finish(h, len);
}

/* stored is lowercase; name is valid, of any case. */
static bool name_eq(const char *stored, const u8 *name, u32 len)
{
	u32 i;

	if (len < 8) {
		for (i = 0; i < len; i++)
			if ((u8)stored[i] != fold(name[i]))
				return false;
		return true;
	}
	for (i = 0; i + 8 < len; i += 8)
		if (load64(stored + i) != fold64(load64(name + i)))
			return false;
	return load64(stored + len - 8) == fold64(load64(name + len - 8));
}

static const char *slot_name(const struct afw_domain_table *t,
			     const struct slot *s)
{
	return s->len <= INLINE_MAX ? s->name : t->pool + s->off;
}

static u32 name_labels(const char *name, u32 len)
{
	u32 i, n = 1;

	for (i = 0; i < len; i++)
		n += name[i] == '.';
	return n;
}

/*
 * True if name[0..len) (no trailing dot) is valid: one pass with a table
 * lookup and two compares a byte, for the loads of a million names that
 * check each one three times (file, netlink, builder). It accepts exactly
 * what name_check's loop accepts; anything else goes to that loop, which
 * finds the reason.
 */
static bool name_ok(const char *name, size_t len)
{
	size_t i, start = 0, labels = 1;
	u8 seen = 0;

	if (!len || len > AFW_DOMAIN_LEN_MAX)
		return false;
	for (i = 0; i < len; i++) {
		u8 k = name_char[(u8)name[i]];

		if (k == CH_DOT) {
			if (i == start || i - start > AFW_DOMAIN_LABEL_MAX)
				return false;
			start = i + 1;
			labels++;
		}
		seen |= k;
		if (!k)
			return false;
	}
	if (i == start || i - start > AFW_DOMAIN_LABEL_MAX ||
	    labels > AFW_DOMAIN_LABELS_MAX)
		return false;
	/* Only a name with a digit can end in an all-digit label. */
	if (!(seen & CH_DIGIT))
		return true;
	for (i = start; i < len; i++)
		if (name_char[(u8)name[i]] != CH_DIGIT)
			return true;
	return false;
}

/* The length of name without its trailing dot, or -EINVAL. */
static int name_check(const char *name, size_t len, const char **why)
{
	const char *err = NULL;
	u32 labels = 0, label_len = 0, digits = 0;
	size_t i;

	if (len && name[len - 1] == '.')
		len--;
	if (name_ok(name, len))
		return (int)len;
	if (!len)
		err = "empty name";
	else if (len > AFW_DOMAIN_LEN_MAX)
		err = "name longer than 253 characters";
	for (i = 0; !err && i <= len; i++) {
		u8 c = i < len ? name[i] : '.';

		if (c == '.') {
			if (!label_len)
				err = "empty label";
			else if (++labels > AFW_DOMAIN_LABELS_MAX)
				err = "more than 32 labels";
			else if (i == len && digits == label_len)
				err = "last label is all digits (an IP address?)";
			label_len = 0;
			digits = 0;
		} else if (!name_char[c]) {
			err = "character other than letter, digit, '-', '_', '.'";
		} else if (++label_len > AFW_DOMAIN_LABEL_MAX) {
			err = "label longer than 63 characters";
		} else {
			digits += c >= '0' && c <= '9';
		}
	}
	if (err) {
		if (why)
			*why = err;
		return -EINVAL;
	}
	return (int)len;
}

int afw_domain_check(const char *name, size_t len, const char **why)
{
	int ret = name_check(name, len, why);

	return ret < 0 ? ret : 0;
}

/*
 * Builder
 */

/* Makes room for need elements of size elem in *p; caps double. */
static int reserve(void **p, u32 *cap, u32 need, size_t elem, u32 used)
{
	u32 ncap = *cap ? *cap : 64;
	void *n;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > U32_MAX / 2)
			return -ENOMEM;
		ncap *= 2;
	}
	n = afw_alloc((size_t)ncap * elem);
	if (!n)
		return -ENOMEM;
	if (used)
		memcpy(n, *p, (size_t)used * elem);
	afw_free(*p);
	*p = n;
	*cap = ncap;
	return 0;
}

static void index_put(struct afw_domain_builder *b, u32 pos)
{
	u32 hash = b->ents[pos].hash, i = hash & b->index_mask;

	while (b->index[i].pos)
		i = (i + 1) & b->index_mask;
	b->index[i] = (struct bucket){ .hash = hash, .pos = pos + 1 };
}

/* Keeps the index at most half full for entries + more. */
static int index_reserve(struct afw_domain_builder *b, u32 more)
{
	u32 size = b->index ? b->index_mask + 1 : 0, want = size ? size : 128;
	u64 need = ((u64)b->nents + more) * 2;
	struct bucket *index;
	u32 i;

	while (want < need) {
		if (want > U32_MAX / 2)
			return -ENOMEM;
		want *= 2;
	}
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

/* The entry for a valid name[0..len) of this kind, or NULL. */
static struct entry *find(const struct afw_domain_builder *b, const char *name,
			  u32 len, u32 hash, u8 kind)
{
	const struct bucket *x;
	u32 i;

	if (!b->index)
		return NULL;	/* no entries yet */
	for (i = hash & b->index_mask; (x = &b->index[i])->pos;
	     i = (i + 1) & b->index_mask) {
		struct entry *e = &b->ents[x->pos - 1];

		if (x->hash == hash && e->len == len && e->kind == kind &&
		    name_eq(b->pool + e->off, (const u8 *)name, len))
			return e;
	}
	return NULL;
}

/* Appends a (lowercase, valid) name; the caller has reserved room. */
static void append(struct afw_domain_builder *b, const char *name, u32 len,
		   u32 hash, u8 kind, u16 app)
{
	struct entry *e = &b->ents[b->nents];
	u32 i;

	for (i = 0; i < len; i++)
		b->pool[b->pool_len + i] = fold(name[i]);
	b->pool[b->pool_len + len] = '\0';
	*e = (struct entry){ .hash = hash, .off = b->pool_len, .app = app,
			    .len = len, .kind = kind };
	b->pool_len += len + 1;
	index_put(b, b->nents++);
	b->live++;
}

static int reserve_all(struct afw_domain_builder *b, u32 ents, u32 chars)
{
	int ret;

	if (ents > AFW_DOMAIN_ENTRIES_MAX - b->nents ||
	    chars > U32_MAX - b->pool_len)
		return -ENOSPC;
	/* Room already: what almost every add of a big load finds. */
	if (ents <= b->ents_cap - b->nents && chars <= b->pool_cap - b->pool_len &&
	    b->index && ((u64)b->nents + ents) * 2 <= (u64)b->index_mask + 1)
		return 0;
	ret = reserve((void **)&b->ents, &b->ents_cap, b->nents + ents,
		      sizeof(*b->ents), b->nents);
	if (!ret)
		ret = reserve((void **)&b->pool, &b->pool_cap,
			      b->pool_len + chars, 1, b->pool_len);
	if (!ret)
		ret = index_reserve(b, ents);
	return ret;
}

int afw_domain_builder_new(struct afw_domain_builder **bp,
			   const struct afw_domain_table *seed)
{
	struct afw_domain_builder *b;
	u32 i;

	*bp = NULL;
	b = afw_zalloc(sizeof(*b));
	if (!b)
		return -ENOMEM;
	if (seed && seed->count) {
		u32 chars = 0;

		for (i = 0; i < seed->nslots; i++)
			chars += seed->slots[i].app ? seed->slots[i].len + 1 : 0;
		if (reserve_all(b, seed->count, chars)) {
			afw_domain_builder_free(b);
			return -ENOMEM;
		}
		for (i = 0; i < seed->nslots; i++) {
			const struct slot *s = &seed->slots[i];

			if (s->app)
				append(b, slot_name(seed, s), s->len, s->hash,
				       s->kind, s->app);
		}
	}
	*bp = b;
	return 0;
}

void afw_domain_builder_free(struct afw_domain_builder *b)
{
	if (!b)
		return;
	afw_free(b->ents);
	afw_free(b->pool);
	afw_free(b->index);
	afw_free(b);
}

int afw_domain_builder_add(struct afw_domain_builder *b, const char *name,
			   size_t len, enum afw_domain_kind kind, u16 app)
{
	struct entry *e;
	int ret, n;
	u32 hash;

	n = name_check(name, len, NULL);
	if (n < 0)
		return n;
	if (!app || (kind != AFW_DOMAIN_SUFFIX && kind != AFW_DOMAIN_EXACT))
		return -EINVAL;
	hash = name_hash(name, n);
	e = find(b, name, n, hash, kind);
	if (e && e->app)
		return -EEXIST;
	if (e) {
		e->app = app;
		b->live++;
		return 0;
	}
	ret = reserve_all(b, 1, n + 1);
	if (ret)
		return ret;
	append(b, name, n, hash, kind, app);
	return 0;
}

int afw_domain_builder_del(struct afw_domain_builder *b, const char *name,
			   size_t len, enum afw_domain_kind kind, u16 app)
{
	struct entry *e;
	int n;

	n = name_check(name, len, NULL);
	if (n < 0)
		return n;
	e = find(b, name, n, name_hash(name, n), kind);
	if (!e || !app || e->app != app)
		return -ENOENT;
	e->app = 0;
	b->live--;
	return 0;
}

int afw_domain_builder_del_app(struct afw_domain_builder *b, u16 app)
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

u16 afw_domain_builder_get(const struct afw_domain_builder *b,
			   const char *name, size_t len,
			   enum afw_domain_kind kind)
{
	const struct entry *e;
	int n;

	n = name_check(name, len, NULL);
	if (n < 0)
		return 0;
	e = find(b, name, n, name_hash(name, n), kind);
	return e ? e->app : 0;
}

u32 afw_domain_builder_count(const struct afw_domain_builder *b)
{
	return b->live;
}

/*
 * Table
 */

int afw_domain_build(const struct afw_domain_builder *b,
		     struct afw_domain_table **tp)
{
	u32 cap = b->live + b->live / 4 + 1, nslots, i, pos, chars = 0;
	struct afw_domain_table *t;
	struct slot *slots;
	u32 *start;
	char *pool;
	size_t bytes;

	*tp = NULL;
	/* start[h]: entries homed at h, then the slot the next one goes to. */
	start = afw_zalloc((size_t)cap * sizeof(*start));
	if (!start)
		return -ENOMEM;
	/*
	 * Both passes touch start[] and slots[] at random; prefetching a few
	 * entries ahead overlaps those misses (a 10^6 build runs 3x faster).
	 */
	for (i = 0; i < b->nents; i++) {
		const struct entry *e = &b->ents[i];

		if (i + AHEAD < b->nents)
			afw_prefetch(&start[home(e[AHEAD].hash, cap)]);
		if (e->app) {
			start[home(e->hash, cap)]++;
			chars += e->len > INLINE_MAX ? e->len + 1 : 0;
		}
	}
	for (i = 0, pos = 0; i < cap; i++) {
		u32 n = start[i];

		start[i] = pos > i ? pos : i;
		pos = start[i] + n;
	}
	nslots = pos + 1;
	bytes = sizeof(*t) + sizeof(struct slot) +
		(size_t)nslots * sizeof(struct slot) + chars;
	t = afw_alloc(bytes);
	if (!t) {
		afw_free(start);
		return -ENOMEM;
	}
	memset(t, 0, sizeof(*t));
	slots = (struct slot *)(((uintptr_t)(t + 1) + sizeof(struct slot) - 1) &
				~(uintptr_t)(sizeof(struct slot) - 1));
	memset(slots, 0, (size_t)nslots * sizeof(*slots));
	pool = (char *)&slots[nslots];
	t->count = b->live;
	t->cap = cap;
	t->nslots = nslots;
	t->bytes = bytes;
	t->slots = slots;
	t->pool = pool;
	for (i = 0, pos = 0; i < b->nents; i++) {
		const struct entry *e = &b->ents[i];
		const char *name = b->pool + e->off;
		struct slot *s;
		u32 bit;

		if (i + AHEAD < b->nents) {
			u32 ahead = home(e[AHEAD].hash, cap);

			afw_prefetch(&start[ahead]);
			afw_prefetch(&slots[ahead]);
		}
		if (!e->app)
			continue;
		s = &slots[start[home(e->hash, cap)]++];
		s->hash = e->hash;
		s->app = e->app;
		s->len = e->len;
		s->kind = e->kind;
		if (e->len <= INLINE_MAX) {
			memcpy(s->name, name, e->len + 1);
		} else {
			memcpy(pool + pos, name, e->len + 1);
			s->off = pos;
			pos += e->len + 1;
		}
		bit = 1U << (name_labels(name, e->len) - 1);
		if (e->kind == AFW_DOMAIN_EXACT)
			t->exact_labels |= bit;
		else
			t->suffix_labels |= bit;
	}
	afw_free(start);
	*tp = t;
	return 0;
}

void afw_domain_table_free(struct afw_domain_table *t)
{
	afw_free(t);
}

/*
 * The slot for a suffix of a valid name, name[0..len) being that suffix.
 * full: the suffix is the whole name, so an exact entry counts and beats a
 * suffix entry for the same name.
 */
static const struct slot *probe(const struct afw_domain_table *t, u32 hash,
				const u8 *name, u32 len, bool full)
{
	u32 h = home(hash, t->cap);
	const struct slot *s, *found = NULL;

	for (s = &t->slots[h]; s->app; s++) {
		if (s->hash != hash) {
			/* Earlier homes overflow into ours; later ones end it. */
			if (home(s->hash, t->cap) > h)
				break;
			continue;
		}
		if (s->len != len || !name_eq(slot_name(t, s), name, len))
			continue;
		if (s->kind == AFW_DOMAIN_EXACT) {
			if (full)
				return s;
		} else {
			found = s;
			if (!full)
				break;
		}
	}
	return found;
}

u16 afw_domain_lookup(const struct afw_domain_table *t, const char *name,
		      size_t len, struct afw_domain_entry *match)
{
	/* Per label suffix, shortest first: where it starts and its hash. */
	u8 start[AFW_DOMAIN_LABELS_MAX];
	u32 hash[AFW_DOMAIN_LABELS_MAX];
	const u8 *p = (const u8 *)name;
	u32 labels = 0, label_len = 0, want, n, i, done = 0;
	const struct slot *s = NULL;
	u64 h = SEED, tail;

	if (!t || !name || !t->count)
		return 0;
	if (len && p[len - 1] == '.')
		len--;
	if (!len || len > AFW_DOMAIN_LEN_MAX)
		return 0;
	for (i = (u32)len; i-- > 0;) {
		u8 c = p[i];

		if (c == '.') {
			if (!label_len)
				return 0;
			if (labels < AFW_DOMAIN_LABELS_MAX)
				start[labels] = i + 1;
			labels++;
			label_len = 0;
		} else if (!name_char[c] || ++label_len > AFW_DOMAIN_LABEL_MAX) {
			return 0;
		}
	}
	if (!label_len)
		return 0;
	if (labels < AFW_DOMAIN_LABELS_MAX)
		start[labels] = 0;
	labels++;

	/* Bit k: probe the suffix of k + 1 labels. */
	n = labels < AFW_DOMAIN_LABELS_MAX ? labels : AFW_DOMAIN_LABELS_MAX;
	want = t->suffix_labels;
	if (labels <= AFW_DOMAIN_LABELS_MAX)
		want |= t->exact_labels & (1U << (labels - 1));
	want &= n < 32 ? (1U << n) - 1 : U32_MAX;

	/* name_hash() for each suffix, sharing the blocks they have in common. */
	for (i = 0; i < n; i++) {
		u32 slen = (u32)len - start[i];

		for (; done + 8 <= slen; done += 8)
			h = mix(h, fold64(load64(p + len - done - 8)));
		if (!(want & (1U << i)))
			continue;
		/* The tail is this suffix's own: h goes on without it. */
		tail = h;
		if (slen > done)
			tail = mix(h, fold64(load_short(p + start[i],
							slen - done, start[i])));
		hash[i] = finish(tail, slen);
		afw_prefetch(&t->slots[home(hash[i], t->cap)]);
	}
	for (i = n; !s && i-- > 0;)
		if (want & (1U << i))
			s = probe(t, hash[i], p + start[i], (u32)len - start[i],
				  i + 1 == labels);
	if (!s)
		return 0;
	if (match)
		*match = (struct afw_domain_entry){ .name = slot_name(t, s),
			.len = s->len, .kind = s->kind, .app = s->app };
	return s->app;
}

int afw_domain_table_next(const struct afw_domain_table *t, u32 *pos,
			  struct afw_domain_entry *e)
{
	u32 i;

	for (i = *pos; t && i < t->nslots; i++) {
		const struct slot *s = &t->slots[i];

		if (!s->app)
			continue;
		*e = (struct afw_domain_entry){ .name = slot_name(t, s),
			.len = s->len, .kind = s->kind, .app = s->app };
		*pos = i + 1;
		return 0;
	}
	return -ENOENT;
}

u32 afw_domain_table_count(const struct afw_domain_table *t)
{
	return t ? t->count : 0;
}

size_t afw_domain_table_bytes(const struct afw_domain_table *t)
{
	return t ? t->bytes : 0;
}
