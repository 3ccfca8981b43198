// SPDX-License-Identifier: GPL-2.0
/*
 * appfw apps [WORD] [-j]: what the catalog knows, or the part of it that
 * mentions WORD (in an id, name, vendor or domain). Needs no kernel: it is
 * how an operator finds the name `appfw add` wants.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "add.h"
#include "catalog.h"
#include "cli.h"
#include "log.h"
#include "print.h"

static const char apps_usage[] =
	"Usage: appfw apps [WORD] [-j|--json]\n"
	"\n"
	"Lists the apps and groups of the catalog, or those whose id, name,\n"
	"vendor or domains contain WORD (ignoring case). For each app: its\n"
	"status (ok; shared-only: it owns nothing, only domains its vendor's\n"
	"other apps use too; no-known-domains), how good the sources are, and\n"
	"how many domains (and hosts), prefixes and shared entries it has. For\n"
	"each group: its apps. 'appfw add ID' adds either. Exit status 1 if\n"
	"nothing matches.\n";

enum { NCOLS = 8, CELL = 128 };

static const char *const headers[NCOLS] = {
	"ID", "NAME", "VENDOR", "STATUS", "CONFIDENCE", "DOMAINS", "PREFIXES",
	"SHARED",
};

static void cells(const struct afw_catalog_app *a, char c[NCOLS][CELL])
{
	const char *conf = afw_catalog_confidence_name(a->confidence);

	snprintf(c[0], CELL, "%s", a->id);
	snprintf(c[1], CELL, "%s", a->name);
	snprintf(c[2], CELL, "%s", a->vendor[0] ? a->vendor : "-");
	snprintf(c[3], CELL, "%s", afw_catalog_status_name(a->status));
	snprintf(c[4], CELL, "%s", conf[0] ? conf : "-");
	snprintf(c[5], CELL, "%zu", a->domains.n + a->hosts.n);
	snprintf(c[6], CELL, "%zu", a->prefixes.n);
	snprintf(c[7], CELL, "%zu",
		 a->shared_domains.n + a->shared_prefixes.n);
}

/* Text columns on the left, numbers (from the sixth on) on the right;
 * the last column is not padded. */
static void print_row(char c[][CELL], const int *width, int ncols,
		      int first_number)
{
	for (int i = 0; i < ncols; i++) {
		if (i)
			fputs("  ", print_output());
		if (i >= first_number)
			fprintf(print_output(), "%*s", width[i], c[i]);
		else if (i == ncols - 1)
			fputs(c[i], print_output());
		else
			fprintf(print_output(), "%-*s", width[i], c[i]);
	}
	fputc('\n', print_output());
}

static void widen(char c[][CELL], int *width, int ncols)
{
	for (int i = 0; i < ncols; i++)
		if ((int)strlen(c[i]) > width[i])
			width[i] = (int)strlen(c[i]);
}

static void print_apps(const struct afw_catalog_app *const *apps, size_t n)
{
	char c[NCOLS][CELL];
	int width[NCOLS];

	for (int i = 0; i < NCOLS; i++) {
		snprintf(c[i], CELL, "%s", headers[i]);
		width[i] = (int)strlen(headers[i]);
	}
	for (size_t a = 0; a < n; a++) {
		cells(apps[a], c);
		widen(c, width, NCOLS);
	}
	for (int i = 0; i < NCOLS; i++)
		snprintf(c[i], CELL, "%s", headers[i]);
	print_row(c, width, NCOLS, 5);
	for (size_t a = 0; a < n; a++) {
		cells(apps[a], c);
		print_row(c, width, NCOLS, 5);
	}
}

static void group_cells(const struct afw_catalog_group *g, char c[3][CELL])
{
	snprintf(c[0], CELL, "%s", g->id);
	snprintf(c[1], CELL, "%s", g->name);
	snprintf(c[2], CELL, "%zu", g->apps.n);
}

static void print_groups(const struct afw_catalog_group *const *groups,
			 size_t n)
{
	static const char *const gheaders[3] = { "GROUP", "NAME", "APPS" };
	char c[3][CELL];
	int width[3];

	for (int i = 0; i < 3; i++)
		width[i] = (int)strlen(gheaders[i]);
	for (size_t g = 0; g < n; g++) {
		group_cells(groups[g], c);
		widen(c, width, 3);
	}
	for (int i = 0; i < 3; i++)
		snprintf(c[i], CELL, "%s", gheaders[i]);
	print_row(c, width, 3, 2);
	for (size_t g = 0; g < n; g++) {
		group_cells(groups[g], c);
		print_row(c, width, 3, 2);
	}
}

