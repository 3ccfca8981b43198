// SPDX-License-Identifier: GPL-2.0
/*
 * What appfw list, show, test, status, config and monitor print, text and
 * JSON, for replies built here the way the module builds them; and the
 * replies the parsers must refuse.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "../../userspace/appfw/event.h"
#include "../../userspace/appfw/kernel.h"
#include "../../userspace/appfw/list.h"
#include "../../userspace/appfw/lookup.h"
#include "../../userspace/appfw/learned.h"
#include "../../userspace/appfw/status.h"
#include "print.h"
#include "reply.h"
#include "unit.h"

struct app_spec {
	uint16_t id;
	const char *name;
	uint8_t action;
	uint32_t domains, prefixes;
	uint64_t packets, bytes, flows, blocked;
};

static struct nl_msg *app_reply(const struct app_spec *s)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_APP);
	struct nlattr *app, *stats;

	app = nla_nest_start(msg, APPFW_A_APP);
	nla_put_u16(msg, APPFW_A_APP_ID, s->id);
	nla_put_string(msg, APPFW_A_APP_NAME, s->name);
	nla_put_u8(msg, APPFW_A_APP_ACTION, s->action);
	nla_put_u32(msg, APPFW_A_APP_FLAGS, 0);
	nla_put_u32(msg, APPFW_A_APP_DOMAINS, s->domains);
	nla_put_u32(msg, APPFW_A_APP_PREFIXES, s->prefixes);
	stats = nla_nest_start(msg, APPFW_A_APP_STATS);
	nla_put(msg, APPFW_A_STATS_PAD, 0, NULL);
	nla_put_u64(msg, APPFW_A_STATS_PACKETS, s->packets);
	nla_put_u64(msg, APPFW_A_STATS_BYTES, s->bytes);
	nla_put_u64(msg, APPFW_A_STATS_FLOWS, s->flows);
	nla_put_u64(msg, APPFW_A_STATS_BLOCKED, s->blocked);
	nla_nest_end(msg, stats);
	nla_nest_end(msg, app);
	return msg;
}

/* In dump order: by id, as the module sends them. */
static const struct app_spec apps[] = {
	{ 1, "wechat", APPFW_ACTION_BLOCK, 3, 2, 20, 1234, 4, 20 },
	{ 2, "tiktok", APPFW_ACTION_MONITOR, 0, 0, 0, 0, 0, 0 },
	{ 31000, "a-very-long-app-name-of-31-char", 9, 1, 0,
	  18446744073709551615ULL, 1, 2, 3 },
};

static void load_apps(struct afw_policy *pol)
{
	afw_policy_init(pol);
	/* Out of order on purpose: the output is sorted. */
	for (int i = 2; i >= 0; i--)
		CHECK_INT(unit_parse(app_reply(&apps[i]), appfw_parse_app, pol), 0);
}

static FILE *capture_fp;
static char *capture_buf;
static size_t capture_len;

static void capture(bool json)
{
	capture_fp = open_memstream(&capture_buf, &capture_len);
	print_set_output(capture_fp);
	print_set_json(json);
}

static char *captured(void)
{
	fclose(capture_fp);
	print_set_output(NULL);
	print_set_json(false);
	return capture_buf;
}

TEST(cli_list_output)
{
	struct afw_policy pol;
	char *out;

	load_apps(&pol);
	capture(false);
	CHECK_INT(appfw_list_print(&pol), 0);
	out = captured();
	CHECK_STR(out,
		  "ID     NAME                             ACTION   DOMAINS  PREFIXES  FLOWS               PACKETS  BYTES  BLOCKED\n"
		  "1      wechat                           block          3         2      4                    20   1234       20\n"
		  "2      tiktok                           monitor        0         0      0                     0      0        0\n"
		  "31000  a-very-long-app-name-of-31-char  9              1         0      2  18446744073709551615      1        3\n");
	free(out);

	capture(true);
	CHECK_INT(appfw_list_print(&pol), 0);
	out = captured();
	CHECK_STR(out,
		  "[{\"id\":1,\"name\":\"wechat\",\"action\":\"block\",\"domains\":3,\"prefixes\":2,"
		  "\"flows\":4,\"packets\":20,\"bytes\":1234,\"blocked\":20},"
		  "{\"id\":2,\"name\":\"tiktok\",\"action\":\"monitor\",\"domains\":0,\"prefixes\":0,"
		  "\"flows\":0,\"packets\":0,\"bytes\":0,\"blocked\":0},"
		  "{\"id\":31000,\"name\":\"a-very-long-app-name-of-31-char\",\"action\":\"9\","
		  "\"domains\":1,\"prefixes\":0,\"flows\":2,\"packets\":18446744073709551615,"
		  "\"bytes\":1,\"blocked\":3}]\n");
	free(out);
	afw_policy_free(&pol);

	/* No apps: nothing in text, an empty array in JSON. */
	afw_policy_init(&pol);
	capture(false);
	CHECK_INT(appfw_list_print(&pol), 0);
	out = captured();
	CHECK_STR(out, "");
	free(out);
	capture(true);
	CHECK_INT(appfw_list_print(&pol), 0);
	out = captured();
	CHECK_STR(out, "[]\n");
	free(out);
	afw_policy_free(&pol);
}

