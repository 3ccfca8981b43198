// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The domain table: name rules, most-specific-wins, builder edits, seeding,
 * iteration, and a randomized cross-check against a reference that answers
 * by binary search over the sorted entries. Every looked-up name goes
 * through an exact-size heap copy so ASan sees any read past its end.
 */
#include <stdio.h>
#include <stdlib.h>

#include "domain.h"
#include "unit.h"

static u16 look(const struct afw_domain_table *t, const char *name, size_t len,
		struct afw_domain_entry *m)
{
	char *copy = malloc(len ? len : 1);
	u16 app;

	memcpy(copy, name, len);
	app = afw_domain_lookup(t, copy, len, m);
	free(copy);
	return app;
}

static u16 lookup(const struct afw_domain_table *t, const char *name)
{
	return look(t, name, strlen(name), NULL);
}

static int add(struct afw_domain_builder *b, const char *name,
	       enum afw_domain_kind kind, u16 app)
{
	return afw_domain_builder_add(b, name, strlen(name), kind, app);
}

static int del(struct afw_domain_builder *b, const char *name,
	       enum afw_domain_kind kind, u16 app)
{
	return afw_domain_builder_del(b, name, strlen(name), kind, app);
}

static struct afw_domain_table *build(const struct afw_domain_builder *b)
{
	struct afw_domain_table *t;

	CHECK_INT(afw_domain_build(b, &t), 0);
	return t;
}

/* A string of n copies of c. */
static char *repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

TEST(domain_check)
{
	static const char *const good[] = {
		"qq.com", "QQ.COM", "qq.com.", "a", "x-1_y.cn", "1.2.3.example",
		"localhost", "3com.com", "xn--fiqs8s.cn",
	};
	static const char *const bad[] = {
		"", ".", "..", "qq..com", ".qq.com", "qq.com..", "q q.com",
		"*.qq.com", "qq.com/", "1.2.3.4", "10.0.0.1.", "2001:db8::1",
		"[::1]", "qq.com:443", "caf\xc3\xa9.fr", "qq.123",
	};
	char buf[300];
	const char *why = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		if (afw_domain_check(good[i], strlen(good[i]), &why))
			unit_fail(__FILE__, __LINE__, "\"%s\" refused: %s",
				  good[i], why);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		if (afw_domain_check(bad[i], strlen(bad[i]), &why) != -EINVAL)
			unit_fail(__FILE__, __LINE__, "\"%s\" accepted",
				  bad[i]);
		CHECK(why != NULL);
	}
	CHECK_INT(afw_domain_check("a\0b", 3, NULL), -EINVAL);
	CHECK_INT(afw_domain_check("1.2.3.4", 7, &why), -EINVAL);
	CHECK_STR(why, "last label is all digits (an IP address?)");

	/* Labels: 63 characters, not 64. */
	repeat(buf, 'a', 63);
	CHECK_INT(afw_domain_check(buf, 63, NULL), 0);
	repeat(buf, 'a', 64);
	CHECK_INT(afw_domain_check(buf, 64, &why), -EINVAL);
	CHECK_STR(why, "label longer than 63 characters");

	/* Names: 253 characters, 254 with the trailing dot, no more. */
	for (i = 0; i < 253; i++)
		buf[i] = i % 2 ? '.' : 'a';
	CHECK_INT(afw_domain_check(buf, 253, NULL), -EINVAL);	/* 127 labels */
	repeat(buf, 'a', 253);
	for (i = 63; i < 253; i += 64)
		buf[i] = '.';
	CHECK_INT(afw_domain_check(buf, 253, NULL), 0);
	buf[253] = '.';
	CHECK_INT(afw_domain_check(buf, 254, NULL), 0);
	buf[253] = 'a';
	CHECK_INT(afw_domain_check(buf, 254, &why), -EINVAL);
	CHECK_STR(why, "name longer than 253 characters");

	/* 32 labels, not 33. */
	for (i = 0; i < 64; i++)
		buf[i] = i % 2 ? '.' : 'a';
	CHECK_INT(afw_domain_check(buf, 63, NULL), 0);
	CHECK_INT(afw_domain_check(buf, 65, &why), -EINVAL);
	CHECK_STR(why, "more than 32 labels");
}

