// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The prefix table: longest match with nesting, both families, the edges
 * of the address space and of B-tree nodes, builder edits, seeding,
 * iteration, and a randomized cross-check against a reference that tries
 * every prefix length from the longest with bsearch. Addresses go through
 * exact-size heap copies so ASan sees any read past them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

#include "prefix.h"
#include "unit.h"

static struct afw_prefix pfx(const char *s, u16 app)
{
	struct afw_prefix p = { .app = app };
	char buf[64], *slash;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	*slash = '\0';
	p.len = (u8)atoi(slash + 1);
	p.family = strchr(buf, ':') ? AFW_INET6 : AFW_INET;
	if (inet_pton(p.family == AFW_INET ? AF_INET : AF_INET6, buf, p.addr) != 1)
		unit_fail(__FILE__, __LINE__, "bad test prefix %s", s);
	return p;
}

static const char *fmt(const struct afw_prefix *p, char *buf)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(p->family == AFW_INET ? AF_INET : AF_INET6, p->addr, a,
		  sizeof(a));
	sprintf(buf, "%s/%u", a, p->len);
	return buf;
}

static u16 look_bytes(const struct afw_prefix_table *t, const u8 *a, bool v6,
		      struct afw_prefix *m)
{
	u8 *copy = malloc(v6 ? 16 : 4);
	u16 app;

	memcpy(copy, a, v6 ? 16 : 4);
	app = v6 ? afw_prefix_lookup6(t, copy, m) : afw_prefix_lookup4(t, copy, m);
	free(copy);
	return app;
}

static u16 look(const struct afw_prefix_table *t, const char *addr,
		struct afw_prefix *m)
{
	bool v6 = strchr(addr, ':');
	u8 a[16];

	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, a) != 1)
		unit_fail(__FILE__, __LINE__, "bad test address %s", addr);
	return look_bytes(t, a, v6, m);
}

static int add(struct afw_prefix_builder *b, const char *s, u16 app)
{
	struct afw_prefix p = pfx(s, app);

	return afw_prefix_builder_add(b, &p);
}

static int del(struct afw_prefix_builder *b, const char *s, u16 app)
{
	struct afw_prefix p = pfx(s, app);

	return afw_prefix_builder_del(b, &p);
}

static struct afw_prefix_table *build(const struct afw_prefix_builder *b)
{
	struct afw_prefix_table *t;

	CHECK_INT(afw_prefix_build(b, &t), 0);
	return t;
}

/* Checks the answer and the prefix reported for it. */
#define CHECK_MATCH(t, addr, app, prefix)                                   \
	do {                                                                \
		struct afw_prefix m_;                                       \
		char b_[64];                                                \
		memset(&m_, 0, sizeof(m_));                                 \
		CHECK_INT(look(t, addr, &m_), app);                         \
		if (app)                                                    \
			CHECK_STR(fmt(&m_, b_), prefix);                    \
	} while (0)

TEST(prefix_check)
{
	static const char *const good[] = {
		"0.0.0.0/0", "10.0.0.0/8", "192.0.2.1/32", "128.0.0.0/1",
		"::/0", "2001:db8::/32", "2001:db8::1/128", "8000::/1",
		"2001:db8:0:1::/64", "2001:db8::8000:0/97",
	};
	static const char *const bad[] = {
		"10.0.0.1/8", "192.0.2.1/31", "128.0.0.0/0", "10.0.0.0/33",
		"2001:db8::1/127", "2001:db8::/16", "::1/0", "::/129",
		"2001:db8::8000:0/96",
	};
	struct afw_prefix p;
	const char *why = NULL;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		p = pfx(good[i], 1);
		if (afw_prefix_check(&p, &why))
			unit_fail(__FILE__, __LINE__, "%s refused: %s", good[i], why);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		p = pfx(bad[i], 1);
		why = NULL;
		if (afw_prefix_check(&p, &why) != -EINVAL)
			unit_fail(__FILE__, __LINE__, "%s accepted", bad[i]);
		CHECK(why != NULL);
	}
	p = pfx("10.0.0.0/8", 1);
	p.addr[7] = 1;
	CHECK_INT(afw_prefix_check(&p, &why), -EINVAL);
	CHECK_STR(why, "IPv4 address with bytes past the fourth");
	p = pfx("10.0.0.1/8", 1);
	CHECK_INT(afw_prefix_check(&p, &why), -EINVAL);
	CHECK_STR(why, "address has bits set past the prefix length");
	p = pfx("10.0.0.0/8", 1);
	p.family = 3;
	CHECK_INT(afw_prefix_check(&p, &why), -EINVAL);
	CHECK_STR(why, "address family is not IPv4 or IPv6");
}

