/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every command that changes the policy is one transaction: it begins,
 * reads the apps (names resolve to ids against the policy it edits, and
 * no other writer can change that policy until it ends), queues its edits
 * in a batch, and commits. Any error, and any exit before the commit,
 * aborts, so a refused command changes nothing.
 *
 *	struct appfw_edit e;
 *
 *	err = appfw_edit_begin(&e);
 *	... look names up in e.apps, afw_batch_*(&e.batch, ...) ...
 *	if (!err)
 *		err = appfw_edit_commit(&e);
 *	if (err)
 *		appfw_edit_perror(&e, err, "del");
 *	appfw_edit_end(&e);
 */
#ifndef APPFW_EDIT_H
#define APPFW_EDIT_H

#include <stdbool.h>

#include "batch.h"
#include "genl.h"
#include "policy.h"

struct appfw_edit {
	struct afw_genl g;
	struct afw_batch batch;
	struct afw_policy apps;	/* the apps when the transaction began */
	bool in_txn;
};

/* Opens the socket, begins the transaction, reads the apps. Whatever it
 * returns, appfw_edit_end() follows. */
int appfw_edit_begin(struct appfw_edit *e);

/* Queues pol's configuration settings, apps, domains and prefixes, in
 * that order; the entries' lines are the batch tags. */
int appfw_edit_load(struct appfw_edit *e, const struct afw_policy *pol);

/* Waits for every queued edit, then commits. */
int appfw_edit_commit(struct appfw_edit *e);

/* Aborts unless committed, frees, closes. */
void appfw_edit_end(struct appfw_edit *e);

/* The one error line for err from any of the above. */
void appfw_edit_perror(struct appfw_edit *e, int err, const char *what);

/*
 * A command on named apps (del, block, ...), whole: argv[1..] are the
 * names (usage for --help and errors), and apply queues the edit of each
 * app named, once however often it is named, in one transaction. An
 * unknown name changes nothing. Returns the exit status.
 */
typedef int (*appfw_edit_apply)(struct appfw_edit *e, struct afw_app *app,
				const void *arg);
int appfw_edit_named(int argc, char *argv[], const char *usage,
		     appfw_edit_apply apply, const void *arg);

#endif