struct domain_spec {
	uint16_t app;
	const char *name;
	uint8_t kind;
};

static struct nl_msg *domains_reply(const struct domain_spec *d, int n)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_DOMAIN);
	struct nlattr *list = nla_nest_start(msg, APPFW_A_DOMAINS), *e;

	for (int i = 0; i < n; i++) {
		e = nla_nest_start(msg, 0);
		nla_put_u16(msg, APPFW_A_DOMAIN_APP, d[i].app);
		nla_put_string(msg, APPFW_A_DOMAIN_NAME, d[i].name);
		nla_put_u8(msg, APPFW_A_DOMAIN_KIND, d[i].kind);
		nla_nest_end(msg, e);
	}
	nla_nest_end(msg, list);
	return msg;
}

struct prefix_spec {
	uint16_t app;
	const char *addr;
	uint8_t len;
};

static struct nl_msg *prefixes_reply(const struct prefix_spec *p, int n)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_PREFIX);
	struct nlattr *list = nla_nest_start(msg, APPFW_A_PREFIXES), *e;
	uint8_t addr[16];

	for (int i = 0; i < n; i++) {
		bool v6 = strchr(p[i].addr, ':');

		inet_pton(v6 ? AF_INET6 : AF_INET, p[i].addr, addr);
		e = nla_nest_start(msg, 0);
		nla_put_u16(msg, APPFW_A_PREFIX_APP, p[i].app);
		nla_put(msg, APPFW_A_PREFIX_ADDR, v6 ? 16 : 4, addr);
		nla_put_u8(msg, APPFW_A_PREFIX_LEN, p[i].len);
		nla_nest_end(msg, e);
	}
	nla_nest_end(msg, list);
	return msg;
}

static const struct domain_spec wechat_domains[] = {
	{ 1, "weixin.qq.com", APPFW_DOMAIN_SUFFIX },
	{ 1, "mp.weixin.qq.com", APPFW_DOMAIN_EXACT },
	{ 1, "qq.com", APPFW_DOMAIN_SUFFIX },
};

static const struct prefix_spec wechat_prefixes[] = {
	{ 1, "2001:db8::", 32 },
	{ 1, "203.0.113.0", 24 },
};

TEST(cli_show_output)
{
	struct afw_policy pol;
	char *out;

	load_apps(&pol);
	/* Two messages, as a dump in two parts sends them. */
	CHECK_INT(unit_parse(domains_reply(wechat_domains, 2), appfw_parse_domains,
		       &pol), 0);
	CHECK_INT(unit_parse(domains_reply(wechat_domains + 2, 1),
		       appfw_parse_domains, &pol), 0);
	CHECK_INT(unit_parse(prefixes_reply(wechat_prefixes, 2), appfw_parse_prefixes,
		       &pol), 0);

	capture(false);
	CHECK_INT(appfw_show_print(&pol, "wechat"), 0);
	out = captured();
	CHECK_STR(out, "wechat: id 1, block\n"
		       "  flows 4, packets 20, bytes 1234, blocked 20\n"
		       "  domain qq.com\n"
		       "  domain weixin.qq.com\n"
		       "  host mp.weixin.qq.com\n"
		       "  prefix 203.0.113.0/24\n"
		       "  prefix 2001:db8::/32\n");
	free(out);

	capture(true);
	CHECK_INT(appfw_show_print(&pol, "wechat"), 0);
	out = captured();
	CHECK_STR(out, "{\"id\":1,\"name\":\"wechat\",\"action\":\"block\",\"domains\":3,"
		       "\"prefixes\":2,\"flows\":4,\"packets\":20,\"bytes\":1234,\"blocked\":20,"
		       "\"entries\":{\"domains\":[\"qq.com\",\"weixin.qq.com\"],"
		       "\"hosts\":[\"mp.weixin.qq.com\"],"
		       "\"prefixes\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}}\n");
	free(out);

	capture(true);
	CHECK_INT(appfw_show_print(&pol, "tiktok"), 0);
	out = captured();
	CHECK_STR(out, "{\"id\":2,\"name\":\"tiktok\",\"action\":\"monitor\",\"domains\":0,"
		       "\"prefixes\":0,\"flows\":0,\"packets\":0,\"bytes\":0,\"blocked\":0,"
		       "\"entries\":{\"domains\":[],\"hosts\":[],\"prefixes\":[]}}\n");
	free(out);

	capture(false);
	CHECK_INT(appfw_show_print(&pol, "nosuch"), -ENOENT);
	out = captured();
	CHECK_STR(out, "");
	free(out);
	afw_policy_free(&pol);
}

