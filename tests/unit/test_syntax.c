// SPDX-License-Identifier: GPL-2.0
/*
 * The words of a policy (lib/syntax.h): what the command line and the
 * policy file accept, what they refuse and in which words.
 */
#include <stdio.h>
#include <string.h>

#include "syntax.h"
#include "unit.h"

/* The reason a parse gave, or "ok". */
static const char *name_why(const char *s)
{
	const char *why = "ok";

	afw_parse_app_name(s, &why);
	return why;
}

TEST(syntax_app_names)
{
	CHECK_STR(name_why("wechat"), "ok");
	CHECK_STR(name_why("a"), "ok");
	CHECK_STR(name_why("qq_music-2.0"), "ok");
	CHECK_STR(name_why("abcdefghijklmnopqrstuvwxyz01234"), "ok");
	CHECK_STR(name_why("abcdefghijklmnopqrstuvwxyz012345"),
		  "longer than 31 characters");
	CHECK_STR(name_why(""), "empty name");
	CHECK_STR(name_why("WeChat"), "use only a-z, 0-9, '_', '.', '-'");
	CHECK_STR(name_why("we chat"), "use only a-z, 0-9, '_', '.', '-'");
	CHECK_STR(name_why("wé"), "use only a-z, 0-9, '_', '.', '-'");
	CHECK_STR(name_why("a/b"), "use only a-z, 0-9, '_', '.', '-'");
}

TEST(syntax_app_ids_and_numbers)
{
	const char *why = NULL;
	uint16_t id = 0;
	uint8_t depth = 0;

	CHECK_INT(afw_parse_app_id("1", &id, &why), 0);
	CHECK_INT(id, 1);
	CHECK_INT(afw_parse_app_id("32767", &id, &why), 0);
	CHECK_INT(id, 32767);
	id = 9;
	for (const char *bad = "0\0" "32768\0" "-1\0" "+1\0" "01\0" " 1\0"
			       "1 \0" "0x10\0" "\0" "99999999999999999999\0";
	     ; bad += strlen(bad) + 1) {
		CHECK_INT(afw_parse_app_id(bad, &id, &why), -EINVAL);
		if (!*bad)
			break;
	}
	CHECK_INT(id, 9);
	CHECK_STR(why, "use 1 to 32767");

	CHECK_INT(afw_parse_depth("1", &depth, &why), 0);
	CHECK_INT(afw_parse_depth("32", &depth, &why), 0);
	CHECK_INT(depth, 32);
	CHECK_INT(afw_parse_depth("33", &depth, &why), -EINVAL);
	CHECK_INT(afw_parse_depth("0", &depth, &why), -EINVAL);
	CHECK_INT(afw_parse_depth("08", &depth, &why), -EINVAL);
	CHECK_STR(why, "use 1 to 32");
}

TEST(syntax_actions)
{
	const char *why = NULL;
	uint8_t a = 0;

	CHECK_INT(afw_parse_action("block", &a, &why), 0);
	CHECK_INT(a, APPFW_ACTION_BLOCK);
	CHECK_INT(afw_parse_action("reject", &a, &why), 0);
	CHECK_INT(a, APPFW_ACTION_REJECT);
	CHECK_INT(afw_parse_action("allow", &a, &why), 0);
	CHECK_INT(a, APPFW_ACTION_ALLOW);
	CHECK_INT(afw_parse_action("monitor", &a, &why), 0);
	CHECK_INT(a, APPFW_ACTION_MONITOR);
	CHECK_INT(afw_parse_action("drop", &a, &why), -EINVAL);
	CHECK_INT(afw_parse_action("Block", &a, &why), -EINVAL);
	CHECK_INT(afw_parse_action("", &a, &why), -EINVAL);
	CHECK_STR(why, "use block, reject, allow or monitor");
	for (a = APPFW_ACTION_ALLOW; a <= APPFW_ACTION_MAX; a++) {
		uint8_t back = 0;

		CHECK_INT(afw_parse_action(afw_action_name(a), &back, &why), 0);
		CHECK_INT(back, a);
	}
	CHECK(!afw_action_name(0));
	CHECK(!afw_action_name(APPFW_ACTION_MAX + 1));
}

