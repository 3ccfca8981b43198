/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A policy in memory: apps, their domains, hosts and prefixes, and the
 * configuration. The policy file parser fills one, `appfw new` builds one
 * from its arguments, `appfw save` from the kernel's dumps; the loader
 * sends one to the kernel and the writer prints one.
 *
 * The adders refuse what the kernel would refuse, so that the error can
 * name its line or argument instead of a kernel message: -EEXIST for a
 * second app with the same name or id, for a name the same kind already
 * lists, or for a prefix already listed (*dup is then the index of the
 * first), -ENOENT for an entry of an app not yet added. Entries are
 * checked with syntax.h before they get here. Lookups are hashed, so a
 * policy of millions of domains builds in linear time.
 */
#ifndef AFW_POLICY_H
#define AFW_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/appfw.h>

#include "domain.h"
#include "prefix.h"

struct afw_app {
	uint16_t id;
	uint8_t action;		/* enum appfw_action */
	uint32_t flags;
	char name[APPFW_APP_NAME_LEN];
	unsigned int line;	/* where it was declared; 0 if not a file */
	/* What the kernel reports; zero elsewhere. */
	uint32_t ndomains, nprefixes;
	uint64_t packets, bytes, flows, blocked;
};

struct afw_domain {
	uint32_t name;		/* offset of the name in afw_policy.names */
	uint16_t app;
	uint8_t kind;		/* APPFW_DOMAIN_SUFFIX or APPFW_DOMAIN_EXACT */
	uint8_t len;
	unsigned int line;
};

struct afw_prefix_entry {
	struct afw_prefix p;	/* p.app is the owner */
	unsigned int line;
};

struct afw_config {
	bool has_mark_mask, has_skb_mark, has_depth;
	uint32_t mark_mask;
	bool skb_mark;
	uint8_t depth;
	/* What needs the agent when there is none; DNS answer learning. */
	bool has_fail_closed, has_learn;
	bool fail_closed, learn;
};

struct afw_hash_slot {
	uint32_t index;		/* entry index + 1; 0 is empty */
	uint32_t hash;
};

struct afw_hash {
	struct afw_hash_slot *slots;
	size_t mask;		/* slots - 1 (a power of two) */
	size_t used;
};

struct afw_policy {
	struct afw_app *apps;
	size_t napps, apps_cap;
	struct afw_domain *domains;
	size_t ndomains, domains_cap;
	char *names;		/* the domains' names, each NUL-terminated */
	size_t names_len, names_cap;
	struct afw_prefix_entry *prefixes;
	size_t nprefixes, prefixes_cap;
	struct afw_config config;
	struct afw_hash app_names, domain_keys, prefix_keys;
	uint32_t *by_id;	/* app index + 1 by id */
};

void afw_policy_init(struct afw_policy *pol);
void afw_policy_free(struct afw_policy *pol);

/* The app is copied. -EEXIST: its name (or id) exists at *dup; -EINVAL:
 * id 0 or past APPFW_APP_ID_MAX. */
int afw_policy_add_app(struct afw_policy *pol, const struct afw_app *app,
		       size_t *dup);
/* The index of the app named name, or -1. */
long afw_policy_find_app(const struct afw_policy *pol, const char *name);
/* The index of the app with id, or -1. */
long afw_policy_find_id(const struct afw_policy *pol, uint16_t id);
/* The lowest id no app has, or 0 if every id is taken. */
uint16_t afw_policy_free_id(const struct afw_policy *pol);

/* name must be in the kernel's form (afw_parse_domain's out). */
int afw_policy_add_domain(struct afw_policy *pol, const char *name,
			  uint8_t kind, uint16_t app, unsigned int line,
			  size_t *dup);
static inline const char *afw_policy_domain_name(const struct afw_policy *pol,
						 const struct afw_domain *d)
{
	return pol->names + d->name;
}

int afw_policy_add_prefix(struct afw_policy *pol, const struct afw_prefix *p,
			  unsigned int line, size_t *dup);

/*
 * Sorts for printing: apps by id, domains by app, kind (suffixes first)
 * and name, prefixes by app, family, address and length. Lookups by name
 * stay valid; the indices *dup reported before do not.
 */
int afw_policy_sort(struct afw_policy *pol);

#endif
