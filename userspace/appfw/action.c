// SPDX-License-Identifier: GPL-2.0
/*
 * appfw block|reject|allow|monitor NAME...: the action is looked up by
 * app id on every packet, so open flows follow from their next packet.
 */
#include <stdlib.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "log.h"
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

int action_main(int argc, char *argv[])
{
	const char **names = calloc((size_t)argc, sizeof(*names));
	struct appfw_edit e;
	uint8_t action = 0;
	const char *why;
	int n, err, ret = 1;
	long i;

	if (!names)
		return 1;
	err = appfw_parse_args(argc, argv, action_usage, 1, argc, true, names,
			       &n);
	if (!err && afw_parse_action(argv[0], &action, &why))
		err = APPFW_OPTS_BAD; /* not reached from the command table */
	if (err) {
		free(names);
		return err == APPFW_OPTS_HELP ? 0 : 2;
	}
	err = appfw_edit_begin(&e);
	for (int k = 0; !err && k < n; k++) {
		i = afw_policy_find_app(&e.apps, names[k]);
		if (i < 0) {
			afw_log("%s: unknown app \"%s\"", argv[0], names[k]);
			goto out;
		}
		e.apps.apps[i].action = action;
		err = afw_batch_one(&e.batch, APPFW_CMD_SET_APP,
				    appfw_put_set_app, &e.apps.apps[i], 0);
	}
	if (!err)
		err = appfw_edit_commit(&e);
	if (err)
		appfw_edit_perror(&e, err, argv[0]);
	else
		ret = 0;
out:
	appfw_edit_end(&e);
	free(names);
	return ret;
}
