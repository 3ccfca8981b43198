// SPDX-License-Identifier: GPL-2.0
/*
 * One catalog file (catalog.h describes the format). The parser stops at
 * a file's first bad line, like the policy file's: one exact message that
 * names the line beats a cascade. Each file is read into a fresh entry
 * that joins the catalog only when the whole file is good, so a bad file
 * never leaves half an app behind.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "catalogfile.h"
#include "syntax.h"

enum key_kind {
	KEY_ID,
	KEY_TEXT,
	KEY_STATUS,
	KEY_CONFIDENCE,
	KEY_NAMES,		/* domain names */
	KEY_PREFIXES,
	KEY_MEMBERS,		/* app ids */
	KEY_SOURCE,		/* repeatable, one line each */
	KEY_OVERLAP,		/* repeatable, "NAME: REASON" */
};

struct key {
	const char *name;
	enum key_kind kind;
	size_t off;		/* of the field in the app or group */
	u8 family;		/* KEY_PREFIXES: the family it takes */
};

#define APP(field) offsetof(struct afw_catalog_app, field)
#define GROUP(field) offsetof(struct afw_catalog_group, field)

static const struct key app_keys[] = {
	{ "id", KEY_ID, APP(id), 0 },
	{ "name", KEY_TEXT, APP(name), 0 },
	{ "vendor", KEY_TEXT, APP(vendor), 0 },
	{ "status", KEY_STATUS, APP(status), 0 },
	{ "confidence", KEY_CONFIDENCE, APP(confidence), 0 },
	{ "domains", KEY_NAMES, APP(domains), 0 },
	{ "hosts", KEY_NAMES, APP(hosts), 0 },
	{ "ipv4", KEY_PREFIXES, APP(prefixes), AFW_INET },
	{ "ipv6", KEY_PREFIXES, APP(prefixes), AFW_INET6 },
	{ "shared_domains", KEY_NAMES, APP(shared_domains), 0 },
	{ "shared_ipv4", KEY_PREFIXES, APP(shared_prefixes), AFW_INET },
	{ "shared_ipv6", KEY_PREFIXES, APP(shared_prefixes), AFW_INET6 },
	{ "ip_source", KEY_TEXT, APP(ip_source), 0 },
	{ "source", KEY_SOURCE, APP(sources), 0 },
	{ "overlap", KEY_OVERLAP, 0, 0 },
	{ "notes", KEY_TEXT, APP(notes), 0 },
};

static const struct key group_keys[] = {
	{ "id", KEY_ID, GROUP(id), 0 },
	{ "name", KEY_TEXT, GROUP(name), 0 },
	{ "apps", KEY_MEMBERS, GROUP(apps), 0 },
	{ "source", KEY_SOURCE, GROUP(sources), 0 },
	{ "notes", KEY_TEXT, GROUP(notes), 0 },
};

#define KEYS_MAX ARRAY_SIZE(app_keys)

struct parser {
	const char *file;
	unsigned int line;
	struct afw_catalog_error *err;
	bool is_group;
	const struct key *keys;
	size_t n_keys;
	void *entry;			/* the app or group being read */
	unsigned int seen[KEYS_MAX];	/* line of each key's first use */
	const struct key *last;		/* what a continuation continues */
};

static const char *const status_names[] = {
	[AFW_CATALOG_OK] = "ok",
	[AFW_CATALOG_SHARED_ONLY] = "shared-only",
	[AFW_CATALOG_NO_KNOWN_DOMAINS] = "no-known-domains",
};

static const char *const confidence_names[] = {
	[AFW_CATALOG_CONFIDENCE_NONE] = "",
	[AFW_CATALOG_CONFIDENCE_LOW] = "low",
	[AFW_CATALOG_CONFIDENCE_MEDIUM] = "medium",
	[AFW_CATALOG_CONFIDENCE_HIGH] = "high",
};

const char *afw_catalog_status_name(enum afw_catalog_status s)
{
	if (s < AFW_CATALOG_OK || s > AFW_CATALOG_NO_KNOWN_DOMAINS)
		return "";
	return status_names[s];
}

const char *afw_catalog_confidence_name(enum afw_catalog_confidence conf)
{
	if (conf > AFW_CATALOG_CONFIDENCE_HIGH)
		return "";
	return confidence_names[conf];
}

