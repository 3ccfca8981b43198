// SPDX-License-Identifier: GPL-2.0
/*
 * appfw block|reject|allow|monitor NAME...: the action is looked up by
 * app id on every packet, so open flows follow from their next packet.
 */
#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "syntax.h"

static const char action_usage[] =
	"Usage: appfw block|reject|allow|monitor NAME...\n"
	"\n"
	"Sets the action of the apps, all or none:\n"
	"  block    drop their packets\n"
	"  reject   refuse them: a TCP reset, or ICMP administratively\n"
	"           prohibited for other protocols, so that clients fail fast\n"
	"  allow    let them pass, counted\n"
	"  monitor  let them pass, counted, with an event per flow\n"
	"Flows already open follow from their next packet on. Names are\n"
	"taken in any case.\n";

static int set_action(struct appfw_edit *e, struct afw_app *app,
		      const void *action)
{
	app->action = *(const uint8_t *)action;
	return afw_batch_one(&e->batch, APPFW_CMD_SET_APP, appfw_put_set_app,
			     app, 0);
}

int action_main(int argc, char *argv[])
{
	uint8_t action = 0;
	const char *why;

	/* Not reached from the command table. */
	if (afw_parse_action(argv[0], &action, &why))
		return 2;
	return appfw_edit_named(argc, argv, action_usage, set_action, &action);
}
