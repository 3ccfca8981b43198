// SPDX-License-Identifier: GPL-2.0
/*
 * appfw del NAME...: the apps go with their domains and prefixes, in one
 * transaction; their open flows pass from their next packet on.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "log.h"

static const char del_usage[] =
	"Usage: appfw del NAME...\n"
	"\n"
	"Deletes the apps, with every domain, host and prefix they own, all or\n"
	"none: an unknown name changes nothing. Their open flows pass from\n"
	"their next packet on. Names are taken in any case.\n";

int del_main(int argc, char *argv[])
{
	const char **names = calloc((size_t)argc, sizeof(*names));
	bool *deleted = NULL;
	struct appfw_edit e;
	int n, err, ret = 1;
	long i;

	if (!names)
		return 1;
	err = appfw_parse_args(argc, argv, del_usage, 1, argc, true, names, &n);
	if (err) {
		free(names);
		return err == APPFW_OPTS_HELP ? 0 : 2;
	}
	err = appfw_edit_begin(&e);
	if (!err) {
		deleted = calloc(e.apps.napps + 1, sizeof(*deleted));
		if (!deleted)
			err = -ENOMEM;
	}
	for (int k = 0; !err && k < n; k++) {
		i = afw_policy_find_app(&e.apps, names[k]);
		if (i < 0) {
			afw_log("del: unknown app \"%s\"", names[k]);
			goto out;
		}
		/* Named twice: deleted once. */
		if (deleted[i])
			continue;
		deleted[i] = true;
		err = afw_batch_one(&e.batch, APPFW_CMD_DEL_APP,
				    appfw_put_app_id, &e.apps.apps[i], 0);
	}
	if (!err)
		err = appfw_edit_commit(&e);
	if (err)
		appfw_edit_perror(&e, err, "del");
	else
		ret = 0;
out:
	appfw_edit_end(&e);
	free(deleted);
	free(names);
	return ret;
}
