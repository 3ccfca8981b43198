// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "learned.h"

static size_t addr_len(uint8_t family)
{
	return family == AF_INET6 ? 16 : 4;
}

static uint32_t hash(uint8_t family, const uint8_t *addr, uint32_t nbuckets)
{
	uint32_t h = 2166136261U ^ family;

	for (size_t i = 0; i < addr_len(family); i++)
		h = (h ^ addr[i]) * 16777619U;
	return h & (nbuckets - 1);
}

int afw_learned_init(struct afw_learned *l, uint32_t cap)
{
	memset(l, 0, sizeof(*l));
	l->cap = cap ? cap : AFW_LEARNED_MAX;
	l->nbuckets = 1;
	while (l->nbuckets < 2 * l->cap)
		l->nbuckets <<= 1;
	l->e = calloc(l->cap, sizeof(*l->e));
	l->buckets = calloc(l->nbuckets, sizeof(*l->buckets));
	if (!l->e || !l->buckets) {
		afw_learned_free(l);
		return -ENOMEM;
	}
	pthread_mutex_init(&l->lock, NULL);
	return 0;
}

void afw_learned_free(struct afw_learned *l)
{
	if (l->e && l->buckets)
		pthread_mutex_destroy(&l->lock);
	free(l->e);
	free(l->buckets);
	l->e = NULL;
	l->buckets = NULL;
}

/* The index + 1 of addr's entry, or 0; *link the slot that points at it. */
static uint32_t find(struct afw_learned *l, uint8_t family,
		     const uint8_t *addr, uint32_t **link)
{
	uint32_t *p = &l->buckets[hash(family, addr, l->nbuckets)];

	for (; *p; p = &l->e[*p - 1].next) {
		struct afw_learned_entry *e = &l->e[*p - 1];

		if (e->family == family &&
		    !memcmp(e->addr, addr, addr_len(family)))
			break;
	}
	*link = p;
	return *p;
}

/* Unlinks entry i and moves the last entry into its place. */
static void remove_at(struct afw_learned *l, uint32_t i)
{
	struct afw_learned_entry *e = &l->e[i];
	uint32_t *link, last = l->used - 1;

	find(l, e->family, e->addr, &link);
	*link = e->next;
	if (i != last) {
		struct afw_learned_entry *m = &l->e[last];

		find(l, m->family, m->addr, &link);
		*link = i + 1;
		*e = *m;
	}
	l->used--;
}

void afw_learned_add(struct afw_learned *l, uint8_t family,
		     const uint8_t *addr, uint16_t app, uint32_t ttl,
		     int64_t now_ms)
{
	struct afw_learned_entry *e;
	uint32_t *link, i;

	if (ttl < 1)
		ttl = 1;
	if (ttl > AFW_LEARNED_TTL_MAX)
		ttl = AFW_LEARNED_TTL_MAX;
	pthread_mutex_lock(&l->lock);
	i = find(l, family, addr, &link);
	if (!i) {
		if (l->used == l->cap) {
			uint32_t victim = 0;

			/* Rare (the table is full) and linear: a heap would
			 * cost more code than the scan costs time. */
			for (uint32_t j = 1; j < l->used; j++)
				if (l->e[j].expires_ms < l->e[victim].expires_ms)
					victim = j;
			remove_at(l, victim);
			l->evicted++;
			find(l, family, addr, &link);
		}
		i = ++l->used;
		e = &l->e[i - 1];
		memset(e, 0, sizeof(*e));
		e->family = family;
		memcpy(e->addr, addr, addr_len(family));
		*link = i;
	}
	e = &l->e[i - 1];
	e->app = app;
	e->expires_ms = now_ms + (int64_t)ttl * 1000;
	pthread_mutex_unlock(&l->lock);
}

uint16_t afw_learned_lookup(struct afw_learned *l, uint8_t family,
			    const uint8_t *addr, int64_t now_ms)
{
	uint32_t *link, i;
	uint16_t app = 0;

	pthread_mutex_lock(&l->lock);
	i = find(l, family, addr, &link);
	if (i) {
		if (l->e[i - 1].expires_ms > now_ms)
			app = l->e[i - 1].app;
		else
			remove_at(l, i - 1);
	}
	pthread_mutex_unlock(&l->lock);
	return app;
}

void afw_learned_renumber(struct afw_learned *l,
			  uint16_t (*map)(uint16_t app, void *arg), void *arg)
{
	pthread_mutex_lock(&l->lock);
	/* Backwards: remove_at() moves the last entry into the hole. */
	for (uint32_t i = l->used; i-- > 0;) {
		l->e[i].app = map(l->e[i].app, arg);
		if (!l->e[i].app)
			remove_at(l, i);
	}
	pthread_mutex_unlock(&l->lock);
}

uint32_t afw_learned_count(struct afw_learned *l)
{
	uint32_t n;

	pthread_mutex_lock(&l->lock);
	n = l->used;
	pthread_mutex_unlock(&l->lock);
	return n;
}
