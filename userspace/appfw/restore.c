// SPDX-License-Identifier: GPL-2.0
/*
 * appfw restore [FILE]: the whole file is parsed before the kernel hears
 * of it, so a bad line costs nothing. Then one transaction deletes every
 * app, loads the file's, and commits; the first refusal aborts it and the
 * old policy stays in force, untouched.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "log.h"
#include "policyfile.h"

static const char restore_usage[] =
	"Usage: appfw restore [FILE]\n"
	"\n"
	"Replaces the policy of this network namespace with the one in FILE\n"
	"(default " AFW_POLICY_FILE ", - for standard input), as\n"
	"appfw save writes it, in one transaction: if any line is refused,\n"
	"nothing changes. Config settings the file leaves out keep their\n"
	"values. The format, one directive per line, '#' starting a comment:\n"
	"  config mark-mask HEX | config skb-mark on|off | config depth N\n"
	"  config fail-closed on|off | config learn on|off\n"
	"  app NAME ID ACTION\n"
	"  domain APP SUFFIX    the name and every name under it\n"
	"  host APP NAME        that name only\n"
	"  prefix APP CIDR      an IPv4 or IPv6 prefix\n"
	"An app is declared before its entries; nothing may be listed twice.\n";

static int read_file(const char *file, const char *shown,
		     struct afw_policy *pol)
{
	struct afw_policyfile_error perr;
	FILE *fp = strcmp(file, "-") ? fopen(file, "re") : stdin;
	int err;

	if (!fp) {
		afw_log("restore: cannot open %s: %s", file, strerror(errno));
		return -errno;
	}
	err = afw_policyfile_read(fp, pol, &perr);
	if (fp != stdin)
		fclose(fp);
	if (err && perr.line)
		afw_log("%s:%u: %s", shown, perr.line, perr.msg);
	else if (err)
		afw_log("%s: %s", shown, perr.msg);
	return err;
}

/* The kernel refused something: say which lines, when it is known. */
static void kernel_error(struct appfw_edit *e, int err, const char *shown)
{
	const struct afw_batch *b = &e->batch;
	char what[300];

	if (b->err != err || !b->failed_first)
		snprintf(what, sizeof(what), "restore");
	else if (b->failed_first == b->failed_last)
		snprintf(what, sizeof(what), "%s:%lu", shown, b->failed_first);
	else
		snprintf(what, sizeof(what), "%s:%lu-%lu", shown,
			 b->failed_first, b->failed_last);
	appfw_edit_perror(e, err, what);
}

int restore_main(int argc, char *argv[])
{
	const char *file = AFW_POLICY_FILE, *shown;
	struct afw_policy pol;
	struct appfw_edit e;
	int n, err;

	err = appfw_parse_args(argc, argv, restore_usage, 0, 1, false, &file,
			       &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	shown = strcmp(file, "-") ? file : "<stdin>";
	afw_policy_init(&pol);
	if (read_file(file, shown, &pol)) {
		afw_policy_free(&pol);
		return 1;
	}
	err = appfw_edit_begin(&e);
	for (size_t i = 0; !err && i < e.apps.napps; i++)
		err = afw_batch_one(&e.batch, APPFW_CMD_DEL_APP,
				    appfw_put_app_id, &e.apps.apps[i], 0);
	if (!err)
		err = appfw_edit_load(&e, &pol);
	if (!err)
		err = appfw_edit_commit(&e);
	if (err)
		kernel_error(&e, err, shown);
	appfw_edit_end(&e);
	afw_policy_free(&pol);
	return err ? 1 : 0;
}