TEST(syntax_domains)
{
	char out[AFW_DOMAIN_LEN_MAX + 1], long_name[300];
	const char *why = NULL;

	CHECK_INT(afw_parse_domain("qq.com", out, &why), 0);
	CHECK_STR(out, "qq.com");
	/* The kernel's form: lowercase, no trailing dot. */
	CHECK_INT(afw_parse_domain("WeiXin.QQ.com.", out, &why), 0);
	CHECK_STR(out, "weixin.qq.com");
	CHECK_INT(afw_parse_domain("localhost", out, &why), 0);
	CHECK_INT(afw_parse_domain("_dmarc.x-y.example", out, &why), 0);
	CHECK_STR(out, "_dmarc.x-y.example");

	CHECK_INT(afw_parse_domain("", out, &why), -EINVAL);
	CHECK_STR(why, "empty name");
	CHECK_INT(afw_parse_domain("a..b", out, &why), -EINVAL);
	CHECK_STR(why, "empty label");
	CHECK_INT(afw_parse_domain("192.0.2.1", out, &why), -EINVAL);
	CHECK_STR(why, "last label is all digits (an IP address?)");
	CHECK_INT(afw_parse_domain("*.qq.com", out, &why), -EINVAL);
	CHECK_STR(why, "character other than letter, digit, '-', '_', '.'");
	CHECK_INT(afw_parse_domain("2001:db8::1", out, &why), -EINVAL);
	memset(long_name, 'a', 254);
	long_name[254] = '\0';
	for (int i = 50; i < 254; i += 50)
		long_name[i] = '.';
	CHECK_INT(afw_parse_domain(long_name, out, &why), -EINVAL);
	CHECK_STR(why, "name longer than 253 characters");
	long_name[253] = '\0';
	CHECK_INT(afw_parse_domain(long_name, out, &why), 0);
	CHECK_INT(strlen(out), 253);
}

/* Parses s, prints it back; "bad: <why>" if it is refused. */
static const char *prefix_round_trip(const char *s, char *buf)
{
	char why_buf[AFW_WHY_LEN];
	struct afw_prefix p;
	const char *why;

	if (afw_parse_prefix(s, &p, &why, why_buf)) {
		snprintf(buf, 160, "bad: %s", why);
		return buf;
	}
	afw_format_prefix(&p, buf);
	return buf;
}