TEST(cli_malformed_policy_replies)
{
	static const struct app_spec bad_name = { .id = 3, .name = "Bad Name",
						  .action = 1 };
	static const struct domain_spec orphan = { 7, "qq.com", APPFW_DOMAIN_SUFFIX };
	static const struct domain_spec bad_kind = { 1, "qq.com", 3 };
	static const struct domain_spec bad_domain = { 1, "qq..com", 1 };
	static const struct prefix_spec host_bits = { 1, "203.0.113.1", 24 };
	static const struct prefix_spec orphan_prefix = { 7, "203.0.113.0", 24 };
	struct afw_policy pol;
	struct nl_msg *msg;
	struct nlattr *nest;

	load_apps(&pol);
	/* The same app twice. */
	CHECK_INT(unit_parse(app_reply(&apps[0]), appfw_parse_app, &pol), -EPROTO);
	CHECK_INT(unit_parse(app_reply(&bad_name), appfw_parse_app, &pol), -EPROTO);
	/* No name. */
	msg = unit_reply(APPFW_CMD_GET_APP);
	nest = nla_nest_start(msg, APPFW_A_APP);
	nla_put_u16(msg, APPFW_A_APP_ID, 4);
	nla_put_u8(msg, APPFW_A_APP_ACTION, 1);
	nla_nest_end(msg, nest);
	CHECK_INT(unit_parse(msg, appfw_parse_app, &pol), -EPROTO);
	/* No APPFW_A_APP at all. */
	CHECK_INT(unit_parse(unit_reply(APPFW_CMD_GET_APP), appfw_parse_app, &pol), -EPROTO);
	CHECK_INT(pol.napps, 3);

	/* An entry of an app the dump of apps did not show: the policy
	 * changed in between, read it again. */
	CHECK_INT(unit_parse(domains_reply(&orphan, 1), appfw_parse_domains, &pol),
		  -EINTR);
	CHECK_INT(unit_parse(prefixes_reply(&orphan_prefix, 1), appfw_parse_prefixes,
		       &pol), -EINTR);
	CHECK_INT(unit_parse(domains_reply(&bad_kind, 1), appfw_parse_domains, &pol),
		  -EPROTO);
	CHECK_INT(unit_parse(domains_reply(&bad_domain, 1), appfw_parse_domains, &pol),
		  -EPROTO);
	CHECK_INT(unit_parse(prefixes_reply(&host_bits, 1), appfw_parse_prefixes, &pol),
		  -EPROTO);
	/* A domain listed twice. */
	CHECK_INT(unit_parse(domains_reply(wechat_domains, 1), appfw_parse_domains,
		       &pol), 0);
	CHECK_INT(unit_parse(domains_reply(wechat_domains, 1), appfw_parse_domains,
		       &pol), -EPROTO);
	/* An address of 5 bytes, and a prefix reply without its list. */
	msg = unit_reply(APPFW_CMD_GET_PREFIX);
	nest = nla_nest_start(msg, APPFW_A_PREFIXES);
	{
		struct nlattr *e = nla_nest_start(msg, 0);

		nla_put_u16(msg, APPFW_A_PREFIX_APP, 1);
		nla_put(msg, APPFW_A_PREFIX_ADDR, 5, "\xcb\0\x71\0\0");
		nla_put_u8(msg, APPFW_A_PREFIX_LEN, 24);
		nla_nest_end(msg, e);
	}
	nla_nest_end(msg, nest);
	CHECK_INT(unit_parse(msg, appfw_parse_prefixes, &pol), -EPROTO);
	CHECK_INT(unit_parse(unit_reply(APPFW_CMD_GET_PREFIX), appfw_parse_prefixes, &pol),
		  -EPROTO);
	CHECK_INT(pol.nprefixes, 0);
	afw_policy_free(&pol);
}