TEST(prefix_longest_match_v4)
{
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;

	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "10.0.0.0/8", 1), 0);
	CHECK_INT(add(b, "10.1.0.0/16", 2), 0);
	CHECK_INT(add(b, "10.1.2.0/24", 3), 0);
	CHECK_INT(add(b, "10.1.2.3/32", 4), 0);
	CHECK_INT(add(b, "10.1.0.0/24", 5), 0);	/* at the /16's start */
	CHECK_INT(add(b, "10.1.255.0/24", 6), 0);	/* at its end */
	CHECK_INT(add(b, "192.0.2.0/25", 7), 0);
	t = build(b);

	CHECK_MATCH(t, "10.0.0.0", 1, "10.0.0.0/8");
	CHECK_MATCH(t, "10.255.255.255", 1, "10.0.0.0/8");
	CHECK_MATCH(t, "10.1.0.0", 5, "10.1.0.0/24");
	CHECK_MATCH(t, "10.1.0.255", 5, "10.1.0.0/24");
	CHECK_MATCH(t, "10.1.1.0", 2, "10.1.0.0/16");
	CHECK_MATCH(t, "10.1.2.2", 3, "10.1.2.0/24");
	CHECK_MATCH(t, "10.1.2.3", 4, "10.1.2.3/32");
	CHECK_MATCH(t, "10.1.2.4", 3, "10.1.2.0/24");
	CHECK_MATCH(t, "10.1.3.0", 2, "10.1.0.0/16");
	CHECK_MATCH(t, "10.1.254.255", 2, "10.1.0.0/16");
	CHECK_MATCH(t, "10.1.255.255", 6, "10.1.255.0/24");
	CHECK_MATCH(t, "10.2.0.0", 1, "10.0.0.0/8");
	CHECK_MATCH(t, "9.255.255.255", 0, "");
	CHECK_MATCH(t, "11.0.0.0", 0, "");
	CHECK_MATCH(t, "0.0.0.0", 0, "");
	CHECK_MATCH(t, "255.255.255.255", 0, "");
	CHECK_MATCH(t, "192.0.2.127", 7, "192.0.2.0/25");
	CHECK_MATCH(t, "192.0.2.128", 0, "");
	CHECK_INT(look(t, "2001:db8::1", NULL), 0);	/* no IPv6 at all */
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
}

/* Every length from /0 to /32 nested; addresses leaving at each bit. */
TEST(prefix_deep_nesting)
{
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;
	struct afw_prefix p = { .family = AFW_INET };
	u32 base = 0xcb007100, len;	/* 203.0.113.0 */

	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	for (len = 0; len <= 32; len++) {
		u32 a = len ? base & ~0U << (32 - len) : 0;

		p.addr[0] = a >> 24;
		p.addr[1] = a >> 16;
		p.addr[2] = a >> 8;
		p.addr[3] = a;
		p.len = len;
		p.app = 100 + len;
		CHECK_INT(afw_prefix_builder_add(b, &p), 0);
	}
	t = build(b);
	for (len = 0; len <= 32; len++) {
		/* Agrees with base on len bits, then differs. */
		u32 a = len < 32 ? base ^ (1U << (31 - len)) : base;
		u8 addr[4] = { a >> 24, a >> 16, a >> 8, a };
		struct afw_prefix m = { 0 };

		CHECK_INT(look_bytes(t, addr, false, &m), 100 + len);
		CHECK_INT(m.len, len);
	}
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
}