static int fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	afw_catalog_vfail(ps->err, ps->file, ps->line, -EINVAL, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int nomem(struct parser *ps)
{
	fail(ps, "out of memory");
	return -ENOMEM;
}

static void *field(struct parser *ps, const struct key *k)
{
	return (char *)ps->entry + k->off;
}

/*
 * v, an array of n elements of size, with room for one more: capacities
 * are powers of two from 4, so it reallocates only when n is one. NULL if
 * out of memory (v is then unchanged).
 */
static void *grow(void *v, size_t n, size_t size)
{
	size_t cap = 4;

	if (n && (n < 4 || (n & (n - 1))))
		return v;
	while (cap <= n)
		cap *= 2;
	return realloc(v, cap * size);
}

/* Appends s to *text, a space between; *text may be NULL. */
static int text_append(char **text, const char *s)
{
	size_t old = *text ? strlen(*text) : 0, add = strlen(s);
	char *t;

	if (!add)
		return 0;
	t = realloc(*text, old + add + 2);
	if (!t)
		return -ENOMEM;
	if (old)
		t[old++] = ' ';
	memcpy(t + old, s, add + 1);
	*text = t;
	return 0;
}

static int add_item(struct parser *ps, struct afw_catalog_list *l,
		    const char *text)
{
	struct afw_catalog_item *v = grow(l->v, l->n, sizeof(*v));
	char *copy = strdup(text);

	if (v)
		l->v = v;
	if (!v || !copy) {
		free(copy);
		return nomem(ps);
	}
	/* The list owns copy from here (cppcheck loses it in the struct). */
	l->v[l->n++] = (struct afw_catalog_item){ copy, ps->line };
	// cppcheck-suppress memleak
	return 0;
}

static const struct afw_catalog_item *list_find(const struct afw_catalog_list *l,
						const char *text)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].text, text))
			return &l->v[i];
	return NULL;
}

/* The first word of *s, NUL-terminated in place; *s moves past it. */
static char *next_word(char **s)
{
	char *w = *s + strspn(*s, " \t"), *end;

	if (!*w)
		return NULL;
	end = w + strcspn(w, " \t");
	*s = *end ? end + 1 : end;
	*end = '\0';
	return w;
}

static int one_word(struct parser *ps, const struct key *k, char *value,
		    char **word)
{
	*word = next_word(&value);
	if (!*word || next_word(&value))
		return fail(ps, "%s takes one word", k->name);
	return 0;
}

static int parse_id(struct parser *ps, const struct key *k, char *value)
{
	const char *why;
	char *w;

	if (one_word(ps, k, value, &w))
		return -EINVAL;
	if (afw_parse_app_name(w, &why))
		return fail(ps, "bad id \"%s\": %s", w, why);
	strcpy(field(ps, k), w);
	return 0;
}

/* The index of value in names[first..last]. */
static int parse_enum(struct parser *ps, const struct key *k, char *value,
		      const char *const *names, int first, int last,
		      const char *choices)
{
	char *w;

	if (one_word(ps, k, value, &w))
		return -EINVAL;
	for (int i = first; i <= last; i++)
		if (!strcmp(w, names[i]))
			return i;
	return fail(ps, "bad %s \"%s\": use %s", k->name, w, choices);
}

/* Where an app already lists name, or NULL. */
static const struct afw_catalog_item *app_name_line(const struct afw_catalog_app *a,
						    const char *name)
{
	const struct afw_catalog_item *it = list_find(&a->domains, name);

	if (!it)
		it = list_find(&a->hosts, name);
	if (!it)
		it = list_find(&a->shared_domains, name);
	return it;
}

static int parse_names(struct parser *ps, const struct key *k, char *value)
{
	char name[AFW_DOMAIN_LEN_MAX + 1];
	const struct afw_catalog_item *dup;
	const char *why;
	char *w;
	int err;

	while ((w = next_word(&value))) {
		if (afw_parse_domain(w, name, &why))
			return fail(ps, "bad domain \"%s\": %s", w, why);
		dup = app_name_line(ps->entry, name);
		if (dup)
			return fail(ps, "\"%s\" is listed twice (first on line %u)",
				    name, dup->line);
		err = add_item(ps, field(ps, k), name);
		if (err)
			return err;
	}
	return 0;
}

