// SPDX-License-Identifier: GPL-2.0
/* appfw flush: every app goes, in one transaction; the config stays. */
#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"

static const char flush_usage[] =
	"Usage: appfw flush\n"
	"\n"
	"Deletes every app with its domains, hosts and prefixes, at once. The\n"
	"configuration (appfw config) stays as it is.\n";

int flush_main(int argc, char *argv[])
{
	struct appfw_edit e;
	const char *args[1];
	int n, err;

	err = appfw_parse_args(argc, argv, flush_usage, 0, 0, false, args, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	err = appfw_edit_begin(&e);
	for (size_t i = 0; !err && i < e.apps.napps; i++)
		err = afw_batch_one(&e.batch, APPFW_CMD_DEL_APP,
				    appfw_put_app_id, &e.apps.apps[i], 0);
	if (!err)
		err = appfw_edit_commit(&e);
	if (err)
		appfw_edit_perror(&e, err, "flush");
	appfw_edit_end(&e);
	return err ? 1 : 0;
}
