// SPDX-License-Identifier: GPL-2.0
/*
 * appfw add and appfw apps without a kernel: usage errors, names resolved
 * against a small catalog, the plan of what goes into the policy (ids,
 * owned and shared entries, names several apps list, what is said on
 * stderr), and the catalog search's table and JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/appfw.h>

#include "../../userspace/appfw/add.h"
#include "../../userspace/appfw/cli.h"
#include "catalog.h"
#include "log.h"
#include "policy.h"
#include "print.h"
#include "cli_run.h"
#include "unit.h"

static const struct {
	const char *path, *text;
} files[] = {
	{ "apps/alpha.app",
	  "id = alpha\nname = Alpha Chat\nvendor = Acme\nstatus = ok\n"
	  "confidence = high\ndomains = alpha.test shared.example\n"
	  "hosts = h.alpha.test\nshared_domains = cdn.example\n"
	  "shared_ipv4 = 198.51.100.0/24\nsource = s\n" },
	{ "apps/beta.app",
	  "id = beta\nname = Beta\nvendor = Acme\nstatus = ok\n"
	  "domains = beta.test shared.example\nsource = s\n" },
	{ "apps/gamma.app",
	  "id = gamma\nname = Gamma\nstatus = no-known-domains\nsource = s\n" },
	{ "apps/delta.app",
	  "id = delta\nname = Delta\nvendor = Acme\nstatus = shared-only\n"
	  "confidence = low\nshared_domains = cdn.example\nsource = s\n" },
	{ "groups/acme.group",
	  "id = acme\nname = Acme apps\napps = beta alpha gamma\n" },
};

/* A catalog of files in a new directory, named by $APPFW_CATALOG. */
static void make_catalog(char *dir)
{
	char path[256];
	FILE *fp;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/apps", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/groups", dir);
	mkdir(path, 0700);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].path);
		fp = fopen(path, "w");
		CHECK(fp != NULL);
		if (fp) {
			fputs(files[i].text, fp);
			fclose(fp);
		}
	}
	setenv(AFW_CATALOG_ENV, dir, 1);
}

static void remove_catalog(const char *dir)
{
	char path[256];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].path);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/apps", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/groups", dir);
	rmdir(path);
	rmdir(dir);
	unsetenv(AFW_CATALOG_ENV);
}

static void check_run(const char *const *args, int ret, const char *out,
		      const char *err, int line)
{
	struct run r = run_appfw(args);

	if (r.ret != ret || strcmp(r.out, out) || strcmp(r.err, err))
		unit_fail(__FILE__, line,
			  "appfw %s...: exit %d, out \"%s\", err \"%s\"",
			  args[0] ? args[0] : "", r.ret, r.out, r.err);
	free(r.out);
	free(r.err);
}

#define RUN(ret, out, err, ...) \
	check_run((const char *const[]){ __VA_ARGS__, NULL }, ret, out, err, \
		  __LINE__)

#define ADD_SYNOPSIS "Usage: appfw add APP|GROUP... [--action ACTION] [--shared]\n"

TEST(add_usage_errors)
{
	char dir[] = "/tmp/appfw-add-XXXXXX";
	struct run r;

	make_catalog(dir);
	RUN(2, "", "appfw: add: app or group name missing\n" ADD_SYNOPSIS,
	    "add");
	RUN(2, "", "appfw: add: app or group name missing\n" ADD_SYNOPSIS,
	    "add", "--shared");
	RUN(2, "", "appfw: add: bad action \"drop\": use block, reject, allow or monitor\n",
	    "add", "alpha", "--action", "drop");
	RUN(2, "", "appfw: add: option '--action' needs a value\n" ADD_SYNOPSIS,
	    "add", "alpha", "--action");
	RUN(2, "", "appfw: add: option '--action' given twice\n" ADD_SYNOPSIS,
	    "add", "alpha", "--action", "allow", "--action=block");
	RUN(2, "", "appfw: add: unknown option '--force'\n" ADD_SYNOPSIS,
	    "add", "alpha", "--force");
	RUN(2, "", "appfw: add: bad app name \"Alpha!\": use only a-z, 0-9, '_', '.', '-'\n",
	    "add", "Alpha!");
	/* Names are taken in any case: Alpha is alpha, NoSuch is nosuch. */
	RUN(1, "", "appfw: add: unknown app or group \"nosuch\" (see: appfw apps nosuch)\n",
	    "add", "Alpha", "ACME", "NoSuch");
	/* Unknown names are found before the kernel is asked anything. */
	RUN(1, "", "appfw: add: unknown app or group \"nosuch\" (see: appfw apps nosuch)\n",
	    "add", "alpha", "nosuch");
	RUN(2, "", "appfw: apps: unexpected argument 'b'\nUsage: appfw apps [WORD] [-j|--json]\n",
	    "apps", "a", "b");

	r = run_appfw((const char *[]){ "add", "--help", NULL });
	CHECK_INT(r.ret, 0);
	CHECK(!strncmp(r.out, ADD_SYNOPSIS, strlen(ADD_SYNOPSIS)));
	free(r.out);
	free(r.err);
	r = run_appfw((const char *[]){ "--help", NULL });
	CHECK(strstr(r.out, "\n  add ") && strstr(r.out, "\n  apps "));
	free(r.out);
	free(r.err);

	/* A catalog that does not load is named. */
	setenv(AFW_CATALOG_ENV, "/nonexistent/appfw", 1);
	RUN(1, "", "appfw: add: /nonexistent/appfw: no catalog here (neither apps/ nor groups/)\n",
	    "add", "alpha");
	remove_catalog(dir);
}

