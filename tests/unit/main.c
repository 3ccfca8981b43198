// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Runs every registered unit test, or those whose name contains one of the
 * arguments. Output: "PASS: unit/<name>" or "FAIL: unit/<name>" followed by
 * the failed checks. Exit status 1 if anything failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

static struct unit_test *tests_head, **tests_tail = &tests_head;
static unsigned int current_failures;

void unit_register(struct unit_test *t)
{
	*tests_tail = t;
	tests_tail = &t->next;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	current_failures++;
	fprintf(stdout, "    %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int selected(const struct unit_test *t, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strstr(t->name, argv[i]))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int passed = 0, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (struct unit_test *t = tests_head; t; t = t->next) {
		if (!selected(t, argc, argv))
			continue;
		current_failures = 0;
		/* Failure details print before the verdict line that names them. */
		t->fn();
		if (current_failures) {
			printf("FAIL: unit/%s (%u checks failed)\n", t->name,
			       current_failures);
			failed++;
		} else {
			printf("PASS: unit/%s\n", t->name);
			passed++;
		}
	}
	if (passed + failed == 0) {
		printf("FAIL: unit: no test selected\n");
		return 1;
	}
	return failed ? 1 : 0;
}
