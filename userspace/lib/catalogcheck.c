// SPDX-License-Identifier: GPL-2.0
/*
 * The checks that span files: group members, and names or prefixes that
 * two apps both claim. An overlap between apps is sometimes the truth
 * (every DU app talks to duapps.com), but then adding one app blocks the
 * other too, so the catalog says so out loud, in both files, with a
 * reason. A claim sorts with its equals; one under another's domain or
 * prefix is found by walking up its labels or prefix lengths, so the
 * check stays O(n log n) for an operator's big catalog.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "catalogfile.h"
#include "syntax.h"

_Static_assert(AFW_DOMAIN_LEN_MAX + 1 >= AFW_PREFIX_STRLEN,
	       "claim_text's buffers hold a prefix");

int afw_catalog_check_groups(const struct afw_catalog *c,
			     struct afw_catalog_error *err)
{
	for (size_t i = 0; i < afw_catalog_group_count(c); i++) {
		const struct afw_catalog_group *g = afw_catalog_group_at(c, i);
		const struct afw_catalog_app *a = afw_catalog_app(c, g->id);

		if (a)
			return afw_catalog_fail(err, g->file, 0, -EINVAL,
						"group \"%s\" has the id of the app in %s",
						g->id, a->file);
		for (size_t j = 0; j < g->apps.n; j++) {
			const struct afw_catalog_item *m = &g->apps.v[j];

			if (afw_catalog_app(c, m->text))
				continue;
			return afw_catalog_fail(err, g->file, m->line, -EINVAL,
						afw_catalog_group(c, m->text) ?
						"\"%s\" is a group; a group lists apps" :
						"unknown app \"%s\"", m->text);
		}
	}
	return 0;
}

/* Something an app owns: a domain, a host or a prefix. */
struct claim {
	const struct afw_catalog_app *app;
	const char *name;		/* NULL for a prefix */
	struct afw_prefix p;
	bool suffix;			/* a domain: names under it are its */
	unsigned int line;
	const struct afw_catalog_overlap *declared;
	bool collided;
};

struct claims {
	struct claim *v;
	size_t n;
};

/* buf: at least AFW_DOMAIN_LEN_MAX + 1 bytes, which holds a prefix too. */
static void claim_text(const struct claim *cl, char *buf)
{
	if (cl->name)
		strcpy(buf, cl->name);
	else
		afw_format_prefix(&cl->p, buf);
}

static const struct afw_catalog_overlap *declared(const struct afw_catalog_app *a,
						  const char *text)
{
	for (size_t i = 0; i < a->n_overlaps; i++)
		if (!strcmp(a->overlaps[i].name, text))
			return &a->overlaps[i];
	return NULL;
}

static void add(struct claims *cs, const struct afw_catalog_app *a,
		const char *name, const struct afw_prefix *p, bool suffix,
		unsigned int line)
{
	char text[AFW_DOMAIN_LEN_MAX + 1];
	struct claim *cl = &cs->v[cs->n++];

	*cl = (struct claim){ .app = a, .name = name, .suffix = suffix,
			      .line = line };
	if (p)
		cl->p = *p;
	claim_text(cl, text);
	cl->declared = declared(a, text);
}

static int name_cmp(const void *x, const void *y)
{
	const struct claim *a = x, *b = y;

	return strcmp(a->name, b->name);
}

static int prefix_cmp(const void *x, const void *y)
{
	const struct claim *a = x, *b = y;
	int cmp = memcmp(a->p.addr, b->p.addr, sizeof(a->p.addr));

	if (a->p.family != b->p.family)
		return a->p.family < b->p.family ? -1 : 1;
	if (cmp)
		return cmp;
	return (int)a->p.len - (int)b->p.len;
}

