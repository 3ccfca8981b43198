// SPDX-License-Identifier: GPL-2.0
/*
 * appfw config: the configuration is part of the policy, so a change is a
 * transaction like any other and goes into the policy file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "log.h"
#include "print.h"
#include "status.h"
#include "syntax.h"

static const char config_usage[] =
	"Usage: appfw config [--mark-mask HEX] [--skb-mark on|off] [--depth N] [--fail-closed on|off] [--learn on|off] [-j|--json]\n"
	"\n"
	"Without options, prints the configuration; with them, changes it:\n"
	"  --mark-mask HEX   the conntrack mark bits appfw owns, contiguous, at\n"
	"                    least 4 (default 0xffff0000): the lowest says\n"
	"                    \"decided\", the bits above hold the app id (0: no\n"
	"                    app). appfw never touches the other bits.\n"
	"  --skb-mark on|off also write those bits into the packet mark of\n"
	"                    every packet of a classified flow, for your own\n"
	"                    rules (nft: meta mark); default off\n"
	"  --depth N         payload packets inspected per flow before it is\n"
	"                    decided as no app, 1 to 32 (default: the module\n"
	"                    parameter inspect_depth)\n"
	"  --fail-closed on|off  what packets that need the agent (appfwd) get\n"
	"                    while none runs: off (default) lets them pass and\n"
	"                    decides by the kernel's rules alone; on drops QUIC\n"
	"                    Initials and out-of-order ClientHello segments\n"
	"  --learn on|off    hand DNS answers to the agent, which teaches the\n"
	"                    kernel the addresses of policy names (appfw\n"
	"                    learned); default off\n";

/* appfw_opt_value for each --SETTING; *k is the one argv[*i] is. */
static int setting_opt(int argc, char *argv[], int *i, int *k,
		       const char **v)
{
	char opt[32];
	int r;

	for (*k = 0; *k < AFW_CONFIG_SETTINGS; ++*k) {
		snprintf(opt, sizeof(opt), "--%s", afw_config_name(*k));
		r = appfw_opt_value(argc, argv, i, opt, v, config_usage);
		if (r)
			return r;
	}
	return 0;
}

/* 0, APPFW_OPTS_HELP, or the exit code of a usage error. */
static int parse(int argc, char *argv[], struct afw_config *c)
{
	const char *v, *why;
	int k, r;

	for (int i = 1; i < argc; i++) {
		r = appfw_common_opt(argv, i, config_usage);
		if (r < 0)
			return r;
		if (r)
			continue;
		r = setting_opt(argc, argv, &i, &k, &v);
		if (!r)
			return appfw_usage_error(argv[0], argv[i], config_usage);
		if (r < 0)
			return 2;
		if (afw_config_set(c, k, v, &why)) {
			afw_log("config: bad %s \"%s\": %s",
				afw_config_name(k), v, why);
			return 2;
		}
	}
	return 0;
}

static int show(void)
{
	struct appfw_status st;
	struct afw_genl g;
	int err;

	err = afw_genl_open(&g);
	if (!err)
		err = appfw_status_get(&g, &st);
	if (!err && !st.has_config)
		err = -EPROTO;
	if (err) {
		afw_genl_perror(&g, err, "config");
		afw_genl_close(&g);
		return 1;
	}
	afw_genl_close(&g);
	open_json_object(NULL);
	appfw_config_print(&st.config, "\n");
	print_nl();
	close_json_object();
	return print_end() ? 1 : 0;
}

int config_main(int argc, char *argv[])
{
	struct afw_config c = { 0 };
	struct appfw_edit e;
	int err;

	err = parse(argc, argv, &c);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : err;
	if (!afw_config_any(&c))
		return show();
	err = appfw_edit_begin(&e);
	if (!err)
		err = afw_batch_one(&e.batch, APPFW_CMD_SET_CONFIG,
				    appfw_put_config, &c, 0);
	if (!err)
		err = appfw_edit_commit(&e);
	if (err)
		appfw_edit_perror(&e, err, "config");
	appfw_edit_end(&e);
	return err ? 1 : 0;
}