TEST(domain_suffix_whole_labels)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	struct afw_domain_entry m = { 0 };

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 7), 0);
	CHECK_INT(add(b, "wechat.com", AFW_DOMAIN_EXACT, 8), 0);
	t = build(b);

	CHECK_INT(lookup(t, "qq.com"), 7);
	CHECK_INT(lookup(t, "weixin.qq.com"), 7);
	CHECK_INT(lookup(t, "a.b.c.qq.com"), 7);
	CHECK_INT(lookup(t, "notqq.com"), 0);
	CHECK_INT(lookup(t, "qq.com.cn"), 0);
	CHECK_INT(lookup(t, "q.com"), 0);
	CHECK_INT(lookup(t, "com"), 0);
	CHECK_INT(lookup(t, "wechat.com"), 8);
	CHECK_INT(lookup(t, "www.wechat.com"), 0);
	CHECK_INT(lookup(t, "echat.com"), 0);

	memset(&m, 0, sizeof(m));
	CHECK_INT(look(t, "mp.weixin.qq.com", 16, &m), 7);
	CHECK_STR(m.name, "qq.com");
	CHECK_INT(m.len, 6);
	CHECK_INT(m.kind, AFW_DOMAIN_SUFFIX);
	CHECK_INT(m.app, 7);
	CHECK_INT(look(t, "wechat.com", 10, &m), 8);
	CHECK_STR(m.name, "wechat.com");
	CHECK_INT(m.kind, AFW_DOMAIN_EXACT);

	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_case_and_trailing_dot)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	struct afw_domain_entry m = { 0 };

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "WeiXin.QQ.Com.", AFW_DOMAIN_SUFFIX, 3), 0);
	CHECK_INT(add(b, "weixin.qq.com", AFW_DOMAIN_SUFFIX, 4), -EEXIST);
	CHECK_INT(afw_domain_builder_get(b, "WEIXIN.qq.com", 13,
					 AFW_DOMAIN_SUFFIX), 3);
	t = build(b);

	CHECK_INT(lookup(t, "weixin.qq.com"), 3);
	CHECK_INT(lookup(t, "WEIXIN.QQ.COM"), 3);
	CHECK_INT(lookup(t, "Long.WeiXin.qQ.cOm."), 3);
	CHECK_INT(lookup(t, "weixin.qq.com.."), 0);
	CHECK_INT(look(t, "X.WEIXIN.QQ.COM.", 16, &m), 3);
	CHECK_STR(m.name, "weixin.qq.com");

	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_most_specific_wins)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	struct afw_domain_entry m = { 0 };

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "com", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 2), 0);
	CHECK_INT(add(b, "weixin.qq.com", AFW_DOMAIN_SUFFIX, 3), 0);
	CHECK_INT(add(b, "mp.weixin.qq.com", AFW_DOMAIN_EXACT, 4), 0);
	/* The same name as exact and as suffix, for different apps. */
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_EXACT, 5), 0);
	t = build(b);

	CHECK_INT(lookup(t, "example.com"), 1);
	CHECK_INT(lookup(t, "com"), 1);
	CHECK_INT(lookup(t, "qq.com"), 5);
	CHECK_INT(lookup(t, "www.qq.com"), 2);
	CHECK_INT(lookup(t, "weixin.qq.com"), 3);
	CHECK_INT(lookup(t, "long.weixin.qq.com"), 3);
	CHECK_INT(lookup(t, "mp.weixin.qq.com"), 4);
	CHECK_INT(lookup(t, "a.mp.weixin.qq.com"), 3);
	CHECK_INT(lookup(t, "example.org"), 0);
	CHECK_INT(look(t, "qq.com", 6, &m), 5);
	CHECK_INT(m.kind, AFW_DOMAIN_EXACT);
	CHECK_INT(look(t, "x.qq.com", 8, &m), 2);
	CHECK_INT(m.kind, AFW_DOMAIN_SUFFIX);
	CHECK_STR(m.name, "qq.com");

	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_garbage_input)
{
	static const char *const junk[] = {
		"", ".", "..", "...", "qq..com", ".qq.com", "qq.com..",
		"q q.com", "*.qq.com", "qq.com:443", "[::1]", "1.2.3.4",
		"\xff\xfe.qq.com", "weixin.qq.com/path", "-", "\r\n",
	};
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	char buf[600];
	size_t i;
	u32 seed = 1;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 9), 0);
	CHECK_INT(add(b, "a", AFW_DOMAIN_SUFFIX, 10), 0);
	t = build(b);

	CHECK_INT(afw_domain_lookup(NULL, "qq.com", 6, NULL), 0);
	CHECK_INT(afw_domain_lookup(t, NULL, 6, NULL), 0);
	for (i = 0; i < ARRAY_SIZE(junk); i++)
		if (lookup(t, junk[i]))
			unit_fail(__FILE__, __LINE__, "\"%s\" matched", junk[i]);
	CHECK_INT(look(t, "qq.com\0", 7, NULL), 0);
	CHECK_INT(look(t, "x\0.qq.com", 9, NULL), 0);

	/* Too long: 254 characters without a trailing dot. */
	repeat(buf, 'a', 254);
	for (i = 10; i < 254; i += 10)
		buf[i] = '.';
	buf[252] = '.';
	CHECK_INT(look(t, buf, 254, NULL), 0);
	CHECK_INT(look(t, buf + 1, 253, NULL), 10);
	/* A 64-character label anywhere spoils the name. */
	repeat(buf, 'x', 64);
	strcpy(buf + 64, ".qq.com");
	CHECK_INT(lookup(t, buf), 0);
	CHECK_INT(lookup(t, buf + 1), 9);
	/* More labels than an entry may have; the suffix still counts. */
	for (i = 0; i < 200; i += 2)
		memcpy(buf + i, "b.", 2);
	strcpy(buf + 200, "qq.com");
	CHECK_INT(lookup(t, buf), 9);
	/* Random bytes: no crash, no read past the end (ASan). */
	for (i = 0; i < 20000; i++) {
		size_t len = i % 300, j;

		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = "aq.-_Z\0\xff."[(seed >> 16) % 9];
		}
		look(t, buf, len, NULL);
	}

	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_builder_errors)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 1), -EEXIST);
	CHECK_INT(add(b, "QQ.com.", AFW_DOMAIN_SUFFIX, 2), -EEXIST);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_EXACT, 2), 0);
	CHECK_INT(add(b, "qq..com", AFW_DOMAIN_SUFFIX, 1), -EINVAL);
	CHECK_INT(add(b, "x.com", AFW_DOMAIN_SUFFIX, 0), -EINVAL);
	CHECK_INT(add(b, "x.com", 0, 1), -EINVAL);
	CHECK_INT(add(b, "x.com", 3, 1), -EINVAL);
	CHECK_INT(afw_domain_builder_count(b), 2);

	CHECK_INT(del(b, "qq.com", AFW_DOMAIN_SUFFIX, 2), -ENOENT);
	CHECK_INT(del(b, "qq.com", AFW_DOMAIN_SUFFIX, 0), -ENOENT);
	CHECK_INT(del(b, "www.qq.com", AFW_DOMAIN_SUFFIX, 1), -ENOENT);
	CHECK_INT(del(b, "qq..com", AFW_DOMAIN_SUFFIX, 1), -EINVAL);
	CHECK_INT(afw_domain_builder_count(b), 2);
	CHECK_INT(del(b, "QQ.COM", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(del(b, "qq.com", AFW_DOMAIN_SUFFIX, 1), -ENOENT);
	CHECK_INT(afw_domain_builder_get(b, "qq.com", 6, AFW_DOMAIN_SUFFIX), 0);
	CHECK_INT(afw_domain_builder_count(b), 1);
	t = build(b);
	CHECK_INT(lookup(t, "www.qq.com"), 0);
	CHECK_INT(lookup(t, "qq.com"), 2);
	afw_domain_table_free(t);

	/* A deleted name comes back, for any app. */
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 6), 0);
	CHECK_INT(afw_domain_builder_count(b), 2);
	t = build(b);
	CHECK_INT(lookup(t, "www.qq.com"), 6);
	CHECK_INT(afw_domain_table_count(t), 2);
	afw_domain_table_free(t);
	afw_domain_builder_free(b);

	/* An empty table answers 0. */
	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	t = build(b);
	CHECK_INT(lookup(t, "qq.com"), 0);
	CHECK_INT(afw_domain_table_count(t), 0);
	CHECK(afw_domain_table_bytes(t) > 0);
	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_limits)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	char name[300], label[70];
	size_t i;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	/* 253 characters: four labels of 63 and dots, trailing dot too. */
	repeat(name, 'a', 253);
	for (i = 63; i < 253; i += 64)
		name[i] = '.';
	name[253] = '.';
	name[254] = '\0';
	CHECK_INT(afw_domain_builder_add(b, name, 254, AFW_DOMAIN_EXACT, 1), 0);
	repeat(label, 'b', 63);
	strcat(label, ".cn");
	CHECK_INT(add(b, label, AFW_DOMAIN_SUFFIX, 2), 0);
	label[1] = '\0';
	repeat(label, 'c', 64);
	strcat(label, ".cn");
	CHECK_INT(add(b, label, AFW_DOMAIN_SUFFIX, 3), -EINVAL);
	/* 32 labels is the most an entry may have. */
	for (i = 0; i < 62; i += 2)
		memcpy(name + i, "d.", 2);
	strcpy(name + 62, "cn");
	CHECK_INT(add(b, name, AFW_DOMAIN_SUFFIX, 4), 0);
	CHECK_INT(add(b, name + 2, AFW_DOMAIN_EXACT, 5), 0);
	CHECK_INT(afw_domain_builder_add(b, "d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d."
					 "d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.cn",
					 66, AFW_DOMAIN_SUFFIX, 6), -EINVAL);
	t = build(b);

	repeat(name, 'a', 253);
	for (i = 63; i < 253; i += 64)
		name[i] = '.';
	CHECK_INT(look(t, name, 253, NULL), 1);
	name[0] = 'A';
	CHECK_INT(look(t, name, 253, NULL), 1);
	name[0] = 'b';
	CHECK_INT(look(t, name, 253, NULL), 0);
	repeat(label, 'b', 63);
	strcat(label, ".cn");
	CHECK_INT(lookup(t, label), 2);
	for (i = 0; i < 62; i += 2)
		memcpy(name + i, "d.", 2);
	strcpy(name + 62, "cn");
	CHECK_INT(lookup(t, name), 4);		/* 32 labels, suffix */
	CHECK_INT(lookup(t, name + 2), 5);	/* 31 labels, exact */
	CHECK_INT(lookup(t, name + 4), 0);	/* 30 labels */
	for (i = 0; i < 100; i += 2)
		memcpy(name + i, "e.", 2);
	for (i = 100; i < 162; i += 2)
		memcpy(name + i, "d.", 2);
	strcpy(name + 162, "cn");
	CHECK_INT(lookup(t, name), 4);		/* 82 labels */
	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

