// SPDX-License-Identifier: GPL-2.0 OR MIT
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../userspace/appfw/cli.h"
#include "cli_run.h"
#include "log.h"
#include "print.h"

struct run run_appfw(const char *const *args)
{
	char *argv[16] = { "appfw" };
	size_t out_len, err_len;
	int argc = 1;
	FILE *out, *err;
	struct run r;

	/* Copies: like a real argv, the strings may be written to (names
	 * are lowercased in place). */
	while (args[argc - 1] && argc < 15) {
		argv[argc] = strdup(args[argc - 1]);
		argc++;
	}
	out = open_memstream(&r.out, &out_len);
	err = open_memstream(&r.err, &err_len);
	print_set_output(out);
	afw_log_init("appfw", err);
	r.ret = appfw_run(argc, argv);
	for (int i = 1; i < argc; i++)
		free(argv[i]);
	fclose(out);
	fclose(err);
	/* The next run starts from the defaults, as a new process would. */
	print_set_output(NULL);
	print_set_json(false);
	afw_log_init("appfw", NULL);
	return r;
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}
