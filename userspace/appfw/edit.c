// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "kernel.h"
#include "log.h"
#include "syntax.h"

static int simple(struct appfw_edit *e, uint8_t cmd)
{
	struct nl_msg *msg = afw_genl_msg(&e->g, cmd, 0);

	return msg ? afw_genl_talk(&e->g, msg, NULL, NULL) : -ENOMEM;
}

int appfw_edit_begin(struct appfw_edit *e)
{
	int err;

	memset(e, 0, sizeof(*e));
	afw_policy_init(&e->apps);
	err = afw_genl_open(&e->g);
	if (err)
		return err;
	afw_batch_init(&e->batch, &e->g);
	err = simple(e, APPFW_CMD_BEGIN);
	if (err)
		return err;
	e->in_txn = true;
	return appfw_read_apps(&e->g, &e->apps);
}

int appfw_edit_load(struct appfw_edit *e, const struct afw_policy *pol)
{
	const struct afw_config *c = &pol->config;
	struct afw_batch *b = &e->batch;
	int err = 0;

	if (afw_config_any(c))
		err = afw_batch_one(b, APPFW_CMD_SET_CONFIG, appfw_put_config,
				    c, 0);
	for (size_t i = 0; !err && i < pol->napps; i++)
		err = afw_batch_one(b, APPFW_CMD_NEW_APP, appfw_put_new_app,
				    &pol->apps[i], pol->apps[i].line);
	for (size_t i = 0; !err && i < pol->ndomains; i++) {
		struct appfw_domain_ref ref = { pol, &pol->domains[i] };

		err = afw_batch_add(b, APPFW_CMD_NEW_DOMAIN, APPFW_A_DOMAINS,
				    appfw_put_domain, &ref,
				    pol->domains[i].line);
	}
	for (size_t i = 0; !err && i < pol->nprefixes; i++)
		err = afw_batch_add(b, APPFW_CMD_NEW_PREFIX, APPFW_A_PREFIXES,
				    appfw_put_prefix, &pol->prefixes[i].p,
				    pol->prefixes[i].line);
	return err;
}

int appfw_edit_commit(struct appfw_edit *e)
{
	int err = afw_batch_flush(&e->batch);

	if (err)
		return err;
	err = simple(e, APPFW_CMD_COMMIT);
	if (!err)
		e->in_txn = false;
	return err;
}

void appfw_edit_end(struct appfw_edit *e)
{
	if (e->g.sock) {
		/* Replies still due would be taken for the abort's. */
		afw_batch_flush(&e->batch);
		if (e->in_txn)
			simple(e, APPFW_CMD_ABORT);
		afw_batch_free(&e->batch);
		afw_genl_close(&e->g);
	}
	afw_policy_free(&e->apps);
}

void appfw_edit_perror(struct appfw_edit *e, int err, const char *what)
{
	if (e->batch.err == err)
		memcpy(e->g.extack, e->batch.extack, sizeof(e->g.extack));
	afw_genl_perror(&e->g, err, what);
}

/*
 * Applies apply to the app of each name, each app once. An unknown name is
 * -ENOENT with *unknown set, said here.
 */
static int apply_named(struct appfw_edit *e, const char *what,
		       const char *const names[], int n,
		       appfw_edit_apply apply, const void *arg, bool *unknown)
{
	bool *done = calloc(e->apps.napps + 1, sizeof(*done));
	int err = 0;
	long i;

	if (!done)
		return -ENOMEM;
	for (int k = 0; !err && k < n; k++) {
		i = afw_policy_find_app(&e->apps, names[k]);
		if (i < 0) {
			afw_log("%s: unknown app \"%s\"", what, names[k]);
			*unknown = true;
			err = -ENOENT;
		} else if (!done[i]) {
			done[i] = true;
			err = apply(e, &e->apps.apps[i], arg);
		}
	}
	free(done);
	return err;
}

int appfw_edit_named(int argc, char *argv[], const char *usage,
		     appfw_edit_apply apply, const void *arg)
{
	const char **names = calloc((size_t)argc, sizeof(*names));
	bool unknown = false;
	struct appfw_edit e;
	int n, err;

	if (!names)
		return 1;
	err = appfw_parse_args(argc, argv, usage, 1, argc, true, names, &n);
	if (err) {
		free(names);
		return err == APPFW_OPTS_HELP ? 0 : 2;
	}
	err = appfw_edit_begin(&e);
	if (!err)
		err = apply_named(&e, argv[0], names, n, apply, arg, &unknown);
	if (!err)
		err = appfw_edit_commit(&e);
	if (err && !unknown)
		appfw_edit_perror(&e, err, argv[0]);
	appfw_edit_end(&e);
	free(names);
	return err ? 1 : 0;
}
