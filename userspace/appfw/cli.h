/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The appfw command line, apart from main() so that the unit tests can
 * drive it: appfw_run() takes main's arguments and returns the exit code
 * (0 ok, 1 failure, 2 usage). Text goes to print_output(), errors to
 * afw_log_output().
 */
#ifndef APPFW_CLI_H
#define APPFW_CLI_H

#include <stdbool.h>

int appfw_run(int argc, char *argv[]);

/*
 * Parses the options every command takes (-j/--json, -h/--help) from
 * argv[1] on, stopping at the first other argument or after "--". Returns
 * the index of the first argument left for the command, APPFW_OPTS_HELP
 * after printing usage to the output (exit 0), or APPFW_OPTS_BAD after
 * naming the bad option and printing usage as an error (exit 2).
 */
#define APPFW_OPTS_HELP (-1)
#define APPFW_OPTS_BAD (-2)
int appfw_parse_opts(int argc, char *argv[], const char *usage);

/* Names the unexpected argument and prints usage as an error; returns 2,
 * the exit code for usage errors, so commands can return it. */
int appfw_usage_error(const char *command, const char *arg,
		      const char *usage);

/* Prints "appfw: COMMAND: <message>" and the synopsis as an error;
 * returns 2. */
int appfw_usage_msg(const char *command, const char *usage,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * For commands that parse their own options: handles -j/--json and
 * -h/--help at argv[i]. Returns 1 if it was -j, APPFW_OPTS_HELP after
 * printing usage (exit 0), 0 if argv[i] is neither.
 */
int appfw_common_opt(char *argv[], int i, const char *usage);

/*
 * Matches argv[*i] against the option name ("--domain") with its value in
 * "--domain=VALUE" or in the next argument (then *i moves to it). Returns
 * 1 and sets *value, 0 if argv[*i] is another option, or APPFW_OPTS_BAD
 * after a usage error for a missing value.
 */
int appfw_opt_value(int argc, char *argv[], int *i, const char *name,
		    const char **value, const char *usage);

/*
 * The whole command line of a command taking only -j/-h and from min to
 * max arguments (in args, which has room for argc), anywhere but after
 * "--", where options end. With app_names, each must be a valid app name
 * (lib/syntax.h). Returns 0, APPFW_OPTS_HELP after printing usage, or
 * APPFW_OPTS_BAD after the error.
 */
int appfw_parse_args(int argc, char *argv[], const char *usage, int min,
		     int max, bool app_names, const char **args, int *n);

/*
 * An app or group name given to look one up (add, del, show, ...): names
 * are lowercase, so "WeChat" is taken as "wechat", in place. Returns 0,
 * or -EINVAL with *why when even the lowercased name is not a valid one.
 * appfw new keeps the strict rule: the name it creates is what was typed.
 */
int appfw_app_name_arg(char *arg, const char **why);

/* One entry point per command, each in its own file. */
int add_main(int argc, char *argv[]);
int apps_main(int argc, char *argv[]);
int new_main(int argc, char *argv[]);
int del_main(int argc, char *argv[]);
int action_main(int argc, char *argv[]);	/* block, reject, allow */
int monitor_main(int argc, char *argv[]);	/* with names: the action */
int list_main(int argc, char *argv[]);
int show_main(int argc, char *argv[]);
int test_main(int argc, char *argv[]);
int config_main(int argc, char *argv[]);
int save_main(int argc, char *argv[]);
int restore_main(int argc, char *argv[]);
int flush_main(int argc, char *argv[]);
int status_main(int argc, char *argv[]);
int learned_main(int argc, char *argv[]);

#endif
