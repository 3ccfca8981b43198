// SPDX-License-Identifier: GPL-2.0
/*
 * appfw test NAME|ADDRESS: a dry run in the kernel. Whatever matches,
 * the answer is printed and the exit code is 0: "no app" is an answer.
 */
#include <errno.h>
#include <string.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "cli.h"
#include "genl.h"
#include "list.h"
#include "log.h"
#include "lookup.h"
#include "print.h"
#include "syntax.h"

static const char test_usage[] =
	"Usage: appfw test NAME|ADDRESS [-j|--json]\n"
	"\n"
	"Asks the kernel which app, and so which action, a flow to the host\n"
	"NAME (its TLS SNI or HTTP Host) or to the IPv4 or IPv6 ADDRESS would\n"
	"get, and which entry of the policy decides: an exact host beats any\n"
	"domain, a longer domain a shorter one, a longer prefix a shorter one.\n"
	"Nothing is changed and nothing is counted.\n";

static struct nla_policy lookup_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_LOOKUP_APP] = { .type = NLA_U16 },
	[APPFW_A_APP] = { .type = NLA_NESTED },
	[APPFW_A_LOOKUP_KIND] = { .type = NLA_U8 },
	[APPFW_A_LOOKUP_ENTRY] = { .type = NLA_STRING,
				   .maxlen = AFW_DOMAIN_LEN_MAX + 2 },
};

static struct nla_policy app_policy[APPFW_A_APP_MAX + 1] = {
	[APPFW_A_APP_ID] = { .type = NLA_U16 },
	[APPFW_A_APP_NAME] = { .type = NLA_STRING, .maxlen = APPFW_APP_NAME_LEN },
	[APPFW_A_APP_ACTION] = { .type = NLA_U8 },
};

int appfw_lookup_parse(struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[APPFW_A_MAX + 1], *app[APPFW_A_APP_MAX + 1];
	struct appfw_lookup *l = arg;

	memset(l, 0, sizeof(*l));
	if (genlmsg_parse(nlh, 0, tb, APPFW_A_MAX, lookup_policy) < 0 ||
	    !tb[APPFW_A_LOOKUP_APP])
		return -EPROTO;
	l->app = nla_get_u16(tb[APPFW_A_LOOKUP_APP]);
	if (l->app) {
		if (!tb[APPFW_A_APP] || !tb[APPFW_A_LOOKUP_KIND] ||
		    !tb[APPFW_A_LOOKUP_ENTRY] ||
		    nla_parse_nested(app, APPFW_A_APP_MAX, tb[APPFW_A_APP],
				     app_policy) < 0 ||
		    !app[APPFW_A_APP_NAME] || !app[APPFW_A_APP_ACTION])
			return -EPROTO;
		nla_strlcpy(l->name, app[APPFW_A_APP_NAME], sizeof(l->name));
		l->action = nla_get_u8(app[APPFW_A_APP_ACTION]);
		l->kind = nla_get_u8(tb[APPFW_A_LOOKUP_KIND]);
		nla_strlcpy(l->entry, tb[APPFW_A_LOOKUP_ENTRY],
			    sizeof(l->entry));
	}
	l->received = true;
	return 0;
}

/* In the words of the policy file. */
static const char *kind_str(uint8_t kind)
{
	switch (kind) {
	case APPFW_DOMAIN_SUFFIX:
		return "domain";
	case APPFW_DOMAIN_EXACT:
		return "host";
	case APPFW_PREFIX:
		return "prefix";
	case APPFW_LEARNED_ADDR:
		return "learned";
	}
	return "?";
}

int appfw_lookup_print(const char *query, const struct appfw_lookup *l)
{
	char buf[4];

	open_json_object(NULL);
	print_string(PRINT_ANY, "query", "%s: ", query);
	if (!l->app) {
		print_string(PRINT_FP, NULL, "no app\n", NULL);
		print_null(PRINT_JSON, "app", NULL);
		print_u64(PRINT_JSON, "app_id", NULL, 0);
		print_null(PRINT_JSON, "action", NULL);
		print_null(PRINT_JSON, "match", NULL);
		print_null(PRINT_JSON, "entry", NULL);
	} else {
		print_string(PRINT_ANY, "app", "%s", l->name);
		print_u64(PRINT_JSON, "app_id", NULL, l->app);
		print_string(PRINT_ANY, "action", " %s",
			     appfw_action_str(l->action, buf));
		print_string(PRINT_ANY, "match", " (%s", kind_str(l->kind));
		print_string(PRINT_ANY, "entry", " %s)\n", l->entry);
	}
	close_json_object();
	return print_end();
}

int appfw_lookup(struct afw_genl *g, const char *host, const uint8_t *addr,
		 size_t len, struct appfw_lookup *l)
{
	struct nl_msg *msg = afw_genl_msg(g, APPFW_CMD_LOOKUP, 0);
	int err;

	memset(l, 0, sizeof(*l));
	if (!msg)
		return -ENOMEM;
	if ((host ? nla_put_string(msg, APPFW_A_LOOKUP_HOST, host) :
		    nla_put(msg, APPFW_A_LOOKUP_ADDR, (int)len, addr)) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = afw_genl_talk(g, msg, appfw_lookup_parse, l);
	if (!err && !l->received)
		err = -EPROTO;
	return err;
}

int test_main(int argc, char *argv[])
{
	char name[AFW_DOMAIN_LEN_MAX + 1];
	struct appfw_lookup l;
	const char *query, *why;
	struct afw_genl g;
	uint8_t addr[16];
	size_t len = 0;
	int n, err;

	err = appfw_parse_args(argc, argv, test_usage, 1, 1, false, &query, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	/* An address is tried first: "1.2.3.4" is no valid host name. */
	if (afw_parse_addr(query, addr, &len) &&
	    afw_parse_domain(query, name, &why)) {
		afw_log("test: bad name or address \"%s\": %s", query, why);
		return 2;
	}
	err = afw_genl_open(&g);
	if (!err)
		err = appfw_lookup(&g, len ? NULL : name, addr, len, &l);
	if (err)
		afw_genl_perror(&g, err, "test");
	afw_genl_close(&g);
	if (err)
		return 1;
	return appfw_lookup_print(query, &l) ? 1 : 0;
}
