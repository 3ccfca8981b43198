// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "log.h"

static const char usage[] =
	"Usage: appfwd [-q|--queue NUM]... [--fail-open] [--no-gso] [-h|--help]\n"
	"\n"
	"Binds each NFQUEUE queue NUM (0 to 65535, default 0), one thread per\n"
	"queue, and gives every packet a verdict. Runs in the foreground and\n"
	"logs to stderr; SIGTERM or SIGINT unbinds and exits.\n"
	"\n"
	"  -q, --queue NUM  a queue to bind; repeat for more\n"
	"  --fail-open      let packets through while the queue is full\n"
	"  --no-gso         have the kernel segment GSO packets before queueing\n"
	"  -h, --help       show this help\n";

/* After an error, the synopsis only; --help has the rest. */
static int bad(void)
{
	fprintf(afw_log_output(), "%.*s", (int)(strcspn(usage, "\n") + 1),
		usage);
	return APPFWD_ARGS_BAD;
}

/* Decimal only: "0x10", "+1", " 1" and "1k" are typos, not queues. */
static bool parse_queue(const char *s, uint16_t *num)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v > UINT16_MAX)
		return false;
	*num = (uint16_t)v;
	return true;
}

static int add_queue(struct appfwd_config *cfg, const char *arg)
{
	uint16_t num;

	if (!parse_queue(arg, &num)) {
		afw_log("invalid queue number '%s' (0 to 65535)", arg);
		return bad();
	}
	for (unsigned int i = 0; i < cfg->nqueues; i++) {
		if (cfg->queues[i] == num) {
			afw_log("queue %u given twice", num);
			return bad();
		}
	}
	if (cfg->nqueues == APPFWD_MAX_QUEUES) {
		afw_log("at most %d queues", APPFWD_MAX_QUEUES);
		return bad();
	}
	cfg->queues[cfg->nqueues++] = num;
	return 0;
}

int appfwd_parse_args(int argc, char *argv[], struct appfwd_config *cfg,
		      FILE *out)
{
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = NULL;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, out);
			return APPFWD_ARGS_HELP;
		} else if (!strcmp(arg, "--fail-open")) {
			cfg->fail_open = true;
		} else if (!strcmp(arg, "--no-gso")) {
			cfg->no_gso = true;
		} else if (!strcmp(arg, "-q") || !strcmp(arg, "--queue")) {
			if (i + 1 == argc) {
				afw_log("option '%s' needs a queue number", arg);
				return bad();
			}
			value = argv[++i];
		} else if (!strncmp(arg, "--queue=", 8)) {
			value = arg + 8;
		} else if (!strncmp(arg, "-q", 2)) {
			value = arg + 2;
		} else if (arg[0] == '-') {
			afw_log("unknown option '%s'", arg);
			return bad();
		} else {
			afw_log("unexpected argument '%s'", arg);
			return bad();
		}
		if (value) {
			ret = add_queue(cfg, value);
			if (ret)
				return ret;
		}
	}
	if (!cfg->nqueues)
		cfg->queues[cfg->nqueues++] = 0;
	return 0;
}
