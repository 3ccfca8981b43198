// SPDX-License-Identifier: GPL-2.0
/*
 * The catalog as a whole: directories of files laid over each other,
 * lookups and search (the checks that span files are in catalogcheck.c).
 * Apps and groups are kept sorted by id, so lookups are binary searches
 * and iteration is in the order people expect to read.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogfile.h"

/*
 * Apps or groups, sorted by id. A slot holds what sorting and replacing
 * need of either type, so one index and one insert serve both.
 */
struct slot {
	const char *id;		/* the entry's own strings */
	const char *file;
	unsigned int layer;
	void *entry;		/* struct afw_catalog_app or _group */
};

struct table {
	struct slot *v;
	size_t n;
};

struct afw_catalog {
	struct table apps;
	struct table groups;
	/* The current directory layer; started once anything was read. */
	unsigned int layer;
	bool started;
};

int afw_catalog_vfail(struct afw_catalog_error *err, const char *file,
		      unsigned int line, int ret, const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return ret;
}

int afw_catalog_fail(struct afw_catalog_error *err, const char *file,
		     unsigned int line, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	afw_catalog_vfail(err, file, line, ret, fmt, ap);
	va_end(ap);
	return ret;
}

static void list_free(struct afw_catalog_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
}

void afw_catalog_app_free(struct afw_catalog_app *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->vendor);
	list_free(&a->domains);
	list_free(&a->hosts);
	free(a->prefixes.v);
	list_free(&a->shared_domains);
	free(a->shared_prefixes.v);
	free(a->ip_source);
	list_free(&a->sources);
	for (size_t i = 0; i < a->n_overlaps; i++) {
		free(a->overlaps[i].name);
		free(a->overlaps[i].reason);
	}
	free(a->overlaps);
	free(a->notes);
	free(a->file);
	free(a);
}

void afw_catalog_group_free(struct afw_catalog_group *g)
{
	if (!g)
		return;
	free(g->name);
	list_free(&g->apps);
	list_free(&g->sources);
	free(g->notes);
	free(g->file);
	free(g);
}

int afw_catalog_new(struct afw_catalog **cp)
{
	*cp = calloc(1, sizeof(**cp));
	return *cp ? 0 : -ENOMEM;
}

void afw_catalog_free(struct afw_catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->apps.n; i++)
		afw_catalog_app_free(c->apps.v[i].entry);
	for (size_t i = 0; i < c->groups.n; i++)
		afw_catalog_group_free(c->groups.v[i].entry);
	free(c->apps.v);
	free(c->groups.v);
	free(c);
}

