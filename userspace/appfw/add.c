// SPDX-License-Identifier: GPL-2.0
/*
 * appfw add APP|GROUP... [--action A] [--shared]: apps from the catalog,
 * in one transaction.
 *
 * An app gets what it owns. Its shared domains and prefixes are other
 * apps' too (qq.com is every Tencent service), so they come only with
 * --shared, and either way a line on stderr says what was left out or
 * what else is now caught. Every word is resolved before the kernel is
 * asked anything, so a typo costs nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/appfw.h>

#include "add.h"
#include "cli.h"
#include "edit.h"
#include "log.h"
#include "lookup.h"
#include "syntax.h"

static const char add_usage[] =
	"Usage: appfw add APP|GROUP... [--action ACTION] [--shared]\n"
	"\n"
	"Adds apps of the catalog (see 'appfw apps') to the policy, each with\n"
	"the lowest free id and the ACTION (block, reject, allow or monitor;\n"
	"default block). A GROUP adds each of its apps. An app gets the\n"
	"domains, hosts and prefixes it owns; with --shared also the ones its\n"
	"vendor's other apps or a CDN use too, which catches those as well.\n"
	"An app already in the policy is left as it is. All or nothing: if\n"
	"any part is refused, nothing changes. Names are taken in any case:\n"
	"WeChat is wechat.\n";

void appfw_catalog_perror(const char *command,
			  const struct afw_catalog_error *err)
{
	if (err->file[0] && err->line)
		afw_log("%s: %s:%u: %s", command, err->file, err->line,
			err->msg);
	else if (err->file[0])
		afw_log("%s: %s: %s", command, err->file, err->msg);
	else
		afw_log("%s: catalog: %s", command, err->msg);
}

static bool have(const struct afw_catalog_app *const *apps, size_t n,
		 const struct afw_catalog_app *a)
{
	for (size_t i = 0; i < n; i++)
		if (apps[i] == a)
			return true;
	return false;
}

int appfw_add_resolve(const struct afw_catalog *c, const char *const *words,
		      int nwords, const struct afw_catalog_app ***apps,
		      size_t *n)
{
	const struct afw_catalog_app **v = NULL, **grown, *a;
	const struct afw_catalog_group *g;
	size_t cap = 0;

	*n = 0;
	for (int w = 0; w < nwords; w++) {
		const struct afw_catalog_app *one[1];
		const struct afw_catalog_app *const *members = one;
		size_t nmembers = 1;

		a = afw_catalog_app(c, words[w]);
		g = a ? NULL : afw_catalog_group(c, words[w]);
		if (!a && !g) {
			afw_log("add: unknown app or group \"%s\" (see: appfw apps %s)",
				words[w], words[w]);
			free(v);
			return 1;
		}
		one[0] = a;
		if (g)
			nmembers = g->apps.n;
		for (size_t k = 0; k < nmembers; k++) {
			/* Groups are checked when the catalog opens. */
			a = g ? afw_catalog_app(c, g->apps.v[k].text) :
				members[k];
			if (!a || have(v, *n, a))
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				grown = realloc(v, cap * sizeof(*v));
				if (!grown) {
					free(v);
					return -ENOMEM;
				}
				v = grown;
			}
			v[(*n)++] = a;
		}
	}
	*apps = v;
	return 0;
}

