/* SPDX-License-Identifier: GPL-2.0 */
/*
 * appfwd's command line, apart from main() so that the unit tests can
 * drive it.
 */
#ifndef APPFWD_ARGS_H
#define APPFWD_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dnsrewrite.h"

/* One thread each; more than a gateway has cores to give. */
#define APPFWD_MAX_QUEUES 64

enum appfwd_mode {
	APPFWD_ATTACHED,	/* the default: the kernel module decides */
	APPFWD_STANDALONE,	/* the policy file decides, rules act */
	APPFWD_PCAP,		/* classify a capture and print its flows */
	APPFWD_PRINT_RULES,	/* print standalone mode's rules */
};

struct appfwd_config {
	enum appfwd_mode mode;
	uint16_t queues[APPFWD_MAX_QUEUES];
	unsigned int nqueues; /* at least 1 after parsing: queue 0 by default */
	bool fail_open;
	bool no_gso;
	const char *policy;	/* NULL: AFW_POLICY_FILE (standalone) */
	const char *pcap;
	bool json;
	enum afw_dns_refuse dns_refuse;	/* OFF unless --dns-refuse */
};

/*
 * Fills cfg from argv. Returns 0 to run, APPFWD_ARGS_HELP after printing
 * usage to stdout (exit 0), or APPFWD_ARGS_BAD after naming the problem
 * and printing usage through afw_log (exit 2).
 */
#define APPFWD_ARGS_HELP 1
#define APPFWD_ARGS_BAD (-1)
int appfwd_parse_args(int argc, char *argv[], struct appfwd_config *cfg,
		      FILE *out);

#endif
