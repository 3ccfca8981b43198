// SPDX-License-Identifier: GPL-2.0
/*
 * appfw status: versions, and the packets and bytes each hook of this
 * network namespace has seen.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
/* After libnl's headers: those bring glibc's netinet/in.h, which must
 * come before the kernel's linux/in.h. */
#include <linux/netfilter.h>

#include "appfw_version.h"
#include "cli.h"
#include "genl.h"
#include "print.h"
#include "status.h"

static const char status_usage[] =
	"Usage: appfw status [-j|--json]\n"
	"\n"
	"Shows the version of the tools and of the loaded module, the policy's\n"
	"generation (how many times it was replaced) and sizes, the\n"
	"configuration, the flow inspection table, the packets and bytes each\n"
	"appfw hook has seen in this network namespace, the agent (appfwd)\n"
	"if one is registered, and the global counters. Counters start at zero when the module first sees the\n"
	"namespace and are never reset.\n";

static struct nla_policy status_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_VERSION] = { .type = NLA_STRING, .maxlen = 32 },
	[APPFW_A_HOOKS] = { .type = NLA_NESTED },
	[APPFW_A_GENERATION] = { .type = NLA_U64 },
	[APPFW_A_CONFIG] = { .type = NLA_NESTED },
	[APPFW_A_POLICY_APPS] = { .type = NLA_U32 },
	[APPFW_A_POLICY_DOMAINS] = { .type = NLA_U32 },
	[APPFW_A_POLICY_PREFIXES] = { .type = NLA_U32 },
	[APPFW_A_POLICY_BYTES] = { .type = NLA_U64 },
	[APPFW_A_FLOWS] = { .type = NLA_NESTED },
	[APPFW_A_COUNTERS] = { .type = NLA_NESTED },
	[APPFW_A_AGENT] = { .type = NLA_NESTED },
};

static struct nla_policy agent_policy[APPFW_A_AGENT_MAX + 1] = {
	[APPFW_A_AGENT_QUEUE] = { .type = NLA_U16 },
	[APPFW_A_AGENT_QUEUES] = { .type = NLA_U16 },
	[APPFW_A_AGENT_PORTID] = { .type = NLA_U32 },
};

static struct nla_policy config_policy[APPFW_A_CONFIG_MAX + 1] = {
	[APPFW_A_CONFIG_MARK_MASK] = { .type = NLA_U32 },
	[APPFW_A_CONFIG_SKB_MARK] = { .type = NLA_U8 },
	[APPFW_A_CONFIG_DEPTH] = { .type = NLA_U8 },
	[APPFW_A_CONFIG_FAIL_CLOSED] = { .type = NLA_U8 },
	[APPFW_A_CONFIG_LEARN] = { .type = NLA_U8 },
};

static struct nla_policy flows_policy[APPFW_A_FLOWS_MAX + 1] = {
	[APPFW_A_FLOWS_ACTIVE] = { .type = NLA_U32 },
	[APPFW_A_FLOWS_LIMIT] = { .type = NLA_U32 },
	[APPFW_A_FLOWS_EVICTED] = { .type = NLA_U64 },
};

/* Text and JSON names of the global counters, by attribute type. */
static const struct {
	const char *key, *text;
} counters[APPFW_A_COUNTER_MAX + 1] = {
	[APPFW_A_COUNTER_FLOWS_INSPECTED] = { "flows_inspected", "flows inspected" },
	[APPFW_A_COUNTER_DECIDED_SNI] = { "decided_sni", "decided by sni" },
	[APPFW_A_COUNTER_DECIDED_HOST] = { "decided_host", "decided by host" },
	[APPFW_A_COUNTER_DECIDED_PREFIX] = { "decided_prefix", "decided by prefix" },
	[APPFW_A_COUNTER_DECIDED_NONE] = { "decided_none", "decided as no app" },
	[APPFW_A_COUNTER_TABLE_FULL] = { "table_full", "flow table full" },
	[APPFW_A_COUNTER_OUT_OF_ORDER] = { "out_of_order", "out of order" },
	[APPFW_A_COUNTER_MALFORMED] = { "malformed", "malformed" },
	[APPFW_A_COUNTER_EVENTS_DROPPED] = { "events_dropped", "events dropped" },
	[APPFW_A_COUNTER_QUEUED] = { "queued", "queued to the agent" },
	[APPFW_A_COUNTER_FALLBACK] = { "fallback", "fallback (no agent)" },
	[APPFW_A_COUNTER_DECIDED_QUIC] = { "decided_quic", "decided by quic sni" },
	[APPFW_A_COUNTER_DECIDED_LEARNED] = { "decided_learned",
					      "decided by learned address" },
	[APPFW_A_COUNTER_LEARNED] = { "learned", "addresses learned" },
};