/* The index of id in t, or where it would go. */
static size_t table_index(const struct table *t, const char *id, bool *found)
{
	size_t lo = 0, hi = t->n;

	*found = false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(t->v[mid].id, id);

		if (!cmp) {
			*found = true;
			return mid;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void *table_find(const struct table *t, const char *id)
{
	bool found;
	size_t i = table_index(t, id, &found);

	return found ? t->v[i].entry : NULL;
}

/*
 * Adds s, replacing an entry of the same id from an earlier layer (the
 * operator's file over the system's) and handing that one back in *old
 * for the caller to free; the same layer twice is an error. kind ("app",
 * "group") is for the message.
 */
static int table_insert(struct table *t, const struct slot *s,
			const char *kind, unsigned int id_line, void **old,
			struct afw_catalog_error *err)
{
	bool found;
	size_t i = table_index(t, s->id, &found);
	struct slot *v;

	*old = NULL;
	if (found) {
		if (t->v[i].layer == s->layer)
			return afw_catalog_fail(err, s->file, id_line, -EINVAL,
						"%s \"%s\" is already defined in %s",
						kind, s->id, t->v[i].file);
		*old = t->v[i].entry;
		t->v[i] = *s;
		return 0;
	}
	v = realloc(t->v, (t->n + 1) * sizeof(*v));
	if (!v)
		return afw_catalog_fail(err, s->file, 0, -ENOMEM, "out of memory");
	memmove(v + i + 1, v + i, (t->n - i) * sizeof(*v));
	v[i] = *s;
	t->v = v;
	t->n++;
	return 0;
}

/*
 * Parses fp and adds the entry. With expect (a file name without its
 * extension), the id must be that name.
 */
static int read_entry(struct afw_catalog *c, FILE *fp, const char *file,
		      const char *expect, struct afw_catalog_error *err)
{
	const char *kind;
	struct afw_catalog_parsed e;
	struct table *t;
	struct slot s;
	void *old = NULL;
	int ret;

	c->started = true;
	ret = afw_catalog_parse(fp, file, &e, err);
	if (ret)
		return ret;
	if (e.app) {
		e.app->layer = c->layer;
		s = (struct slot){ e.app->id, e.app->file, c->layer, e.app };
		t = &c->apps;
		kind = "app";
	} else {
		e.group->layer = c->layer;
		s = (struct slot){ e.group->id, e.group->file, c->layer, e.group };
		t = &c->groups;
		kind = "group";
	}
	if (expect && strcmp(s.id, expect))
		ret = afw_catalog_fail(err, file, e.id_line, -EINVAL,
				       "id \"%s\" does not match the file name (name it %s.%s)",
				       s.id, s.id, kind);
	else
		ret = table_insert(t, &s, kind, e.id_line, &old, err);
	/* On an error the new entry goes, else the one it replaced (if any). */
	if (ret)
		old = s.entry;
	if (e.app)
		afw_catalog_app_free(old);
	else
		afw_catalog_group_free(old);
	return ret;
}

int afw_catalog_read(struct afw_catalog *c, FILE *fp, const char *file,
		     struct afw_catalog_error *err)
{
	return read_entry(c, fp, file, NULL, err);
}

static int load_path(struct afw_catalog *c, const char *path,
		     const char *expect, struct afw_catalog_error *err)
{
	FILE *fp = fopen(path, "r");
	int ret;

	if (!fp)
		return afw_catalog_fail(err, path, 0, -errno, "%s",
					strerror(errno));
	ret = read_entry(c, fp, path, expect, err);
	fclose(fp);
	return ret;
}

int afw_catalog_load_file(struct afw_catalog *c, const char *path,
			  struct afw_catalog_error *err)
{
	return load_path(c, path, NULL, err);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

/*
 * Reads dir/sub/NAME.ext in name order, skipping hidden files and other
 * names (editor backups, dpkg leftovers); -ENOENT if dir/sub is missing.
 */
static int load_subdir(struct afw_catalog *c, const char *dir,
		       const char *sub, const char *ext,
		       struct afw_catalog_error *err)
{
	char path[PATH_MAX], base[NAME_MAX + 1];
	struct dirent **names;
	int n, i, ret = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sub) >= sizeof(path))
		return afw_catalog_fail(err, dir, 0, -ENAMETOOLONG,
					"path too long");
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0)
		return afw_catalog_fail(err, path, 0, -errno, "%s",
					strerror(errno));
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t blen = strlen(name) - strlen(ext);

		if (!ret && name[0] != '.' && ends_with(name, ext)) {
			memcpy(base, name, blen);
			base[blen] = '\0';
			if ((size_t)snprintf(path, sizeof(path), "%s/%s/%s",
					     dir, sub, name) >= sizeof(path))
				ret = afw_catalog_fail(err, dir, 0, -ENAMETOOLONG,
						       "path too long");
			else
				ret = load_path(c, path, base, err);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

int afw_catalog_load_dir(struct afw_catalog *c, const char *dir,
			 struct afw_catalog_error *err)
{
	int apps, groups;

	if (c->started)
		c->layer++;
	c->started = true;
	apps = load_subdir(c, dir, "apps", ".app", err);
	if (apps && apps != -ENOENT)
		return apps;
	groups = load_subdir(c, dir, "groups", ".group", err);
	if (groups && groups != -ENOENT)
		return groups;
	if (apps && groups)
		return afw_catalog_fail(err, dir, 0, -ENOENT,
					"no catalog here (neither apps/ nor groups/)");
	return 0;
}

int afw_catalog_open(struct afw_catalog **cp, struct afw_catalog_error *err)
{
	const char *dir = getenv(AFW_CATALOG_ENV);
	struct afw_catalog *c;
	int ret;

	if (!dir || !*dir)
		dir = AFW_CATALOG_DIR;
	ret = afw_catalog_new(&c);
	if (ret)
		return afw_catalog_fail(err, NULL, 0, ret, "out of memory");
	ret = afw_catalog_load_dir(c, dir, err);
	if (!ret) {
		ret = afw_catalog_load_dir(c, AFW_CATALOG_LOCAL_DIR, err);
		if (ret == -ENOENT)
			ret = 0;
	}
	if (!ret)
		ret = afw_catalog_check_groups(c, err);
	if (ret) {
		afw_catalog_free(c);
		return ret;
	}
	*cp = c;
	return 0;
}

const struct afw_catalog_app *afw_catalog_app(const struct afw_catalog *c,
					      const char *id)
{
	return table_find(&c->apps, id);
}

const struct afw_catalog_group *
afw_catalog_group(const struct afw_catalog *c, const char *id)
{
	return table_find(&c->groups, id);
}

size_t afw_catalog_app_count(const struct afw_catalog *c)
{
	return c->apps.n;
}

const struct afw_catalog_app *afw_catalog_app_at(const struct afw_catalog *c,
						 size_t i)
{
	return i < c->apps.n ? c->apps.v[i].entry : NULL;
}

size_t afw_catalog_group_count(const struct afw_catalog *c)
{
	return c->groups.n;
}

const struct afw_catalog_group *
afw_catalog_group_at(const struct afw_catalog *c, size_t i)
{
	return i < c->groups.n ? c->groups.v[i].entry : NULL;
}

static const char *list_match(const struct afw_catalog_list *l,
			      const char *word)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasestr(l->v[i].text, word))
			return l->v[i].text;
	return NULL;
}

const char *afw_catalog_app_match(const struct afw_catalog_app *a,
				  const char *word, const char **key)
{
	const char *text = NULL, *k = NULL;

	if (strcasestr(a->id, word))
		text = a->id, k = "id";
	else if (strcasestr(a->name, word))
		text = a->name, k = "name";
	else if (strcasestr(a->vendor, word))
		text = a->vendor, k = "vendor";
	else if ((text = list_match(&a->domains, word)))
		k = "domains";
	else if ((text = list_match(&a->hosts, word)))
		k = "hosts";
	else if ((text = list_match(&a->shared_domains, word)))
		k = "shared_domains";
	if (key)
		*key = k;
	return text;
}

const char *afw_catalog_group_match(const struct afw_catalog_group *g,
				    const char *word, const char **key)
{
	const char *text = NULL, *k = NULL;

	if (strcasestr(g->id, word))
		text = g->id, k = "id";
	else if (strcasestr(g->name, word))
		text = g->name, k = "name";
	if (key)
		*key = k;
	return text;
}