/* The next tag, for an entry of app: its line in plan->want. */
static int tag(struct appfw_add_plan *plan, const char *app, uint8_t kind,
	       const char *name, const struct afw_prefix *prefix,
	       unsigned int *line)
{
	struct appfw_add_tag *grown;

	if (plan->ntags == plan->tags_cap) {
		size_t cap = plan->tags_cap ? 2 * plan->tags_cap : 64;

		grown = realloc(plan->tags, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		plan->tags = grown;
		plan->tags_cap = cap;
	}
	plan->tags[plan->ntags++] = (struct appfw_add_tag){ app, kind, name,
							    prefix };
	*line = (unsigned int)plan->ntags;
	return 0;
}

/*
 * Adds a name (prefix NULL) or a prefix of app, tagged for the messages;
 * one another app already has is skipped.
 */
static int add_entry(struct appfw_add_plan *plan, const char *app,
		     uint16_t id, uint8_t kind, const char *name,
		     const struct afw_prefix *prefix)
{
	unsigned int line;
	int err;

	err = tag(plan, app, kind, name, prefix, &line);
	if (!err && prefix) {
		struct afw_prefix p = *prefix;

		p.app = id;
		err = afw_policy_add_prefix(&plan->want, &p, line, NULL);
	} else if (!err) {
		err = afw_policy_add_domain(&plan->want, name, kind, id, line,
					    NULL);
	}
	if (err == -EEXIST) {
		plan->ntags--;
		return 0;
	}
	return err;
}

static int add_names(struct appfw_add_plan *plan, const char *app,
		     uint16_t id, const struct afw_catalog_list *l,
		     uint8_t kind)
{
	int err = 0;

	for (size_t i = 0; !err && i < l->n; i++)
		err = add_entry(plan, app, id, kind, l->v[i].text, NULL);
	return err;
}

static int add_prefixes(struct appfw_add_plan *plan, const char *app,
			uint16_t id, const struct afw_catalog_prefixes *l)
{
	int err = 0;

	for (size_t i = 0; !err && i < l->n; i++)
		err = add_entry(plan, app, id, APPFW_PREFIX, NULL, &l->v[i].p);
	return err;
}

/* "11 shared domains and 70 shared prefixes", zeros left out. */
static void count_shared(const struct afw_catalog_app *a, char *buf,
			 size_t size)
{
	size_t d = a->shared_domains.n, p = a->shared_prefixes.n;
	int len = 0;

	buf[0] = 0;
	if (d)
		len = snprintf(buf, size, "%zu shared domain%s", d,
			       d == 1 ? "" : "s");
	if (p)
		snprintf(buf + len, size - (size_t)len, "%s%zu shared prefix%s",
			 d ? " and " : "", p, p == 1 ? "" : "es");
}

/* "(used by other Tencent services too)" */
static void whose(const struct afw_catalog_app *a, char *buf, size_t size)
{
	if (a->vendor[0])
		snprintf(buf, size, "used by other %s services too", a->vendor);
	else
		snprintf(buf, size, "used by other apps too");
}

static const char *const verbs[] = {
	[APPFW_ACTION_ALLOW] = "allows",
	[APPFW_ACTION_BLOCK] = "blocks",
	[APPFW_ACTION_REJECT] = "rejects",
	[APPFW_ACTION_MONITOR] = "monitors",
};

/* The collateral damage of --shared, in one line. */
static void say_shared(const struct afw_catalog_app *a, uint8_t action)
{
	char list[160] = "", who[128], text[AFW_PREFIX_STRLEN];
	size_t len = 0, shown = 0, more;
	const char *verb = action < sizeof(verbs) / sizeof(verbs[0]) &&
			   verbs[action] ? verbs[action] : "catches";

	for (size_t i = 0; i < a->shared_domains.n && shown < 4; i++, shown++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
				shown ? ", " : "", a->shared_domains.v[i].text);
	for (size_t i = 0; i < a->shared_prefixes.n && shown < 4; i++, shown++) {
		afw_format_prefix(&a->shared_prefixes.v[i].p, text);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					shown ? ", " : "", text);
	}
	more = a->shared_domains.n + a->shared_prefixes.n - shown;
	whose(a, who, sizeof(who));
	if (more)
		afw_log("add: %s: --shared also %s %s and %zu more (%s)", a->id,
			verb, list, more, who);
	else
		afw_log("add: %s: --shared also %s %s (%s)", a->id, verb, list,
			who);
}

static uint16_t free_id(const struct afw_policy *existing,
			const struct afw_policy *want)
{
	for (uint32_t id = 1; id <= APPFW_APP_ID_MAX; id++)
		if (afw_policy_find_id(existing, (uint16_t)id) < 0 &&
		    afw_policy_find_id(want, (uint16_t)id) < 0)
			return (uint16_t)id;
	return 0;
}

static int plan_one(const struct afw_catalog_app *a, uint8_t action,
		    bool shared, const struct afw_policy *existing,
		    struct appfw_add_plan *plan)
{
	struct afw_app app = { .action = action };
	bool has_shared = a->shared_domains.n || a->shared_prefixes.n;
	char count[96], who[128];
	long i = afw_policy_find_app(existing, a->id);
	int err;

