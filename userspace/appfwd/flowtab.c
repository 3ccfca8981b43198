// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flowtab.h"

void afw_link_add_tail(struct afw_link *head, struct afw_link *l)
{
	l->prev = head->prev;
	l->next = head;
	head->prev->next = l;
	head->prev = l;
}

void afw_link_del(struct afw_link *l)
{
	l->prev->next = l->next;
	l->next->prev = l->prev;
	l->prev = l->next = l;
}

static void link_init(struct afw_link *l)
{
	l->prev = l->next = l;
}

/* FNV-1a over the whole tuple: its unused address bytes are zero. */
static unsigned int hash(const struct afw_flow_tuple *k, unsigned int n)
{
	const uint8_t *p = (const uint8_t *)k;
	uint32_t h = 2166136261U;

	for (size_t i = 0; i < sizeof(*k); i++)
		h = (h ^ p[i]) * 16777619U;
	return h & (n - 1);
}

int afw_flowtab_init(struct afw_flowtab *t, unsigned int cap)
{
	memset(t, 0, sizeof(*t));
	t->cap = cap;
	t->nbuckets = 1;
	while (t->nbuckets < 2 * cap)
		t->nbuckets <<= 1;
	t->flows = calloc(cap, sizeof(*t->flows));
	t->buckets = calloc(t->nbuckets, sizeof(*t->buckets));
	if (!t->flows || !t->buckets) {
		afw_flowtab_free(t);
		return -ENOMEM;
	}
	link_init(&t->lru);
	link_init(&t->pending);
	link_init(&t->free);
	for (unsigned int i = 0; i < cap; i++) {
		link_init(&t->flows[i].pending);
		afw_link_add_tail(&t->free, &t->flows[i].lru);
	}
	return 0;
}

void afw_flowtab_free(struct afw_flowtab *t)
{
	free(t->flows);
	free(t->buckets);
	t->flows = NULL;
	t->buckets = NULL;
}

struct afw_flow *afw_flowtab_find(struct afw_flowtab *t,
				  const struct afw_flow_tuple *key)
{
	struct afw_flow *f = t->buckets[hash(key, t->nbuckets)];

	while (f && memcmp(&f->key, key, sizeof(*key)))
		f = f->hnext;
	return f;
}

struct afw_flow *afw_flowtab_add(struct afw_flowtab *t,
				 const struct afw_flow_tuple *key,
				 int64_t now_ms)
{
	struct afw_flow **b;
	struct afw_flow *f;

	if (afw_link_empty(&t->free))
		return NULL;
	f = afw_flow_of(t->free.next, lru);
	afw_link_del(&f->lru);
	memset(f, 0, sizeof(*f));
	link_init(&f->pending);
	f->key = *key;
	f->in_use = true;
	f->last_ms = now_ms;
	b = &t->buckets[hash(key, t->nbuckets)];
	f->hnext = *b;
	*b = f;
	afw_link_add_tail(&t->lru, &f->lru);
	t->used++;
	return f;
}

void afw_flowtab_del(struct afw_flowtab *t, struct afw_flow *f)
{
	struct afw_flow **p = &t->buckets[hash(&f->key, t->nbuckets)];

	while (*p != f)
		p = &(*p)->hnext;
	*p = f->hnext;
	afw_link_del(&f->lru);
	if (!afw_link_empty(&f->pending))
		afw_link_del(&f->pending);
	free(f->held);
	f->held = NULL;
	f->in_use = false;
	afw_link_add_tail(&t->free, &f->lru);
	t->used--;
}

void afw_flowtab_touch(struct afw_flowtab *t, struct afw_flow *f,
		       int64_t now_ms)
{
	f->last_ms = now_ms;
	afw_link_del(&f->lru);
	afw_link_add_tail(&t->lru, &f->lru);
}

struct afw_flow *afw_flowtab_oldest(struct afw_flowtab *t)
{
	return afw_link_empty(&t->lru) ? NULL : afw_flow_of(t->lru.next, lru);
}
