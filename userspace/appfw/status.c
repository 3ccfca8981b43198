// SPDX-License-Identifier: GPL-2.0
/*
 * appfw status: versions, and the packets and bytes each hook of this
 * network namespace has seen.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

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
	"Shows the version of the tools and of the loaded module, and the\n"
	"packets and bytes each appfw hook has seen in this network\n"
	"namespace since the module first saw it.\n";

static struct nla_policy status_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_VERSION] = { .type = NLA_STRING, .maxlen = 32 },
	[APPFW_A_HOOKS] = { .type = NLA_NESTED },
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

int appfw_status_print(struct appfw_status *st)
{
	char fbuf[4], hbuf[4];

	qsort(st->hooks, st->nhooks, sizeof(st->hooks[0]), hook_cmp);
	open_json_object(NULL);
	print_string(PRINT_ANY, "version", "version: %s\n", APPFW_VERSION);
	print_string(PRINT_ANY, "module_version", "module version: %s\n",
		     st->module_version);
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
	close_json_object();
	return print_end();
}

int status_main(int argc, char *argv[])
{
	struct appfw_status st = { 0 };
	struct afw_genl g;
	struct nl_msg *msg;
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
	msg = afw_genl_msg(&g, APPFW_CMD_GET_STATUS, 0);
	err = msg ? afw_genl_talk(&g, msg, appfw_status_parse, &st) : -ENOMEM;
	if (!err && !st.received)
		err = -EPROTO; /* acked without a reply */
	if (err) {
		afw_genl_perror(&g, err, "status");
		afw_genl_close(&g);
		return 1;
	}
	afw_genl_close(&g);
	return appfw_status_print(&st) ? 1 : 0;
}