TEST(domain_del_app)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(add(b, "wechat.com", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(add(b, "weixin.qq.com", AFW_DOMAIN_EXACT, 1), 0);
	CHECK_INT(add(b, "tiktok.com", AFW_DOMAIN_SUFFIX, 2), 0);
	CHECK_INT(afw_domain_builder_del_app(b, 0), -EINVAL);
	CHECK_INT(afw_domain_builder_del_app(b, 3), 0);
	CHECK_INT(afw_domain_builder_count(b), 4);
	CHECK_INT(afw_domain_builder_del_app(b, 1), 0);
	CHECK_INT(afw_domain_builder_count(b), 1);
	t = build(b);
	CHECK_INT(lookup(t, "weixin.qq.com"), 0);
	CHECK_INT(lookup(t, "wechat.com"), 0);
	CHECK_INT(lookup(t, "www.tiktok.com"), 2);
	afw_domain_table_free(t);
	afw_domain_builder_free(b);
}

/* Seeding copies: editing the new builder leaves the old table alone. */
TEST(domain_seed_and_iterate)
{
	struct afw_domain_builder *b, *b2;
	struct afw_domain_table *t, *t2;
	struct afw_domain_entry e;
	unsigned int seen = 0, n = 0;
	u32 pos = 0, pos2;
	char name[32];
	int i;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "Host%d.Example.com", i);
		CHECK_INT(add(b, name, i % 2 ? AFW_DOMAIN_SUFFIX :
			      AFW_DOMAIN_EXACT, 1 + i % 5), 0);
	}
	t = build(b);
	afw_domain_builder_free(b);
	CHECK_INT(afw_domain_table_count(t), 300);

	/* Every entry once, lowercase; resumable from a saved cursor. */
	while (afw_domain_table_next(t, &pos, &e) == 0) {
		int k = atoi(e.name + 4);

		n++;
		CHECK(k >= 0 && k < 300);
		snprintf(name, sizeof(name), "host%d.example.com", k);
		CHECK_STR(e.name, name);
		CHECK_INT(e.len, strlen(name));
		CHECK_INT(e.kind, k % 2 ? AFW_DOMAIN_SUFFIX : AFW_DOMAIN_EXACT);
		CHECK_INT(e.app, 1 + k % 5);
		seen += k;
		if (n == 100) {
			pos2 = pos;
			CHECK_INT(afw_domain_table_next(t, &pos2, &e), 0);
			CHECK(pos2 > pos);
		}
	}
	CHECK_INT(n, 300);
	CHECK_INT(seen, 299 * 300 / 2);
	CHECK_INT(afw_domain_table_next(t, &pos, &e), -ENOENT);
	CHECK_INT(afw_domain_table_next(NULL, &pos, &e), -ENOENT);

	CHECK_INT(afw_domain_builder_new(&b2, t), 0);
	CHECK_INT(afw_domain_builder_count(b2), 300);
	CHECK_INT(add(b2, "host1.example.com", AFW_DOMAIN_SUFFIX, 9), -EEXIST);
	CHECK_INT(del(b2, "host1.example.com", AFW_DOMAIN_SUFFIX, 2), 0);
	CHECK_INT(add(b2, "new.example.com", AFW_DOMAIN_EXACT, 7), 0);
	CHECK_INT(afw_domain_builder_del_app(b2, 3), 0);
	t2 = build(b2);
	afw_domain_builder_free(b2);
	CHECK_INT(afw_domain_table_count(t2), 300 - 1 + 1 - 60);

	CHECK_INT(lookup(t, "x.host1.example.com"), 2);
	CHECK_INT(lookup(t, "new.example.com"), 0);
	CHECK_INT(lookup(t, "host2.example.com"), 3);
	CHECK_INT(lookup(t2, "x.host1.example.com"), 0);
	CHECK_INT(lookup(t2, "new.example.com"), 7);
	CHECK_INT(lookup(t2, "host2.example.com"), 0);
	CHECK_INT(lookup(t2, "host3.example.com"), 4);
	afw_domain_table_free(t);
	afw_domain_table_free(t2);
}