static struct afw_catalog *open_catalog(char *dir)
{
	struct afw_catalog_error err;
	struct afw_catalog *c = NULL;

	make_catalog(dir);
	CHECK_INT(afw_catalog_open(&c, &err), 0);
	return c;
}

TEST(add_resolve)
{
	char dir[] = "/tmp/appfw-add-XXXXXX";
	struct afw_catalog *c = open_catalog(dir);
	const struct afw_catalog_app **apps = NULL;
	const char *words[] = { "alpha", "acme", "delta", "beta" };
	size_t n;

	if (!c)
		return;
	/* Groups expand in their order; an app named twice comes once. */
	CHECK_INT(appfw_add_resolve(c, words, 4, &apps, &n), 0);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_STR(apps[0]->id, "alpha");
		CHECK_STR(apps[1]->id, "beta");
		CHECK_STR(apps[2]->id, "gamma");
		CHECK_STR(apps[3]->id, "delta");
	}
	free(apps);
	afw_catalog_free(c);
	remove_catalog(dir);
}

/* The plan for the apps named, against existing, with stderr in *log. */
static int plan_for(const struct afw_catalog *c, const char *const *words,
		    int nwords, bool shared, const struct afw_policy *existing,
		    struct appfw_add_plan *plan, char **log)
{
	const struct afw_catalog_app **apps = NULL;
	size_t n, len;
	FILE *fp = open_memstream(log, &len);
	int err;

	afw_log_init("appfw", fp);
	err = appfw_add_resolve(c, words, nwords, &apps, &n);
	if (!err)
		err = appfw_add_plan(apps, n, APPFW_ACTION_BLOCK, shared,
				     existing, plan);
	afw_log_init("appfw", NULL);
	fclose(fp);
	free(apps);
	return err;
}

/* "name/kind/app" for each domain of pol, in order, joined by spaces. */
static void domains_of(const struct afw_policy *pol, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = 0;
	for (size_t i = 0; i < pol->ndomains; i++) {
		const struct afw_domain *d = &pol->domains[i];

		len += (size_t)snprintf(buf + len, size - len, "%s%s/%c/%u",
					i ? " " : "",
					afw_policy_domain_name(pol, d),
					d->kind == APPFW_DOMAIN_EXACT ? 'h' : 'd',
					d->app);
	}
}