static bool prefix_equal(const struct afw_prefix *a, const struct afw_prefix *b)
{
	return a->family == b->family && a->len == b->len &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static const struct afw_catalog_prefix *
prefixes_find(const struct afw_catalog_prefixes *l, const struct afw_prefix *p)
{
	for (size_t i = 0; i < l->n; i++)
		if (prefix_equal(&l->v[i].p, p))
			return &l->v[i];
	return NULL;
}

static int parse_prefixes(struct parser *ps, const struct key *k, char *value)
{
	struct afw_catalog_app *a = ps->entry;
	struct afw_catalog_prefixes *l = field(ps, k);
	const struct afw_catalog_prefix *dup;
	char why_buf[AFW_WHY_LEN];
	struct afw_catalog_prefix *v;
	struct afw_prefix p;
	const char *why;
	char *w;

	while ((w = next_word(&value))) {
		if (afw_parse_prefix(w, &p, &why, why_buf))
			return fail(ps, "bad prefix \"%s\": %s", w, why);
		if (p.family != k->family)
			return fail(ps, "\"%s\" is not an %s prefix", w,
				    k->family == AFW_INET ? "IPv4" : "IPv6");
		dup = prefixes_find(&a->prefixes, &p);
		if (!dup)
			dup = prefixes_find(&a->shared_prefixes, &p);
		if (dup)
			return fail(ps, "\"%s\" is listed twice (first on line %u)",
				    w, dup->line);
		v = grow(l->v, l->n, sizeof(*v));
		if (!v)
			return nomem(ps);
		l->v = v;
		l->v[l->n++] = (struct afw_catalog_prefix){ p, ps->line };
	}
	return 0;
}

static int parse_members(struct parser *ps, const struct key *k, char *value)
{
	struct afw_catalog_list *l = field(ps, k);
	const struct afw_catalog_item *dup;
	const char *why;
	char *w;
	int err;

	while ((w = next_word(&value))) {
		if (afw_parse_app_name(w, &why))
			return fail(ps, "bad app id \"%s\": %s", w, why);
		dup = list_find(l, w);
		if (dup)
			return fail(ps, "\"%s\" is listed twice (first on line %u)",
				    w, dup->line);
		err = add_item(ps, l, w);
		if (err)
			return err;
	}
	return 0;
}

/* The canonical text of a domain or prefix, for overlap names. */
static int canonical(const char *s, char *out, size_t size)
{
	char name[AFW_DOMAIN_LEN_MAX + 1], why_buf[AFW_WHY_LEN];
	struct afw_prefix p;
	const char *why;

	if (!afw_parse_domain(s, name, &why)) {
		snprintf(out, size, "%s", name);
		return 0;
	}
	if (!afw_parse_prefix(s, &p, &why, why_buf) && size >= AFW_PREFIX_STRLEN) {
		afw_format_prefix(&p, out);
		return 0;
	}
	return -EINVAL;
}

static int parse_overlap(struct parser *ps, char *value)
{
	struct afw_catalog_app *a = ps->entry;
	char name[AFW_DOMAIN_LEN_MAX + 1];
	struct afw_catalog_overlap *v;
	char *w = next_word(&value), *copy, *reason;
	size_t len = w ? strlen(w) : 0;

	value += strspn(value, " \t");
	if (len < 2 || w[len - 1] != ':' || !*value)
		return fail(ps, "expected \"overlap = NAME: REASON\"");
	w[len - 1] = '\0';
	if (canonical(w, name, sizeof(name)))
		return fail(ps, "bad overlap \"%s\": not a domain name or prefix",
			    w);
	for (size_t i = 0; i < a->n_overlaps; i++)
		if (!strcmp(a->overlaps[i].name, name))
			return fail(ps, "overlap \"%s\" is declared twice (first on line %u)",
				    name, a->overlaps[i].line);
	v = grow(a->overlaps, a->n_overlaps, sizeof(*v));
	if (v)
		a->overlaps = v;
	copy = strdup(name);
	reason = strdup(value);
	if (!v || !copy || !reason) {
		free(copy);
		free(reason);
		return nomem(ps);
	}
	a->overlaps[a->n_overlaps++] =
		(struct afw_catalog_overlap){ copy, reason, ps->line };
	return 0;
}

static int parse_value(struct parser *ps, const struct key *k, char *value)
{
	struct afw_catalog_app *a = ps->entry;
	struct afw_catalog_list *l;
	int i;

	switch (k->kind) {
	case KEY_ID:
		return parse_id(ps, k, value);
	case KEY_TEXT:
		return text_append(field(ps, k), value) ? nomem(ps) : 0;
	case KEY_STATUS:
		i = parse_enum(ps, k, value, status_names, AFW_CATALOG_OK,
			       AFW_CATALOG_NO_KNOWN_DOMAINS,
			       "ok, shared-only or no-known-domains");
		if (i < 0)
			return i;
		a->status = (enum afw_catalog_status)i;
		return 0;
	case KEY_CONFIDENCE:
		i = parse_enum(ps, k, value, confidence_names,
			       AFW_CATALOG_CONFIDENCE_LOW,
			       AFW_CATALOG_CONFIDENCE_HIGH,
			       "high, medium or low");
		if (i < 0)
			return i;
		a->confidence = (enum afw_catalog_confidence)i;
		return 0;
	case KEY_NAMES:
		return parse_names(ps, k, value);
	case KEY_PREFIXES:
		return parse_prefixes(ps, k, value);
	case KEY_MEMBERS:
		return parse_members(ps, k, value);
	case KEY_SOURCE:
		l = field(ps, k);
		if (!*value)
			return fail(ps, "empty source");
		return add_item(ps, l, value);
	case KEY_OVERLAP:
		return parse_overlap(ps, value);
	}
	return -EINVAL;
}

/* A continuation line: more of the last key's value. */
static int parse_continuation(struct parser *ps, char *value)
{
	const struct key *k = ps->last;
	struct afw_catalog_app *a = ps->entry;
	struct afw_catalog_list *l;
	char **text;

	if (!k)
		return fail(ps, "indented line with no key above it to continue");
	switch (k->kind) {
	case KEY_SOURCE:
		l = field(ps, k);
		text = &l->v[l->n - 1].text;
		break;
	case KEY_OVERLAP:
		text = &a->overlaps[a->n_overlaps - 1].reason;
		break;
	case KEY_TEXT:
		text = field(ps, k);
		break;
	case KEY_NAMES:
	case KEY_PREFIXES:
	case KEY_MEMBERS:
		return parse_value(ps, k, value);
	default:
		return fail(ps, "%s takes one word; it cannot continue", k->name);
	}
	return text_append(text, value) ? nomem(ps) : 0;
}

static int parse_key_line(struct parser *ps, char *line)
{
	size_t klen = strspn(line, "abcdefghijklmnopqrstuvwxyz0123456789_");
	char *value = line + klen + strspn(line + klen, " \t");
	const struct key *k = NULL;
	size_t i;

	if (!klen || *value != '=')
		return fail(ps, "expected \"key = value\"");
	line[klen] = '\0';
	value++;
	value += strspn(value, " \t");
	for (i = 0; i < ps->n_keys; i++) {
		if (!strcmp(ps->keys[i].name, line)) {
			k = &ps->keys[i];
			break;
		}
	}
	if (!k)
		return fail(ps, "unknown key \"%s\" for %s", line,
			    ps->is_group ? "a group" : "an app");
	if (ps->seen[i] && k->kind != KEY_SOURCE && k->kind != KEY_OVERLAP)
		return fail(ps, "duplicate key \"%s\" (first on line %u; continue a long value on indented lines)",
			    k->name, ps->seen[i]);
	if (!ps->seen[i])
		ps->seen[i] = ps->line;
	ps->last = k;
	return parse_value(ps, k, value);
}

static int parse_line(struct parser *ps, char *line, size_t len)
{
	size_t i;

	if (strlen(line) != len)
		return fail(ps, "NUL byte in line");
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
		       line[len - 1] == ' ' || line[len - 1] == '\t'))
		line[--len] = '\0';
	for (i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
			return fail(ps, "control character 0x%02x in line",
				    (unsigned char)line[i]);
	i = strspn(line, " \t");
	if (!line[i] || line[i] == '#')
		return 0;
	if (i)
		return parse_continuation(ps, line + i);
	return parse_key_line(ps, line);
}