static struct nla_policy hook_policy[APPFW_A_HOOK_MAX + 1] = {
	[APPFW_A_HOOK_FAMILY] = { .type = NLA_U8 },
	[APPFW_A_HOOK_NUM] = { .type = NLA_U8 },
	[APPFW_A_HOOK_PACKETS] = { .type = NLA_U64 },
	[APPFW_A_HOOK_BYTES] = { .type = NLA_U64 },
};

static int parse_hook(struct nlattr *entry, struct appfw_hook_counters *hc)
{
	struct nlattr *tb[APPFW_A_HOOK_MAX + 1];

	if (nla_parse_nested(tb, APPFW_A_HOOK_MAX, entry, hook_policy) < 0)
		return -EPROTO;
	if (!tb[APPFW_A_HOOK_FAMILY] || !tb[APPFW_A_HOOK_NUM] ||
	    !tb[APPFW_A_HOOK_PACKETS] || !tb[APPFW_A_HOOK_BYTES])
		return -EPROTO;
	hc->family = nla_get_u8(tb[APPFW_A_HOOK_FAMILY]);
	hc->hook = nla_get_u8(tb[APPFW_A_HOOK_NUM]);
	hc->packets = nla_get_u64(tb[APPFW_A_HOOK_PACKETS]);
	hc->bytes = nla_get_u64(tb[APPFW_A_HOOK_BYTES]);
	return 0;
}

static int parse_config(struct nlattr *nest, struct afw_config *c)
{
	struct nlattr *tb[APPFW_A_CONFIG_MAX + 1];

	if (nla_parse_nested(tb, APPFW_A_CONFIG_MAX, nest, config_policy) < 0)
		return -EPROTO;
	if (tb[APPFW_A_CONFIG_MARK_MASK]) {
		c->has_mark_mask = true;
		c->mark_mask = nla_get_u32(tb[APPFW_A_CONFIG_MARK_MASK]);
	}
	if (tb[APPFW_A_CONFIG_SKB_MARK]) {
		c->has_skb_mark = true;
		c->skb_mark = nla_get_u8(tb[APPFW_A_CONFIG_SKB_MARK]);
	}
	if (tb[APPFW_A_CONFIG_DEPTH]) {
		c->has_depth = true;
		c->depth = nla_get_u8(tb[APPFW_A_CONFIG_DEPTH]);
	}
	if (tb[APPFW_A_CONFIG_FAIL_CLOSED]) {
		c->has_fail_closed = true;
		c->fail_closed = nla_get_u8(tb[APPFW_A_CONFIG_FAIL_CLOSED]);
	}
	if (tb[APPFW_A_CONFIG_LEARN]) {
		c->has_learn = true;
		c->learn = nla_get_u8(tb[APPFW_A_CONFIG_LEARN]);
	}
	return 0;
}

static int parse_agent(struct nlattr *nest, struct appfw_status *st)
{
	struct nlattr *tb[APPFW_A_AGENT_MAX + 1];

	if (nla_parse_nested(tb, APPFW_A_AGENT_MAX, nest, agent_policy) < 0 ||
	    !tb[APPFW_A_AGENT_PORTID] || !tb[APPFW_A_AGENT_QUEUE] ||
	    !tb[APPFW_A_AGENT_QUEUES])
		return -EPROTO;
	st->has_agent = true;
	st->agent_portid = nla_get_u32(tb[APPFW_A_AGENT_PORTID]);
	st->agent_queue = nla_get_u16(tb[APPFW_A_AGENT_QUEUE]);
	st->agent_queues = nla_get_u16(tb[APPFW_A_AGENT_QUEUES]);
	return 0;
}