TEST(prefix_longest_match_v6)
{
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;

	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "2001:db8::/32", 1), 0);
	CHECK_INT(add(b, "2001:db8:1::/48", 2), 0);
	CHECK_INT(add(b, "2001:db8:1:2::/64", 3), 0);
	CHECK_INT(add(b, "2001:db8:1:2::8000:0/97", 4), 0);
	CHECK_INT(add(b, "2001:db8:1:2::8000:1/128", 5), 0);
	CHECK_INT(add(b, "2001:db8:1:2:ffff::/80", 6), 0);
	CHECK_INT(add(b, "192.0.2.0/24", 7), 0);	/* other family */
	t = build(b);

	CHECK_MATCH(t, "2001:db8::", 1, "2001:db8::/32");
	CHECK_MATCH(t, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 1,
		    "2001:db8::/32");
	CHECK_MATCH(t, "2001:db8:1::1", 2, "2001:db8:1::/48");
	CHECK_MATCH(t, "2001:db8:1:2::1", 3, "2001:db8:1:2::/64");
	CHECK_MATCH(t, "2001:db8:1:2::7fff:ffff", 3, "2001:db8:1:2::/64");
	CHECK_MATCH(t, "2001:db8:1:2::8000:0", 4, "2001:db8:1:2::8000:0/97");
	CHECK_MATCH(t, "2001:db8:1:2::8000:1", 5, "2001:db8:1:2::8000:1/128");
	CHECK_MATCH(t, "2001:db8:1:2::8000:2", 4, "2001:db8:1:2::8000:0/97");
	CHECK_MATCH(t, "2001:db8:1:2::ffff:ffff", 4, "2001:db8:1:2::8000:0/97");
	CHECK_MATCH(t, "2001:db8:1:2::1:0:0", 3, "2001:db8:1:2::/64");
	CHECK_MATCH(t, "2001:db8:1:2:ffff:1::", 6, "2001:db8:1:2:ffff::/80");
	CHECK_MATCH(t, "2001:db8:1:3::", 2, "2001:db8:1::/48");
	CHECK_MATCH(t, "2001:db8:2::", 1, "2001:db8::/32");
	CHECK_MATCH(t, "2001:db7:ffff::", 0, "");
	CHECK_MATCH(t, "2001:db9::", 0, "");
	CHECK_MATCH(t, "::", 0, "");
	CHECK_MATCH(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, "");
	CHECK_INT(look(t, "192.0.2.1", NULL), 7);
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
}