static unsigned int seen(const struct parser *ps, const char *name)
{
	for (size_t i = 0; i < ps->n_keys; i++)
		if (!strcmp(ps->keys[i].name, name))
			return ps->seen[i];
	return 0;
}

static int require(struct parser *ps, const char *name)
{
	if (seen(ps, name))
		return 0;
	ps->line = 0;
	return fail(ps, "missing key \"%s\"", name);
}

static bool owns(const struct afw_catalog_app *a, const char *name)
{
	char text[AFW_PREFIX_STRLEN];

	if (list_find(&a->domains, name) || list_find(&a->hosts, name))
		return true;
	for (size_t i = 0; i < a->prefixes.n; i++) {
		afw_format_prefix(&a->prefixes.v[i].p, text);
		if (!strcmp(text, name))
			return true;
	}
	return false;
}

/* What the lists say the status is. */
static enum afw_catalog_status status_of(const struct afw_catalog_app *a)
{
	if (a->domains.n || a->hosts.n || a->prefixes.n)
		return AFW_CATALOG_OK;
	if (a->shared_domains.n || a->shared_prefixes.n)
		return AFW_CATALOG_SHARED_ONLY;
	return AFW_CATALOG_NO_KNOWN_DOMAINS;
}

static int finish_app(struct parser *ps)
{
	struct afw_catalog_app *a = ps->entry;
	enum afw_catalog_status s = status_of(a);

	if (require(ps, "id") || require(ps, "name") ||
	    require(ps, "status") || require(ps, "source"))
		return -EINVAL;
	if (!a->name) {
		ps->line = seen(ps, "name");
		return fail(ps, "empty name");
	}
	if (a->status != s) {
		ps->line = seen(ps, "status");
		return fail(ps, "status is \"%s\" but the lists make it \"%s\"",
			    status_names[a->status], status_names[s]);
	}
	for (size_t i = 0; i < a->n_overlaps; i++) {
		if (!owns(a, a->overlaps[i].name)) {
			ps->line = a->overlaps[i].line;
			return fail(ps, "overlap \"%s\" is not one of this app's domains, hosts or prefixes",
				    a->overlaps[i].name);
		}
	}
	return 0;
}

