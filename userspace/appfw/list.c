// SPDX-License-Identifier: GPL-2.0
/*
 * appfw list: every app with its action and counters; a table for
 * people, with columns as wide as their widest cell, an array for jq.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "genl.h"
#include "kernel.h"
#include "list.h"
#include "print.h"
#include "syntax.h"

static const char list_usage[] =
	"Usage: appfw list [-j|--json]\n"
	"\n"
	"Lists the apps of this network namespace's policy by id: action,\n"
	"how many domain (and host) entries and prefixes each owns, and its\n"
	"counters since it was created: flows classified as the app, packets\n"
	"and bytes of those flows in both directions, packets blocked or\n"
	"rejected.\n";

const char *appfw_action_str(uint8_t action, char buf[4])
{
	const char *name = afw_action_name(action);

	if (name)
		return name;
	snprintf(buf, 4, "%u", action);
	return buf;
}

void appfw_app_json(const struct afw_app *a)
{
	char buf[4];

	print_u64(PRINT_JSON, "id", NULL, a->id);
	print_string(PRINT_JSON, "name", NULL, a->name);
	print_string(PRINT_JSON, "action", NULL,
		     appfw_action_str(a->action, buf));
	print_u64(PRINT_JSON, "domains", NULL, a->ndomains);
	print_u64(PRINT_JSON, "prefixes", NULL, a->nprefixes);
	print_u64(PRINT_JSON, "flows", NULL, a->flows);
	print_u64(PRINT_JSON, "packets", NULL, a->packets);
	print_u64(PRINT_JSON, "bytes", NULL, a->bytes);
	print_u64(PRINT_JSON, "blocked", NULL, a->blocked);
}

enum { NCOLS = 9, CELL = APPFW_APP_NAME_LEN };

static const char *const headers[NCOLS] = {
	"ID", "NAME", "ACTION", "DOMAINS", "PREFIXES", "FLOWS", "PACKETS",
	"BYTES", "BLOCKED",
};

/* Columns from the fourth on are numbers, aligned on the right. */
static void cells(const struct afw_app *a, char c[NCOLS][CELL])
{
	char buf[4];

	snprintf(c[0], CELL, "%u", a->id);
	snprintf(c[1], CELL, "%s", a->name);
	snprintf(c[2], CELL, "%s", appfw_action_str(a->action, buf));
	snprintf(c[3], CELL, "%" PRIu32, a->ndomains);
	snprintf(c[4], CELL, "%" PRIu32, a->nprefixes);
	snprintf(c[5], CELL, "%" PRIu64, a->flows);
	snprintf(c[6], CELL, "%" PRIu64, a->packets);
	snprintf(c[7], CELL, "%" PRIu64, a->bytes);
	snprintf(c[8], CELL, "%" PRIu64, a->blocked);
}

static void print_row(char c[NCOLS][CELL], const int width[NCOLS])
{
	char fmt[16];

	for (int i = 0; i < NCOLS; i++) {
		snprintf(fmt, sizeof(fmt), "%s%%%s*s", i ? "  " : "",
			 i < 3 && i < NCOLS - 1 ? "-" : "");
		fprintf(print_output(), fmt, width[i], c[i]);
	}
	fputc('\n', print_output());
}

static void print_table(const struct afw_policy *pol)
{
	char c[NCOLS][CELL];
	int width[NCOLS];

	if (!pol->napps)
		return;
	for (int i = 0; i < NCOLS; i++)
		width[i] = (int)strlen(headers[i]);
	for (size_t a = 0; a < pol->napps; a++) {
		cells(&pol->apps[a], c);
		for (int i = 0; i < NCOLS; i++)
			if ((int)strlen(c[i]) > width[i])
				width[i] = (int)strlen(c[i]);
	}
	for (int i = 0; i < NCOLS; i++)
		snprintf(c[i], CELL, "%s", headers[i]);
	print_row(c, width);
	for (size_t a = 0; a < pol->napps; a++) {
		cells(&pol->apps[a], c);
		print_row(c, width);
	}
}

int appfw_list_print(struct afw_policy *pol)
{
	int err = afw_policy_sort(pol);

	if (err)
		return err;
	if (!print_is_json()) {
		print_table(pol);
		return print_end();
	}
	open_json_array(NULL);
	for (size_t a = 0; a < pol->napps; a++) {
		open_json_object(NULL);
		appfw_app_json(&pol->apps[a]);
		close_json_object();
	}
	close_json_array();
	return print_end();
}

int list_main(int argc, char *argv[])
{
	struct afw_policy pol;
	struct afw_genl g;
	const char *args[1];
	int n, err;

	err = appfw_parse_args(argc, argv, list_usage, 0, 0, false, args, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	err = afw_genl_open(&g);
	if (err) {
		afw_genl_perror(&g, err, "list");
		return 1;
	}
	afw_policy_init(&pol);
	/* A commit during the dump spoils it; the next one will do. */
	for (int attempt = 0; attempt < 5; attempt++) {
		afw_policy_free(&pol);
		err = appfw_read_apps(&g, &pol);
		if (err != -EINTR)
			break;
	}
	if (err)
		afw_genl_perror(&g, err, "list");
	else
		err = appfw_list_print(&pol);
	afw_policy_free(&pol);
	afw_genl_close(&g);
	return err ? 1 : 0;
}