static struct nl_msg *lookup_reply(uint16_t id, const char *name,
				   uint8_t action, uint8_t kind,
				   const char *entry)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_LOOKUP);
	struct nlattr *app;

	nla_put_u16(msg, APPFW_A_LOOKUP_APP, id);
	if (!id)
		return msg;
	app = nla_nest_start(msg, APPFW_A_APP);
	nla_put_u16(msg, APPFW_A_APP_ID, id);
	nla_put_string(msg, APPFW_A_APP_NAME, name);
	nla_put_u8(msg, APPFW_A_APP_ACTION, action);
	nla_put_u32(msg, APPFW_A_APP_FLAGS, 0);
	nla_nest_end(msg, app);
	nla_put_u8(msg, APPFW_A_LOOKUP_KIND, kind);
	if (entry)
		nla_put_string(msg, APPFW_A_LOOKUP_ENTRY, entry);
	return msg;
}

static char *lookup_output(const char *query, struct nl_msg *msg, bool json)
{
	struct appfw_lookup l;

	CHECK_INT(unit_parse(msg, appfw_lookup_parse, &l), 0);
	CHECK(l.received);
	capture(json);
	CHECK_INT(appfw_lookup_print(query, &l), 0);
	return captured();
}

TEST(cli_test_output)
{
	struct appfw_lookup l;
	char *out;

	out = lookup_output("WeiXin.qq.com.", lookup_reply(1, "wechat", 2,
				APPFW_DOMAIN_SUFFIX, "qq.com"), false);
	CHECK_STR(out, "WeiXin.qq.com.: wechat block (domain qq.com)\n");
	free(out);
	out = lookup_output("mp.weixin.qq.com", lookup_reply(1, "wechat", 4,
				APPFW_DOMAIN_EXACT, "mp.weixin.qq.com"), true);
	CHECK_STR(out, "{\"query\":\"mp.weixin.qq.com\",\"app\":\"wechat\",\"app_id\":1,"
		       "\"action\":\"monitor\",\"match\":\"host\",\"entry\":\"mp.weixin.qq.com\"}\n");
	free(out);
	out = lookup_output("2001:db8::1", lookup_reply(7, "v6", 3, APPFW_PREFIX,
				"2001:db8::/32"), false);
	CHECK_STR(out, "2001:db8::1: v6 reject (prefix 2001:db8::/32)\n");
	free(out);
	out = lookup_output("203.0.113.7", lookup_reply(2, "tiktok", 2,
				APPFW_LEARNED_ADDR, "203.0.113.7"), false);
	CHECK_STR(out, "203.0.113.7: tiktok block (learned 203.0.113.7)\n");
	free(out);
	out = lookup_output("example.org", lookup_reply(0, NULL, 0, 0, NULL), false);
	CHECK_STR(out, "example.org: no app\n");
	free(out);
	out = lookup_output("example.org", lookup_reply(0, NULL, 0, 0, NULL), true);
	CHECK_STR(out, "{\"query\":\"example.org\",\"app\":null,\"app_id\":0,"
		       "\"action\":null,\"match\":null,\"entry\":null}\n");
	free(out);

	/* A match without the entry that decided, or no answer at all. */
	CHECK_INT(unit_parse(lookup_reply(1, "wechat", 2, APPFW_DOMAIN_SUFFIX, NULL),
		       appfw_lookup_parse, &l), -EPROTO);
	CHECK_INT(unit_parse(unit_reply(APPFW_CMD_LOOKUP), appfw_lookup_parse, &l), -EPROTO);
}