/*
 * Randomized cross-check. The reference is an array of (name, kind, app):
 * searched linearly while it is edited, then sorted and answered by trying
 * the exact name and each suffix, longest first, with bsearch.
 */
struct ref_entry {
	char name[64];
	u8 kind;
	u16 app;
};

struct ref {
	struct ref_entry *e;
	size_t n;
	bool sorted;
};

static int ref_cmp(const void *a, const void *b)
{
	const struct ref_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->kind - y->kind;
}

static struct ref_entry *ref_find(const struct ref *r, const char *name,
				  u8 kind)
{
	struct ref_entry key;
	size_t i;

	snprintf(key.name, sizeof(key.name), "%s", name);
	key.kind = kind;
	if (r->sorted)
		return bsearch(&key, r->e, r->n, sizeof(key), ref_cmp);
	for (i = 0; i < r->n; i++)
		if (!ref_cmp(&key, &r->e[i]))
			return &r->e[i];
	return NULL;
}

/* name: lowercase, no trailing dot. */
static const struct ref_entry *ref_lookup(const struct ref *r, const char *name)
{
	const struct ref_entry *e = ref_find(r, name, AFW_DOMAIN_EXACT);
	const char *s;

	if (e)
		return e;
	for (s = name; s; s = strchr(s, '.') ? strchr(s, '.') + 1 : NULL)
		if ((e = ref_find(r, s, AFW_DOMAIN_SUFFIX)))
			return e;
	return NULL;
}

