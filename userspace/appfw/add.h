/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `appfw add` and `appfw apps`: the command line's side of the app catalog
 * (lib/catalog.h). Resolving names and planning what to add need no
 * kernel, so they are apart from the transaction and the unit tests
 * drive them directly.
 */
#ifndef APPFW_ADD_H
#define APPFW_ADD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "policy.h"

/* "appfw: COMMAND: <where>: <why>" for a catalog that did not load. */
void appfw_catalog_perror(const char *command,
			  const struct afw_catalog_error *err);

/* `appfw apps`: prints the catalog's apps and groups matching word (all if
 * NULL), a table or a JSON array. 0, 1 if none matched, or -errno. */
int appfw_apps_print(const struct afw_catalog *c, const char *word);

/*
 * The catalog apps the words name, groups expanded, each once, in the
 * order first named: *apps (freed by the caller) and *n. 0, 1 after
 * naming an unknown word, or -ENOMEM.
 */
int appfw_add_resolve(const struct afw_catalog *c, const char *const *words,
		      int nwords, const struct afw_catalog_app ***apps,
		      size_t *n);

/* What a batch tag stands for, to name what the kernel refused. */
struct appfw_add_tag {
	const char *app;
	uint8_t kind;		/* APPFW_DOMAIN_SUFFIX, _EXACT, APPFW_PREFIX, 0: the app */
	const char *name;	/* a domain or host */
	const struct afw_prefix *prefix;
};

struct appfw_add_plan {
	struct afw_policy want;	/* lines are tags: want's line k is tags[k - 1] */
	struct appfw_add_tag *tags;
	size_t ntags, tags_cap;
	unsigned int present;	/* apps already in the policy, left alone */
	unsigned int empty;	/* apps with nothing to add */
};

/*
 * Plans adding apps to a policy that has the apps of existing: each app
 * not there yet gets the lowest free id, the action, what it owns, and
 * with shared its shared domains and prefixes too. A name or prefix that
 * several of the apps list goes to the first. Says on stderr what it
 * leaves out and what the shared entries bring. 0 or -ENOMEM.
 */
int appfw_add_plan(const struct afw_catalog_app *const *apps, size_t n,
		   uint8_t action, bool shared,
		   const struct afw_policy *existing,
		   struct appfw_add_plan *plan);
void appfw_add_plan_free(struct appfw_add_plan *plan);

#endif
