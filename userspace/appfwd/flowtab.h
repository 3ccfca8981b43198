/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's flow table: a fixed array of flows (allocated once, so
 * pointers stay valid), a hash on the original-direction tuple, a list in
 * order of last use (the oldest goes first when the table is full or when
 * idle), and a list of the flows holding packets (walked for timeouts).
 */
#ifndef APPFWD_FLOWTAB_H
#define APPFWD_FLOWTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agentnl.h"
#include "engine.h"

struct afw_link {
	struct afw_link *prev, *next;
};

struct afw_held {
	uint64_t handle;
	uint32_t len;
};

struct afw_tcp_flow;
struct afw_quic_hello;

struct afw_flow {
	struct afw_flow_tuple key;
	struct afw_flow *hnext;
	struct afw_link lru;		/* in afw_flowtab.lru, oldest first */
	struct afw_link pending;	/* in afw_flowtab.pending while holding */
	bool in_use, decided;
	uint8_t type;			/* enum afw_flow_type */
	int64_t last_ms;
	int64_t hold_since;		/* first packet held, while pending */
	struct afw_verdict verdict;	/* once decided */
	struct afw_held *held;
	unsigned int nheld, held_cap;
	size_t held_bytes;
	unsigned int dgrams;		/* QUIC: datagrams fed */
	struct afw_tcp_flow *tcp;
	struct afw_quic_hello *quic;
};

struct afw_flowtab {
	struct afw_flow *flows;
	struct afw_flow **buckets;
	unsigned int cap, nbuckets, used;
	struct afw_link lru, pending, free;
};

int afw_flowtab_init(struct afw_flowtab *t, unsigned int cap);
void afw_flowtab_free(struct afw_flowtab *t);

struct afw_flow *afw_flowtab_find(struct afw_flowtab *t,
				  const struct afw_flow_tuple *key);
/* A new flow for key, or NULL if the table is full (make room first). */
struct afw_flow *afw_flowtab_add(struct afw_flowtab *t,
				 const struct afw_flow_tuple *key,
				 int64_t now_ms);
/* The flow must hold nothing and own no parser state any more. */
void afw_flowtab_del(struct afw_flowtab *t, struct afw_flow *f);
/* Moves f to the young end of the use order. */
void afw_flowtab_touch(struct afw_flowtab *t, struct afw_flow *f,
		       int64_t now_ms);

/* The least recently used flow, or NULL. */
struct afw_flow *afw_flowtab_oldest(struct afw_flowtab *t);

static inline bool afw_link_empty(const struct afw_link *head)
{
	return head->next == head;
}

void afw_link_add_tail(struct afw_link *head, struct afw_link *l);
void afw_link_del(struct afw_link *l);

#define afw_flow_of(ptr, member) \
	((struct afw_flow *)((char *)(ptr) - offsetof(struct afw_flow, member)))

#endif
