// SPDX-License-Identifier: GPL-2.0
/*
 * afwtxn: drives appfw's policy transactions with hand-made generic
 * netlink messages, to test what the appfw tool never does on purpose:
 * die inside a transaction, or go on after an edit failed.
 *
 *   afwtxn probe
 *       Is a transaction open in this netns? Sends an edit outside any
 *       transaction (deleting app id 32767, which tests never use): it
 *       fails with EBUSY while another socket owns one. Prints "busy"
 *       (exit 3) or "free" (exit 0).
 *   afwtxn hold NAME ID DOMAIN
 *       BEGIN, a new app NAME (id ID, block) owning DOMAIN, prints
 *       "pending", and waits until standard input ends (or it is killed:
 *       the point). Then exits without COMMIT or ABORT.
 *   afwtxn abort NAME ID DOMAIN
 *       BEGIN, the app and its domain as hold does, then ABORT, printing
 *       "STEP ERRNO" for each: nothing of it may stay.
 *   afwtxn cancel NAME ID
 *       BEGIN, app NAME, the same app again (refused), a second app, COMMIT,
 *       ABORT, printing "STEP ERRNO" for each (0, or a negative errno):
 *       after the refused edit everything but ABORT must fail ECANCELED.
 *
 * Exit 1 when the kernel does not answer as netlink says it must, 2 on
 * usage. No libnl: statically linked, it runs in the test VM as it is,
 * and it talks to the ABI directly, not through the code under test.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROG "afwtxn"
#include "nlmsg.h"

static int simple(uint8_t cmd)
{
	struct msg m;

	start(&m, family, cmd, APPFW_GENL_VERSION);
	return talk(&m, NULL);
}

static int app_cmd(uint8_t cmd, const char *name, uint16_t id)
{
	struct nlattr *app;
	struct msg m;

	start(&m, family, cmd, APPFW_GENL_VERSION);
	app = nest(&m, APPFW_A_APP);
	put_u16(&m, APPFW_A_APP_ID, id);
	if (name) {
		put_str(&m, APPFW_A_APP_NAME, name);
		put_u8(&m, APPFW_A_APP_ACTION, APPFW_ACTION_BLOCK);
	}
	nest_end(&m, app);
	return talk(&m, NULL);
}

static int new_domain(uint16_t id, const char *domain)
{
	struct nlattr *list, *entry;
	struct msg m;

	start(&m, family, APPFW_CMD_NEW_DOMAIN, APPFW_GENL_VERSION);
	list = nest(&m, APPFW_A_DOMAINS);
	entry = nest(&m, 0);
	put_u16(&m, APPFW_A_DOMAIN_APP, id);
	put_str(&m, APPFW_A_DOMAIN_NAME, domain);
	put_u8(&m, APPFW_A_DOMAIN_KIND, APPFW_DOMAIN_SUFFIX);
	nest_end(&m, entry);
	nest_end(&m, list);
	return talk(&m, NULL);
}

static int step(const char *what, int err)
{
	printf("%s %d\n", what, err);
	return err;
}

static uint16_t parse_id(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 1 || v > APPFW_APP_ID_MAX) {
		fprintf(stderr, "afwtxn: bad app id \"%s\"\n", s);
		exit(2);
	}
	return (uint16_t)v;
}

int main(int argc, char *argv[])
{
	char c;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		goto usage;
	err = genl_open();
	if (err) {
		fprintf(stderr, "afwtxn: no appfw family: %s\n", strerror(-err));
		return 1;
	}

	if (!strcmp(argv[1], "probe") && argc == 2) {
		err = app_cmd(APPFW_CMD_DEL_APP, NULL, APPFW_APP_ID_MAX);
		if (err == -EBUSY) {
			printf("busy\n");
			return 3;
		}
		printf("free\n");
		return 0;
	}
	if (!strcmp(argv[1], "hold") && argc == 5) {
		uint16_t id = parse_id(argv[3]);

		if (step("begin", simple(APPFW_CMD_BEGIN)) ||
		    step("new_app", app_cmd(APPFW_CMD_NEW_APP, argv[2], id)) ||
		    step("new_domain", new_domain(id, argv[4])))
			return 1;
		printf("pending\n");
		while (read(0, &c, 1) > 0)
			;
		return 0;
	}
	if (!strcmp(argv[1], "abort") && argc == 5) {
		uint16_t id = parse_id(argv[3]);

		step("begin", simple(APPFW_CMD_BEGIN));
		step("new_app", app_cmd(APPFW_CMD_NEW_APP, argv[2], id));
		step("new_domain", new_domain(id, argv[4]));
		step("abort", simple(APPFW_CMD_ABORT));
		return 0;
	}
	if (!strcmp(argv[1], "cancel") && argc == 4) {
		uint16_t id = parse_id(argv[3]);

		step("begin", simple(APPFW_CMD_BEGIN));
		step("new_app", app_cmd(APPFW_CMD_NEW_APP, argv[2], id));
		step("new_app_again", app_cmd(APPFW_CMD_NEW_APP, argv[2], id));
		step("new_app_other", app_cmd(APPFW_CMD_NEW_APP, "afwtxn-other",
					      id == APPFW_APP_ID_MAX ? 1 : id + 1));
		step("commit", simple(APPFW_CMD_COMMIT));
		step("abort", simple(APPFW_CMD_ABORT));
		return 0;
	}
usage:
	fputs("Usage: afwtxn probe | hold NAME ID DOMAIN | abort NAME ID DOMAIN | cancel NAME ID\n",
	      stderr);
	return 2;
}
