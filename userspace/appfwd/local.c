// SPDX-License-Identifier: GPL-2.0
/*
 * The local backend: the policy file's apps, looked up with the shared
 * matchers the kernel uses, in the kernel's order (kmod/hooks.c): the
 * prefix table, then addresses learned from DNS answers, then the name.
 *
 * SIGHUP reloads the file (afw_local_reload): the new tables are built
 * beside the old ones, so a file that does not parse or build changes
 * nothing, and are swapped in under the write side of a rwlock that every
 * lookup holds for reading; the queue threads wait only for the swap.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>

#include "backend.h"
#include "dns.h"
#include "log.h"
#include "pkt.h"
#include "policyfile.h"
#include "syntax.h"

static struct afw_local *local_of(struct afw_backend *be)
{
	return (struct afw_local *)((char *)be - offsetof(struct afw_local, be));
}

/* Fills d's app fields from the policy's app id. */
static void app_fields(const struct afw_local *l, uint16_t id,
		       struct afw_decision *d)
{
	long i = afw_policy_find_id(&l->pol, id);

	d->app = id;
	if (i < 0) {
		/* The tables are built from pol: cannot happen. */
		d->app = 0;
		return;
	}
	d->action = l->pol.apps[i].action;
	snprintf(d->app_name, sizeof(d->app_name), "%s", l->pol.apps[i].name);
}

/* Each backend op reads the tables, which a reload replaces, under this. */
static struct afw_local *read_lock(struct afw_backend *be)
{
	struct afw_local *l = local_of(be);

	pthread_rwlock_rdlock(&l->lock);
	return l;
}

static bool lookup_addr_locked(struct afw_local *l,
			       const struct afw_flow_tuple *t, int64_t now_ms,
			       struct afw_decision *d)
{
	struct afw_prefix match;
	uint16_t id;

	if (t->family == AF_INET)
		id = afw_prefix_lookup4(l->prefixes, t->daddr, &match);
	else
		id = afw_prefix_lookup6(l->prefixes, t->daddr, &match);
	if (id) {
		app_fields(l, id, d);
		d->source = APPFW_SOURCE_PREFIX;
		d->kind = APPFW_PREFIX;
		afw_format_prefix(&match, d->entry);
		return d->app;
	}
	id = afw_learned_lookup(&l->learned, t->family, t->daddr, now_ms);
	if (id) {
		app_fields(l, id, d);
		d->source = APPFW_SOURCE_LEARNED;
		d->kind = APPFW_LEARNED_ADDR;
		afw_addr_format(t->family, t->daddr, d->entry);
		return d->app;
	}
	return false;
}

static bool lookup_addr(struct afw_backend *be, const struct afw_flow_tuple *t,
			int64_t now_ms, struct afw_decision *d)
{
	struct afw_local *l = read_lock(be);
	bool found = lookup_addr_locked(l, t, now_ms, d);

	pthread_rwlock_unlock(&l->lock);
	return found;
}

static void decide(struct afw_backend *be, const struct afw_flow_tuple *t,
		   uint8_t source, const char *name, struct afw_decision *d)
{
	struct afw_local *l;
	struct afw_domain_entry match;
	uint16_t id;

	(void)t;
	if (!name)
		return;
	l = read_lock(be);
	id = afw_domain_lookup(l->domains, name, strlen(name), &match);
	if (id) {
		app_fields(l, id, d);
		d->source = source;
		d->kind = match.kind == AFW_DOMAIN_EXACT ?
				  APPFW_DOMAIN_EXACT : APPFW_DOMAIN_SUFFIX;
		snprintf(d->entry, sizeof(d->entry), "%s", match.name);
	}
	pthread_rwlock_unlock(&l->lock);
}

static uint16_t learn_locked(struct afw_local *l,
			     const struct afw_dns_answer *ans, int64_t now_ms,
			     uint8_t *action)
{
	struct afw_decision d = { 0 };
	uint16_t id = 0;

	/* As APPFW_CMD_LEARN: the first name of the chain with an app. */
	for (unsigned int i = 0; !id && i < ans->nnames; i++)
		id = afw_domain_lookup(l->domains, ans->names[i],
				       strlen(ans->names[i]), NULL);
	*action = APPFW_ACTION_UNSPEC;
	if (!id)
		return 0;
	for (unsigned int i = 0; i < ans->naddrs; i++)
		afw_learned_add(&l->learned, ans->addrs[i].family,
				ans->addrs[i].addr, id, ans->addrs[i].ttl,
				now_ms);
	app_fields(l, id, &d);
	*action = d.action;
	return id;
}

static uint16_t learn(struct afw_backend *be, const struct afw_dns_answer *ans,
		      int64_t now_ms, uint8_t *action)
{
	struct afw_local *l = read_lock(be);
	uint16_t id = learn_locked(l, ans, now_ms, action);

	pthread_rwlock_unlock(&l->lock);
	return id;
}

/* Reads set_mark only, which a reload leaves alone: no lock. */
static void verdict(struct afw_backend *be, const struct afw_decision *d,
		    struct afw_verdict *v)
{
	struct afw_local *l = local_of(be);
	bool blocked = d->app && (d->action == APPFW_ACTION_BLOCK ||
				  d->action == APPFW_ACTION_REJECT);