/* A GET_STATUS reply with everything the module sends. */
static struct nl_msg *full_status(void)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_STATUS);
	struct nlattr *nest, *hook;

	nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
	nest = nla_nest_start(msg, APPFW_A_HOOKS);
	hook = nla_nest_start(msg, 0);
	nla_put_u8(msg, APPFW_A_HOOK_FAMILY, 2);
	nla_put_u8(msg, APPFW_A_HOOK_NUM, 2);
	nla_put_u64(msg, APPFW_A_HOOK_PACKETS, 5);
	nla_put_u64(msg, APPFW_A_HOOK_BYTES, 420);
	nla_nest_end(msg, hook);
	nla_nest_end(msg, nest);
	nla_put_u64(msg, APPFW_A_GENERATION, 42);
	nest = nla_nest_start(msg, APPFW_A_CONFIG);
	nla_put_u32(msg, APPFW_A_CONFIG_MARK_MASK, 0x00ff0000);
	nla_put_u8(msg, APPFW_A_CONFIG_SKB_MARK, 1);
	nla_put_u8(msg, APPFW_A_CONFIG_DEPTH, 8);
	nla_nest_end(msg, nest);
	nla_put_u32(msg, APPFW_A_POLICY_APPS, 3);
	nla_put_u32(msg, APPFW_A_POLICY_DOMAINS, 1000000);
	nla_put_u32(msg, APPFW_A_POLICY_PREFIXES, 7);
	nla_put_u64(msg, APPFW_A_POLICY_BYTES, 123456789);
	nest = nla_nest_start(msg, APPFW_A_FLOWS);
	nla_put_u32(msg, APPFW_A_FLOWS_ACTIVE, 2);
	nla_put_u32(msg, APPFW_A_FLOWS_LIMIT, 4096);
	nla_put_u64(msg, APPFW_A_FLOWS_EVICTED, 1);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, APPFW_A_COUNTERS);
	for (int c = APPFW_A_COUNTER_FLOWS_INSPECTED; c < APPFW_A_COUNTER_PAD; c++)
		nla_put_u64(msg, c, 100 + c);
	/* A counter of a newer module: skipped. */
	nla_put_u64(msg, APPFW_A_COUNTER_MAX + 5, 1);
	nla_nest_end(msg, nest);
	return msg;
}