static u32 rnd(u64 *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(*s >> 33);
}

static const char *const words[] = {
	"a", "b", "qq", "weixin", "wx", "cdn", "img", "api", "mp", "x1",
	"long-label", "s_3", "www", "m", "video", "dns", "edge", "c0",
};
static const char *const tlds[] = { "com", "cn", "net" };

static void random_labels(u64 *s, char *buf, u32 labels)
{
	u32 i;

	for (i = 0; i < labels; i++) {
		u32 w = rnd(s) % (ARRAY_SIZE(words) + 40);

		if (w < ARRAY_SIZE(words))
			strcat(buf, words[w]);
		else
			sprintf(buf + strlen(buf), "w%u", w);
		strcat(buf, ".");
	}
}

static void random_name(u64 *s, char *buf, u32 labels)
{
	buf[0] = '\0';
	random_labels(s, buf, labels);
	strcat(buf, tlds[rnd(s) % ARRAY_SIZE(tlds)]);
}

/* Random adds and deletes to both b and ref, checking each return. */
static void random_edits(u64 *s, struct afw_domain_builder *b, struct ref *r,
			 int ops)
{
	char name[128];
	int i;

	r->sorted = false;
	for (i = 0; i < ops; i++) {
		u8 kind = rnd(s) % 2 ? AFW_DOMAIN_SUFFIX : AFW_DOMAIN_EXACT;
		u16 app = 1 + rnd(s) % 50;
		struct ref_entry *e;
		int want;

		random_name(s, name, 1 + (rnd(s) % 8 + 3) / 4);	/* 1-3 */
		e = ref_find(r, name, kind);
		if (rnd(s) % 5 == 0) {
			/* Delete, as its owner or (for -ENOENT) not. */
			if (e && rnd(s) % 4)
				app = e->app;
			want = e && e->app == app ? 0 : -ENOENT;
			CHECK_INT(del(b, name, kind, app), want);
			if (!want)
				*e = r->e[--r->n];
			continue;
		}
		CHECK_INT(add(b, name, kind, app), e ? -EEXIST : 0);
		if (!e) {
			e = &r->e[r->n++];
			strcpy(e->name, name);
			e->kind = kind;
			e->app = app;
		}
	}
}

