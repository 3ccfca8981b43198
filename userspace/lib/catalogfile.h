/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the catalog: the parser of one file (catalogfile.c) and what the
 * collection (catalog.c) shares with it. Users include catalog.h.
 */
#ifndef AFW_CATALOGFILE_H
#define AFW_CATALOGFILE_H

#include <stdarg.h>
#include <stdio.h>

#include "catalog.h"

/* One parsed file: an app or a group, the other NULL. */
struct afw_catalog_parsed {
	struct afw_catalog_app *app;
	struct afw_catalog_group *group;
	unsigned int id_line;
};

/*
 * Reads fp to its end as the catalog file named file (.app or .group).
 * 0, or -EINVAL, -EIO, -ENOMEM with err filled; nothing to free then.
 */
int afw_catalog_parse(FILE *fp, const char *file,
		      struct afw_catalog_parsed *out,
		      struct afw_catalog_error *err);

void afw_catalog_app_free(struct afw_catalog_app *a);
void afw_catalog_group_free(struct afw_catalog_group *g);

/* Fills err (file may be NULL) and returns ret. */
int afw_catalog_fail(struct afw_catalog_error *err, const char *file,
		     unsigned int line, int ret, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int afw_catalog_vfail(struct afw_catalog_error *err, const char *file,
		      unsigned int line, int ret, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

#endif