TEST(cli_status_full_output)
{
	struct appfw_status st = { 0 };
	struct nl_msg *msg;
	char *out;

	CHECK_INT(unit_parse(full_status(), appfw_status_parse, &st), 0);
	capture(false);
	CHECK_INT(appfw_status_print(&st), 0);
	out = captured();
	CHECK_STR(out, "version: 0.1.0\n"
		       "module version: 0.1.0\n"
		       "generation: 42\n"
		       "config: mark-mask 0x00ff0000 skb-mark on depth 8\n"
		       "policy: 3 apps, 1000000 domains, 7 prefixes, 123456789 bytes\n"
		       "flow table: 2 active, limit 4096, 1 evicted\n"
		       "ipv4 forward: 5 packets, 420 bytes\n"
		       "flows inspected: 101\n"
		       "decided by sni: 102\n"
		       "decided by host: 103\n"
		       "decided by prefix: 104\n"
		       "decided as no app: 105\n"
		       "flow table full: 106\n"
		       "out of order: 107\n"
		       "malformed: 108\n"
		       "events dropped: 109\n");
	free(out);

	capture(true);
	CHECK_INT(appfw_status_print(&st), 0);
	out = captured();
	CHECK_STR(out, "{\"version\":\"0.1.0\",\"module_version\":\"0.1.0\",\"generation\":42,"
		       "\"config\":{\"mark_mask\":\"0x00ff0000\",\"skb_mark\":true,\"depth\":8},"
		       "\"policy\":{\"apps\":3,\"domains\":1000000,\"prefixes\":7,\"bytes\":123456789},"
		       "\"flow_table\":{\"active\":2,\"limit\":4096,\"evicted\":1},"
		       "\"hooks\":[{\"family\":\"ipv4\",\"hook\":\"forward\",\"packets\":5,\"bytes\":420}],"
		       "\"counters\":{\"flows_inspected\":101,\"decided_sni\":102,\"decided_host\":103,"
		       "\"decided_prefix\":104,\"decided_none\":105,\"table_full\":106,"
		       "\"out_of_order\":107,\"malformed\":108,\"events_dropped\":109}}\n");
	free(out);

	/* A module that knows agents: the config says fail-closed and
	 * learning, the agent is there or not, and the counters go on past
	 * APPFW_A_COUNTER_PAD. */
	msg = full_status();
	{
		struct nlattr *nest = nla_nest_start(msg, APPFW_A_AGENT);

		nla_put_u32(msg, APPFW_A_AGENT_PORTID, 4242);
		nla_put_u16(msg, APPFW_A_AGENT_QUEUE, 8);
		nla_put_u16(msg, APPFW_A_AGENT_QUEUES, 2);
		nla_nest_end(msg, nest);
		nest = nla_nest_start(msg, APPFW_A_COUNTERS);
		nla_put_u64(msg, APPFW_A_COUNTER_QUEUED, 7);
		nla_put_u64(msg, APPFW_A_COUNTER_LEARNED, 3);
		nla_nest_end(msg, nest);
	}
	memset(&st, 0, sizeof(st));
	CHECK_INT(unit_parse(msg, appfw_status_parse, &st), 0);
	CHECK(st.has_agent);
	CHECK_INT(st.agent_portid, 4242);
	CHECK_INT(st.agent_queue, 8);
	CHECK_INT(st.agent_queues, 2);
	CHECK_INT(st.counter[APPFW_A_COUNTER_QUEUED], 7);
	CHECK_INT(st.counter[APPFW_A_COUNTER_LEARNED], 3);
	st.config.has_fail_closed = st.config.has_learn = true;
	st.config.fail_closed = true;
	memset(st.has_counter, 0, sizeof(st.has_counter));
	st.has_counter[APPFW_A_COUNTER_QUEUED] = true;
	capture(false);
	CHECK_INT(appfw_status_print(&st), 0);
	out = captured();
	CHECK(strstr(out, "config: mark-mask 0x00ff0000 skb-mark on depth 8 fail-closed on learn off\n"));
	CHECK(strstr(out, "agent: portid 4242, first queue 8, 2 queues\n"));
	CHECK(strstr(out, "queued to the agent: 7\n"));
	free(out);
	capture(true);
	CHECK_INT(appfw_status_print(&st), 0);
	out = captured();
	CHECK(strstr(out, "\"fail_closed\":true,\"learn\":false}"));
	CHECK(strstr(out, "\"agent\":{\"registered\":true,\"portid\":4242,\"queue\":8,\"queues\":2}"));
	CHECK(strstr(out, "\"counters\":{\"queued\":7}"));
	free(out);
	st.has_agent = false;
	capture(false);
	CHECK_INT(appfw_status_print(&st), 0);
	out = captured();
	CHECK(strstr(out, "\nagent: none\n"));
	free(out);
	memset(&st, 0, sizeof(st));
	CHECK_INT(unit_parse(full_status(), appfw_status_parse, &st), 0);

	/* appfw config prints the same settings, a line each. */
	capture(false);
	appfw_config_print(&st.config, "\n");
	print_nl();
	out = captured();
	CHECK_STR(out, "mark-mask 0x00ff0000\nskb-mark on\ndepth 8\n");
	free(out);

	/* The policy sizes come together or not at all, and the flow table
	 * with its three numbers. */
	msg = full_status();
	nla_put_u32(msg, APPFW_A_POLICY_APPS, 3);
	memset(&st, 0, sizeof(st));
	CHECK_INT(unit_parse(msg, appfw_status_parse, &st), 0);
	msg = unit_reply(APPFW_CMD_GET_STATUS);
	nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
	nla_put(msg, APPFW_A_HOOKS, 0, NULL);
	nla_put_u32(msg, APPFW_A_POLICY_APPS, 3);
	memset(&st, 0, sizeof(st));
	CHECK_INT(unit_parse(msg, appfw_status_parse, &st), -EPROTO);
	msg = unit_reply(APPFW_CMD_GET_STATUS);
	nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
	nla_put(msg, APPFW_A_HOOKS, 0, NULL);
	{
		struct nlattr *flows = nla_nest_start(msg, APPFW_A_FLOWS);

		nla_put_u32(msg, APPFW_A_FLOWS_ACTIVE, 1);
		nla_nest_end(msg, flows);
	}
	memset(&st, 0, sizeof(st));
	CHECK_INT(unit_parse(msg, appfw_status_parse, &st), -EPROTO);
}

struct event_spec {
	int family;
	const char *saddr, *daddr;
	bool ports;
	uint8_t source, proto;
	const char *name, *entry;
};

