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
 *   afwtxn churn SECONDS NAME ID DOMAIN
 *       Replaces the policy as fast as it can for SECONDS, one transaction
 *       after another: app NAME (id ID, block) owning DOMAIN comes, then
 *       "x.DOMAIN" is added to it and deleted again 16 times, then the app
 *       goes (a retired id: the kernel walks conntrack), and so on. Meant
 *       to run while others reload the module or restore policies: a
 *       refused step (the app came or went under it, another socket's
 *       transaction, the module gone) aborts that round, and the next one
 *       starts over by deleting the app. 5 ms pass between commits.
 *       SIGTERM or SIGINT end it early. Prints "commits N refused N".
 *
 * Exit 1 when the kernel does not answer as netlink says it must, 2 on
 * usage. No libnl: statically linked, it runs in the test VM as it is,
 * and it talks to the ABI directly, not through the code under test.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
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

static int domain_cmd(uint8_t cmd, uint16_t id, const char *domain)
{
	struct nlattr *list, *entry;
	struct msg m;

	start(&m, family, cmd, APPFW_GENL_VERSION);
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

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t churn_stop;

static void on_stop(int sig)
{
	(void)sig;
	churn_stop = 1;
}

/* Where churn's app stands; UNKNOWN after a refused round. */
enum churn_state { UNKNOWN, ABSENT, BARE, WITH_SUB };

/*
 * One transaction moving the app from *state to the next state. Returns 0
 * when it committed (or found the app already gone); otherwise the
 * transaction is aborted (an edit that fails cancels it) and the error
 * returned.
 */
static int churn_round(enum churn_state *state, unsigned int *toggles,
		       const char *name, uint16_t id, const char *domain,
		       const char *sub)
{
	enum churn_state next;
	int err = simple(APPFW_CMD_BEGIN);

	if (err)
		return err;
	switch (*state) {
	case ABSENT:
		err = app_cmd(APPFW_CMD_NEW_APP, name, id);
		if (!err)
			err = domain_cmd(APPFW_CMD_NEW_DOMAIN, id, domain);
		next = BARE;
		break;
	case BARE:
		if (*toggles >= 16) {
			err = app_cmd(APPFW_CMD_DEL_APP, NULL, id);
			*toggles = 0;
			next = ABSENT;
		} else {
			err = domain_cmd(APPFW_CMD_NEW_DOMAIN, id, sub);
			next = WITH_SUB;
		}
		break;
	case WITH_SUB:
		err = domain_cmd(APPFW_CMD_DEL_DOMAIN, id, sub);
		(*toggles)++;
		next = BARE;
		break;
	default:
		err = app_cmd(APPFW_CMD_DEL_APP, NULL, id);
		next = ABSENT;
		if (err == -ENOENT) {
			simple(APPFW_CMD_ABORT);
			*state = ABSENT;
			return 0;
		}
		break;
	}
	if (!err)
		err = simple(APPFW_CMD_COMMIT);
	if (err) {
		simple(APPFW_CMD_ABORT);
		*state = UNKNOWN;
		return err;
	}
	*state = next;
	return 0;
}

/* Waits for the appfw family (the module may be out): 0 or -ENOENT. */
static int wait_family(double end)
{
	struct timespec pause = { .tv_nsec = 10 * 1000 * 1000 };

	while (resolve()) {
		if (now() >= end || churn_stop)
			return -ENOENT;
		nanosleep(&pause, NULL);
	}
	return 0;
}

static int churn(double seconds, const char *name, uint16_t id,
		 const char *domain)
{
	struct timespec breath = { .tv_nsec = 5 * 1000 * 1000 };
	unsigned long commits = 0, refused = 0;
	enum churn_state state = UNKNOWN;
	double end = now() + seconds;
	unsigned int toggles = 0;
	char sub[256];
	int err;

	snprintf(sub, sizeof(sub), "x.%s", domain);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	err = wait_family(end);
	while (!err && !churn_stop && now() < end) {
		err = churn_round(&state, &toggles, name, id, domain, sub);
		if (!err) {
			commits++;
			/* A breath between commits: under emulation a tight
			 * loop would starve the traffic and the reloads it is
			 * meant to race with. */
			nanosleep(&breath, NULL);
			continue;
		}
		refused++;
		err = 0;
		/* The module went away (and may come back under a new id). */
		if (resolve())
			err = wait_family(end);
	}
	printf("commits %lu refused %lu\n", commits, refused);
	return 0;
}

int main(int argc, char *argv[])
{
	char c;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		goto usage;
	err = genl_open();
	if (!strcmp(argv[1], "churn") && argc == 6) {
		double seconds = strtod(argv[2], NULL);

		if (!(seconds > 0)) {
			fprintf(stderr, "afwtxn: bad seconds \"%s\"\n", argv[2]);
			return 2;
		}
		return churn(seconds, argv[3], parse_id(argv[4]), argv[5]);
	}
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
		    step("new_domain", domain_cmd(APPFW_CMD_NEW_DOMAIN, id, argv[4])))
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
		step("new_domain", domain_cmd(APPFW_CMD_NEW_DOMAIN, id, argv[4]));
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
	fputs("Usage: afwtxn probe | hold NAME ID DOMAIN | abort NAME ID DOMAIN | cancel NAME ID\n"
	      "       afwtxn churn SECONDS NAME ID DOMAIN\n", stderr);
	return 2;
}
