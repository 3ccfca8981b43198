// SPDX-License-Identifier: GPL-2.0
/*
 * The catalog parser and the checks across files: good files read as
 * meant, every bad input named with its file and line, directories laid
 * over each other, and lookups and search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "unit.h"

/* The result of one read as "LINE: MSG" (static), or "ok". */
static const char *result_of(int ret, const struct afw_catalog_error *err)
{
	static char result[400];

	if (!ret)
		return "ok";
	snprintf(result, sizeof(result), "%u: %s", err->line, err->msg);
	return result;
}

/* Reads text as the file named file into c. */
static const char *read_into(struct afw_catalog *c, const char *file,
			     const char *text, size_t len)
{
	struct afw_catalog_error err;
	FILE *fp = fmemopen((void *)text, len, "r");
	int ret;

	if (!fp)
		return "fmemopen failed";
	ret = afw_catalog_read(c, fp, file, &err);
	fclose(fp);
	if (ret && strcmp(err.file, file))
		return "error names the wrong file";
	return result_of(ret, &err);
}

/* Reads text into a fresh catalog and frees it. */
static const char *parse(const char *file, const char *text)
{
	struct afw_catalog *c;
	const char *r;

	if (afw_catalog_new(&c))
		return "no memory";
	r = read_into(c, file, text, strlen(text));
	afw_catalog_free(c);
	return r;
}

#define APP_HEAD "id = x\nname = X\nsource = s\n"

TEST(catalog_parse_app)
{
	static const char text[] =
		"# a comment\n"
		"id = wechat\r\n"
		"name = WeChat\n"
		"vendor = Tencent\n"
		"status = ok\n"
		"confidence = high\n"
		"\n"
		"domains = WeChat.com weixin.qq.com.\n"
		"\tservicewechat.com\n"
		"  # a comment inside a list\n"
		"  wx.qq.com\n"
		"hosts = mmsns.qpic.cn\n"
		"ipv4 = 203.0.113.0/24\n"
		"ipv6 = 2001:DB8::/32\n"
		"shared_domains = qq.com\n"
		"shared_ipv4 = 198.51.100.0/24 192.0.2.1\n"
		"ip_source = an ASN list\n"
		"source = first source\n"
		"  continued\n"
		"source = second source; with #7092\n"
		"overlap = wx.qq.com: a reason\n"
		"   that goes on\n"
		"notes = one\n"
		"\ttwo  \n";
	struct afw_catalog *c;
	const struct afw_catalog_app *a;

	CHECK_INT(afw_catalog_new(&c), 0);
	CHECK_STR(read_into(c, "wechat.app", text, sizeof(text) - 1), "ok");
	a = afw_catalog_app(c, "wechat");
	CHECK(a != NULL);
	if (!a)
		goto out;
	CHECK_STR(a->name, "WeChat");
	CHECK_STR(a->vendor, "Tencent");
	CHECK_INT(a->status, AFW_CATALOG_OK);
	CHECK_INT(a->confidence, AFW_CATALOG_CONFIDENCE_HIGH);
	CHECK_INT(a->domains.n, 4);
	CHECK_STR(a->domains.v[0].text, "wechat.com");
	CHECK_STR(a->domains.v[1].text, "weixin.qq.com");
	CHECK_STR(a->domains.v[3].text, "wx.qq.com");
	CHECK_INT(a->domains.v[3].line, 11);
	CHECK_INT(a->hosts.n, 1);
	CHECK_INT(a->prefixes.n, 2);
	CHECK_INT(a->prefixes.v[0].p.family, AFW_INET);
	CHECK_INT(a->prefixes.v[0].p.len, 24);
	CHECK_INT(a->prefixes.v[1].p.family, AFW_INET6);
	CHECK_INT(a->prefixes.v[1].p.addr[2], 0x0d);
	CHECK_INT(a->shared_domains.n, 1);
	CHECK_INT(a->shared_prefixes.n, 2);
	CHECK_INT(a->shared_prefixes.v[1].p.len, 32);
	CHECK_STR(a->ip_source, "an ASN list");
	CHECK_INT(a->sources.n, 2);
	CHECK_STR(a->sources.v[0].text, "first source continued");
	CHECK_STR(a->sources.v[1].text, "second source; with #7092");
	CHECK_INT(a->n_overlaps, 1);
	CHECK_STR(a->overlaps[0].name, "wx.qq.com");
	CHECK_STR(a->overlaps[0].reason, "a reason that goes on");
	CHECK_INT(a->overlaps[0].line, 21);
	CHECK_STR(a->notes, "one two");
	CHECK_STR(a->file, "wechat.app");
	CHECK_INT(afw_catalog_app_count(c), 1);
out:
	afw_catalog_free(c);
}

