// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "cli.h"
#include "log.h"
#include "print.h"

int main(int argc, char *argv[])
{
	afw_log_init("appfw", NULL);
	print_set_output(stdout);
	return appfw_run(argc, argv);
}
