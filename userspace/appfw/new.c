// SPDX-License-Identifier: GPL-2.0
/*
 * appfw new NAME [--id N] [--action A] [--domain S]... [--host H]...
 * [--prefix P]...: one app with all its entries, in one transaction.
 *
 * Every argument is checked before the kernel is asked anything, with the
 * policy file's rules (a name or prefix given twice is an error there,
 * and so here), so that a typo costs nothing and is named exactly.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/appfw.h>

#include "cli.h"
#include "edit.h"
#include "log.h"
#include "lookup.h"
#include "policy.h"
#include "syntax.h"

static const char new_usage[] =
	"Usage: appfw new NAME [--id N] [--action ACTION] [--domain SUFFIX]... [--host NAME]... [--prefix CIDR]...\n"
	"\n"
	"Creates the app NAME (up to 31 of a-z, 0-9, '_', '.', '-': lowercase,\n"
	"as typed; other commands take names in any case) with the\n"
	"id N (1 to 32767; default: the lowest free one) and the ACTION\n"
	"(block, reject, allow or monitor; default block). It owns:\n"
	"  --domain SUFFIX  SUFFIX and every name under it, on whole labels:\n"
	"                   qq.com covers weixin.qq.com, never notqq.com\n"
	"  --host NAME      the host NAME only\n"
	"  --prefix CIDR    the IPv4 or IPv6 prefix, e.g. 203.0.113.0/24 or\n"
	"                   2001:db8::/32; an address alone is one host\n"
	"Names match without regard to case; an exact host beats any domain,\n"
	"a longer domain or prefix beats a shorter one. Each option may be\n"
	"given many times. All or nothing: if any part is refused, nothing\n"
	"changes.\n";

/* An entry option: its kind ('d', 'h', 'p') and its value. */
struct arg_entry {
	char kind;
	const char *value;
};

static const struct {
	const char *option;
	char kind;
} entry_options[] = {
	{ "--domain", 'd' },
	{ "--host", 'h' },
	{ "--prefix", 'p' },
};

/* Batch tags: 1 is the app itself, k + 2 the entry ents[k]. */
#define TAG_APP 1
#define TAG_ENTRY(k) ((unsigned int)(k) + 2)

/*
 * Puts app and the entries into pol: 0, or the exit code after saying
 * why (2 for a bad value or a repeat, 1 for no memory). The first call,
 * before the kernel is asked, finds every bad value; the second, with
 * the real id, can only run out of memory.
 */
static int build(struct afw_policy *pol, const struct afw_app *app,
		 const struct arg_entry *ents, int n)
{
	char name[AFW_DOMAIN_LEN_MAX + 1], why_buf[AFW_WHY_LEN];
	char text[AFW_PREFIX_STRLEN];
	struct afw_prefix p;
	const char *why, *v;
	int err = afw_policy_add_app(pol, app, NULL);

	for (int k = 0; !err && k < n; k++) {
		unsigned int line = TAG_ENTRY(k);
		const char *what = ents[k].kind == 'h' ? "host" : "domain";

		v = ents[k].value;
		if (ents[k].kind == 'p') {
			if (afw_parse_prefix(v, &p, &why, why_buf)) {
				afw_log("new: bad prefix \"%s\": %s", v, why);
				return 2;
			}
			p.app = app->id;
			err = afw_policy_add_prefix(pol, &p, line, NULL);
			if (err == -EEXIST) {
				afw_format_prefix(&p, text);
				afw_log("new: prefix %s given twice", text);
				return 2;
			}
			continue;
		}
		if (afw_parse_domain(v, name, &why)) {
			afw_log("new: bad %s \"%s\": %s", what, v, why);
			return 2;
		}
		err = afw_policy_add_domain(pol, name,
					    ents[k].kind == 'h' ?
						    APPFW_DOMAIN_EXACT :
						    APPFW_DOMAIN_SUFFIX,
					    app->id, line, NULL);
		if (err == -EEXIST) {
			afw_log("new: %s \"%s\" given twice", what, name);
			return 2;
		}
	}
	if (err)
		afw_log("new: %s", strerror(-err));
	return err ? 1 : 0;
}

