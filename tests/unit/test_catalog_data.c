// SPDX-License-Identifier: GPL-2.0
/*
 * The shipped catalog (userspace/catalog, or $APPFW_CATALOG; unit tests
 * run from the repository's root): every file parses, ids are unique,
 * groups name real apps, no name is owned twice without a reason, and
 * every list loads into the kernel's own matchers as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "domain.h"
#include "unit.h"

static struct afw_catalog *shipped(void)
{
	const char *dir = getenv(AFW_CATALOG_ENV);
	struct afw_catalog_error err;
	struct afw_catalog *c;
	int ret;

	if (!dir || !*dir)
		dir = "userspace/catalog";
	if (afw_catalog_new(&c))
		return NULL;
	ret = afw_catalog_load_dir(c, dir, &err);
	if (ret) {
		unit_fail(__FILE__, __LINE__, "%s:%u: %s%s", err.file, err.line,
			  err.msg, ret == -ENOENT ?
			  " (run from the repository root or set " AFW_CATALOG_ENV ")" : "");
		afw_catalog_free(c);
		return NULL;
	}
	return c;
}

static void check_error(int ret, const struct afw_catalog_error *err)
{
	if (ret)
		unit_fail(__FILE__, __LINE__, "%s:%u: %s", err->file, err->line,
			  err->msg);
}

TEST(catalog_data_consistent)
{
	struct afw_catalog *c = shipped();
	struct afw_catalog_error err;

	if (!c)
		return;
	CHECK(afw_catalog_app_count(c) > 0);
	check_error(afw_catalog_check_groups(c, &err), &err);
	check_error(afw_catalog_check_overlaps(c, &err), &err);
	for (size_t i = 1; i < afw_catalog_app_count(c); i++)
		CHECK(strcmp(afw_catalog_app_at(c, i - 1)->id,
			     afw_catalog_app_at(c, i)->id) < 0);
	afw_catalog_free(c);
}

TEST(catalog_data_content)
{
	static const char *const apps[] = {
		"wechat", "tiktok", "douyin", "tencent-vendor",
		"bytedance-vendor", "baidu-vendor", "alibaba-vendor",
		"xiaomi-vendor", "kuaishou-vendor",
	};
	static const char *const groups[] = {
		"india-2020", "tencent", "bytedance", "baidu", "alibaba",
		"xiaomi", "kuaishou",
	};
	struct afw_catalog *c = shipped();
	const struct afw_catalog_group *india;

	if (!c)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(apps); i++)
		if (!afw_catalog_app(c, apps[i]))
			unit_fail(__FILE__, __LINE__, "no app \"%s\"", apps[i]);
	for (size_t i = 0; i < ARRAY_SIZE(groups); i++)
		if (!afw_catalog_group(c, groups[i]))
			unit_fail(__FILE__, __LINE__, "no group \"%s\"", groups[i]);
	india = afw_catalog_group(c, "india-2020");
	if (india)
		CHECK_INT(india->apps.n, 59);
	for (size_t i = 0; i < afw_catalog_app_count(c); i++) {
		const struct afw_catalog_app *a = afw_catalog_app_at(c, i);

		/* An app that claims anything says how sure it is. */
		if (a->status == AFW_CATALOG_OK &&
		    a->confidence == AFW_CATALOG_CONFIDENCE_NONE)
			unit_fail(__FILE__, __LINE__, "%s: no confidence", a->file);
		/* Shared prefixes say where they come from. */
		if ((a->prefixes.n || a->shared_prefixes.n) && !*a->ip_source)
			unit_fail(__FILE__, __LINE__, "%s: no ip_source", a->file);
	}
	afw_catalog_free(c);
}

/* Adds a's names of one list to b as app 1, as `appfw add` would. */
static void load_names(struct afw_domain_builder *b,
		       const struct afw_catalog_app *a,
		       const struct afw_catalog_list *l,
		       enum afw_domain_kind kind)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *name = l->v[i].text;
		int ret = afw_domain_builder_add(b, name, strlen(name), kind, 1);

		if (ret)
			unit_fail(__FILE__, __LINE__, "%s:%u: \"%s\": %d", a->file,
				  l->v[i].line, name, ret);
	}
}

static void load_prefixes(struct afw_prefix_builder *b,
			  const struct afw_catalog_app *a,
			  const struct afw_catalog_prefixes *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct afw_prefix p = l->v[i].p;
		int ret;

		p.app = 1;
		ret = afw_prefix_builder_add(b, &p);
		if (ret)
			unit_fail(__FILE__, __LINE__, "%s:%u: prefix %zu: %d",
				  a->file, l->v[i].line, i, ret);
	}
}

/* Each app alone, owned and shared lists, into the kernel's matchers. */
TEST(catalog_data_loads)
{
	struct afw_catalog *c = shipped();

	if (!c)
		return;
	for (size_t i = 0; i < afw_catalog_app_count(c); i++) {
		const struct afw_catalog_app *a = afw_catalog_app_at(c, i);
		struct afw_domain_builder *db;
		struct afw_prefix_builder *pb;

		if (afw_domain_builder_new(&db, NULL) ||
		    afw_prefix_builder_new(&pb, NULL)) {
			unit_fail(__FILE__, __LINE__, "out of memory");
			break;
		}
		load_names(db, a, &a->domains, AFW_DOMAIN_SUFFIX);
		load_names(db, a, &a->hosts, AFW_DOMAIN_EXACT);
		load_names(db, a, &a->shared_domains, AFW_DOMAIN_SUFFIX);
		load_prefixes(pb, a, &a->prefixes);
		load_prefixes(pb, a, &a->shared_prefixes);
		CHECK_INT(afw_domain_builder_count(db),
			  a->domains.n + a->hosts.n + a->shared_domains.n);
		CHECK_INT(afw_prefix_builder_count(pb),
			  a->prefixes.n + a->shared_prefixes.n);
		afw_domain_builder_free(db);
		afw_prefix_builder_free(pb);
	}
	afw_catalog_free(c);
}
