// SPDX-License-Identifier: GPL-2.0
/* appfwd's arguments: every spelling of a queue, and every way to get
 * one wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../userspace/appfwd/args.h"
#include "log.h"
#include "unit.h"

struct parsed {
	int ret;
	struct appfwd_config cfg;
	char *out;
	char *err;
};

static struct parsed parse(const char *const *args)
{
	char *argv[2 * APPFWD_MAX_QUEUES + 8] = { "appfwd" };
	size_t out_len, err_len;
	struct parsed p;
	int argc = 1;
	FILE *out, *err;

	while (args[argc - 1] && argc < 2 * APPFWD_MAX_QUEUES + 7) {
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	out = open_memstream(&p.out, &out_len);
	err = open_memstream(&p.err, &err_len);
	afw_log_init("appfwd", err);
	p.ret = appfwd_parse_args(argc, argv, &p.cfg, out);
	fclose(out);
	fclose(err);
	afw_log_init("appfwd", NULL);
	return p;
}

static void parsed_free(struct parsed *p)
{
	free(p->out);
	free(p->err);
}

TEST(appfwd_args_defaults)
{
	struct parsed p = parse((const char *[]){ NULL });

	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.nqueues, 1);
	CHECK_INT(p.cfg.queues[0], 0);
	CHECK_INT(p.cfg.mode, APPFWD_ATTACHED);
	CHECK(!p.cfg.fail_open);
	CHECK(!p.cfg.no_gso);
	CHECK_STR(p.err, "");
	parsed_free(&p);
}

TEST(appfwd_args_queues_and_flags)
{
	struct parsed p = parse((const char *[]){
		"-q", "3", "--queue", "65535", "--queue=7", "-q0", "--fail-open",
		"--no-gso", "-q", "00012", "--standalone", NULL });

	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.mode, APPFWD_STANDALONE);
	CHECK(p.cfg.policy == NULL);
	CHECK_INT(p.cfg.nqueues, 5);
	CHECK_INT(p.cfg.queues[0], 3);
	CHECK_INT(p.cfg.queues[1], 65535);
	CHECK_INT(p.cfg.queues[2], 7);
	CHECK_INT(p.cfg.queues[3], 0);
	CHECK_INT(p.cfg.queues[4], 12);
	CHECK(p.cfg.fail_open);
	CHECK(p.cfg.no_gso);
	parsed_free(&p);
}

TEST(appfwd_args_help)
{
	struct parsed p = parse((const char *[]){ "-q", "1", "--help", NULL });

	CHECK_INT(p.ret, APPFWD_ARGS_HELP);
	CHECK(!strncmp(p.out, "Usage: appfwd ", 14));
	CHECK_STR(p.err, "");
	parsed_free(&p);
}

#define CHECK_BAD(expected_err, ...)                                          \
	do {                                                                  \
		struct parsed p = parse((const char *[]){ __VA_ARGS__, NULL }); \
		CHECK_INT(p.ret, APPFWD_ARGS_BAD);                            \
		CHECK_STR(p.err, expected_err "\nUsage: appfwd [--standalone " \
			  "[--policy FILE]] [-q NUM]... [--queues A-B] "      \
			  "[--fail-open] [--no-gso]\n");                      \
		CHECK_STR(p.out, "");                                         \
		parsed_free(&p);                                              \
	} while (0)

TEST(appfwd_args_bad)
{
	CHECK_BAD("appfwd: option '-q' needs a queue number", "-q");
	CHECK_BAD("appfwd: option '--queue' needs a queue number", "-q", "1", "--queue");
	CHECK_BAD("appfwd: invalid queue number '' (0 to 65535)", "--queue=");
	CHECK_BAD("appfwd: invalid queue number 'x' (0 to 65535)", "-q", "x");
	CHECK_BAD("appfwd: invalid queue number '-1' (0 to 65535)", "-q", "-1");
	CHECK_BAD("appfwd: invalid queue number '+1' (0 to 65535)", "-q", "+1");
	CHECK_BAD("appfwd: invalid queue number ' 1' (0 to 65535)", "-q", " 1");
	CHECK_BAD("appfwd: invalid queue number '1k' (0 to 65535)", "-q1k");
	CHECK_BAD("appfwd: invalid queue number '0x10' (0 to 65535)", "-q", "0x10");
	CHECK_BAD("appfwd: invalid queue number '65536' (0 to 65535)", "-q", "65536");
	CHECK_BAD("appfwd: invalid queue number '99999' (0 to 65535)", "-q", "99999");
	CHECK_BAD("appfwd: invalid queue number '4294967296' (0 to 65535)",
		  "-q", "4294967296");
	CHECK_BAD("appfwd: queue 4 given twice", "-q", "4", "--queue=04");
	CHECK_BAD("appfwd: queue 4 given twice", "--queues", "3-5", "-q", "4");
	CHECK_BAD("appfwd: invalid queue range '5-3' (A-B, 0 <= A <= B <= 65535)",
		  "--queues", "5-3");
	CHECK_BAD("appfwd: invalid queue range '5' (A-B, 0 <= A <= B <= 65535)",
		  "--queues=5");
	CHECK_BAD("appfwd: invalid queue range '1-x' (A-B, 0 <= A <= B <= 65535)",
		  "--queues", "1-x");
	CHECK_BAD("appfwd: at most 64 queues", "--queues", "0-64");
	CHECK_BAD("appfwd: option '--queues' needs a range A-B", "--queues");
	CHECK_BAD("appfwd: the queues must be a contiguous range here (the module and --queue-balance take FIRST-LAST); got 2 queues from 1 to 3",
		  "-q", "1", "-q", "3");
	CHECK_BAD("appfwd: the queues must be a contiguous range here (the module and --queue-balance take FIRST-LAST); got 2 queues from 1 to 3",
		  "--print-rules", "-q", "1", "-q", "3");
	CHECK_BAD("appfwd: --policy goes with --standalone or --pcap (attached, the kernel holds the policy)",
		  "--policy", "x");
	CHECK_BAD("appfwd: -j goes with --pcap", "--standalone", "-j");
	CHECK_BAD("appfwd: --pcap reads a file: no queue options",
		  "--pcap", "f", "-q", "1");
	CHECK_BAD("appfwd: option '--pcap' does not go with the mode already chosen",
		  "--standalone", "--pcap", "f");
	CHECK_BAD("appfwd: option '--standalone' does not go with the mode already chosen",
		  "--print-rules", "--standalone");
	CHECK_BAD("appfwd: option '--pcap' needs a file", "--pcap");
	CHECK_BAD("appfwd: option '--policy' needs a file", "--standalone", "--policy");
	CHECK_BAD("appfwd: unknown option '--fail-closed'", "--fail-closed");
	CHECK_BAD("appfwd: unknown option '-'", "-");
	CHECK_BAD("appfwd: unexpected argument '0'", "0");
}

TEST(appfwd_args_too_many_queues)
{
	const char *args[2 * APPFWD_MAX_QUEUES + 3] = { 0 };
	static char nums[APPFWD_MAX_QUEUES + 1][12];
	struct parsed p;
	int n = 0;

	for (int i = 0; i <= APPFWD_MAX_QUEUES; i++) {
		snprintf(nums[i], sizeof(nums[i]), "%d", i);
		args[n++] = "-q";
		args[n++] = nums[i];
	}
	p = parse(args);
	CHECK_INT(p.ret, APPFWD_ARGS_BAD);
	CHECK(!strncmp(p.err, "appfwd: at most 64 queues\n", 26));
	parsed_free(&p);

	args[2 * APPFWD_MAX_QUEUES] = NULL;
	p = parse(args);
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.nqueues, APPFWD_MAX_QUEUES);
	parsed_free(&p);
}

TEST(appfwd_args_modes)
{
	struct parsed p = parse((const char *[]){ "--queues", "4-7", NULL });

	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.mode, APPFWD_ATTACHED);
	CHECK_INT(p.cfg.nqueues, 4);
	CHECK_INT(p.cfg.queues[0], 4);
	CHECK_INT(p.cfg.queues[3], 7);
	parsed_free(&p);

	/* Contiguous in any order is a range. */
	p = parse((const char *[]){ "-q", "5", "-q", "4", NULL });
	CHECK_INT(p.ret, 0);
	parsed_free(&p);

	p = parse((const char *[]){ "--standalone", "--policy=/tmp/p.conf",
				    "-q", "9", "-q", "2", NULL });
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.mode, APPFWD_STANDALONE);
	CHECK_STR(p.cfg.policy, "/tmp/p.conf");
	parsed_free(&p);

	p = parse((const char *[]){ "--pcap", "x.pcap", "-j", "--policy",
				    "p", NULL });
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.mode, APPFWD_PCAP);
	CHECK_STR(p.cfg.pcap, "x.pcap");
	CHECK_STR(p.cfg.policy, "p");
	CHECK(p.cfg.json);
	parsed_free(&p);

	p = parse((const char *[]){ "--print-rules", "--queues=0-1", NULL });
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.mode, APPFWD_PRINT_RULES);
	CHECK_INT(p.cfg.nqueues, 2);
	CHECK_STR(p.err, "");
	parsed_free(&p);
}

