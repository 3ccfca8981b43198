/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One-line messages on stderr, each prefixed with the program's name
 * ("appfw: ...", "appfwd: ..."). Tests point the stream at a memstream.
 */
#ifndef AFW_LOG_H
#define AFW_LOG_H

#include <stdio.h>

/* prog is kept, not copied; fp NULL means stderr. */
void afw_log_init(const char *prog, FILE *fp);
FILE *afw_log_output(void);

/* Prints "<prog>: <message>\n" in one write, so that lines from several
 * threads never interleave. */
void afw_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