static struct nl_msg *event_msg(const struct event_spec *e)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_EVENT);
	struct nlattr *nest = nla_nest_start(msg, APPFW_A_EVENT);
	uint8_t s[16], d[16];
	int alen = e->family == AF_INET ? 4 : 16;

	inet_pton(e->family, e->saddr, s);
	inet_pton(e->family, e->daddr, d);
	nla_put_u16(msg, APPFW_A_EVENT_APP, 1);
	nla_put_string(msg, APPFW_A_EVENT_APP_NAME, "wechat");
	nla_put_u8(msg, APPFW_A_EVENT_ACTION, APPFW_ACTION_BLOCK);
	nla_put_u8(msg, APPFW_A_EVENT_SOURCE, e->source);
	if (e->name)
		nla_put_string(msg, APPFW_A_EVENT_NAME, e->name);
	if (e->entry)
		nla_put_string(msg, APPFW_A_EVENT_ENTRY, e->entry);
	nla_put_u8(msg, APPFW_A_EVENT_FAMILY, (uint8_t)e->family);
	nla_put_u8(msg, APPFW_A_EVENT_PROTO, e->proto);
	nla_put(msg, APPFW_A_EVENT_SADDR, alen, s);
	nla_put(msg, APPFW_A_EVENT_DADDR, alen, d);
	if (e->ports) {
		nla_put_u16(msg, APPFW_A_EVENT_SPORT, htons(40000));
		nla_put_u16(msg, APPFW_A_EVENT_DPORT, htons(443));
	}
	nla_nest_end(msg, nest);
	return msg;
}

static char *event_output(const struct event_spec *e, bool json)
{
	/* 2024-05-06T07:08:09.123Z */
	struct timespec when = { 1714979289, 123456789 };
	struct appfw_event ev;
	struct nl_msg *msg = event_msg(e);

	CHECK_INT(appfw_event_parse(nlmsg_hdr(msg), &ev), 0);
	nlmsg_free(msg);
	capture(json);
	CHECK_INT(appfw_event_print(&ev, &when), 0);
	return captured();
}

TEST(cli_event_output)
{
	static const struct event_spec sni = {
		AF_INET, "192.0.2.2", "198.51.100.2", true, APPFW_SOURCE_SNI, 6,
		"weixin.qq.com", "qq.com"
	};
	static const struct event_spec prefix6 = {
		AF_INET6, "2001:db8:1::2", "2001:db8:2::2", true,
		APPFW_SOURCE_PREFIX, 17, NULL, "2001:db8:2::/48"
	};
	static const struct event_spec icmp = {
		AF_INET, "192.0.2.2", "203.0.113.9", false, APPFW_SOURCE_PREFIX,
		1, NULL, "203.0.113.0/24"
	};
	const char *tz = getenv("TZ");
	char *saved_tz = tz ? strdup(tz) : NULL;
	struct appfw_event ev;
	struct nl_msg *msg;
	char *out;

	/* Text shows local time; make it UTC for the test. */
	setenv("TZ", "UTC", 1);
	tzset();
	out = event_output(&sni, false);
	CHECK_STR(out, "07:08:09.123 wechat block sni weixin.qq.com entry qq.com "
		       "tcp 192.0.2.2:40000 -> 198.51.100.2:443\n");
	free(out);
	out = event_output(&sni, true);
	CHECK_STR(out, "{\"time\":\"2024-05-06T07:08:09.123Z\",\"app\":\"wechat\",\"app_id\":1,"
		       "\"action\":\"block\",\"source\":\"sni\",\"name\":\"weixin.qq.com\","
		       "\"entry\":\"qq.com\",\"family\":\"ipv4\",\"proto\":\"tcp\","
		       "\"saddr\":\"192.0.2.2\",\"sport\":40000,"
		       "\"daddr\":\"198.51.100.2\",\"dport\":443}\n");
	free(out);
	out = event_output(&prefix6, false);
	CHECK_STR(out, "07:08:09.123 wechat block prefix entry 2001:db8:2::/48 udp "
		       "[2001:db8:1::2]:40000 -> [2001:db8:2::2]:443\n");
	free(out);
	out = event_output(&icmp, true);
	CHECK_STR(out, "{\"time\":\"2024-05-06T07:08:09.123Z\",\"app\":\"wechat\",\"app_id\":1,"
		       "\"action\":\"block\",\"source\":\"prefix\",\"name\":null,"
		       "\"entry\":\"203.0.113.0/24\",\"family\":\"ipv4\",\"proto\":\"icmp\","
		       "\"saddr\":\"192.0.2.2\",\"sport\":null,"
		       "\"daddr\":\"203.0.113.9\",\"dport\":null}\n");
	free(out);
	out = event_output(&icmp, false);
	CHECK_STR(out, "07:08:09.123 wechat block prefix entry 203.0.113.0/24 icmp "
		       "192.0.2.2 -> 203.0.113.9\n");
	free(out);
	if (saved_tz)
		setenv("TZ", saved_tz, 1);
	else
		unsetenv("TZ");
	free(saved_tz);
	tzset();

	/* Another message of the family is no event; a bad one is refused. */
	msg = unit_reply(APPFW_CMD_GET_STATUS);
	CHECK_INT(appfw_event_parse(nlmsg_hdr(msg), &ev), -ENOENT);
	nlmsg_free(msg);
	msg = unit_reply(APPFW_CMD_EVENT);
	CHECK_INT(appfw_event_parse(nlmsg_hdr(msg), &ev), -EPROTO);
	nlmsg_free(msg);
	/* IPv4 with 16-byte addresses. */
	msg = unit_reply(APPFW_CMD_EVENT);
	{
		struct nlattr *nest = nla_nest_start(msg, APPFW_A_EVENT);

		nla_put_u16(msg, APPFW_A_EVENT_APP, 1);
		nla_put_string(msg, APPFW_A_EVENT_APP_NAME, "x");
		nla_put_u8(msg, APPFW_A_EVENT_ACTION, 2);
		nla_put_u8(msg, APPFW_A_EVENT_SOURCE, 3);
		nla_put_u8(msg, APPFW_A_EVENT_FAMILY, AF_INET);
		nla_put_u8(msg, APPFW_A_EVENT_PROTO, 6);
		nla_put(msg, APPFW_A_EVENT_SADDR, 16, "0123456789abcdef");
		nla_put(msg, APPFW_A_EVENT_DADDR, 16, "0123456789abcdef");
		nla_nest_end(msg, nest);
	}
	CHECK_INT(appfw_event_parse(nlmsg_hdr(msg), &ev), -EPROTO);
	nlmsg_free(msg);
}