	if (i >= 0) {
		afw_log("add: %s: already in the policy (id %u); unchanged",
			a->id, existing->apps[i].id);
		plan->present++;
		return 0;
	}
	count_shared(a, count, sizeof(count));
	whose(a, who, sizeof(who));
	if (a->status == AFW_CATALOG_NO_KNOWN_DOMAINS ||
	    (a->status == AFW_CATALOG_SHARED_ONLY && !shared)) {
		if (a->status == AFW_CATALOG_NO_KNOWN_DOMAINS)
			afw_log("add: %s: no known domains or prefixes; nothing added",
				a->id);
		else
			afw_log("add: %s: owns nothing, only %s (%s); nothing added without --shared",
				a->id, count, who);
		plan->empty++;
		return 0;
	}
	app.id = free_id(existing, &plan->want);
	if (!app.id) {
		afw_log("add: %s: every app id is taken", a->id);
		return -ENOSPC;
	}
	strcpy(app.name, a->id);
	err = tag(plan, a->id, 0, NULL, NULL, &app.line);
	if (!err)
		err = afw_policy_add_app(&plan->want, &app, NULL);
	if (!err)
		err = add_names(plan, a->id, app.id, &a->domains,
				APPFW_DOMAIN_SUFFIX);
	if (!err)
		err = add_names(plan, a->id, app.id, &a->hosts,
				APPFW_DOMAIN_EXACT);
	if (!err)
		err = add_prefixes(plan, a->id, app.id, &a->prefixes);
	if (!err && shared) {
		err = add_names(plan, a->id, app.id, &a->shared_domains,
				APPFW_DOMAIN_SUFFIX);
		if (!err)
			err = add_prefixes(plan, a->id, app.id,
					   &a->shared_prefixes);
		if (!err && has_shared)
			say_shared(a, action);
	} else if (!err && has_shared) {
		afw_log("add: %s: left out %s (%s); --shared adds them", a->id,
			count, who);
	}
	return err;
}

int appfw_add_plan(const struct afw_catalog_app *const *apps, size_t n,
		   uint8_t action, bool shared,
		   const struct afw_policy *existing,
		   struct appfw_add_plan *plan)
{
	int err = 0;

	memset(plan, 0, sizeof(*plan));
	afw_policy_init(&plan->want);
	for (size_t i = 0; !err && i < n; i++)
		err = plan_one(apps[i], action, shared, existing, plan);
	return err;
}

void appfw_add_plan_free(struct appfw_add_plan *plan)
{
	afw_policy_free(&plan->want);
	free(plan->tags);
	plan->tags = NULL;
}

/*
 * The kernel refused t as owned already (an app added earlier has it):
 * name that app, which a lookup tells when the deciding entry is that
 * very one. false if it cannot be told.
 */
static bool name_owner(struct appfw_edit *e, const struct appfw_add_tag *t)
{
	char text[AFW_PREFIX_STRLEN];
	struct appfw_lookup l;

	if (t->kind == APPFW_PREFIX) {
		afw_format_prefix(t->prefix, text);
		if (appfw_lookup(&e->g, NULL, t->prefix->addr,
				 t->prefix->family == AFW_INET ? 4 : 16, &l) ||
		    !l.app || l.kind != t->kind || strcmp(l.entry, text))
			return false;
		afw_log("add: %s: prefix %s belongs to app \"%s\"", t->app,
			text, l.name);
		return true;
	}
	if (appfw_lookup(&e->g, t->name, NULL, 0, &l) || !l.app ||
	    l.kind != t->kind || strcmp(l.entry, t->name))
		return false;
	afw_log("add: %s: %s \"%s\" belongs to app \"%s\"", t->app,
		t->kind == APPFW_DOMAIN_EXACT ? "host" : "domain", t->name,
		l.name);
	return true;
}