static void app_json(const struct afw_catalog_app *a)
{
	const char *conf = afw_catalog_confidence_name(a->confidence);

	open_json_object(NULL);
	print_string(PRINT_JSON, "type", NULL, "app");
	print_string(PRINT_JSON, "id", NULL, a->id);
	print_string(PRINT_JSON, "name", NULL, a->name);
	print_string(PRINT_JSON, "vendor", NULL,
		     a->vendor[0] ? a->vendor : NULL);
	print_string(PRINT_JSON, "status", NULL,
		     afw_catalog_status_name(a->status));
	print_string(PRINT_JSON, "confidence", NULL, conf[0] ? conf : NULL);
	print_u64(PRINT_JSON, "domains", NULL, a->domains.n);
	print_u64(PRINT_JSON, "hosts", NULL, a->hosts.n);
	print_u64(PRINT_JSON, "prefixes", NULL, a->prefixes.n);
	print_u64(PRINT_JSON, "shared_domains", NULL, a->shared_domains.n);
	print_u64(PRINT_JSON, "shared_prefixes", NULL, a->shared_prefixes.n);
	close_json_object();
}

static void group_json(const struct afw_catalog_group *g)
{
	open_json_object(NULL);
	print_string(PRINT_JSON, "type", NULL, "group");
	print_string(PRINT_JSON, "id", NULL, g->id);
	print_string(PRINT_JSON, "name", NULL, g->name);
	open_json_array("apps");
	for (size_t i = 0; i < g->apps.n; i++)
		print_string(PRINT_JSON, NULL, NULL, g->apps.v[i].text);
	close_json_array();
	close_json_object();
}

/* Prints the matches of word (every entry if NULL): 0, 1 if none, or
 * -errno from the output. */
int appfw_apps_print(const struct afw_catalog *c, const char *word)
{
	size_t na = afw_catalog_app_count(c), ng = afw_catalog_group_count(c);
	const struct afw_catalog_app **apps = calloc(na + 1, sizeof(*apps));
	const struct afw_catalog_group **groups =
		calloc(ng + 1, sizeof(*groups));
	size_t a = 0, g = 0;
	int ret;

	if (!apps || !groups) {
		free(apps);
		free(groups);
		return -ENOMEM;
	}
	for (size_t i = 0; i < na; i++) {
		const struct afw_catalog_app *app = afw_catalog_app_at(c, i);

		if (!word || afw_catalog_app_match(app, word, NULL))
			apps[a++] = app;
	}
	for (size_t i = 0; i < ng; i++) {
		const struct afw_catalog_group *grp = afw_catalog_group_at(c, i);

		if (!word || afw_catalog_group_match(grp, word, NULL))
			groups[g++] = grp;
	}
	if (print_is_json()) {
		open_json_array(NULL);
		for (size_t i = 0; i < a; i++)
			app_json(apps[i]);
		for (size_t i = 0; i < g; i++)
			group_json(groups[i]);
		close_json_array();
	} else {
		if (a)
			print_apps(apps, a);
		if (a && g)
			fputc('\n', print_output());
		if (g)
			print_groups(groups, g);
	}
	ret = print_end();
	if (!ret && !a && !g) {
		if (word)
			afw_log("apps: no app or group matches \"%s\"", word);
		else
			afw_log("apps: the catalog is empty");
		ret = 1;
	}
	free(apps);
	free(groups);
	return ret;
}

int apps_main(int argc, char *argv[])
{
	struct afw_catalog_error cerr = { 0 };
	struct afw_catalog *c;
	const char *args[1];
	int n, err;

	err = appfw_parse_args(argc, argv, apps_usage, 0, 1, false, args, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	err = afw_catalog_open(&c, &cerr);
	if (err) {
		appfw_catalog_perror("apps", &cerr);
		return 1;
	}
	err = appfw_apps_print(c, n ? args[0] : NULL);
	afw_catalog_free(c);
	if (err < 0)
		afw_log("apps: %s", strerror(-err));
	return err ? 1 : 0;
}