static int finish_group(struct parser *ps)
{
	struct afw_catalog_group *g = ps->entry;

	if (require(ps, "id") || require(ps, "name") || require(ps, "apps"))
		return -EINVAL;
	if (!g->name) {
		ps->line = seen(ps, "name");
		return fail(ps, "empty name");
	}
	if (!g->apps.n) {
		ps->line = seen(ps, "apps");
		return fail(ps, "a group needs at least one app");
	}
	return 0;
}

/* Missing optional texts read as "", so users never meet a NULL. */
static int fill_texts(struct parser *ps)
{
	char **texts[3];
	size_t n = 0;

	if (ps->is_group) {
		texts[n++] = &((struct afw_catalog_group *)ps->entry)->notes;
	} else {
		struct afw_catalog_app *a = ps->entry;

		texts[n++] = &a->vendor;
		texts[n++] = &a->ip_source;
		texts[n++] = &a->notes;
	}
	for (size_t i = 0; i < n; i++)
		if (!*texts[i] && !(*texts[i] = strdup("")))
			return nomem(ps);
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

int afw_catalog_parse(FILE *fp, const char *file,
		      struct afw_catalog_parsed *out,
		      struct afw_catalog_error *err)
{
	struct parser ps = { .file = file, .err = err };
	char *line = NULL, **file_field;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;

	if (ends_with(file, ".app")) {
		ps.keys = app_keys;
		ps.n_keys = ARRAY_SIZE(app_keys);
		ps.entry = calloc(1, sizeof(struct afw_catalog_app));
		file_field = &((struct afw_catalog_app *)ps.entry)->file;
	} else if (ends_with(file, ".group")) {
		ps.is_group = true;
		ps.keys = group_keys;
		ps.n_keys = ARRAY_SIZE(group_keys);
		ps.entry = calloc(1, sizeof(struct afw_catalog_group));
		file_field = &((struct afw_catalog_group *)ps.entry)->file;
	} else {
		return fail(&ps, "not a catalog file: the name ends in neither .app nor .group");
	}
	if (!ps.entry)
		return nomem(&ps);
	while (!ret && (len = getline(&line, &cap, fp)) >= 0) {
		ps.line++;
		if (len > AFW_CATALOG_LINE_MAX)
			ret = fail(&ps, "line longer than %d characters",
				   AFW_CATALOG_LINE_MAX);
		else
			ret = parse_line(&ps, line, (size_t)len);
	}
	free(line);
	if (!ret && ferror(fp)) {
		ps.line = 0;
		fail(&ps, "read error: %s", strerror(errno));
		ret = -EIO;
	}
	if (!ret)
		ret = ps.is_group ? finish_group(&ps) : finish_app(&ps);
	if (!ret)
		ret = fill_texts(&ps);
	if (!ret && !(*file_field = strdup(file)))
		ret = nomem(&ps);
	if (ret) {
		if (ps.is_group)
			afw_catalog_group_free(ps.entry);
		else
			afw_catalog_app_free(ps.entry);
		return ret;
	}
	out->app = ps.is_group ? NULL : ps.entry;
	out->group = ps.is_group ? ps.entry : NULL;
	out->id_line = seen(&ps, "id");
	return 0;
}