TEST(catalog_parse_minimal)
{
	struct afw_catalog *c;
	const struct afw_catalog_app *a;

	CHECK_INT(afw_catalog_new(&c), 0);
	CHECK_STR(read_into(c, "x.app", APP_HEAD "status = no-known-domains\n",
			    strlen(APP_HEAD) + 25), "ok");
	a = afw_catalog_app(c, "x");
	CHECK(a != NULL);
	if (a) {
		/* Optional texts read as "", never NULL. */
		CHECK_STR(a->vendor, "");
		CHECK_STR(a->notes, "");
		CHECK_STR(a->ip_source, "");
		CHECK_INT(a->confidence, AFW_CATALOG_CONFIDENCE_NONE);
		CHECK_STR(afw_catalog_status_name(a->status), "no-known-domains");
	}
	afw_catalog_free(c);
	CHECK_STR(parse("x.app", APP_HEAD "status = shared-only\n"
			"shared_domains = qq.com\n"), "ok");
	CHECK_STR(parse("x.app", APP_HEAD "status = ok\ndomains =\n"
			"\ta.com\n"), "ok");
}

static const struct {
	const char *file, *text, *want;
} bad[] = {
	{ "x.app", APP_HEAD "status = ok\ncolour = red\n",
	  "5: unknown key \"colour\" for an app" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\ndomains = b.com\n",
	  "6: duplicate key \"domains\" (first on line 5; continue a long value on indented lines)" },
	{ "x.app", APP_HEAD "status = ok\nname = Y\n",
	  "5: duplicate key \"name\" (first on line 2; continue a long value on indented lines)" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com ex!ample.com\n",
	  "5: bad domain \"ex!ample.com\": " },
	{ "x.app", APP_HEAD "status = ok\nhosts = 192.0.2.1\n",
	  "5: bad domain \"192.0.2.1\": " },
	{ "x.app", APP_HEAD "status = ok\nipv4 = 192.0.2.1/24\n",
	  "5: bad prefix \"192.0.2.1/24\": " },
	{ "x.app", APP_HEAD "status = ok\nipv4 = 2001:db8::/32\n",
	  "5: \"2001:db8::/32\" is not an IPv4 prefix" },
	{ "x.app", APP_HEAD "status = ok\nshared_ipv6 = 192.0.2.0/24\n",
	  "5: \"192.0.2.0/24\" is not an IPv6 prefix" },
	{ "x.app", APP_HEAD "status = ok\nipv6 = 2001:db8::1/32\n",
	  "5: bad prefix \"2001:db8::1/32\": " },
	{ "x.app", APP_HEAD "status = ok\nipv4 = 192.0.2.0/33\n",
	  "5: bad prefix \"192.0.2.0/33\": " },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\nhosts = A.com\n",
	  "6: \"a.com\" is listed twice (first on line 5)" },
	{ "x.app", APP_HEAD "status = ok\nipv4 = 192.0.2.0/24\nshared_ipv4 = 192.0.2.0/24\n",
	  "6: \"192.0.2.0/24\" is listed twice (first on line 5)" },
	{ "x.app", "name = X\nsource = s\nstatus = no-known-domains\n",
	  "0: missing key \"id\"" },
	{ "x.app", "id = x\nname = X\nstatus = no-known-domains\n",
	  "0: missing key \"source\"" },
	{ "x.app", APP_HEAD, "0: missing key \"status\"" },
	{ "x.app", "", "0: missing key \"id\"" },
	{ "x.app", "id = x\nname =\nsource = s\nstatus = no-known-domains\n",
	  "2: empty name" },
	{ "x.app", APP_HEAD "status = ok\n",
	  "4: status is \"ok\" but the lists make it \"no-known-domains\"" },
	{ "x.app", APP_HEAD "status = no-known-domains\nshared_domains = qq.com\n",
	  "4: status is \"no-known-domains\" but the lists make it \"shared-only\"" },
	{ "x.app", APP_HEAD "status = shared-only\nhosts = a.com\n",
	  "4: status is \"shared-only\" but the lists make it \"ok\"" },
	{ "x.app", APP_HEAD "status = fine\n",
	  "4: bad status \"fine\": use ok, shared-only or no-known-domains" },
	{ "x.app", APP_HEAD "status = ok ok\n", "4: status takes one word" },
	{ "x.app", APP_HEAD "confidence = total\n",
	  "4: bad confidence \"total\": use high, medium or low" },
	{ "x.app", "id = WeChat\n", "1: bad id \"WeChat\": use only a-z, 0-9, '_', '.', '-'" },
	{ "x.app", "id = abcdefghijklmnopqrstuvwxyz012345\n",
	  "1: bad id \"abcdefghijklmnopqrstuvwxyz012345\": longer than 31 characters" },
	{ "x.app", "id =\n", "1: id takes one word" },
	{ "x.app", "id = x\n  y\n", "2: id takes one word; it cannot continue" },
	{ "x.app", "  domains = a.com\n",
	  "1: indented line with no key above it to continue" },
	{ "x.app", "id x\n", "1: expected \"key = value\"" },
	{ "x.app", "= x\n", "1: expected \"key = value\"" },
	{ "x.app", "ID = x\n", "1: expected \"key = value\"" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\noverlap = b.com: why\n",
	  "6: overlap \"b.com\" is not one of this app's domains, hosts or prefixes" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\noverlap = a.com\n",
	  "6: expected \"overlap = NAME: REASON\"" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\noverlap = a.com:\n",
	  "6: expected \"overlap = NAME: REASON\"" },
	{ "x.app", APP_HEAD "status = ok\ndomains = a.com\noverlap = a.com: 1\noverlap = A.com.: 2\n",
	  "7: overlap \"a.com\" is declared twice (first on line 6)" },
	{ "x.app", APP_HEAD "status = ok\nipv4 = 192.0.2.0/24\noverlap = 192.0.2.0/25: why\n",
	  "6: overlap \"192.0.2.0/25\" is not one of this app's domains, hosts or prefixes" },
	{ "x.app", APP_HEAD "source =\n", "4: empty source" },
	{ "x.app", "id = x\nname = X\x01\n", "2: control character 0x01 in line" },
	{ "x.app", "apps = a\n", "1: unknown key \"apps\" for an app" },
	{ "x.group", "id = g\nname = G\napps = a b\n\tc a\n",
	  "4: \"a\" is listed twice (first on line 3)" },
	{ "x.group", "id = g\nname = G\napps = a B\n",
	  "3: bad app id \"B\": use only a-z, 0-9, '_', '.', '-'" },
	{ "x.group", "id = g\nname = G\napps =\n", "3: a group needs at least one app" },
	{ "x.group", "id = g\nname = G\n", "0: missing key \"apps\"" },
	{ "x.group", "id = g\nname = G\napps = a\nstatus = ok\n",
	  "4: unknown key \"status\" for a group" },
	{ "x.txt", "id = x\n",
	  "0: not a catalog file: the name ends in neither .app nor .group" },
};

