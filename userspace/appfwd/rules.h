/* SPDX-License-Identifier: GPL-2.0 */
/* The two programs appfwd runs besides the queue threads. */
#ifndef APPFWD_RULES_H
#define APPFWD_RULES_H

#include <stdbool.h>
#include <stdio.h>

#include "args.h"

/* appfwd --print-rules: standalone mode's iptables/ip6tables rules, as a
 * shell script, for the queues in cfg. */
void appfwd_print_rules(FILE *out, const struct appfwd_config *cfg);

/* appfwd --pcap: returns the exit status (0, or 1 after a message). */
int appfwd_pcap_main(const struct appfwd_config *cfg);
/* False in an agent built with make NO_PCAP=1 (nopcap.c). */
bool appfwd_has_pcap(void);

#endif
