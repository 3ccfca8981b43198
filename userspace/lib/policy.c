// SPDX-License-Identifier: GPL-2.0
/*
 * Three open-addressing hash sets of indices (app names, domain names per
 * kind, prefixes) give the duplicate checks in constant time: a policy of
 * a million domains is checked as fast as it is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

/* FNV-1a: short keys, no adversary worth a keyed hash (the input is the
 * administrator's own policy). */
static uint32_t fnv(const void *data, size_t len, uint32_t h)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

#define FNV_SEED 2166136261u

struct key {
	const void *data;
	size_t len;
	uint8_t kind;
};

/* The key of entry i of each set, and how to hash it. */
typedef struct key (*key_fn)(const struct afw_policy *pol, size_t i);

static struct key app_key(const struct afw_policy *pol, size_t i)
{
	const char *name = pol->apps[i].name;

	return (struct key){ name, strlen(name), 0 };
}

static struct key domain_key(const struct afw_policy *pol, size_t i)
{
	const struct afw_domain *d = &pol->domains[i];

	return (struct key){ pol->names + d->name, d->len, d->kind };
}

/* family, len and the address bytes, all of which a prefix is. */
static struct key prefix_key(const struct afw_policy *pol, size_t i)
{
	const struct afw_prefix *p = &pol->prefixes[i].p;

	return (struct key){ p, offsetof(struct afw_prefix, app), 0 };
}

/* FNV's low bits, which index the table, mix poorly on their own:
 * murmur3's finaliser spreads every bit over all of them. */
