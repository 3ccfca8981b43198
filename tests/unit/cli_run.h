/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* Runs the appfw CLI in-process and captures what it prints. */
#ifndef APPFW_CLI_RUN_H
#define APPFW_CLI_RUN_H

struct run {
	int ret;
	char *out;
	char *err;
};

/* args: NULL-terminated, without the program name; at most 14 of them. */
struct run run_appfw(const char *const *args);
void run_free(struct run *r);

#endif
