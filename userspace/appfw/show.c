// SPDX-License-Identifier: GPL-2.0
/*
 * appfw show NAME: one app, its counters, and every entry it owns, in the
 * words of the policy file (domain, host, prefix).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "genl.h"
#include "kernel.h"
#include "list.h"
#include "log.h"
#include "print.h"
#include "syntax.h"

static const char show_usage[] =
	"Usage: appfw show NAME [-j|--json]\n"
	"\n"
	"Shows the app NAME: its id, action and counters (as appfw list), the\n"
	"domains it owns with every name under them, the exact host names,\n"
	"and the IPv4 and IPv6 prefixes, each sorted. NAME is taken in any\n"
	"case.\n";

static void print_domains(const struct afw_policy *pol, uint16_t id,
			  uint8_t kind, const char *key, const char *fmt)
{
	open_json_array(key);
	for (size_t i = 0; i < pol->ndomains; i++) {
		const struct afw_domain *d = &pol->domains[i];

		if (d->app == id && d->kind == kind)
			print_string(PRINT_ANY, NULL, fmt,
				     afw_policy_domain_name(pol, d));
	}
	close_json_array();
}

int appfw_show_print(struct afw_policy *pol, const char *name)
{
	char text[AFW_PREFIX_STRLEN], buf[4];
	const struct afw_app *a;
	long i;
	int err;

	err = afw_policy_sort(pol);
	if (err)
		return err;
	i = afw_policy_find_app(pol, name);
	if (i < 0)
		return -ENOENT;
	a = &pol->apps[i];
	open_json_object(NULL);
	appfw_app_json(a);
	if (!print_is_json()) {
		fprintf(print_output(), "%s: id %u, %s\n", a->name, a->id,
			appfw_action_str(a->action, buf));
		fprintf(print_output(),
			"  flows %" PRIu64 ", packets %" PRIu64 ", bytes %" PRIu64
			", blocked %" PRIu64 "\n",
			a->flows, a->packets, a->bytes, a->blocked);
	}
	open_json_object("entries");
	print_domains(pol, a->id, APPFW_DOMAIN_SUFFIX, "domains",
		      "  domain %s\n");
	print_domains(pol, a->id, APPFW_DOMAIN_EXACT, "hosts", "  host %s\n");
	open_json_array("prefixes");
	for (size_t p = 0; p < pol->nprefixes; p++) {
		if (pol->prefixes[p].p.app != a->id)
			continue;
		afw_format_prefix(&pol->prefixes[p].p, text);
		print_string(PRINT_ANY, NULL, "  prefix %s\n", text);
	}
	close_json_array();
	close_json_object();
	close_json_object();
	return print_end();
}

int show_main(int argc, char *argv[])
{
	struct appfw_status st;
	struct afw_policy pol;
	struct afw_genl g;
	const char *name;
	int n, err;

	err = appfw_parse_args(argc, argv, show_usage, 1, 1, true, &name, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	err = afw_genl_open(&g);
	if (err) {
		afw_genl_perror(&g, err, "show");
		return 1;
	}
	afw_policy_init(&pol);
	err = appfw_read_policy(&g, &pol, name, &st);
	if (err) {
		afw_genl_perror(&g, err, "show");
	} else {
		err = appfw_show_print(&pol, name);
		if (err == -ENOENT)
			afw_log("show: unknown app \"%s\"", name);
	}
	afw_policy_free(&pol);
	afw_genl_close(&g);
	return err ? 1 : 0;
}
