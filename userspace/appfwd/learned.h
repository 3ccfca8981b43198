/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses learned from DNS answers, for the agent's own policy
 * (standalone and --pcap; attached, the kernel keeps this table): which
 * app an address belongs to until its TTL runs out. Bounded: when full,
 * the entry closest to expiry makes room, as in the kernel. An address
 * learned again takes the new app and expiry. Thread-safe: the queue
 * threads share one table, since a DNS answer and the connection that
 * follows it may come through different queues.
 */
#ifndef APPFWD_LEARNED_H
#define APPFWD_LEARNED_H

#include <pthread.h>
#include <stdint.h>

#define AFW_LEARNED_MAX 4096
/* The kernel's default learn_ttl_max: a day. */
#define AFW_LEARNED_TTL_MAX 86400

struct afw_learned_entry {
	uint8_t family;
	uint8_t addr[16];
	uint16_t app;
	int64_t expires_ms;
	uint32_t next;		/* hash chain: index + 1, 0 ends */
};

struct afw_learned {
	pthread_mutex_t lock;
	struct afw_learned_entry *e;	/* cap entries */
	uint32_t *buckets;		/* index + 1 */
	uint32_t cap, nbuckets, used;
	uint64_t evicted;
};

/* 0 or -ENOMEM; cap 0 means AFW_LEARNED_MAX. */
int afw_learned_init(struct afw_learned *l, uint32_t cap);
void afw_learned_free(struct afw_learned *l);

/* ttl in seconds, clamped to 1..AFW_LEARNED_TTL_MAX. */
void afw_learned_add(struct afw_learned *l, uint8_t family,
		     const uint8_t *addr, uint16_t app, uint32_t ttl,
		     int64_t now_ms);
/* The app of addr if learned and not expired at now_ms, else 0. */
uint16_t afw_learned_lookup(struct afw_learned *l, uint8_t family,
			    const uint8_t *addr, int64_t now_ms);
/* Gives every entry the app map(app, arg) returns; 0 forgets it. */
void afw_learned_renumber(struct afw_learned *l,
			  uint16_t (*map)(uint16_t app, void *arg), void *arg);
/* Entries held, expired ones that nobody looked up included. */
uint32_t afw_learned_count(struct afw_learned *l);

#endif