TEST(catalog_parse_errors)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *got = parse(bad[i].file, bad[i].text);

		/* A want ending in ": " leaves the reason to syntax.h. */
		if (strncmp(got, bad[i].want, strlen(bad[i].want)) ||
		    (bad[i].want[strlen(bad[i].want) - 1] != ' ' &&
		     strcmp(got, bad[i].want)))
			unit_fail(__FILE__, __LINE__, "bad[%zu]: \"%s\" != \"%s\"",
				  i, got, bad[i].want);
	}
}

TEST(catalog_parse_bytes)
{
	static const char nul[] = "id = x\nname = X\0Y\n";
	char *line = malloc(AFW_CATALOG_LINE_MAX + 20);
	struct afw_catalog *c;

	CHECK_INT(afw_catalog_new(&c), 0);
	CHECK_STR(read_into(c, "x.app", nul, sizeof(nul) - 1),
		  "2: NUL byte in line");
	if (line) {
		memset(line, 'a', AFW_CATALOG_LINE_MAX + 19);
		memcpy(line, "notes = ", 8);
		line[AFW_CATALOG_LINE_MAX + 19] = '\0';
		CHECK_STR(parse("x.app", line), "1: line longer than 4096 characters");
		free(line);
	}
	/* A file that is not text at all. */
	CHECK_STR(read_into(c, "x.app", "\x7f" "ELF\x02\x01", 6),
		  "1: control character 0x02 in line");
	CHECK_STR(read_into(c, "x.app", "\x7f" "ELF", 4),
		  "1: expected \"key = value\"");
	CHECK_INT(afw_catalog_app_count(c), 0);
	afw_catalog_free(c);
}