/* Names what the kernel refused, when the batch tells one tag. */
static void refused(struct appfw_edit *e, const struct appfw_add_plan *plan,
		    int err)
{
	const struct afw_batch *b = &e->batch;
	const struct appfw_add_tag *t;
	char what[128], text[AFW_PREFIX_STRLEN];

	if (b->err != err || !b->failed_first ||
	    b->failed_first != b->failed_last ||
	    b->failed_first > plan->ntags) {
		appfw_edit_perror(e, err, "add");
		return;
	}
	t = &plan->tags[b->failed_first - 1];
	if (err == -EEXIST && t->kind && name_owner(e, t))
		return;
	if (!t->kind) {
		snprintf(what, sizeof(what), "add: %s", t->app);
	} else if (t->kind == APPFW_PREFIX) {
		afw_format_prefix(t->prefix, text);
		snprintf(what, sizeof(what), "add: %s: %s", t->app, text);
	} else {
		snprintf(what, sizeof(what), "add: %s: %.80s", t->app, t->name);
	}
	appfw_edit_perror(e, err, what);
}

static int parse(int argc, char *argv[], const char **words, int *n,
		 uint8_t *action, bool *shared)
{
	bool options = true, action_given = false;
	const char *v, *why;
	int r;

	for (int i = 1; i < argc; i++) {
		if (!options || argv[i][0] != '-' || !argv[i][1]) {
			if (appfw_app_name_arg(argv[i], &why)) {
				afw_log("add: bad app name \"%s\": %s", argv[i],
					why);
				return 2;
			}
			words[(*n)++] = argv[i];
			continue;
		}
		if (!strcmp(argv[i], "--")) {
			options = false;
			continue;
		}
		r = appfw_common_opt(argv, i, add_usage);
		if (r < 0)
			return r;
		if (r)
			continue;
		if (!strcmp(argv[i], "--shared")) {
			*shared = true;
			continue;
		}
		r = appfw_opt_value(argc, argv, &i, "--action", &v, add_usage);
		if (r < 0)
			return 2;
		if (!r)
			return appfw_usage_error(argv[0], argv[i], add_usage);
		if (action_given)
			return appfw_usage_msg(argv[0], add_usage,
					       "option '--action' given twice");
		if (afw_parse_action(v, action, &why)) {
			afw_log("add: bad action \"%s\": %s", v, why);
			return 2;
		}
		action_given = true;
	}
	if (!*n)
		return appfw_usage_msg(argv[0], add_usage,
				       "app or group name missing");
	return 0;
}

/* Plans against the policy of e, then loads and commits: the exit code. */
static int add(struct appfw_edit *e, const struct afw_catalog_app *const *apps,
	       size_t n, uint8_t action, bool shared)
{
	struct appfw_add_plan plan;
	int err = appfw_add_plan(apps, n, action, shared, &e->apps, &plan);
	int ret = 1;

	if (err == -ENOSPC)
		goto out;
	if (!err && !plan.want.napps) {
		/* Already there is done; nothing known is not. */
		ret = plan.empty ? 1 : 0;
		goto out;
	}
	if (!err)
		err = appfw_edit_load(e, &plan.want);
	if (!err)
		err = appfw_edit_commit(e);
	if (err)
		refused(e, &plan, err);
	else
		ret = 0;
out:
	appfw_add_plan_free(&plan);
	return ret;
}

int add_main(int argc, char *argv[])
{
	const char **words = calloc((size_t)argc, sizeof(*words));
	const struct afw_catalog_app **apps = NULL;
	uint8_t action = APPFW_ACTION_BLOCK;
	struct afw_catalog_error cerr = { 0 };
	struct afw_catalog *c = NULL;
	struct appfw_edit e;
	bool shared = false;
	int n = 0, ret, err;
	size_t napps;

	if (!words)
		return 1;
	ret = parse(argc, argv, words, &n, &action, &shared);
	if (ret) {
		free(words);
		return ret == APPFW_OPTS_HELP ? 0 : 2;
	}
	ret = 1;
	err = afw_catalog_open(&c, &cerr);
	if (err) {
		appfw_catalog_perror("add", &cerr);
		goto out;
	}
	err = appfw_add_resolve(c, words, n, &apps, &napps);
	if (err) {
		if (err < 0)
			afw_log("add: %s", strerror(-err));
		goto out;
	}
	err = appfw_edit_begin(&e);
	if (err)
		appfw_edit_perror(&e, err, "add");
	else
		ret = add(&e, apps, napps, action, shared);
	appfw_edit_end(&e);
out:
	free(apps);
	afw_catalog_free(c);
	free(words);
	return ret;
}
