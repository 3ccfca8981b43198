// SPDX-License-Identifier: GPL-2.0
/*
 * The command table and the global options, after wireguard-tools' wg.c:
 * each command is a function taking the command's own argv (argv[0] is
 * the command's name) and returning the exit code.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "appfw_version.h"
#include "cli.h"
#include "log.h"
#include "print.h"

static const struct {
	const char *name;
	int (*function)(int argc, char *argv[]);
	const char *help;
} commands[] = {
	{ "status", status_main,
	  "Show the versions and what the hooks have seen" },
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
		    "'appfw COMMAND --help' shows a command's arguments.\n");
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