/* The same id twice in one layer; a file's error leaves c unchanged. */
TEST(catalog_same_layer)
{
	static const char a[] = APP_HEAD "status = ok\ndomains = a.com\n";
	struct afw_catalog *c;

	CHECK_INT(afw_catalog_new(&c), 0);
	CHECK_STR(read_into(c, "one.app", a, strlen(a)), "ok");
	CHECK_STR(read_into(c, "two.app", a, strlen(a)),
		  "1: app \"x\" is already defined in one.app");
	CHECK_STR(read_into(c, "three.app", APP_HEAD "status = bad\n", 40),
		  "4: bad status \"bad\": use ok, shared-only or no-known-domains");
	CHECK_INT(afw_catalog_app_count(c), 1);
	CHECK_STR(afw_catalog_app_at(c, 0)->file, "one.app");
	afw_catalog_free(c);
}

/* Writes text to dir/sub/name, making dir/sub. */
static void put(const char *dir, const char *sub, const char *name,
		const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void rm_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK_INT(system(cmd), 0);
}

#define WECHAT(name) "id = wechat\nname = " name "\nstatus = ok\n" \
	"domains = wechat.com\nsource = s\n"

TEST(catalog_dirs)
{
	char sys[] = "/tmp/appfw-catalog-XXXXXX", local[] = "/tmp/appfw-catalog-XXXXXX";
	struct afw_catalog_error err;
	struct afw_catalog *c;
	int ret;

	CHECK(mkdtemp(sys) != NULL);
	CHECK(mkdtemp(local) != NULL);
	put(sys, "apps", "wechat.app", WECHAT("WeChat"));
	put(sys, "apps", "tiktok.app", "id = tiktok\nname = TikTok\n"
	    "status = no-known-domains\nsource = s\n");
	put(sys, "apps", "wechat.app~", "garbage");
	put(sys, "apps", ".hidden.app", "garbage");
	put(sys, "apps", "README", "garbage");
	put(sys, "groups", "china.group", "id = china\nname = C\n"
	    "apps = wechat tiktok\n");
	put(local, "apps", "wechat.app", WECHAT("WeChat (mine)"));

	CHECK_INT(afw_catalog_new(&c), 0);
	ret = afw_catalog_load_dir(c, sys, &err);
	CHECK_STR(result_of(ret, &err), "ok");
	CHECK_STR(afw_catalog_app(c, "wechat")->name, "WeChat");
	/* The operator's file replaces the system's whole entry. */
	ret = afw_catalog_load_dir(c, local, &err);
	CHECK_STR(result_of(ret, &err), "ok");
	CHECK_STR(afw_catalog_app(c, "wechat")->name, "WeChat (mine)");
	CHECK_INT(afw_catalog_app(c, "wechat")->layer, 1);
	CHECK_INT(afw_catalog_app_count(c), 2);
	CHECK_STR(afw_catalog_app_at(c, 0)->id, "tiktok");
	CHECK_STR(afw_catalog_app_at(c, 1)->id, "wechat");
	CHECK(afw_catalog_app_at(c, 2) == NULL);
	CHECK_INT(afw_catalog_group_count(c), 1);
	CHECK_INT(afw_catalog_group(c, "china")->apps.n, 2);
	CHECK_INT(afw_catalog_check_groups(c, &err), 0);
	afw_catalog_free(c);

	/* A file named for another id. */
	put(local, "apps", "tiktok.app", WECHAT("WeChat"));
	CHECK_INT(afw_catalog_new(&c), 0);
	ret = afw_catalog_load_dir(c, local, &err);
	CHECK_STR(result_of(ret, &err),
		  "1: id \"wechat\" does not match the file name (name it wechat.app)");
	CHECK(strstr(err.file, "/apps/tiktok.app") != NULL);
	afw_catalog_free(c);

	/* Neither apps/ nor groups/. */
	CHECK_INT(afw_catalog_new(&c), 0);
	CHECK_INT(afw_catalog_load_dir(c, "/nonexistent/appfw", &err), -ENOENT);
	CHECK_STR(err.msg, "no catalog here (neither apps/ nor groups/)");
	CHECK_INT(afw_catalog_load_file(c, "/nonexistent/x.app", &err), -ENOENT);
	CHECK_STR(err.file, "/nonexistent/x.app");
	afw_catalog_free(c);

	/* afw_catalog_open: the environment names the system catalog. */
	setenv(AFW_CATALOG_ENV, sys, 1);
	ret = afw_catalog_open(&c, &err);
	CHECK_STR(result_of(ret, &err), "ok");
	if (!ret) {
		CHECK(afw_catalog_app(c, "tiktok") != NULL);
		afw_catalog_free(c);
	}
	setenv(AFW_CATALOG_ENV, "/nonexistent/appfw", 1);
	CHECK_INT(afw_catalog_open(&c, &err), -ENOENT);
	unsetenv(AFW_CATALOG_ENV);
	rm_tree(sys);
	rm_tree(local);
}