static uint32_t key_hash(struct key k)
{
	uint32_t h = fnv(k.data, k.len, FNV_SEED ^ k.kind);

	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

static bool key_eq(struct key a, struct key b)
{
	return a.kind == b.kind && a.len == b.len && !memcmp(a.data, b.data, a.len);
}

/* A slot holds the entry's index + 1 (0: empty) and its hash, so that a
 * probe compares keys only when the hashes agree, and growing the table
 * touches no key at all. */
static long hash_find(const struct afw_hash *h, const struct afw_policy *pol,
		      key_fn fn, struct key k, uint32_t hv)
{
	if (!h->slots)
		return -1;
	for (size_t s = hv & h->mask;; s = (s + 1) & h->mask) {
		const struct afw_hash_slot *slot = &h->slots[s];

		if (!slot->index)
			return -1;
		if (slot->hash == hv && key_eq(fn(pol, slot->index - 1), k))
			return (long)slot->index - 1;
	}
}

static void hash_put(struct afw_hash *h, uint32_t hv, size_t i)
{
	size_t s = hv & h->mask;

	while (h->slots[s].index)
		s = (s + 1) & h->mask;
	h->slots[s].index = (uint32_t)i + 1;
	h->slots[s].hash = hv;
	h->used++;
}

/* A table with room for at least want entries at a load under one half,
 * holding h's entries (rehash: recomputes the hashes of entries [0, n)
 * instead, for when the indices changed). */
static int hash_resize(struct afw_hash *h, const struct afw_policy *pol,
		       key_fn fn, size_t want, bool rehash, size_t n)
{
	struct afw_hash old = *h;
	size_t size = 64;

	while (size < want * 2)
		size *= 2;
	h->slots = calloc(size, sizeof(*h->slots));
	if (!h->slots) {
		*h = old;
		return -ENOMEM;
	}
	h->mask = size - 1;
	h->used = 0;
	if (rehash) {
		for (size_t i = 0; i < n; i++)
			hash_put(h, key_hash(fn(pol, i)), i);
	} else if (old.slots) {
		for (size_t s = 0; s <= old.mask; s++)
			if (old.slots[s].index)
				hash_put(h, old.slots[s].hash,
					 old.slots[s].index - 1);
	}
	free(old.slots);
	return 0;
}

/* Adds entry i (already stored) unless its key is there: -EEXIST, *dup. */
static int hash_add(struct afw_hash *h, const struct afw_policy *pol,
		    key_fn fn, size_t i, size_t *dup)
{
	struct key k = fn(pol, i);
	uint32_t hv = key_hash(k);
	long found;
	int err;

	if (i >= UINT32_MAX - 1)
		return -ENOSPC;
	/* No table: none yet, or afw_policy_sort dropped it. */
	if (!h->slots) {
		err = hash_resize(h, pol, fn, i + 1, true, i);
		if (err)
			return err;
	}
	found = hash_find(h, pol, fn, k, hv);
	if (found >= 0) {
		if (dup)
			*dup = (size_t)found;
		return -EEXIST;
	}
	if ((h->used + 1) * 2 > h->mask + 1) {
		err = hash_resize(h, pol, fn, (h->used + 1) * 2, false, 0);
		if (err)
			return err;
	}
	hash_put(h, hv, i);
	return 0;
}

/* Room for one more element in an array that doubles. */
static int grow(void **p, size_t *cap, size_t n, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 64;
	void *q;

	if (n < *cap)
		return 0;
	q = reallocarray(*p, ncap, elem);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = ncap;
	return 0;
}

void afw_policy_init(struct afw_policy *pol)
{
	memset(pol, 0, sizeof(*pol));
}

void afw_policy_free(struct afw_policy *pol)
{
	free(pol->apps);
	free(pol->domains);
	free(pol->names);
	free(pol->prefixes);
	free(pol->by_id);
	free(pol->app_names.slots);
	free(pol->domain_keys.slots);
	free(pol->prefix_keys.slots);
	afw_policy_init(pol);
}

int afw_policy_add_app(struct afw_policy *pol, const struct afw_app *app,
		       size_t *dup)
{
	long same_id = afw_policy_find_id(pol, app->id);
	int err;

	if (!app->id || app->id > APPFW_APP_ID_MAX)
		return -EINVAL;
	if (!pol->by_id) {
		pol->by_id = calloc(APPFW_APP_ID_MAX + 1, sizeof(*pol->by_id));
		if (!pol->by_id)
			return -ENOMEM;
	}
	if (same_id >= 0) {
		if (dup)
			*dup = (size_t)same_id;
		return -EEXIST;
	}
	err = grow((void **)&pol->apps, &pol->apps_cap, pol->napps,
		   sizeof(*pol->apps));
	if (err)
		return err;
	pol->apps[pol->napps] = *app;
	pol->apps[pol->napps].name[APPFW_APP_NAME_LEN - 1] = '\0';
	err = hash_add(&pol->app_names, pol, app_key, pol->napps, dup);
	if (err)
		return err;
	pol->by_id[app->id] = (uint32_t)++pol->napps;
	return 0;
}

long afw_policy_find_app(const struct afw_policy *pol, const char *name)
{
	struct key k = { name, strlen(name), 0 };

	return hash_find(&pol->app_names, pol, app_key, k, key_hash(k));
}

long afw_policy_find_id(const struct afw_policy *pol, uint16_t id)
{
	if (!pol->by_id || !id || id > APPFW_APP_ID_MAX)
		return -1;
	return (long)pol->by_id[id] - 1;
}

uint16_t afw_policy_free_id(const struct afw_policy *pol)
{
	for (uint16_t id = 1; id <= APPFW_APP_ID_MAX; id++)
		if (afw_policy_find_id(pol, id) < 0)
			return id;
	return 0;
}

int afw_policy_add_domain(struct afw_policy *pol, const char *name,
			  uint8_t kind, uint16_t app, unsigned int line,
			  size_t *dup)
{
	size_t len = strlen(name);
	int err;

	if (afw_policy_find_id(pol, app) < 0)
		return -ENOENT;
	if (len > AFW_DOMAIN_LEN_MAX)
		return -EINVAL;
	err = grow((void **)&pol->domains, &pol->domains_cap, pol->ndomains,
		   sizeof(*pol->domains));
	if (err)
		return err;
	while (pol->names_len + len + 1 > pol->names_cap) {
		size_t ncap = pol->names_cap ? pol->names_cap * 2 : 4096;
		char *q = realloc(pol->names, ncap);

		if (!q)
			return -ENOMEM;
		pol->names = q;
		pol->names_cap = ncap;
	}
	if (pol->names_len > UINT32_MAX - len - 1)
		return -ENOSPC;
	memcpy(pol->names + pol->names_len, name, len + 1);
	pol->domains[pol->ndomains] = (struct afw_domain){
		.name = (uint32_t)pol->names_len,
		.app = app,
		.kind = kind,
		.len = (uint8_t)len,
		.line = line,
	};
	err = hash_add(&pol->domain_keys, pol, domain_key, pol->ndomains, dup);
	if (err)
		return err;	/* the name's bytes are simply reused */
	pol->names_len += len + 1;
	pol->ndomains++;
	return 0;
}

int afw_policy_add_prefix(struct afw_policy *pol, const struct afw_prefix *p,
			  unsigned int line, size_t *dup)
{
	int err;

	if (afw_policy_find_id(pol, p->app) < 0)
		return -ENOENT;
	err = grow((void **)&pol->prefixes, &pol->prefixes_cap, pol->nprefixes,
		   sizeof(*pol->prefixes));
	if (err)
		return err;
	pol->prefixes[pol->nprefixes] = (struct afw_prefix_entry){ *p, line };
	err = hash_add(&pol->prefix_keys, pol, prefix_key, pol->nprefixes, dup);
	if (err)
		return err;
	pol->nprefixes++;
	return 0;
}

static int app_cmp(const void *a, const void *b)
{
	const struct afw_app *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int domain_cmp(const void *a, const void *b, void *names)
{
	const struct afw_domain *x = a, *y = b;

	if (x->app != y->app)
		return x->app < y->app ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp((const char *)names + x->name,
		      (const char *)names + y->name);
}

static int prefix_cmp(const void *a, const void *b)
{
	const struct afw_prefix *x = &((const struct afw_prefix_entry *)a)->p;
	const struct afw_prefix *y = &((const struct afw_prefix_entry *)b)->p;
	int c;

	if (x->app != y->app)
		return x->app < y->app ? -1 : 1;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	c = memcmp(x->addr, y->addr, sizeof(x->addr));
	if (c)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

int afw_policy_sort(struct afw_policy *pol)
{
	int err;

	/* qsort wants an array even for none. */
	if (pol->napps)
		qsort(pol->apps, pol->napps, sizeof(*pol->apps), app_cmp);
	if (pol->ndomains)
		qsort_r(pol->domains, pol->ndomains, sizeof(*pol->domains),
			domain_cmp, pol->names);
	if (pol->nprefixes)
		qsort(pol->prefixes, pol->nprefixes, sizeof(*pol->prefixes),
		      prefix_cmp);
	for (size_t i = 0; i < pol->napps; i++)
		pol->by_id[pol->apps[i].id] = (uint32_t)i + 1;
	err = hash_resize(&pol->app_names, pol, app_key, pol->napps, true,
			  pol->napps);
	/* The entries' tables are rebuilt when next needed, which after a
	 * sort (for printing) is seldom. */
	free(pol->domain_keys.slots);
	free(pol->prefix_keys.slots);
	memset(&pol->domain_keys, 0, sizeof(pol->domain_keys));
	memset(&pol->prefix_keys, 0, sizeof(pol->prefix_keys));
	return err;
}
