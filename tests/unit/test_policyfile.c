// SPDX-License-Identifier: GPL-2.0
/*
 * The policy file, without a kernel: valid files read as meant, every
 * error named with its line, and what the writer writes reads back the
 * same. Also the policy model's duplicate checks, which the parser's
 * errors rest on.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policyfile.h"
#include "unit.h"

/* Parses len bytes of text into pol; returns the error as "LINE: MSG"
 * (static), or "ok". */
static const char *parse_n(const char *text, size_t len,
			   struct afw_policy *pol)
{
	static char result[320];
	struct afw_policyfile_error err;
	FILE *fp = fmemopen((void *)text, len, "r");
	int ret;

	if (!fp)
		return "fmemopen failed";
	afw_policy_init(pol);
	ret = afw_policyfile_read(fp, pol, &err);
	fclose(fp);
	if (!ret)
		return "ok";
	snprintf(result, sizeof(result), "%u: %s", err.line, err.msg);
	if (ret != -EINVAL)
		snprintf(result, sizeof(result), "ret %d", ret);
	return result;
}

/* The same, for a text that is a C string; pol is freed. */
static const char *parse(const char *text)
{
	struct afw_policy pol;
	const char *r = parse_n(text, strlen(text), &pol);

	afw_policy_free(&pol);
	return r;
}

/* What the writer makes of pol (freed by the caller). */
static char *write_out(struct afw_policy *pol, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	*ret = afw_policyfile_write(fp, pol);
	fclose(fp);
	return buf;
}

static const char valid[] =
	"# a policy written by hand\n"
	"\n"
	"config mark-mask 0xFFFF0000   # trailing comment\n"
	"config skb-mark on\n"
	"   config depth 8\n"
	"app wechat 1 block\n"
	"domain wechat weixin.qq.com\n"
	"domain wechat WeChat.COM.\n"
	"host wechat mp.weixin.qq.com\n"
	"prefix wechat 203.0.113.0/24\n"
	"prefix\twechat\t2001:db8::/32\r\n"
	"app tiktok 3 reject\n"
	"# the same name as another kind is another entry\n"
	"host tiktok weixin.qq.com\n"
	"prefix tiktok 203.0.113.128/25\n"
	"app empty 2 monitor";	/* no newline at the end */

static const char valid_written[] =
	"# appfw policy: appfw restore FILE loads it\n"
	"config mark-mask 0xffff0000\n"
	"config skb-mark on\n"
	"config depth 8\n"
	"\n"
	"app wechat 1 block\n"
	"domain wechat wechat.com\n"
	"domain wechat weixin.qq.com\n"
	"host wechat mp.weixin.qq.com\n"
	"prefix wechat 203.0.113.0/24\n"
	"prefix wechat 2001:db8::/32\n"
	"\n"
	"app empty 2 monitor\n"
	"\n"
	"app tiktok 3 reject\n"
	"host tiktok weixin.qq.com\n"
	"prefix tiktok 203.0.113.128/25\n";