/* A catalog of the given files, all in one layer. */
static struct afw_catalog *catalog_of(const char *const *files, size_t n)
{
	struct afw_catalog *c;

	if (afw_catalog_new(&c))
		return NULL;
	for (size_t i = 0; i < n; i += 2)
		CHECK_STR(read_into(c, files[i], files[i + 1],
				    strlen(files[i + 1])), "ok");
	return c;
}

static const char *check_groups(const char *const *files, size_t n)
{
	struct afw_catalog *c = catalog_of(files, n);
	struct afw_catalog_error err;
	static char r[600];
	int ret = afw_catalog_check_groups(c, &err);

	snprintf(r, sizeof(r), "%s:%s", err.file, result_of(ret, &err));
	afw_catalog_free(c);
	return ret ? r : "ok";
}

TEST(catalog_groups)
{
	const char *const good[] = {
		"a.app", "id = a\nname = A\nstatus = no-known-domains\nsource = s\n",
		"g.group", "id = g\nname = G\napps = a\n",
	};
	const char *const unknown[] = {
		"a.app", "id = a\nname = A\nstatus = no-known-domains\nsource = s\n",
		"g.group", "id = g\nname = G\napps = a\n\tb\n",
	};
	const char *const nested[] = {
		"h.group", "id = h\nname = H\napps = g\n",
		"g.group", "id = g\nname = G\napps = h\n",
	};
	const char *const clash[] = {
		"a.app", "id = a\nname = A\nstatus = no-known-domains\nsource = s\n",
		"a.group", "id = a\nname = G\napps = a\n",
	};

	CHECK_STR(check_groups(good, 4), "ok");
	CHECK_STR(check_groups(unknown, 4), "g.group:4: unknown app \"b\"");
	CHECK_STR(check_groups(nested, 4),
		  "g.group:3: \"h\" is a group; a group lists apps");
	CHECK_STR(check_groups(clash, 4),
		  "a.group:0: group \"a\" has the id of the app in a.app");
}

static const char *check_overlaps(const char *const *files, size_t n)
{
	struct afw_catalog *c = catalog_of(files, n);
	struct afw_catalog_error err;
	static char r[600];
	int ret = afw_catalog_check_overlaps(c, &err);

	snprintf(r, sizeof(r), "%s:%s", err.file, result_of(ret, &err));
	afw_catalog_free(c);
	return ret ? r : "ok";
}

#define OWNS(id, lists) "id = " id "\nname = N\nstatus = ok\nsource = s\n" lists