/* The first claim not before key. */
static size_t lower_bound(const struct claims *cs, const struct claim *key,
			  int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = cs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(&cs->v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int undeclared(const struct claim *cl, const struct claim *other,
		      struct afw_catalog_error *err)
{
	char text[AFW_DOMAIN_LEN_MAX + 1], other_text[AFW_DOMAIN_LEN_MAX + 1];

	claim_text(cl, text);
	claim_text(other, other_text);
	if (!strcmp(text, other_text))
		return afw_catalog_fail(err, cl->app->file, cl->line, -EINVAL,
					"\"%s\" is also owned by %s (%s:%u); if both use it, declare \"overlap = %s: REASON\" in both",
					text, other->app->id, other->app->file,
					other->line, text);
	return afw_catalog_fail(err, cl->app->file, cl->line, -EINVAL,
				"\"%s\" overlaps \"%s\" of %s (%s:%u); if both use it, declare the overlap in both",
				text, other_text, other->app->id,
				other->app->file, other->line);
}

/* outer equals inner or holds it. */
static int collide(struct claim *outer, struct claim *inner,
		   struct afw_catalog_error *err)
{
	outer->collided = inner->collided = true;
	if (!outer->declared)
		return undeclared(outer, inner, err);
	if (!inner->declared)
		return undeclared(inner, outer, err);
	return 0;
}

/* Every claim of another app equal to key, against cl. */
static int collide_equal(struct claims *cs, struct claim *cl,
			 const struct claim *key, bool need_suffix,
			 int (*cmp)(const void *, const void *),
			 struct afw_catalog_error *err)
{
	for (size_t i = lower_bound(cs, key, cmp);
	     i < cs->n && !cmp(&cs->v[i], key); i++) {
		struct claim *o = &cs->v[i];
		int ret;

		if (o == cl || o->app == cl->app || (need_suffix && !o->suffix))
			continue;
		ret = collide(o, cl, err);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The claims of other apps equal to cs->v[i] that sort before it, against
 * it: each equal pair once, from its second member.
 */
static int collide_before(struct claims *cs, size_t i,
			  int (*cmp)(const void *, const void *),
			  struct afw_catalog_error *err)
{
	struct claim *cl = &cs->v[i];
	int ret;

	for (size_t j = i; j-- > 0 && !cmp(&cs->v[j], cl);) {
		if (cs->v[j].app == cl->app)
			continue;
		ret = collide(&cs->v[j], cl, err);
		if (ret)
			return ret;
	}
	return 0;
}

static int check_names(struct claims *cs, struct afw_catalog_error *err)
{
	qsort(cs->v, cs->n, sizeof(*cs->v), name_cmp);
	for (size_t i = 0; i < cs->n; i++) {
		struct claim *cl = &cs->v[i];
		struct claim key = { 0 };
		const char *dot;
		int ret;

		ret = collide_before(cs, i, name_cmp, err);
		if (ret)
			return ret;
		for (dot = strchr(cl->name, '.'); dot; dot = strchr(dot + 1, '.')) {
			key.name = dot + 1;
			ret = collide_equal(cs, cl, &key, true, name_cmp, err);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static void mask(struct afw_prefix *p, unsigned int len)
{
	for (unsigned int bit = len; bit < sizeof(p->addr) * 8; bit++)
		p->addr[bit / 8] &= (u8)~(0x80 >> (bit % 8));
	p->len = (u8)len;
}

static int check_prefixes(struct claims *cs, struct afw_catalog_error *err)
{
	qsort(cs->v, cs->n, sizeof(*cs->v), prefix_cmp);
	for (size_t i = 0; i < cs->n; i++) {
		struct claim *cl = &cs->v[i];
		struct claim key = { 0 };
		int ret;

		ret = collide_before(cs, i, prefix_cmp, err);
		if (ret)
			return ret;
		for (unsigned int len = 0; len < cl->p.len; len++) {
			key.p = cl->p;
			mask(&key.p, len);
			ret = collide_equal(cs, cl, &key, false, prefix_cmp, err);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* A declared overlap that overlaps nothing is stale. */
static int check_declared(const struct claims *cs,
			  struct afw_catalog_error *err)
{
	for (size_t i = 0; i < cs->n; i++) {
		const struct claim *cl = &cs->v[i];

		if (cl->declared && !cl->collided)
			return afw_catalog_fail(err, cl->app->file,
						cl->declared->line, -EINVAL,
						"overlap \"%s\" is declared, but no other app owns it, a name under it or one above it",
						cl->declared->name);
	}
	return 0;
}

int afw_catalog_check_overlaps(const struct afw_catalog *c,
			       struct afw_catalog_error *err)
{
	struct claims names = { 0 }, prefixes = { 0 };
	size_t n_names = 0, n_prefixes = 0;
	int ret;

	for (size_t i = 0; i < afw_catalog_app_count(c); i++) {
		const struct afw_catalog_app *a = afw_catalog_app_at(c, i);

		n_names += a->domains.n + a->hosts.n;
		n_prefixes += a->prefixes.n;
	}
	names.v = calloc(n_names + 1, sizeof(*names.v));
	prefixes.v = calloc(n_prefixes + 1, sizeof(*prefixes.v));
	if (!names.v || !prefixes.v) {
		ret = afw_catalog_fail(err, NULL, 0, -ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < afw_catalog_app_count(c); i++) {
		const struct afw_catalog_app *a = afw_catalog_app_at(c, i);

		for (size_t j = 0; j < a->domains.n; j++)
			add(&names, a, a->domains.v[j].text, NULL, true,
			    a->domains.v[j].line);
		for (size_t j = 0; j < a->hosts.n; j++)
			add(&names, a, a->hosts.v[j].text, NULL, false,
			    a->hosts.v[j].line);
		for (size_t j = 0; j < a->prefixes.n; j++)
			add(&prefixes, a, NULL, &a->prefixes.v[j].p, true,
			    a->prefixes.v[j].line);
	}
	ret = check_names(&names, err);
	if (!ret)
		ret = check_prefixes(&prefixes, err);
	if (!ret)
		ret = check_declared(&names, err);
	if (!ret)
		ret = check_declared(&prefixes, err);
out:
	free(names.v);
	free(prefixes.v);
	return ret;
}