static int parse_flows(struct nlattr *nest, struct appfw_status *st)
{
	struct nlattr *tb[APPFW_A_FLOWS_MAX + 1];

	if (nla_parse_nested(tb, APPFW_A_FLOWS_MAX, nest, flows_policy) < 0 ||
	    !tb[APPFW_A_FLOWS_ACTIVE] || !tb[APPFW_A_FLOWS_LIMIT] ||
	    !tb[APPFW_A_FLOWS_EVICTED])
		return -EPROTO;
	st->has_flows = true;
	st->flows_active = nla_get_u32(tb[APPFW_A_FLOWS_ACTIVE]);
	st->flows_limit = nla_get_u32(tb[APPFW_A_FLOWS_LIMIT]);
	st->flows_evicted = nla_get_u64(tb[APPFW_A_FLOWS_EVICTED]);
	return 0;
}

/* Counters this version does not know are skipped, not refused: a newer
 * module may count more. */
static int parse_counters(struct nlattr *nest, struct appfw_status *st)
{
	struct nlattr *a;
	int rem;

	nla_for_each_nested(a, nest, rem) {
		int type = nla_type(a);

		if (type > APPFW_A_COUNTER_MAX || !counters[type].key)
			continue;
		if (nla_len(a) != sizeof(uint64_t))
			return -EPROTO;
		st->has_counter[type] = true;
		st->counter[type] = nla_get_u64(a);
	}
	return 0;
}

/* The optional parts of the reply, after version and hooks. */
static int parse_more(struct nlattr **tb, struct appfw_status *st)
{
	int err = 0;

	if (tb[APPFW_A_GENERATION]) {
		st->has_generation = true;
		st->generation = nla_get_u64(tb[APPFW_A_GENERATION]);
	}
	if (tb[APPFW_A_CONFIG]) {
		st->has_config = true;
		err = parse_config(tb[APPFW_A_CONFIG], &st->config);
	}
	if (tb[APPFW_A_POLICY_APPS] || tb[APPFW_A_POLICY_DOMAINS] ||
	    tb[APPFW_A_POLICY_PREFIXES] || tb[APPFW_A_POLICY_BYTES]) {
		if (!tb[APPFW_A_POLICY_APPS] || !tb[APPFW_A_POLICY_DOMAINS] ||
		    !tb[APPFW_A_POLICY_PREFIXES] || !tb[APPFW_A_POLICY_BYTES])
			return -EPROTO;
		st->has_sizes = true;
		st->apps = nla_get_u32(tb[APPFW_A_POLICY_APPS]);
		st->domains = nla_get_u32(tb[APPFW_A_POLICY_DOMAINS]);
		st->prefixes = nla_get_u32(tb[APPFW_A_POLICY_PREFIXES]);
		st->policy_bytes = nla_get_u64(tb[APPFW_A_POLICY_BYTES]);
	}
	if (!err && tb[APPFW_A_FLOWS])
		err = parse_flows(tb[APPFW_A_FLOWS], st);
	if (!err && tb[APPFW_A_COUNTERS])
		err = parse_counters(tb[APPFW_A_COUNTERS], st);
	if (!err && tb[APPFW_A_AGENT])
		err = parse_agent(tb[APPFW_A_AGENT], st);
	return err;
}

int appfw_status_parse(struct nlmsghdr *nlh, void *arg)
{
	struct appfw_status *st = arg;
	struct nlattr *tb[APPFW_A_MAX + 1];
	struct nlattr *entry;
	int rem, err;

	if (genlmsg_parse(nlh, 0, tb, APPFW_A_MAX, status_policy) < 0)
		return -EPROTO;
	if (((struct genlmsghdr *)nlmsg_data(nlh))->cmd != APPFW_CMD_GET_STATUS)
		return -EPROTO;
	if (!tb[APPFW_A_VERSION] || !tb[APPFW_A_HOOKS])
		return -EPROTO;
	nla_strlcpy(st->module_version, tb[APPFW_A_VERSION],
		    sizeof(st->module_version));
	st->nhooks = 0;
	nla_for_each_nested(entry, tb[APPFW_A_HOOKS], rem) {
		if (st->nhooks == APPFW_STATUS_MAX_HOOKS)
			return -EPROTO;
		err = parse_hook(entry, &st->hooks[st->nhooks]);
		if (err)
			return err;
		st->nhooks++;
	}
	err = parse_more(tb, st);
	if (err)
		return err;
	st->received = true;
	return 0;
}