TEST(syntax_prefixes)
{
	char buf[160], why_buf[AFW_WHY_LEN];
	struct afw_prefix p;
	const char *why;

	CHECK_STR(prefix_round_trip("203.0.113.0/24", buf), "203.0.113.0/24");
	CHECK_STR(prefix_round_trip("0.0.0.0/0", buf), "0.0.0.0/0");
	CHECK_STR(prefix_round_trip("203.0.113.7", buf), "203.0.113.7/32");
	CHECK_STR(prefix_round_trip("203.0.113.7/32", buf), "203.0.113.7/32");
	CHECK_STR(prefix_round_trip("2001:db8::/32", buf), "2001:db8::/32");
	CHECK_STR(prefix_round_trip("2001:DB8:0:0::/48", buf), "2001:db8::/48");
	CHECK_STR(prefix_round_trip("2001:db8::1", buf), "2001:db8::1/128");
	CHECK_STR(prefix_round_trip("::/0", buf), "::/0");
	CHECK_STR(prefix_round_trip("::ffff:192.0.2.0/120", buf),
		  "::ffff:192.0.2.0/120");

	/* Host bits: refused, with the network that was probably meant. */
	CHECK_STR(prefix_round_trip("10.0.0.1/8", buf),
		  "bad: host bits set, did you mean 10.0.0.0/8?");
	CHECK_STR(prefix_round_trip("203.0.113.128/25", buf), "203.0.113.128/25");
	CHECK_STR(prefix_round_trip("203.0.113.129/25", buf),
		  "bad: host bits set, did you mean 203.0.113.128/25?");
	CHECK_STR(prefix_round_trip("203.0.113.129/24", buf),
		  "bad: host bits set, did you mean 203.0.113.0/24?");
	CHECK_STR(prefix_round_trip("2001:db8::1/64", buf),
		  "bad: host bits set, did you mean 2001:db8::/64?");
	CHECK_STR(prefix_round_trip("2001:db8:ffff::/31", buf),
		  "bad: host bits set, did you mean 2001:db8::/31?");
	CHECK_STR(prefix_round_trip("1.2.3.4/0", buf),
		  "bad: host bits set, did you mean 0.0.0.0/0?");

	CHECK_STR(prefix_round_trip("203.0.113.0/33", buf),
		  "bad: prefix length is not 0 to 32");
	CHECK_STR(prefix_round_trip("2001:db8::/129", buf),
		  "bad: prefix length is not 0 to 128");
	for (const char *bad = "/24\0" "203.0.113.0/\0" "203.0.113.0/024\0"
			       "203.0.113.0/-1\0" "203.0.113.0/+8\0"
			       "203.0.113.0/8x\0" "203.0.113.0/ 8\0";
	     *bad; bad += strlen(bad) + 1)
		CHECK(!strncmp(prefix_round_trip(bad, buf), "bad: ", 5));
	CHECK_STR(prefix_round_trip("203.0.113/24", buf),
		  "bad: not an IPv4 or IPv6 address");
	CHECK_STR(prefix_round_trip("203.000.113.0/24", buf),
		  "bad: not an IPv4 or IPv6 address");
	CHECK_STR(prefix_round_trip("example.com/24", buf),
		  "bad: not an IPv4 or IPv6 address");
	CHECK_STR(prefix_round_trip("", buf), "bad: not an IPv4 or IPv6 address");
	CHECK_STR(prefix_round_trip("1111:2222:3333:4444:5555:6666:7777:8888:9999/64",
				    buf),
		  "bad: not an IPv4 or IPv6 address");

	/* What the kernel gets: family, length, bytes, nothing else. */
	CHECK_INT(afw_parse_prefix("198.51.100.0/24", &p, &why, why_buf), 0);
	CHECK_INT(p.family, AFW_INET);
	CHECK_INT(p.len, 24);
	CHECK_INT(p.app, 0);
	CHECK(!memcmp(p.addr, "\xc6\x33\x64\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
	CHECK_INT(afw_prefix_check(&p, NULL), 0);
}

TEST(syntax_addresses)
{
	uint8_t addr[16];
	size_t len = 0;

	CHECK_INT(afw_parse_addr("192.0.2.1", addr, &len), 0);
	CHECK_INT(len, 4);
	CHECK(!memcmp(addr, "\xc0\0\x02\x01", 4));
	CHECK_INT(afw_parse_addr("2001:db8::1", addr, &len), 0);
	CHECK_INT(len, 16);
	CHECK_INT(afw_parse_addr("qq.com", addr, &len), -EINVAL);
	CHECK_INT(afw_parse_addr("192.0.2.1/32", addr, &len), -EINVAL);
}

TEST(syntax_config_values)
{
	const char *why = NULL;
	uint32_t mask = 0;
	bool on = false;

	CHECK_INT(afw_parse_mark_mask("0xffff0000", &mask, &why), 0);
	CHECK_INT(mask, 0xffff0000u);
	CHECK_INT(afw_parse_mark_mask("FF00", &mask, &why), 0);
	CHECK_INT(mask, 0xff00);
	CHECK_INT(afw_parse_mark_mask("0xf", &mask, &why), 0);
	CHECK_INT(mask, 0xf);
	CHECK_INT(afw_parse_mark_mask("0xffffffff", &mask, &why), 0);
	CHECK_INT(mask, 0xffffffffu);
	CHECK_INT(afw_parse_mark_mask("0x7", &mask, &why), -EINVAL);
	CHECK_STR(why, "fewer than 4 bits");
	CHECK_INT(afw_parse_mark_mask("0xff00ff00", &mask, &why), -EINVAL);
	CHECK_STR(why, "the bits must be contiguous");
	CHECK_INT(afw_parse_mark_mask("0x0", &mask, &why), -EINVAL);
	CHECK_STR(why, "the bits must be contiguous");
	CHECK_INT(afw_parse_mark_mask("0x1ffff0000", &mask, &why), -EINVAL);
	CHECK_STR(why, "use up to 8 hex digits, e.g. 0xffff0000");
	CHECK_INT(afw_parse_mark_mask("0x", &mask, &why), -EINVAL);
	CHECK_INT(afw_parse_mark_mask("0xfg", &mask, &why), -EINVAL);
	CHECK_INT(afw_parse_mark_mask("-0xf", &mask, &why), -EINVAL);
	CHECK_INT(mask, 0xffffffffu);

	CHECK_INT(afw_parse_on_off("on", &on, &why), 0);
	CHECK(on);
	CHECK_INT(afw_parse_on_off("off", &on, &why), 0);
	CHECK(!on);
	CHECK_INT(afw_parse_on_off("yes", &on, &why), -EINVAL);
	CHECK_INT(afw_parse_on_off("ON", &on, &why), -EINVAL);
	CHECK_STR(why, "use on or off");
}

/* Each setting by name: set alone, the configuration has it and only it. */
TEST(syntax_config_settings)
{
	static const char *const values[AFW_CONFIG_SETTINGS] = {
		"0xffff0000", "on", "7", "off", "on",
	};
	char value[AFW_CONFIG_VALUE_LEN];
	const char *why = NULL;
	struct afw_config c;

	memset(&c, 0, sizeof(c));
	CHECK(!afw_config_any(&c));
	CHECK_INT(afw_config_find("frob"), -ENOENT);
	CHECK(!afw_config_name(AFW_CONFIG_SETTINGS));
	for (int k = 0; k < AFW_CONFIG_SETTINGS; k++) {
		memset(&c, 0, sizeof(c));
		CHECK_INT(afw_config_find(afw_config_name(k)), k);
		CHECK_INT(afw_config_set(&c, k, values[k], &why), 0);
		CHECK(afw_config_any(&c));
		for (int j = 0; j < AFW_CONFIG_SETTINGS; j++)
			CHECK(afw_config_get(&c, j, value) == (j == k));
		afw_config_get(&c, k, value);
		CHECK_STR(value, values[k]);
		memset(&c, 0, sizeof(c));
		CHECK_INT(afw_config_set(&c, k, "x", &why), -EINVAL);
		CHECK(!afw_config_any(&c));
	}
	CHECK_STR(afw_config_name(AFW_CONFIG_FAIL_CLOSED), "fail-closed");
}
