/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The appfw command line, apart from main() so that the unit tests can
 * drive it: appfw_run() takes main's arguments and returns the exit code
 * (0 ok, 1 failure, 2 usage). Text goes to print_output(), errors to
 * afw_log_output().
 */
#ifndef APPFW_CLI_H
#define APPFW_CLI_H

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

/* One entry point per command, each in its own file. */
int status_main(int argc, char *argv[]);

#endif