TEST(policyfile_valid)
{
	struct afw_policy pol;
	char *out;
	int ret;

	CHECK_STR(parse_n(valid, strlen(valid), &pol), "ok");
	CHECK_INT(pol.napps, 3);
	CHECK_INT(pol.ndomains, 4);
	CHECK_INT(pol.nprefixes, 3);
	CHECK_STR(pol.apps[0].name, "wechat");
	CHECK_INT(pol.apps[0].id, 1);
	CHECK_INT(pol.apps[0].action, APPFW_ACTION_BLOCK);
	CHECK_INT(pol.apps[0].line, 6);
	CHECK_INT(pol.apps[1].action, APPFW_ACTION_REJECT);
	CHECK_INT(pol.apps[2].action, APPFW_ACTION_MONITOR);
	CHECK_INT(pol.apps[2].line, 16);
	CHECK_STR(afw_policy_domain_name(&pol, &pol.domains[1]), "wechat.com");
	CHECK_INT(pol.domains[1].kind, APPFW_DOMAIN_SUFFIX);
	CHECK_INT(pol.domains[1].line, 8);
	CHECK_INT(pol.domains[2].kind, APPFW_DOMAIN_EXACT);
	CHECK_INT(pol.domains[3].app, 3);
	CHECK_INT(pol.prefixes[1].p.family, AFW_INET6);
	CHECK_INT(pol.prefixes[1].line, 11);
	CHECK(pol.config.has_mark_mask && pol.config.has_skb_mark &&
	      pol.config.has_depth);
	CHECK_INT(pol.config.mark_mask, 0xffff0000u);
	CHECK(pol.config.skb_mark);
	CHECK_INT(pol.config.depth, 8);

	out = write_out(&pol, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(out, valid_written);
	free(out);
	afw_policy_free(&pol);

	CHECK_STR(parse(""), "ok");
	CHECK_STR(parse("\n\n   \t\n# only comments\n#app x 1 block\n"), "ok");
}

TEST(policyfile_round_trip)
{
	struct afw_policy pol;
	char *first, *second;
	int ret;

	/* What save writes, restore reads into the same policy, which
	 * writes the very same text. */
	CHECK_STR(parse_n(valid_written, strlen(valid_written), &pol), "ok");
	first = write_out(&pol, &ret);
	CHECK_INT(ret, 0);
	afw_policy_free(&pol);
	CHECK_STR(parse_n(first, strlen(first), &pol), "ok");
	second = write_out(&pol, &ret);
	CHECK_STR(first, second);
	CHECK_STR(first, valid_written);
	free(first);
	free(second);
	afw_policy_free(&pol);

	/* A file without config lines writes none. */
	CHECK_STR(parse_n("app a 9 allow\n", 14, &pol), "ok");
	first = write_out(&pol, &ret);
	CHECK_STR(first, "# appfw policy: appfw restore FILE loads it\n\n"
			 "app a 9 allow\n");
	free(first);
	afw_policy_free(&pol);
}

TEST(policyfile_round_trip_large)
{
	enum { N = 20000 };
	size_t len = 0;
	char *text = NULL, *out, *again;
	FILE *fp = open_memstream(&text, &len);
	struct afw_policy pol;
	int ret;

	fprintf(fp, "app big 7 block\napp other 8 allow\n");
	for (int i = N - 1; i >= 0; i--)
		fprintf(fp, "%s %s d%d.example.com\n", i % 3 ? "domain" : "host",
			i % 2 ? "big" : "other", i);
	for (int i = 0; i < N; i++)
		fprintf(fp, "prefix big %d.%d.%d.0/24\n", 10 + i / 65536,
			(i / 256) % 256, i % 256);
	fclose(fp);

	CHECK_STR(parse_n(text, len, &pol), "ok");
	CHECK_INT(pol.ndomains, N);
	CHECK_INT(pol.nprefixes, N);
	out = write_out(&pol, &ret);
	CHECK_INT(ret, 0);
	afw_policy_free(&pol);
	CHECK_STR(parse_n(out, strlen(out), &pol), "ok");
	CHECK_INT(pol.ndomains, N);
	again = write_out(&pol, &ret);
	CHECK_STR(out, again);
	afw_policy_free(&pol);
	free(again);
	free(out);
	free(text);
}

TEST(policyfile_errors)
{
	char long_line[AFW_POLICYFILE_LINE_MAX + 16];

	CHECK_STR(parse("frob x y\n"),
		  "1: unknown directive \"frob\" (use app, domain, host, prefix or config)");
	CHECK_STR(parse("App x 1 block\n"),
		  "1: unknown directive \"App\" (use app, domain, host, prefix or config)");
	CHECK_STR(parse("\n\napp x 1\n"), "3: expected \"app NAME ID ACTION\"");
	CHECK_STR(parse("app x 1 block extra\n"),
		  "1: expected \"app NAME ID ACTION\"");
	CHECK_STR(parse("app x 1 block a b c d\n"),
		  "1: expected \"app NAME ID ACTION\"");
	CHECK_STR(parse("app x 1 block\ndomain x\n"),
		  "2: expected \"domain APP SUFFIX\"");
	CHECK_STR(parse("app x 1 block\nhost x a b\n"),
		  "2: expected \"host APP NAME\"");
	CHECK_STR(parse("prefix x\n"), "1: expected \"prefix APP CIDR\"");
	CHECK_STR(parse("config depth\n"), "1: expected \"config SETTING VALUE\"");

	CHECK_STR(parse("app WeChat 1 block\n"),
		  "1: bad app name \"WeChat\": use only a-z, 0-9, '_', '.', '-'");
	CHECK_STR(parse("app abcdefghijklmnopqrstuvwxyz012345 1 block\n"),
		  "1: bad app name \"abcdefghijklmnopqrstuvwxyz012345\": longer than 31 characters");
	CHECK_STR(parse("app x 0 block\n"), "1: bad app id \"0\": use 1 to 32767");
	CHECK_STR(parse("app x 32768 block\n"),
		  "1: bad app id \"32768\": use 1 to 32767");
	CHECK_STR(parse("app x one block\n"),
		  "1: bad app id \"one\": use 1 to 32767");
	CHECK_STR(parse("app x 1 drop\n"),
		  "1: bad action \"drop\": use block, reject, allow or monitor");
	CHECK_STR(parse("app x 1 block\napp x 2 allow\n"),
		  "2: app \"x\" already declared on line 1");
	CHECK_STR(parse("app x 1 block\n\napp y 1 allow\n"),
		  "3: app id 1 already used by \"x\" on line 1");

	CHECK_STR(parse("domain x qq.com\n"),
		  "1: unknown app \"x\" (declare it with an app line first)");
	CHECK_STR(parse("prefix x 192.0.2.0/24\napp x 1 block\n"),
		  "1: unknown app \"x\" (declare it with an app line first)");
	CHECK_STR(parse("app x 1 block\ndomain x qq..com\n"),
		  "2: bad domain \"qq..com\": empty label");
	CHECK_STR(parse("app x 1 block\nhost x 192.0.2.1\n"),
		  "2: bad host \"192.0.2.1\": last label is all digits (an IP address?)");
	CHECK_STR(parse("app x 1 block\ndomain x *.qq.com\n"),
		  "2: bad domain \"*.qq.com\": character other than letter, digit, '-', '_', '.'");
	CHECK_STR(parse("app x 1 block\napp y 2 block\ndomain x qq.com\n"
			"domain y QQ.com.\n"),
		  "4: domain \"qq.com\" already listed on line 3 (app x)");
	CHECK_STR(parse("app x 1 block\nhost x a.qq.com\nhost x a.qq.com\n"),
		  "3: host \"a.qq.com\" already listed on line 2 (app x)");

	CHECK_STR(parse("app x 1 block\nprefix x 10.0.0.1/8\n"),
		  "2: bad prefix \"10.0.0.1/8\": host bits set, did you mean 10.0.0.0/8?");
	CHECK_STR(parse("app x 1 block\nprefix x 10.0.0.0/33\n"),
		  "2: bad prefix \"10.0.0.0/33\": prefix length is not 0 to 32");
	CHECK_STR(parse("app x 1 block\nprefix x qq.com\n"),
		  "2: bad prefix \"qq.com\": not an IPv4 or IPv6 address");
	CHECK_STR(parse("app x 1 block\napp y 2 block\nprefix x 2001:db8::/32\n"
			"prefix y 2001:DB8:0::/32\n"),
		  "4: prefix 2001:db8::/32 already listed on line 3 (app x)");

	CHECK_STR(parse("config frob 1\n"),
		  "1: unknown config setting \"frob\" (use mark-mask, skb-mark, depth, fail-closed or learn)");
	CHECK_STR(parse("config depth 0\n"), "1: bad depth \"0\": use 1 to 32");
	CHECK_STR(parse("config mark-mask 0xff00ff00\n"),
		  "1: bad mark-mask \"0xff00ff00\": the bits must be contiguous");
	CHECK_STR(parse("config skb-mark yes\n"),
		  "1: bad skb-mark \"yes\": use on or off");
	CHECK_STR(parse("config depth 4\nconfig depth 4\n"),
		  "2: config depth already set on line 1");
	CHECK_STR(parse("config skb-mark on\nconfig mark-mask 0xf0\n"
			"config skb-mark off\n"),
		  "3: config skb-mark already set on line 1");

	/* A line of exactly the limit is fine, one more is not. */
	memset(long_line, ' ', sizeof(long_line));
	memcpy(long_line, "app x 1 block #", 15);
	long_line[AFW_POLICYFILE_LINE_MAX] = '\n';
	long_line[AFW_POLICYFILE_LINE_MAX + 1] = '\0';
	CHECK_STR(parse(long_line), "ok");
	long_line[AFW_POLICYFILE_LINE_MAX] = 'x';
	long_line[AFW_POLICYFILE_LINE_MAX + 1] = '\n';
	long_line[AFW_POLICYFILE_LINE_MAX + 2] = '\0';
	CHECK_STR(parse(long_line), "1: line longer than 1024 characters");
}

TEST(policyfile_bytes)
{
	static const char nul[] = "app x 1 block\nhost x a\0b.com\n";
	struct afw_policy pol;
	struct afw_policyfile_error err;
	FILE *fp;

	CHECK_STR(parse_n(nul, sizeof(nul) - 1, &pol), "2: NUL byte in the line");
	afw_policy_free(&pol);
	/* Bytes that are not ASCII are just bad words. */
	CHECK_STR(parse("app x 1 block\ndomain x \xc3\xa9.com\n"),
		  "2: bad domain \"\xc3\xa9.com\": character other than letter, digit, '-', '_', '.'");
	CHECK_STR(parse("\xff\xfe\n"),
		  "1: unknown directive \"\xff\xfe\" (use app, domain, host, prefix or config)");

	/* A read error is no line's fault. */
	fp = fopen("/", "r");
	CHECK(fp);
	if (!fp)
		return;
	afw_policy_init(&pol);
	CHECK_INT(afw_policyfile_read(fp, &pol, &err), -EIO);
	CHECK_INT(err.line, 0);
	CHECK_STR(err.msg, "read error: Is a directory");
	fclose(fp);
	afw_policy_free(&pol);
}

TEST(policy_model)
{
	struct afw_app app = { .id = 5, .action = APPFW_ACTION_BLOCK };
	struct afw_prefix p = { .family = AFW_INET, .len = 24,
				.addr = { 192, 0, 2 }, .app = 5 };
	struct afw_policy pol;
	size_t dup = 99;

	afw_policy_init(&pol);
	CHECK_INT(afw_policy_free_id(&pol), 1);
	strcpy(app.name, "e");
	CHECK_INT(afw_policy_add_app(&pol, &app, &dup), 0);
	app.id = 1;
	strcpy(app.name, "a");
	CHECK_INT(afw_policy_add_app(&pol, &app, &dup), 0);
	CHECK_INT(afw_policy_free_id(&pol), 2);
	app.id = 0;
	CHECK_INT(afw_policy_add_app(&pol, &app, &dup), -EINVAL);
	app.id = APPFW_APP_ID_MAX + 1;
	CHECK_INT(afw_policy_add_app(&pol, &app, &dup), -EINVAL);
	CHECK_INT(afw_policy_find_id(&pol, 5), 0);
	CHECK_INT(afw_policy_find_id(&pol, 2), -1);

	CHECK_INT(afw_policy_add_domain(&pol, "z.com", APPFW_DOMAIN_SUFFIX, 5, 0, &dup), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "a.com", APPFW_DOMAIN_SUFFIX, 1, 0, &dup), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "a.com", APPFW_DOMAIN_EXACT, 5, 0, &dup), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "b.com", APPFW_DOMAIN_SUFFIX, 2, 0, &dup),
		  -ENOENT);
	CHECK_INT(afw_policy_add_prefix(&pol, &p, 0, &dup), 0);

	/* After a sort, lookups and the duplicate checks still hold. */
	CHECK_INT(afw_policy_sort(&pol), 0);
	CHECK_INT(pol.apps[0].id, 1);
	CHECK_INT(afw_policy_find_app(&pol, "e"), 1);
	CHECK_INT(afw_policy_find_id(&pol, 5), 1);
	CHECK_STR(afw_policy_domain_name(&pol, &pol.domains[0]), "a.com");
	CHECK_INT(pol.domains[0].app, 1);
	CHECK_INT(pol.domains[1].kind, APPFW_DOMAIN_SUFFIX);
	CHECK_STR(afw_policy_domain_name(&pol, &pol.domains[1]), "z.com");
	CHECK_INT(afw_policy_add_domain(&pol, "z.com", APPFW_DOMAIN_SUFFIX, 1, 0, &dup),
		  -EEXIST);
	CHECK_INT(dup, 1);
	CHECK_INT(afw_policy_add_domain(&pol, "a.com", APPFW_DOMAIN_EXACT, 1, 0, &dup),
		  -EEXIST);
	CHECK_INT(dup, 2);
	p.app = 1;
	CHECK_INT(afw_policy_add_prefix(&pol, &p, 0, &dup), -EEXIST);
	CHECK_INT(dup, 0);
	CHECK_INT(afw_policy_add_domain(&pol, "y.com", APPFW_DOMAIN_SUFFIX, 1, 0, &dup), 0);
	CHECK_INT(pol.ndomains, 4);
	afw_policy_free(&pol);

	/* Every id taken. */
	for (unsigned int id = 1; id <= APPFW_APP_ID_MAX; id++) {
		app.id = (uint16_t)id;
		snprintf(app.name, sizeof(app.name), "a%u", id);
		if (afw_policy_add_app(&pol, &app, NULL))
			break;
	}
	CHECK_INT(pol.napps, APPFW_APP_ID_MAX);
	CHECK_INT(afw_policy_free_id(&pol), 0);
	CHECK_INT(afw_policy_find_app(&pol, "a32767"), APPFW_APP_ID_MAX - 1);
	afw_policy_free(&pol);
}

