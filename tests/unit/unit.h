/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A minimal unit test runner: TEST() registers a function at load time,
 * CHECK*() record a failure with its location and let the test go on, so
 * one run shows every broken expectation. tests/unit/main.c runs them and
 * prints one PASS:/FAIL: line per test.
 */
#ifndef APPFW_UNIT_H
#define APPFW_UNIT_H

#include <stdint.h>
#include <string.h>

struct unit_test {
	const char *name;
	const char *file;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Fixtures (tests/unit/fixture.c): NAME under tests/fixtures, or under
 * $APPFW_FIXTURES when set. unit_fixture() reads at most max bytes of it
 * into buf (a longer file is cut short, as some tests want) and returns
 * how many; 0 and a failure of the calling test when it cannot be opened.
 */
void unit_fixture_path(const char *name, char *path, size_t size);
size_t unit_fixture_at(const char *file, int line, const char *name,
		       void *buf, size_t max);
#define unit_fixture(name, buf, max) \
	unit_fixture_at(__FILE__, __LINE__, name, buf, max)

#define TEST(tname)                                                        \
	static void tname(void);                                           \
	static struct unit_test unit_##tname = { #tname, __FILE__, tname, 0 }; \
	__attribute__((constructor)) static void unit_reg_##tname(void)    \
	{                                                                  \
		unit_register(&unit_##tname);                              \
	}                                                                  \
	static void tname(void)

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond))                                               \
			unit_fail(__FILE__, __LINE__, "%s", #cond);        \
	} while (0)

#define CHECK_INT(a, b)                                                    \
	do {                                                               \
		long long unit_a = (long long)(a), unit_b = (long long)(b); \
		if (unit_a != unit_b)                                      \
			unit_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
				  #a, #b, unit_a, unit_b);                 \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *unit_a = (a), *unit_b = (b);                   \
		if (!unit_a || !unit_b || strcmp(unit_a, unit_b))          \
			unit_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", \
				  #a, #b, unit_a ? unit_a : "(null)",      \
				  unit_b ? unit_b : "(null)");             \
	} while (0)

#endif