TEST(appfwd_args_dns_refuse)
{
	struct parsed p = parse((const char *[]){ NULL });

	CHECK_INT(p.cfg.dns_refuse, AFW_DNS_REFUSE_OFF);
	parsed_free(&p);

	/* Alone, NXDOMAIN; the next argument is never its value. */
	p = parse((const char *[]){ "--dns-refuse", "-q", "3", NULL });
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.dns_refuse, AFW_DNS_REFUSE_NXDOMAIN);
	CHECK_INT(p.cfg.queues[0], 3);
	parsed_free(&p);

	p = parse((const char *[]){ "--standalone", "--dns-refuse=zero", NULL });
	CHECK_INT(p.ret, 0);
	CHECK_INT(p.cfg.dns_refuse, AFW_DNS_REFUSE_ZERO);
	parsed_free(&p);

	p = parse((const char *[]){ "--dns-refuse=nxdomain", NULL });
	CHECK_INT(p.cfg.dns_refuse, AFW_DNS_REFUSE_NXDOMAIN);
	parsed_free(&p);

	p = parse((const char *[]){ "--dns-refuse=0.0.0.0", NULL });
	CHECK_INT(p.ret, APPFWD_ARGS_BAD);
	CHECK(strstr(p.err, "invalid --dns-refuse '0.0.0.0' (nxdomain or zero)"));
	parsed_free(&p);

	/* A capture's verdicts go nowhere. */
	p = parse((const char *[]){ "--pcap", "x.pcap", "--dns-refuse", NULL });
	CHECK_INT(p.ret, APPFWD_ARGS_BAD);
	CHECK(strstr(p.err, "--dns-refuse"));
	parsed_free(&p);
}