TEST(catalog_overlaps)
{
	const char *const apart[] = {
		"a.app", OWNS("a", "domains = a.com\nhosts = x.b.com\n"),
		"b.app", OWNS("b", "domains = b.org\nshared_domains = a.com\n"),
	};
	const char *const same[] = {
		"a.app", OWNS("a", "domains = a.com\n"),
		"b.app", OWNS("b", "domains = z.com\n\ta.com\n"),
	};
	const char *const half[] = {
		"a.app", OWNS("a", "domains = a.com\noverlap = a.com: both\n"),
		"b.app", OWNS("b", "hosts = a.com\n"),
	};
	const char *const both[] = {
		"a.app", OWNS("a", "domains = a.com\noverlap = a.com: both\n"),
		"b.app", OWNS("b", "hosts = a.com\noverlap = a.com: both\n"),
		"c.app", OWNS("c", "domains = a.com\noverlap = a.com: all\n"),
	};
	const char *const under[] = {
		"a.app", OWNS("a", "domains = qq.com\n"),
		"b.app", OWNS("b", "hosts = mail.x.qq.com\n"),
	};
	const char *const under_declared[] = {
		"a.app", OWNS("a", "domains = qq.com\noverlap = qq.com: r\n"),
		"b.app", OWNS("b", "hosts = mail.x.qq.com\noverlap = mail.x.qq.com: r\n"),
	};
	/* A host holds nothing under it. */
	const char *const under_host[] = {
		"a.app", OWNS("a", "hosts = qq.com\n"),
		"b.app", OWNS("b", "hosts = mail.qq.com\n"),
	};
	const char *const stale[] = {
		"a.app", OWNS("a", "domains = a.com\noverlap = a.com: once\n"),
	};
	const char *const prefixes[] = {
		"a.app", OWNS("a", "ipv6 = 2001:db8::/32\n"),
		"b.app", OWNS("b", "ipv6 = 2001:db8:1::/48\nipv4 = 192.0.2.0/24\n"),
	};
	const char *const prefixes_ok[] = {
		"a.app", OWNS("a", "ipv6 = 2001:db8::/32\noverlap = 2001:DB8::/32: r\n"),
		"b.app", OWNS("b", "ipv6 = 2001:db8:1::/48\n"
			      "overlap = 2001:db8:1::/48: r\nipv4 = 192.0.2.0/24\n"),
		"c.app", OWNS("c", "ipv4 = 192.0.3.0/24\n"),
	};

	CHECK_STR(check_overlaps(apart, 4), "ok");
	CHECK_STR(check_overlaps(same, 4),
		  "a.app:5: \"a.com\" is also owned by b (b.app:6); if both use it, declare \"overlap = a.com: REASON\" in both");
	CHECK_STR(check_overlaps(half, 4),
		  "b.app:5: \"a.com\" is also owned by a (a.app:5); if both use it, declare \"overlap = a.com: REASON\" in both");
	CHECK_STR(check_overlaps(both, 6), "ok");
	CHECK_STR(check_overlaps(under, 4),
		  "a.app:5: \"qq.com\" overlaps \"mail.x.qq.com\" of b (b.app:5); if both use it, declare the overlap in both");
	CHECK_STR(check_overlaps(under_declared, 4), "ok");
	CHECK_STR(check_overlaps(under_host, 4), "ok");
	CHECK_STR(check_overlaps(stale, 2),
		  "a.app:6: overlap \"a.com\" is declared, but no other app owns it, a name under it or one above it");
	CHECK_STR(check_overlaps(prefixes, 4),
		  "a.app:5: \"2001:db8::/32\" overlaps \"2001:db8:1::/48\" of b (b.app:5); if both use it, declare the overlap in both");
	CHECK_STR(check_overlaps(prefixes_ok, 6), "ok");
}

TEST(catalog_search)
{
	const char *const files[] = {
		"wechat.app", "id = wechat\nname = WeChat\nvendor = Tencent\n"
			"status = ok\nsource = s\ndomains = weixin.qq.com\n"
			"hosts = mmsns.qpic.cn\nshared_domains = gtimg.com\n",
		"india-2020.group", "id = india-2020\nname = Banned in India\n"
			"apps = wechat\n",
	};
	struct afw_catalog *c = catalog_of(files, 4);
	const struct afw_catalog_app *a = afw_catalog_app(c, "wechat");
	const struct afw_catalog_group *g = afw_catalog_group(c, "india-2020");
	const char *key = "unset";

	CHECK(a && g);
	if (!a || !g)
		goto out;
	CHECK_STR(afw_catalog_app_match(a, "CHAT", &key), "wechat");
	CHECK_STR(key, "id");
	CHECK_STR(afw_catalog_app_match(a, "WeCh", NULL), "wechat");
	CHECK_STR(afw_catalog_app_match(a, "tencent", &key), "Tencent");
	CHECK_STR(key, "vendor");
	CHECK_STR(afw_catalog_app_match(a, "qq.com", &key), "weixin.qq.com");
	CHECK_STR(key, "domains");
	CHECK_STR(afw_catalog_app_match(a, "qpic", &key), "mmsns.qpic.cn");
	CHECK_STR(key, "hosts");
	CHECK_STR(afw_catalog_app_match(a, "gtimg", &key), "gtimg.com");
	CHECK_STR(key, "shared_domains");
	CHECK(afw_catalog_app_match(a, "tiktok", &key) == NULL);
	CHECK(key == NULL);
	CHECK_STR(afw_catalog_group_match(g, "india", &key), "india-2020");
	CHECK_STR(afw_catalog_group_match(g, "banned", &key), "Banned in India");
	CHECK_STR(key, "name");
	CHECK(afw_catalog_group_match(g, "wechat", NULL) == NULL);
	CHECK(afw_catalog_app(c, "india-2020") == NULL);
	CHECK(afw_catalog_group(c, "wechat") == NULL);
	CHECK(afw_catalog_app(c, "") == NULL);
out:
	afw_catalog_free(c);
}