	v->verdict = blocked ? NF_DROP : NF_ACCEPT;
	v->mark = v->mark_mask = v->again = 0;
	if (l->set_mark) {
		/* The rules act: they save these packet mark bits to the
		 * connmark on the second pass, then drop the blocked. */
		v->again = v->verdict;
		v->verdict = NF_REPEAT;
		v->mark = APPFWD_MARK_DECIDED;
		if (blocked)
			v->mark |= APPFWD_MARK_BLOCKED;
		if (blocked && d->action == APPFW_ACTION_REJECT)
			v->mark |= APPFWD_MARK_REJECT;
		v->mark_mask = APPFWD_MARK_MASK;
	}
}

static const struct afw_backend_ops local_ops = {
	.lookup_addr = lookup_addr,
	.decide = decide,
	.learn = learn,
	.verdict = verdict,
};

/* Builds the tables of pol into *domains and *prefixes. */
static int build_tables(const struct afw_policy *pol,
			struct afw_domain_table **domains,
			struct afw_prefix_table **prefixes)
{
	struct afw_domain_builder *db = NULL;
	struct afw_prefix_builder *pb = NULL;
	int err;

	*domains = NULL;
	*prefixes = NULL;
	err = afw_domain_builder_new(&db, NULL);
	if (!err)
		err = afw_prefix_builder_new(&pb, NULL);
	for (size_t i = 0; !err && i < pol->ndomains; i++) {
		const struct afw_domain *d = &pol->domains[i];

		err = afw_domain_builder_add(db, afw_policy_domain_name(pol, d),
					     d->len, d->kind == APPFW_DOMAIN_EXACT ?
					     AFW_DOMAIN_EXACT : AFW_DOMAIN_SUFFIX,
					     d->app);
	}
	for (size_t i = 0; !err && i < pol->nprefixes; i++)
		err = afw_prefix_builder_add(pb, &pol->prefixes[i].p);
	if (!err)
		err = afw_domain_build(db, domains);
	if (!err)
		err = afw_prefix_build(pb, prefixes);
	afw_domain_builder_free(db);
	afw_prefix_builder_free(pb);
	if (err) {
		afw_domain_table_free(*domains);
		*domains = NULL;
	}
	return err;
}

int afw_local_init(struct afw_local *l, struct afw_policy *pol, bool set_mark)
{
	int err;

	memset(l, 0, sizeof(*l));
	l->be.ops = &local_ops;
	l->set_mark = set_mark;
	l->pol = *pol;
	afw_policy_init(pol);
	err = afw_learned_init(&l->learned, 0);
	if (err) {
		afw_policy_free(&l->pol);
		return err;
	}
	pthread_rwlock_init(&l->lock, NULL);
	err = build_tables(&l->pol, &l->domains, &l->prefixes);
	if (err)
		afw_local_free(l);
	return err;
}

void afw_local_free(struct afw_local *l)
{
	afw_domain_table_free(l->domains);
	afw_prefix_table_free(l->prefixes);
	l->domains = NULL;
	l->prefixes = NULL;
	if (l->learned.e)
		pthread_rwlock_destroy(&l->lock);
	afw_learned_free(&l->learned);
	afw_policy_free(&l->pol);
}

/* Reads path into pol; on error a line on the log naming the line. */
static int read_policy(const char *path, struct afw_policy *pol)
{
	struct afw_policyfile_error perr;
	FILE *fp;
	int err;

	fp = fopen(path, "re");
	if (!fp) {
		err = -errno;
		afw_log("cannot open policy file %s: %s", path, strerror(errno));
		return err;
	}
	afw_policy_init(pol);
	err = afw_policyfile_read(fp, pol, &perr);
	fclose(fp);
	if (err) {
		if (perr.line)
			afw_log("%s:%u: %s", path, perr.line, perr.msg);
		else
			afw_log("%s: %s", path, perr.msg);
		afw_policy_free(pol);
	}
	return err;
}

int afw_local_load(struct afw_local *l, const char *path, bool set_mark)
{
	struct afw_policy pol;
	int err;

	err = read_policy(path, &pol);
	if (err)
		return err;
	err = afw_local_init(l, &pol, set_mark);
	afw_policy_free(&pol);
	if (err)
		afw_log("%s: cannot build the tables: %s", path, strerror(-err));
	return err;
}

/* A learned address keeps its app if the new policy has an app of that
 * name (maybe under another id); the kernel forgets it with its app. */
static uint16_t renumber(uint16_t app, void *arg)
{
	const struct afw_policy *const *pols = arg;
	long i = afw_policy_find_id(pols[0], app), j;

	if (i < 0)
		return 0;
	j = afw_policy_find_app(pols[1], pols[0]->apps[i].name);
	return j < 0 ? 0 : pols[1]->apps[j].id;
}

int afw_local_reload(struct afw_local *l, const char *path)
{
	struct afw_domain_table *domains, *old_domains;
	struct afw_prefix_table *prefixes, *old_prefixes;
	const struct afw_policy *pols[2];
	struct afw_policy pol, old_pol;
	int err;

	err = read_policy(path, &pol);
	if (err)
		return err;
	err = build_tables(&pol, &domains, &prefixes);
	if (err) {
		afw_log("%s: cannot build the tables: %s", path, strerror(-err));
		afw_policy_free(&pol);
		return err;
	}
	pthread_rwlock_wrlock(&l->lock);
	pols[0] = &l->pol;
	pols[1] = &pol;
	afw_learned_renumber(&l->learned, renumber, pols);
	old_pol = l->pol;
	old_domains = l->domains;
	old_prefixes = l->prefixes;
	l->pol = pol;
	l->domains = domains;
	l->prefixes = prefixes;
	pthread_rwlock_unlock(&l->lock);
	afw_policy_free(&old_pol);
	afw_domain_table_free(old_domains);
	afw_prefix_table_free(old_prefixes);
	return 0;
}