static int hook_cmp(const void *a, const void *b)
{
	const struct appfw_hook_counters *x = a, *y = b;

	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	if (x->hook != y->hook)
		return x->hook < y->hook ? -1 : 1;
	return 0;
}

/* Unknown values come out as their number, so a newer module's hooks still
 * show rather than being silently dropped. */
static const char *family_name(uint8_t family, char *buf, size_t size)
{
	switch (family) {
	case NFPROTO_IPV4:
		return "ipv4";
	case NFPROTO_IPV6:
		return "ipv6";
	}
	snprintf(buf, size, "%u", family);
	return buf;
}

static const char *hook_name(uint8_t hook, char *buf, size_t size)
{
	switch (hook) {
	case NF_INET_PRE_ROUTING:
		return "prerouting";
	case NF_INET_LOCAL_IN:
		return "local_in";
	case NF_INET_FORWARD:
		return "forward";
	case NF_INET_LOCAL_OUT:
		return "local_out";
	case NF_INET_POST_ROUTING:
		return "postrouting";
	}
	snprintf(buf, size, "%u", hook);
	return buf;
}

void appfw_config_print(const struct afw_config *c, const char *sep)
{
	const char *next = "";
	char fmt[32], mask[16];

	if (c->has_mark_mask) {
		snprintf(mask, sizeof(mask), "0x%08" PRIx32, c->mark_mask);
		print_string(PRINT_ANY, "mark_mask", "mark-mask %s", mask);
		next = sep;
	}
	if (c->has_skb_mark) {
		snprintf(fmt, sizeof(fmt), "%sskb-mark %%s", next);
		print_string(PRINT_FP, NULL, fmt, c->skb_mark ? "on" : "off");
		print_bool(PRINT_JSON, "skb_mark", NULL, c->skb_mark);
		next = sep;
	}
	if (c->has_depth) {
		snprintf(fmt, sizeof(fmt), "%sdepth %%" PRIu64, next);
		print_u64(PRINT_ANY, "depth", fmt, c->depth);
		next = sep;
	}
	if (c->has_fail_closed) {
		snprintf(fmt, sizeof(fmt), "%sfail-closed %%s", next);
		print_string(PRINT_FP, NULL, fmt, c->fail_closed ? "on" : "off");
		print_bool(PRINT_JSON, "fail_closed", NULL, c->fail_closed);
		next = sep;
	}
	if (c->has_learn) {
		snprintf(fmt, sizeof(fmt), "%slearn %%s", next);
		print_string(PRINT_FP, NULL, fmt, c->learn ? "on" : "off");
		print_bool(PRINT_JSON, "learn", NULL, c->learn);
	}
}

/*
 * A module that knows agents says whether fail-closed is on: only then is
 * "no agent" news rather than a module too old to have one.
 */
static void print_agent(const struct appfw_status *st)
{
	if (!st->has_agent && !st->config.has_fail_closed)
		return;
	open_json_object("agent");
	print_bool(PRINT_JSON, "registered", NULL, st->has_agent);
	if (!st->has_agent) {
		print_string(PRINT_FP, NULL, "agent: none\n", NULL);
	} else {
		print_u64(PRINT_ANY, "portid", "agent: portid %" PRIu64,
			  st->agent_portid);
		print_u64(PRINT_ANY, "queue", ", first queue %" PRIu64,
			  st->agent_queue);
		print_u64(PRINT_ANY, "queues", ", %" PRIu64 " queues\n",
			  st->agent_queues);
	}
	close_json_object();
}