/* Builds a table by random edits, seeded halfway; returns lookups matched. */
static unsigned int random_check(u64 s, int ops, int lookups)
{
	struct ref ref = { calloc(ops * 2, sizeof(struct ref_entry)), 0, false };
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	struct afw_domain_entry m;
	unsigned int bad = 0, hits = 0;
	char query[200];
	size_t i;

	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	random_edits(&s, b, &ref, ops);
	t = build(b);
	afw_domain_builder_free(b);
	CHECK_INT(afw_domain_table_count(t), ref.n);

	/* Then edit a builder seeded from that table. */
	CHECK_INT(afw_domain_builder_new(&b, t), 0);
	afw_domain_table_free(t);
	CHECK_INT(afw_domain_builder_del_app(b, 7), 0);
	for (i = 0; i < ref.n; i++)
		if (ref.e[i].app == 7)
			ref.e[i--] = ref.e[--ref.n];
	random_edits(&s, b, &ref, ops);
	CHECK_INT(afw_domain_builder_count(b), ref.n);
	t = build(b);
	CHECK_INT(afw_domain_table_count(t), ref.n);
	qsort(ref.e, ref.n, sizeof(*ref.e), ref_cmp);
	ref.sorted = true;

	for (i = 0; i < (size_t)lookups; i++) {
		const struct ref_entry *want;
		size_t j, len;
		u16 got;

		/* Half: a known name with labels in front; some mixed case. */
		if (rnd(&s) % 2) {
			query[0] = '\0';
			random_labels(&s, query, rnd(&s) % 3);
			strcat(query, ref.e[rnd(&s) % ref.n].name);
		} else {
			random_name(&s, query, rnd(&s) % 6);
		}
		want = ref_lookup(&ref, query);
		len = strlen(query);
		if (rnd(&s) % 4 == 0)
			for (j = 0; j < len; j++)
				if (rnd(&s) % 2 && query[j] >= 'a' && query[j] <= 'z')
					query[j] -= 'a' - 'A';
		if (rnd(&s) % 8 == 0)
			query[len++] = '.';
		memset(&m, 0, sizeof(m));
		got = look(t, query, len, &m);
		hits += !!want;
		if (got != (want ? want->app : 0) ||
		    (want && (strcmp(m.name, want->name) || m.kind != want->kind))) {
			if (bad++ < 5)
				unit_fail(__FILE__, __LINE__,
					  "\"%.*s\": got %u \"%s\", want %u \"%s\"",
					  (int)len, query, got, got ? m.name : "",
					  want ? want->app : 0, want ? want->name : "");
		}
	}
	CHECK_INT(bad, 0);
	printf("    %zu entries, %u of %d lookups matched\n", ref.n, hits,
	       lookups);
	afw_domain_table_free(t);
	afw_domain_builder_free(b);
	free(ref.e);
	return hits;
}

