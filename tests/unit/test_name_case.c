// SPDX-License-Identifier: GPL-2.0
/*
 * Names given to look an app or group up are taken in any case ("appfw add
 * WeChat" is "appfw add wechat"); the name appfw new creates is taken as
 * typed, and an uppercase one is refused with the lowercase it could be.
 */
#include <stdlib.h>
#include <string.h>

#include "../../userspace/appfw/cli.h"
#include "cli_run.h"
#include "unit.h"

TEST(name_case_lookup_arg)
{
	char mixed[] = "WeChat", lower[] = "india-2020", bad[] = "We Chat";
	char longest[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
	char too_long[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
	const char *why = NULL;

	CHECK_INT(appfw_app_name_arg(mixed, &why), 0);
	CHECK_STR(mixed, "wechat");
	CHECK_INT(appfw_app_name_arg(lower, &why), 0);
	CHECK_STR(lower, "india-2020");
	/* 31 characters fit. */
	CHECK_INT(appfw_app_name_arg(longest, &why), 0);
	CHECK_STR(longest, "abcdefghijklmnopqrstuvwxyz01234");
	/* A refused name is left as typed, for the message. */
	CHECK(appfw_app_name_arg(bad, &why) < 0);
	CHECK_STR(bad, "We Chat");
	CHECK_STR(why, "use only a-z, 0-9, '_', '.', '-'");
	CHECK(appfw_app_name_arg(too_long, &why) < 0);
	CHECK_STR(too_long, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");
	CHECK_STR(why, "longer than 31 characters");
}

TEST(name_case_parse_args)
{
	char cmd[] = "del", a[] = "WeChat", b[] = "TikTok";
	char *argv[] = { cmd, a, b, NULL };
	const char *args[3];
	int n = 0;

	CHECK_INT(appfw_parse_args(3, argv, "Usage: appfw del NAME...\n", 1, 3,
				   true, args, &n),
		  0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(args[0], "wechat");
		CHECK_STR(args[1], "tiktok");
	}
}

TEST(name_case_cli_messages)
{
	struct run r;

	/* The words are lowercased before the catalog is opened. */
	setenv("APPFW_CATALOG", "/nonexistent/appfw", 1);
	r = run_appfw((const char *[]){ "add", "WeChat!", NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err,
		  "appfw: add: bad app name \"WeChat!\": use only a-z, 0-9, '_', '.', '-'\n");
	run_free(&r);
	unsetenv("APPFW_CATALOG");

	r = run_appfw((const char *[]){ "new", "MyApp", "--domain", "a.test",
					NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err,
		  "appfw: new: bad app name \"MyApp\": app names are lowercase (\"myapp\")\n");
	CHECK_STR(r.out, "");
	run_free(&r);

	r = run_appfw((const char *[]){ "new", "My App", NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err,
		  "appfw: new: bad app name \"My App\": use only a-z, 0-9, '_', '.', '-'\n");
	run_free(&r);
}
