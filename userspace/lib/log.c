// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static const char *prog = "appfw";
static FILE *log_fp;

void afw_log_init(const char *name, FILE *fp)
{
	prog = name;
	log_fp = fp;
}

FILE *afw_log_output(void)
{
	return log_fp ? log_fp : stderr;
}

void afw_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	/* A longer message is cut rather than split over two writes. */
	fprintf(afw_log_output(), "%s: %s\n", prog, line);
}