static struct nl_msg *learned_reply(const void *addr, int alen, uint16_t app,
				    uint32_t ttl)
{
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_LEARNED);

	if (addr)
		nla_put(msg, APPFW_A_LEARN_ADDR, alen, addr);
	nla_put_u16(msg, APPFW_A_LEARN_APP, app);
	nla_put_u32(msg, APPFW_A_LEARN_TTL, ttl);
	return msg;
}

TEST(cli_learned_output)
{
	const uint8_t v4[4] = { 203, 0, 113, 7 };
	const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	struct appfw_learned_list l = { 0 };
	struct afw_policy pol;
	struct afw_app a = { .id = 2, .action = APPFW_ACTION_BLOCK };
	char *out;

	afw_policy_init(&pol);
	strcpy(a.name, "tiktok");
	CHECK_INT(afw_policy_add_app(&pol, &a, NULL), 0);
	CHECK_INT(unit_parse(learned_reply(v4, 4, 2, 30), appfw_learned_parse, &l), 0);
	CHECK_INT(unit_parse(learned_reply(v6, 16, 9, 1), appfw_learned_parse, &l), 0);
	/* An address of 5 bytes, or none. */
	CHECK_INT(unit_parse(learned_reply(v6, 5, 2, 1), appfw_learned_parse, &l), -EPROTO);
	CHECK_INT(unit_parse(learned_reply(NULL, 0, 2, 1), appfw_learned_parse, &l), -EPROTO);
	CHECK_INT(l.n, 2);

	capture(false);
	CHECK_INT(appfw_learned_print(&l, &pol), 0);
	out = captured();
	/* An app the policy lacks (deleted since) shows as its id. */
	CHECK_STR(out, "203.0.113.7 tiktok ttl 30s\n2001:db8::1 9 ttl 1s\n");
	free(out);
	capture(true);
	CHECK_INT(appfw_learned_print(&l, &pol), 0);
	out = captured();
	CHECK_STR(out, "[{\"address\":\"203.0.113.7\",\"app\":\"tiktok\",\"app_id\":2,\"ttl\":30},"
		       "{\"address\":\"2001:db8::1\",\"app\":\"9\",\"app_id\":9,\"ttl\":1}]\n");
	free(out);
	free(l.v);
	afw_policy_free(&pol);
}
