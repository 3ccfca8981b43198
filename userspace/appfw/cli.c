// SPDX-License-Identifier: GPL-2.0
/*
 * The command table and the global options, after wireguard-tools' wg.c:
 * each command is a function taking the command's own argv (argv[0] is
 * the command's name) and returning the exit code.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "appfw_version.h"
#include "cli.h"
#include "log.h"
#include "print.h"
#include "syntax.h"

static const struct {
	const char *name;
	int (*function)(int argc, char *argv[]);
	const char *help;
} commands[] = {
	{ "add", add_main, "Add apps or groups of apps from the catalog" },
	{ "apps", apps_main, "Search the catalog of apps and groups" },
	{ "new", new_main, "Create an app with its domains and prefixes" },
	{ "del", del_main, "Delete apps" },
	{ "block", action_main, "Drop the traffic of apps" },
	{ "reject", action_main, "Refuse the traffic of apps (TCP RST, ICMP)" },
	{ "allow", action_main, "Let the traffic of apps pass" },
	{ "monitor", monitor_main, "Count and report apps; without one: show events" },
	{ "list", list_main, "List the apps with their actions and counters" },
	{ "show", show_main, "Show an app: domains, hosts, prefixes, counters" },
	{ "test", test_main, "Ask which app and action a name or address gets" },
	{ "config", config_main, "Show or change the configuration" },
	{ "learned", learned_main, "List or forget addresses learned from DNS" },
	{ "save", save_main, "Write the policy to a file" },
	{ "restore", restore_main, "Replace the policy with a file's" },
	{ "flush", flush_main, "Delete every app" },
	{ "status", status_main,
	  "Show versions, policy sizes, configuration and counters" },
};

static void usage(FILE *fp)
{
	fprintf(fp, "Usage: appfw [OPTIONS] COMMAND [ARGS]...\n"
		    "\n"
		    "Options:\n"
		    "  -j, --json     print JSON on one line instead of text\n"
		    "  -h, --help     show this help\n"
		    "  -V, --version  show the version of the tools\n"
		    "\n"
		    "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(fp, "\n"
		    "'appfw COMMAND --help' shows a command's arguments. Exit status:\n"
		    "0 done, 1 failed (nothing changed), 2 bad usage.\n");
}

static bool is_opt(const char *arg, const char *shrt, const char *lng)
{
	return !strcmp(arg, shrt) || !strcmp(arg, lng);
}

int appfw_usage_error(const char *command, const char *arg,
		      const char *usage_text)
{
	if (arg[0] == '-')
		afw_log("%s: unknown option '%s'", command, arg);
	else
		afw_log("%s: unexpected argument '%s'", command, arg);
	/* The synopsis only; --help has the rest. */
	fprintf(afw_log_output(), "%.*s", (int)(strcspn(usage_text, "\n") + 1),
		usage_text);
	return 2;
}

int appfw_usage_msg(const char *command, const char *usage_text,
		    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	afw_log("%s: %s", command, msg);
	fprintf(afw_log_output(), "%.*s", (int)(strcspn(usage_text, "\n") + 1),
		usage_text);
	return 2;
}

int appfw_common_opt(char *argv[], int i, const char *usage_text)
{
	if (is_opt(argv[i], "-j", "--json")) {
		print_set_json(true);
		return 1;
	}
	if (is_opt(argv[i], "-h", "--help")) {
		fputs(usage_text, print_output());
		return APPFW_OPTS_HELP;
	}
	return 0;
}

int appfw_opt_value(int argc, char *argv[], int *i, const char *name,
		    const char **value, const char *usage_text)
{
	size_t len = strlen(name);

	if (strncmp(argv[*i], name, len))
		return 0;
	if (argv[*i][len] == '=') {
		*value = argv[*i] + len + 1;
		return 1;
	}
	if (argv[*i][len])
		return 0;
	if (*i + 1 == argc) {
		appfw_usage_msg(argv[0], usage_text, "option '%s' needs a value",
				name);
		return APPFW_OPTS_BAD;
	}
	*value = argv[++*i];
	return 1;
}

int appfw_app_name_arg(char *arg, const char **why)
{
	char low[APPFW_APP_NAME_LEN];
	size_t len = strlen(arg);
	int err;

	/* Too long either way: the strict check says so. */
	if (len >= sizeof(low))
		return afw_parse_app_name(arg, why);
	for (size_t i = 0; i <= len; i++)
		low[i] = (char)tolower((unsigned char)arg[i]);
	err = afw_parse_app_name(low, why);
	if (!err)
		memcpy(arg, low, len);
	return err;
}

int appfw_parse_args(int argc, char *argv[], const char *usage_text,
		     int min, int max, bool app_names, const char **args,
		     int *n)
{
	bool options = true;
	const char *why;
	int r;

	*n = 0;
	for (int i = 1; i < argc; i++) {
		if (options && argv[i][0] == '-' && argv[i][1]) {
			if (!strcmp(argv[i], "--")) {
				options = false;
				continue;
			}
			r = appfw_common_opt(argv, i, usage_text);
			if (r == APPFW_OPTS_HELP)
				return r;
			if (!r) {
				appfw_usage_error(argv[0], argv[i], usage_text);
				return APPFW_OPTS_BAD;
			}
			continue;
		}
		if (*n == max) {
			appfw_usage_error(argv[0], argv[i], usage_text);
			return APPFW_OPTS_BAD;
		}
		if (app_names && appfw_app_name_arg(argv[i], &why)) {
			afw_log("%s: bad app name \"%s\": %s", argv[0], argv[i],
				why);
			return APPFW_OPTS_BAD;
		}
		args[(*n)++] = argv[i];
	}
	if (*n < min) {
		appfw_usage_msg(argv[0], usage_text, "%s",
				app_names ? "app name missing" :
					    "argument missing");
		return APPFW_OPTS_BAD;
	}
	return 0;
}

int appfw_parse_opts(int argc, char *argv[], const char *usage_text)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		if (is_opt(argv[i], "-j", "--json")) {
			print_set_json(true);
		} else if (is_opt(argv[i], "-h", "--help")) {
			fputs(usage_text, print_output());
			return APPFW_OPTS_HELP;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			appfw_usage_error(argv[0], argv[i], usage_text);
			return APPFW_OPTS_BAD;
		} else {
			break;
		}
	}
	return i;
}

int appfw_run(int argc, char *argv[])
{
	int i;

	print_set_json(false);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (is_opt(argv[i], "-j", "--json")) {
			print_set_json(true);
		} else if (is_opt(argv[i], "-h", "--help")) {
			usage(print_output());
			return 0;
		} else if (is_opt(argv[i], "-V", "--version")) {
			fprintf(print_output(), "appfw %s\n", APPFW_VERSION);
			return 0;
		} else {
			afw_log("unknown option '%s'", argv[i]);
			usage(afw_log_output());
			return 2;
		}
	}
	if (i == argc) {
		usage(afw_log_output());
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		usage(print_output());
		return 0;
	}
	for (size_t c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].function(argc - i, argv + i);
	afw_log("unknown command '%s'", argv[i]);
	usage(afw_log_output());
	return 2;
}