/*
 * The name created is the one typed, so unlike the commands that look a
 * name up, new does not lowercase it; it says what would do instead.
 */
static void bad_name(const char *name, const char *why)
{
	char low[APPFW_APP_NAME_LEN];
	const char *ignored;
	size_t len = strlen(name);

	if (len < sizeof(low)) {
		for (size_t i = 0; i <= len; i++)
			low[i] = (char)tolower((unsigned char)name[i]);
		if (!afw_parse_app_name(low, &ignored)) {
			afw_log("new: bad app name \"%s\": app names are lowercase (\"%s\")",
				name, low);
			return;
		}
	}
	afw_log("new: bad app name \"%s\": %s", name, why);
}

/* The options and NAME into app and ents; 0, APPFW_OPTS_HELP after
 * --help, or the exit code. */
static int parse(int argc, char *argv[], struct afw_app *app, bool *id_given,
		 struct arg_entry *ents, int *n)
{
	bool options = true, action_given = false;
	const char *v, *why;
	int r;

	for (int i = 1; i < argc; i++) {
		if (!options || argv[i][0] != '-' || !argv[i][1]) {
			if (app->line == TAG_APP)
				return appfw_usage_error(argv[0], argv[i],
							 new_usage);
			if (afw_parse_app_name(argv[i], &why)) {
				bad_name(argv[i], why);
				return 2;
			}
			strcpy(app->name, argv[i]);
			app->line = TAG_APP;
			continue;
		}
		if (!strcmp(argv[i], "--")) {
			options = false;
			continue;
		}
		r = appfw_common_opt(argv, i, new_usage);
		if (r < 0)
			return r;
		if (r)
			continue;
		for (size_t o = 0; !r && o < sizeof(entry_options) /
						 sizeof(entry_options[0]); o++) {
			r = appfw_opt_value(argc, argv, &i,
					    entry_options[o].option, &v,
					    new_usage);
			if (r > 0)
				ents[(*n)++] = (struct arg_entry){
					entry_options[o].kind, v
				};
		}
		if (r < 0)
			return 2;
		if (r)
			continue;
		if ((r = appfw_opt_value(argc, argv, &i, "--id", &v, new_usage))) {
			if (r < 0)
				return 2;
			if (*id_given)
				return appfw_usage_msg(argv[0], new_usage,
						       "option '--id' given twice");
			if (afw_parse_app_id(v, &app->id, &why)) {
				afw_log("new: bad app id \"%s\": %s", v, why);
				return 2;
			}
			*id_given = true;
			continue;
		}
		if ((r = appfw_opt_value(argc, argv, &i, "--action", &v, new_usage))) {
			if (r < 0)
				return 2;
			if (action_given)
				return appfw_usage_msg(argv[0], new_usage,
						       "option '--action' given twice");
			if (afw_parse_action(v, &app->action, &why)) {
				afw_log("new: bad action \"%s\": %s", v, why);
				return 2;
			}
			action_given = true;
			continue;
		}
		return appfw_usage_error(argv[0], argv[i], new_usage);
	}
	if (app->line != TAG_APP)
		return appfw_usage_msg(argv[0], new_usage, "app name missing");
	return 0;
}

/*
 * The kernel refused ent as owned already: say by which app, which a
 * lookup tells when the entry that decides is that very one. false if
 * it cannot be told.
 */