/* The file's contents (freed by the caller), or NULL. */
static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	FILE *in = fopen(path, "r");
	int c;

	if (!in) {
		fclose(out);
		free(buf);
		return NULL;
	}
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	fclose(out);
	return buf;
}

/* How many entries the directory has besides . and .. */
static int entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

TEST(policyfile_save_atomic)
{
	char dir[] = "/tmp/appfw-save-XXXXXX", path[64], link[64], sub[64];
	struct afw_policy pol;
	struct stat st;
	mode_t mask;
	char *text;

	CHECK(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/policy.conf", dir);
	snprintf(link, sizeof(link), "%s/link.conf", dir);
	snprintf(sub, sizeof(sub), "%s/no/such/dir/policy.conf", dir);
	CHECK_STR(parse_n(valid, strlen(valid), &pol), "ok");

	/* A new file: the writer's text, the mode > would give. */
	mask = umask(022);
	CHECK_INT(afw_policyfile_save(path, &pol), 0);
	text = slurp(path);
	CHECK_STR(text, valid_written);
	free(text);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0644);
	CHECK_INT(entries(dir), 1);

	/* An existing file keeps its mode; a link keeps pointing at it. */
	CHECK_INT(chmod(path, 0600), 0);
	CHECK_INT(symlink("policy.conf", link), 0);
	CHECK_INT(truncate(path, 0), 0);
	CHECK_INT(afw_policyfile_save(link, &pol), 0);
	text = slurp(path);
	CHECK_STR(text, valid_written);
	free(text);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	CHECK_INT(lstat(link, &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	CHECK_INT(entries(dir), 2);

	/* Failures leave nothing behind. */
	CHECK_INT(afw_policyfile_save(sub, &pol), -ENOENT);
	CHECK_INT(afw_policyfile_save(dir, &pol), -EISDIR);
	CHECK_INT(entries(dir), 2);
	umask(mask);

	unlink(link);
	unlink(path);
	rmdir(dir);
	afw_policy_free(&pol);
}
