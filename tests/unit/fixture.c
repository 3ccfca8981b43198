// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The unit tests' fixtures: files of tests/fixtures (made by
 * scripts/make-fixtures.sh and scripts/make-dns-fixtures.sh), found from
 * the source tree or from $APPFW_FIXTURES.
 */
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

void unit_fixture_path(const char *name, char *path, size_t size)
{
	const char *dir = getenv("APPFW_FIXTURES");

	snprintf(path, size, "%s/%s", dir ? dir : "tests/fixtures", name);
}

size_t unit_fixture_at(const char *file, int line, const char *name,
		       void *buf, size_t max)
{
	char path[512];
	size_t n;
	FILE *f;

	unit_fixture_path(name, path, sizeof(path));
	f = fopen(path, "rb");
	if (!f) {
		unit_fail(file, line,
			  "%s: cannot open (run from the source tree or set APPFW_FIXTURES)",
			  path);
		return 0;
	}
	n = fread(buf, 1, max, f);
	fclose(f);
	return n;
}