TEST(domain_random_vs_reference)
{
	unsigned int hits = random_check(42, 8000, 100000);

	/* The queries must exercise matches, not just misses. */
	CHECK(hits > 20000 && hits < 95000);
}

/*
 * With hashes narrowed to 16 values, every probe meets entries of equal
 * hash and only the name compare can tell them apart.
 */
TEST(domain_hash_collisions)
{
	struct afw_domain_builder *b;
	struct afw_domain_table *t;

	afw_domain_hash_mask = 0xf0000000;
	random_check(43, 1500, 20000);

	/* All hashes equal; names that are prefixes of each other. */
	afw_domain_hash_mask = 0;
	CHECK_INT(afw_domain_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "qq.com", AFW_DOMAIN_SUFFIX, 1), 0);
	CHECK_INT(add(b, "qq.co", AFW_DOMAIN_SUFFIX, 2), 0);
	CHECK_INT(add(b, "q.com", AFW_DOMAIN_SUFFIX, 3), 0);
	CHECK_INT(add(b, "weixin.qq.com", AFW_DOMAIN_EXACT, 4), 0);
	CHECK_INT(add(b, "weixin.qq.co", AFW_DOMAIN_SUFFIX, 4), 0);
	CHECK_INT(add(b, "qq.co", AFW_DOMAIN_SUFFIX, 5), -EEXIST);
	CHECK_INT(afw_domain_builder_get(b, "qq.c", 4, AFW_DOMAIN_SUFFIX), 0);
	t = build(b);
	CHECK_INT(lookup(t, "a.qq.co"), 2);
	CHECK_INT(lookup(t, "qq.com"), 1);
	CHECK_INT(lookup(t, "x.q.com"), 3);
	CHECK_INT(lookup(t, "weixin.qq.com"), 4);
	CHECK_INT(lookup(t, "a.weixin.qq.com"), 1);
	CHECK_INT(lookup(t, "a.weixin.qq.co"), 4);
	CHECK_INT(lookup(t, "q.co"), 0);
	afw_domain_table_free(t);
	afw_domain_builder_free(b);
	afw_domain_hash_mask = U32_MAX;
}
