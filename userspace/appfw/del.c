// SPDX-License-Identifier: GPL-2.0
/*
 * appfw del NAME...: the apps go with their domains and prefixes, in one
 * transaction; their open flows pass from their next packet on.
 */
#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"

static const char del_usage[] =
	"Usage: appfw del NAME...\n"
	"\n"
	"Deletes the apps, with every domain, host and prefix they own, all or\n"
	"none: an unknown name changes nothing. Their open flows pass from\n"
	"their next packet on. Names are taken in any case.\n";

static int del_app(struct appfw_edit *e, struct afw_app *app,
		   const void *arg)
{
	(void)arg;
	return afw_batch_one(&e->batch, APPFW_CMD_DEL_APP, appfw_put_app_id,
			     app, 0);
}

int del_main(int argc, char *argv[])
{
	return appfw_edit_named(argc, argv, del_usage, del_app, NULL);
}