TEST(add_plan)
{
	char dir[] = "/tmp/appfw-add-XXXXXX";
	struct afw_catalog *c = open_catalog(dir);
	struct afw_app taken = { .id = 1, .action = APPFW_ACTION_ALLOW,
				 .name = "beta" };
	struct afw_policy existing;
	struct appfw_add_plan plan;
	char buf[512], *log = NULL;

	if (!c)
		return;
	afw_policy_init(&existing);
	CHECK_INT(afw_policy_add_app(&existing, &taken, NULL), 0);

	/* beta is there already, gamma has nothing, delta only shared
	 * entries; alpha takes the lowest free id and leaves out its
	 * shared entries. */
	CHECK_INT(plan_for(c, (const char *[]){ "acme", "delta" }, 2, false,
			   &existing, &plan, &log), 0);
	CHECK_STR(log,
		  "appfw: add: beta: already in the policy (id 1); unchanged\n"
		  "appfw: add: alpha: left out 1 shared domain and 1 shared prefix (used by other Acme services too); --shared adds them\n"
		  "appfw: add: gamma: no known domains or prefixes; nothing added\n"
		  "appfw: add: delta: owns nothing, only 1 shared domain (used by other Acme services too); nothing added without --shared\n");
	CHECK_INT(plan.present, 1);
	CHECK_INT(plan.empty, 2);
	CHECK_INT(plan.want.napps, 1);
	CHECK_STR(plan.want.apps[0].name, "alpha");
	CHECK_INT(plan.want.apps[0].id, 2);
	CHECK_INT(plan.want.apps[0].action, APPFW_ACTION_BLOCK);
	domains_of(&plan.want, buf, sizeof(buf));
	CHECK_STR(buf, "alpha.test/d/2 shared.example/d/2 h.alpha.test/h/2");
	CHECK_INT(plan.want.nprefixes, 0);
	/* Tags name what the kernel might refuse. */
	CHECK_INT(plan.ntags, 4);
	CHECK_INT(plan.want.domains[2].line, 4);
	CHECK_STR(plan.tags[3].name, "h.alpha.test");
	CHECK_STR(plan.tags[3].app, "alpha");
	appfw_add_plan_free(&plan);
	free(log);

	/* Added together, a name two apps own goes to the first; with
	 * --shared the shared entries come too, and that is said. */
	CHECK_INT(plan_for(c, (const char *[]){ "beta", "alpha" }, 2, true,
			   &(struct afw_policy){ 0 }, &plan, &log), 0);
	CHECK_STR(log,
		  "appfw: add: alpha: --shared also blocks cdn.example, 198.51.100.0/24 (used by other Acme services too)\n");
	CHECK_INT(plan.want.napps, 2);
	CHECK_INT(plan.want.apps[0].id, 1);
	CHECK_INT(plan.want.apps[1].id, 2);
	domains_of(&plan.want, buf, sizeof(buf));
	CHECK_STR(buf, "beta.test/d/1 shared.example/d/1 alpha.test/d/2 h.alpha.test/h/2 cdn.example/d/2");
	CHECK_INT(plan.want.nprefixes, 1);
	CHECK_INT(plan.want.prefixes[0].p.app, 2);
	/* alpha's shared.example, skipped, left no tag behind. */
	CHECK_INT(plan.ntags, plan.want.napps + plan.want.ndomains +
			      plan.want.nprefixes);
	CHECK_INT(plan.present + plan.empty, 0);
	appfw_add_plan_free(&plan);
	free(log);

	afw_policy_free(&existing);
	afw_catalog_free(c);
	remove_catalog(dir);
}

TEST(apps_output)
{
	char dir[] = "/tmp/appfw-add-XXXXXX";

	make_catalog(dir);
	/* Everything: apps, then groups, columns as wide as their cells. */
	RUN(0,
	    "ID     NAME        VENDOR  STATUS            CONFIDENCE  DOMAINS  PREFIXES  SHARED\n"
	    "alpha  Alpha Chat  Acme    ok                high              3         0       2\n"
	    "beta   Beta        Acme    ok                -                 2         0       0\n"
	    "delta  Delta       Acme    shared-only       low               0         0       1\n"
	    "gamma  Gamma       -       no-known-domains  -                 0         0       0\n"
	    "\n"
	    "GROUP  NAME       APPS\n"
	    "acme   Acme apps     3\n",
	    "", "apps");
	/* A word matches ids, names, vendors and domains, ignoring case. */
	RUN(0,
	    "ID     NAME        VENDOR  STATUS       CONFIDENCE  DOMAINS  PREFIXES  SHARED\n"
	    "alpha  Alpha Chat  Acme    ok           high              3         0       2\n"
	    "delta  Delta       Acme    shared-only  low               0         0       1\n",
	    "", "apps", "CDN");
	RUN(0, "GROUP  NAME       APPS\nacme   Acme apps     3\n", "", "apps",
	    "apps");
	RUN(0,
	    "[{\"type\":\"app\",\"id\":\"gamma\",\"name\":\"Gamma\",\"vendor\":null,"
	    "\"status\":\"no-known-domains\",\"confidence\":null,\"domains\":0,"
	    "\"hosts\":0,\"prefixes\":0,\"shared_domains\":0,\"shared_prefixes\":0}]\n",
	    "", "apps", "-j", "gamma");
	RUN(0,
	    "[{\"type\":\"app\",\"id\":\"alpha\",\"name\":\"Alpha Chat\",\"vendor\":\"Acme\","
	    "\"status\":\"ok\",\"confidence\":\"high\",\"domains\":2,\"hosts\":1,"
	    "\"prefixes\":0,\"shared_domains\":1,\"shared_prefixes\":1}]\n",
	    "", "apps", "alpha", "--json");
	RUN(0,
	    "[{\"type\":\"group\",\"id\":\"acme\",\"name\":\"Acme apps\","
	    "\"apps\":[\"beta\",\"alpha\",\"gamma\"]}]\n",
	    "", "apps", "--json", "apps");
	/* Nothing: exit 1, said on stderr; JSON still an (empty) array. */
	RUN(1, "", "appfw: apps: no app or group matches \"zzz\"\n", "apps",
	    "zzz");
	RUN(1, "[]\n", "appfw: apps: no app or group matches \"zzz\"\n",
	    "apps", "-j", "zzz");
	remove_catalog(dir);
}