static void print_more(const struct appfw_status *st)
{
	if (st->has_generation)
		print_u64(PRINT_ANY, "generation", "generation: %" PRIu64 "\n",
			  st->generation);
	if (st->has_config) {
		print_string(PRINT_FP, NULL, "config: ", NULL);
		open_json_object("config");
		appfw_config_print(&st->config, " ");
		close_json_object();
		print_nl();
	}
	if (st->has_sizes) {
		open_json_object("policy");
		print_u64(PRINT_ANY, "apps", "policy: %" PRIu64 " apps", st->apps);
		print_u64(PRINT_ANY, "domains", ", %" PRIu64 " domains",
			  st->domains);
		print_u64(PRINT_ANY, "prefixes", ", %" PRIu64 " prefixes",
			  st->prefixes);
		print_u64(PRINT_ANY, "bytes", ", %" PRIu64 " bytes\n",
			  st->policy_bytes);
		close_json_object();
	}
	if (st->has_flows) {
		open_json_object("flow_table");
		print_u64(PRINT_ANY, "active", "flow table: %" PRIu64 " active",
			  st->flows_active);
		print_u64(PRINT_ANY, "limit", ", limit %" PRIu64,
			  st->flows_limit);
		print_u64(PRINT_ANY, "evicted", ", %" PRIu64 " evicted\n",
			  st->flows_evicted);
		close_json_object();
	}
	print_agent(st);
}

static void print_counters(const struct appfw_status *st)
{
	bool any = false;
	char fmt[48];

	for (int i = 0; i <= APPFW_A_COUNTER_MAX; i++)
		any |= st->has_counter[i];
	if (!any)
		return;
	open_json_object("counters");
	for (int i = 0; i <= APPFW_A_COUNTER_MAX; i++) {
		if (!st->has_counter[i])
			continue;
		snprintf(fmt, sizeof(fmt), "%s: %%" PRIu64 "\n",
			 counters[i].text);
		print_u64(PRINT_ANY, counters[i].key, fmt, st->counter[i]);
	}
	close_json_object();
}

int appfw_status_print(struct appfw_status *st)
{
	char fbuf[4], hbuf[4];

	qsort(st->hooks, st->nhooks, sizeof(st->hooks[0]), hook_cmp);
	open_json_object(NULL);
	print_string(PRINT_ANY, "version", "version: %s\n", APPFW_VERSION);
	print_string(PRINT_ANY, "module_version", "module version: %s\n",
		     st->module_version);
	print_more(st);
	open_json_array("hooks");
	for (unsigned int i = 0; i < st->nhooks; i++) {
		const struct appfw_hook_counters *hc = &st->hooks[i];

		open_json_object(NULL);
		print_string(PRINT_ANY, "family", "%s ",
			     family_name(hc->family, fbuf, sizeof(fbuf)));
		print_string(PRINT_ANY, "hook", "%s:",
			     hook_name(hc->hook, hbuf, sizeof(hbuf)));
		print_u64(PRINT_ANY, "packets", " %" PRIu64 " packets",
			  hc->packets);
		print_u64(PRINT_ANY, "bytes", ", %" PRIu64 " bytes",
			  hc->bytes);
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_counters(st);
	close_json_object();
	return print_end();
}

int appfw_status_get(struct afw_genl *g, struct appfw_status *st)
{
	struct nl_msg *msg = afw_genl_msg(g, APPFW_CMD_GET_STATUS, 0);
	int err;

	memset(st, 0, sizeof(*st));
	if (!msg)
		return -ENOMEM;
	err = afw_genl_talk(g, msg, appfw_status_parse, st);
	if (!err && !st->received)
		err = -EPROTO; /* acked without a reply */
	return err;
}

int status_main(int argc, char *argv[])
{
	struct appfw_status st;
	struct afw_genl g;
	int i, err;

	i = appfw_parse_opts(argc, argv, status_usage);
	if (i < 0)
		return i == APPFW_OPTS_HELP ? 0 : 2;
	if (i < argc)
		return appfw_usage_error(argv[0], argv[i], status_usage);

	err = afw_genl_open(&g);
	if (err) {
		afw_genl_perror(&g, err, "status");
		return 1;
	}
	err = appfw_status_get(&g, &st);
	if (err) {
		afw_genl_perror(&g, err, "status");
		afw_genl_close(&g);
		return 1;
	}
	afw_genl_close(&g);
	return appfw_status_print(&st) ? 1 : 0;
}