TEST(prefix_address_space_edges)
{
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;

	CHECK_INT(look(NULL, "10.0.0.1", NULL), 0);
	CHECK_INT(look(NULL, "2001:db8::1", NULL), 0);
	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	t = build(b);
	CHECK_INT(look(t, "10.0.0.1", NULL), 0);
	CHECK_INT(look(t, "::", NULL), 0);
	CHECK_INT(afw_prefix_table_count(t), 0);
	afw_prefix_table_free(t);

	CHECK_INT(add(b, "0.0.0.0/0", 1), 0);
	CHECK_INT(add(b, "255.255.255.255/32", 2), 0);
	CHECK_INT(add(b, "0.0.0.0/32", 3), 0);
	CHECK_INT(add(b, "::/0", 4), 0);
	CHECK_INT(add(b, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 5), 0);
	CHECK_INT(add(b, "::/128", 6), 0);
	t = build(b);
	CHECK_MATCH(t, "0.0.0.0", 3, "0.0.0.0/32");
	CHECK_MATCH(t, "0.0.0.1", 1, "0.0.0.0/0");
	CHECK_MATCH(t, "255.255.255.254", 1, "0.0.0.0/0");
	CHECK_MATCH(t, "255.255.255.255", 2, "255.255.255.255/32");
	CHECK_MATCH(t, "::", 6, "::/128");
	CHECK_MATCH(t, "::1", 4, "::/0");
	CHECK_MATCH(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 4, "::/0");
	CHECK_MATCH(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 5,
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
}

/* Node and level boundaries: n disjoint prefixes, probed around each. */
TEST(prefix_tree_sizes)
{
	static const u32 sizes[] = { 1, 2, 7, 8, 9, 15, 16, 17, 64, 65, 255,
				     256, 257, 4095, 4096, 4097, 5000 };
	size_t k;

	for (k = 0; k < ARRAY_SIZE(sizes); k++) {
		struct afw_prefix_builder *b;
		struct afw_prefix_table *t;
		struct afw_prefix p;
		u32 n = sizes[k], i, bad = 0;

		CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
		for (i = 0; i < n; i++) {
			/* v4: 1.x.y.0/24 every other /24; v6: 2001:db8:i::/48 */
			u32 a = 0x01000000 + i * 512;

			memset(&p, 0, sizeof(p));
			p = (struct afw_prefix){ .family = AFW_INET, .len = 24,
				.app = 1 + i % 60000,
				.addr = { a >> 24, a >> 16, a >> 8 } };
			CHECK_INT(afw_prefix_builder_add(b, &p), 0);
			p = (struct afw_prefix){ .family = AFW_INET6, .len = 48,
				.app = 1 + (i + 7) % 60000,
				.addr = { 0x20, 0x01, 0x0d, 0xb8, i >> 8, i } };
			CHECK_INT(afw_prefix_builder_add(b, &p), 0);
		}
		t = build(b);
		for (i = 0; i < n; i++) {
			u32 a = 0x01000000 + i * 512;
			u8 v4[4][4] = {
				{ a >> 24, a >> 16, a >> 8, 0 },
				{ a >> 24, a >> 16, a >> 8, 255 },
				{ (a - 1) >> 24, (a - 1) >> 16, (a - 1) >> 8, 255 },
				{ (a + 256) >> 24, (a + 256) >> 16, (a + 256) >> 8, 0 },
			};
			u8 v6[3][16] = {
				{ 0x20, 0x01, 0x0d, 0xb8, i >> 8, i },
				{ 0x20, 0x01, 0x0d, 0xb8, i >> 8, i, 0xff, 0xff,
				  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
				{ 0x20, 0x01, 0x0d, 0xb8, (i - 1) >> 8, i - 1, 0xff,
				  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
			};

			bad += look_bytes(t, v4[0], false, NULL) != 1 + i % 60000;
			bad += look_bytes(t, v4[1], false, NULL) != 1 + i % 60000;
			bad += look_bytes(t, v4[2], false, NULL) != 0;
			bad += look_bytes(t, v4[3], false, NULL) != 0;
			bad += look_bytes(t, v6[0], true, NULL) != 1 + (i + 7) % 60000;
			bad += look_bytes(t, v6[1], true, NULL) != 1 + (i + 7) % 60000;
			bad += look_bytes(t, v6[2], true, NULL) != (i ? 1 + (i + 6) % 60000 : 0);
		}
		if (bad)
			unit_fail(__FILE__, __LINE__, "%u prefixes: %u wrong", n, bad);
		CHECK_INT(afw_prefix_table_count(t), 2 * n);
		afw_prefix_table_free(t);
		afw_prefix_builder_free(b);
	}
}

TEST(prefix_builder_errors)
{
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;
	struct afw_prefix p;

	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	CHECK_INT(add(b, "10.0.0.0/8", 1), 0);
	CHECK_INT(add(b, "10.0.0.0/8", 1), -EEXIST);
	CHECK_INT(add(b, "10.0.0.0/8", 2), -EEXIST);
	CHECK_INT(add(b, "10.0.0.0/9", 2), 0);
	CHECK_INT(add(b, "10.0.0.1/8", 2), -EINVAL);
	CHECK_INT(add(b, "11.0.0.0/8", 0), -EINVAL);
	CHECK_INT(add(b, "::/0", 3), 0);
	CHECK_INT(add(b, "::/0", 3), -EEXIST);
	CHECK_INT(afw_prefix_builder_count(b), 3);
	p = pfx("10.0.0.0/8", 0);
	CHECK_INT(afw_prefix_builder_get(b, &p), 1);
	p = pfx("10.0.0.0/10", 0);
	CHECK_INT(afw_prefix_builder_get(b, &p), 0);

	CHECK_INT(del(b, "10.0.0.0/8", 2), -ENOENT);
	CHECK_INT(del(b, "10.0.0.0/8", 0), -ENOENT);
	CHECK_INT(del(b, "12.0.0.0/8", 1), -ENOENT);
	CHECK_INT(del(b, "10.0.0.1/8", 1), -EINVAL);
	CHECK_INT(afw_prefix_builder_count(b), 3);
	CHECK_INT(del(b, "10.0.0.0/8", 1), 0);
	CHECK_INT(del(b, "10.0.0.0/8", 1), -ENOENT);
	CHECK_INT(afw_prefix_builder_count(b), 2);
	t = build(b);
	CHECK_INT(look(t, "10.200.0.0", NULL), 0);
	CHECK_INT(look(t, "10.1.0.0", NULL), 2);
	afw_prefix_table_free(t);

	CHECK_INT(add(b, "10.0.0.0/8", 4), 0);		/* revived */
	CHECK_INT(add(b, "10.128.0.0/9", 2), 0);
	CHECK_INT(add(b, "2001:db8::/32", 2), 0);
	CHECK_INT(afw_prefix_builder_del_app(b, 0), -EINVAL);
	CHECK_INT(afw_prefix_builder_del_app(b, 2), 0);
	CHECK_INT(afw_prefix_builder_count(b), 2);
	t = build(b);
	CHECK_INT(look(t, "10.1.0.0", NULL), 4);
	CHECK_INT(look(t, "10.200.0.0", NULL), 4);
	CHECK_INT(look(t, "2001:db8::1", NULL), 3);
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
}

TEST(prefix_seed_and_iterate)
{
	static const char *const sorted[] = {
		"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24",
		"192.0.2.0/24", "::/0", "2001:db8::/32", "2001:db8::/48",
		"2001:db8::1/128", "2001:db8:1::/48",
	};
	struct afw_prefix_builder *b, *b2;
	struct afw_prefix_table *t, *t2;
	struct afw_prefix p;
	char buf[64];
	u32 pos = 0, i;

	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	for (i = ARRAY_SIZE(sorted); i-- > 0;)
		CHECK_INT(add(b, sorted[i], 10 + i), 0);
	t = build(b);
	afw_prefix_builder_free(b);

	for (i = 0; afw_prefix_table_next(t, &pos, &p) == 0; i++) {
		if (i >= ARRAY_SIZE(sorted))
			break;
		CHECK_STR(fmt(&p, buf), sorted[i]);
		CHECK_INT(p.app, 10 + i);
		if (p.family == AFW_INET)
			CHECK(!memcmp(p.addr + 4, "\0\0\0\0\0\0\0\0\0\0\0\0", 12));
	}
	CHECK_INT(i, ARRAY_SIZE(sorted));
	CHECK_INT(afw_prefix_table_next(t, &pos, &p), -ENOENT);
	pos = 4;	/* resumes from a saved cursor */
	CHECK_INT(afw_prefix_table_next(t, &pos, &p), 0);
	CHECK_STR(fmt(&p, buf), sorted[4]);
	CHECK_INT(afw_prefix_table_next(NULL, &pos, &p), -ENOENT);

	CHECK_INT(afw_prefix_builder_new(&b2, t), 0);
	CHECK_INT(afw_prefix_builder_count(b2), ARRAY_SIZE(sorted));
	CHECK_INT(add(b2, "10.0.0.0/8", 1), -EEXIST);
	CHECK_INT(del(b2, "10.0.0.0/16", 12), 0);
	CHECK_INT(add(b2, "10.0.0.128/25", 1), 0);
	t2 = build(b2);
	afw_prefix_builder_free(b2);

	CHECK_INT(look(t, "10.0.2.0", NULL), 12);
	CHECK_INT(look(t, "10.0.0.200", NULL), 12);
	CHECK_INT(look(t2, "10.0.2.0", NULL), 11);
	CHECK_INT(look(t2, "10.0.0.200", NULL), 1);
	CHECK_INT(look(t2, "2001:db8::1", NULL), 18);
	CHECK_INT(afw_prefix_table_count(t2), ARRAY_SIZE(sorted));
	CHECK(afw_prefix_table_bytes(t2) > 0);
	afw_prefix_table_free(t);
	afw_prefix_table_free(t2);
}

/*
 * Randomized cross-check. The reference holds the prefixes sorted by
 * (family, address, length) and answers by trying each length present,
 * longest first, masking the address and searching for it.
 */
static int ref_cmp(const void *a, const void *b)
{
	const struct afw_prefix *x = a, *y = b;
	int c = x->family - y->family;

	if (!c)
		c = memcmp(x->addr, y->addr, 16);
	return c ? c : x->len - y->len;
}

static void mask(u8 *addr, u32 len)
{
	u32 i;

	for (i = 0; i < 16; i++, len = len > 8 ? len - 8 : 0)
		addr[i] &= len >= 8 ? 0xff : (u8)(0xff00 >> len);
}

static int cand_cmp(const void *a, const void *b)
{
	const struct afw_prefix *x = a, *y = b;
	int c = ref_cmp(a, b);

	return c ? c : x->app - y->app;
}

static const struct afw_prefix *ref_lookup(const struct afw_prefix *ref,
					   size_t n, const bool *lens,
					   u8 family, const u8 *addr)
{
	struct afw_prefix key = { .family = family };
	int len;

	for (len = family == AFW_INET ? 32 : 128; len >= 0; len--) {
		const struct afw_prefix *hit;

		if (!lens[len])
			continue;
		memcpy(key.addr, addr, 16);
		mask(key.addr, len);
		key.len = len;
		hit = bsearch(&key, ref, n, sizeof(key), ref_cmp);
		if (hit)
			return hit;
	}
	return NULL;
}

static u32 rnd(u64 *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(*s >> 33);
}

/* Clustered under a few bases, so that prefixes nest and collide. */
static void random_prefix(u64 *s, struct afw_prefix *p)
{
	u32 i;

	memset(p, 0, sizeof(*p));
	if (rnd(s) % 10 < 7) {
		p->family = AFW_INET;
		p->addr[0] = (u8[]){ 10, 192, 203, 100 }[rnd(s) % 4];
		for (i = 1; i < 4; i++)
			p->addr[i] = rnd(s) % 4 ? rnd(s) % 16 : rnd(s);
		p->len = 8 + rnd(s) % 25;
	} else {
		p->family = AFW_INET6;
		memcpy(p->addr, "\x20\x01\x0d\xb8", 4);
		for (i = 4; i < 16; i++)
			p->addr[i] = rnd(s) % 4 ? rnd(s) % 8 : rnd(s);
		p->len = 32 + rnd(s) % 97;
	}
	mask(p->addr, p->len);
}

/*
 * Adds random candidates (repeats must say -EEXIST), reseeds, deletes some
 * prefixes and one app, then compares iteration and lookups with the
 * reference. Returns the lookups that matched.
 */
static unsigned int random_check(u64 s, u32 candidates, u32 lookups)
{
	struct afw_prefix *ref = calloc(candidates, sizeof(*ref));
	struct afw_prefix *sorted = calloc(candidates, sizeof(*sorted));
	bool *repeat = calloc(candidates, sizeof(*repeat));
	bool lens4[33] = { 0 }, lens6[129] = { 0 };
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;
	unsigned int bad = 0, hits = 0;
	struct afw_prefix p, m;
	size_t n = 0, i, j;
	u32 pos = 0;

	/* Candidates; a sorted copy tells which repeat an earlier one. */
	for (i = 0; i < candidates; i++) {
		random_prefix(&s, &ref[i]);
		ref[i].app = 1 + rnd(&s) % 100;
		sorted[i] = ref[i];
		sorted[i].app = i;	/* qsort is not stable: order by index */
	}
	qsort(sorted, candidates, sizeof(*sorted), cand_cmp);
	for (i = 0; i < candidates; i++)
		repeat[sorted[i].app] = i && !ref_cmp(&sorted[i - 1], &sorted[i]);
	CHECK_INT(afw_prefix_builder_new(&b, NULL), 0);
	for (i = 0; i < candidates; i++) {
		CHECK_INT(afw_prefix_builder_add(b, &ref[i]),
			  repeat[i] ? -EEXIST : 0);
		if (!repeat[i])
			ref[n++] = ref[i];
	}
	/* Reseed, then delete some prefixes and one app. */
	t = build(b);
	afw_prefix_builder_free(b);
	CHECK_INT(afw_prefix_builder_new(&b, t), 0);
	afw_prefix_table_free(t);
	for (i = 0; i < n; i++) {
		if (ref[i].app == 5 || rnd(&s) % 10 == 0) {
			if (ref[i].app != 5)
				CHECK_INT(afw_prefix_builder_del(b, &ref[i]), 0);
			ref[i--] = ref[--n];
		}
	}
	CHECK_INT(afw_prefix_builder_del_app(b, 5), 0);
	CHECK_INT(afw_prefix_builder_count(b), n);
	t = build(b);
	CHECK_INT(afw_prefix_table_count(t), n);
	qsort(ref, n, sizeof(*ref), ref_cmp);
	for (i = 0; i < n; i++)
		(ref[i].family == AFW_INET ? lens4 : lens6)[ref[i].len] = true;

	/* Iteration gives the reference, in its order. */
	for (i = 0; afw_prefix_table_next(t, &pos, &p) == 0 && i < n; i++)
		if (ref_cmp(&p, &ref[i]) || p.app != ref[i].app)
			bad++;
	CHECK_INT(i, n);

	for (i = 0; i < lookups; i++) {
		const struct afw_prefix *want;
		u8 addr[16];
		u16 got;

		/* Half inside a known prefix, half near them. */
		if (rnd(&s) % 2) {
			const struct afw_prefix *e = &ref[rnd(&s) % n];

			p = *e;
			for (j = e->len; j < (e->family == AFW_INET ? 32U : 128U); j++)
				if (rnd(&s) % 2)
					p.addr[j / 8] |= 0x80 >> (j % 8);
		} else {
			random_prefix(&s, &p);
			for (j = 0; j < 16; j++)
				p.addr[j] ^= rnd(&s) % 4 ? 0 : rnd(&s);
			if (p.family == AFW_INET)
				memset(p.addr + 4, 0, 12);
		}
		memcpy(addr, p.addr, 16);
		want = ref_lookup(ref, n, p.family == AFW_INET ? lens4 : lens6,
				  p.family, addr);
		memset(&m, 0, sizeof(m));
		got = look_bytes(t, addr, p.family == AFW_INET6, &m);
		hits += !!want;
		if (got != (want ? want->app : 0) ||
		    (want && (ref_cmp(&m, want) || m.app != want->app))) {
			char b1[64], b2[64], b3[64];

			if (bad++ < 5)
				unit_fail(__FILE__, __LINE__, "%s: got %u %s, want %u %s",
					  fmt(&p, b1), got, got ? fmt(&m, b2) : "",
					  want ? want->app : 0,
					  want ? fmt(want, b3) : "");
		}
	}
	CHECK_INT(bad, 0);
	printf("    %zu prefixes, %u of %u lookups matched\n", n, hits, lookups);
	afw_prefix_table_free(t);
	afw_prefix_builder_free(b);
	free(ref);
	free(sorted);
	free(repeat);
	return hits;
}

TEST(prefix_random_vs_reference)
{
	unsigned int hits = random_check(7, 16000, 100000);

	/* The lookups must exercise matches and misses. */
	CHECK(hits > 50000 && hits < 95000);
}

/* Every prefix in one hash chain: only the compare tells them apart. */
TEST(prefix_hash_collisions)
{
	afw_prefix_hash_mask = 0;
	random_check(8, 1500, 20000);
	afw_prefix_hash_mask = U32_MAX;
}