static bool name_owner(struct appfw_edit *e, const struct arg_entry *ent)
{
	char name[AFW_DOMAIN_LEN_MAX + 1], why_buf[AFW_WHY_LEN];
	char text[AFW_PREFIX_STRLEN];
	struct appfw_lookup l;
	struct afw_prefix p;
	const char *why;
	uint8_t kind = ent->kind == 'h' ? APPFW_DOMAIN_EXACT :
		       ent->kind == 'd' ? APPFW_DOMAIN_SUFFIX : APPFW_PREFIX;

	if (kind == APPFW_PREFIX) {
		if (afw_parse_prefix(ent->value, &p, &why, why_buf) ||
		    appfw_lookup(&e->g, NULL, p.addr,
				 p.family == AFW_INET ? 4 : 16, &l))
			return false;
		afw_format_prefix(&p, text);
		if (!l.app || l.kind != kind || strcmp(l.entry, text))
			return false;
		afw_log("new: prefix %s belongs to app \"%s\"", text, l.name);
		return true;
	}
	if (afw_parse_domain(ent->value, name, &why) ||
	    appfw_lookup(&e->g, name, NULL, 0, &l) || !l.app ||
	    l.kind != kind || strcmp(l.entry, name))
		return false;
	afw_log("new: %s \"%s\" belongs to app \"%s\"",
		kind == APPFW_DOMAIN_EXACT ? "host" : "domain", name, l.name);
	return true;
}

static int create(struct appfw_edit *e, struct afw_app *app, bool id_given,
		  const struct arg_entry *ents, int n)
{
	struct afw_policy want;
	const struct afw_batch *b = &e->batch;
	char what[64];
	long i;
	int err;

	if (afw_policy_find_app(&e->apps, app->name) >= 0) {
		afw_log("new: app \"%s\" already exists", app->name);
		return 1;
	}
	i = afw_policy_find_id(&e->apps, app->id);
	if (id_given && i >= 0) {
		afw_log("new: app id %u is taken by \"%s\"", app->id,
			e->apps.apps[i].name);
		return 1;
	}
	if (!id_given) {
		app->id = afw_policy_free_id(&e->apps);
		if (!app->id) {
			afw_log("new: every app id is taken");
			return 1;
		}
	}
	afw_policy_init(&want);
	err = build(&want, app, ents, n);
	if (!err)
		err = appfw_edit_load(e, &want);
	if (!err)
		err = appfw_edit_commit(e);
	afw_policy_free(&want);
	if (err > 0)
		return err;
	if (err) {
		if (err == -EEXIST && b->err == err &&
		    b->failed_first > TAG_APP &&
		    b->failed_first == b->failed_last &&
		    name_owner(e, &ents[b->failed_first - 2]))
			return 1;
		/* Name the argument the kernel refused, when it is known. */
		if (b->err == err && b->failed_first == TAG_APP)
			snprintf(what, sizeof(what), "new: %s", app->name);
		else if (b->err == err && b->failed_first &&
			 b->failed_first == b->failed_last)
			snprintf(what, sizeof(what), "new: %.50s",
				 ents[b->failed_first - 2].value);
		else
			snprintf(what, sizeof(what), "new");
		appfw_edit_perror(e, err, what);
		return 1;
	}
	return 0;
}

int new_main(int argc, char *argv[])
{
	struct afw_app app = { .id = 1, .action = APPFW_ACTION_BLOCK };
	struct arg_entry *ents = calloc((size_t)argc, sizeof(*ents));
	struct afw_policy scratch;
	struct appfw_edit e;
	bool id_given = false;
	int n = 0, ret;

	if (!ents)
		return 1;
	ret = parse(argc, argv, &app, &id_given, ents, &n);
	if (ret == APPFW_OPTS_HELP) {
		ret = 0;
		goto out;
	}
	if (ret)
		goto out;
	/* Every value checked, every repeat found, before the kernel. */
	afw_policy_init(&scratch);
	ret = build(&scratch, &app, ents, n);
	afw_policy_free(&scratch);
	if (ret)
		goto out;
	ret = appfw_edit_begin(&e);
	if (ret) {
		appfw_edit_perror(&e, ret, "new");
		ret = 1;
	} else {
		ret = create(&e, &app, id_given, ents, n);
	}
	appfw_edit_end(&e);
out:
	free(ents);
	return ret;
}
