// SPDX-License-Identifier: GPL-2.0
/*
 * Standalone mode's rules. One chain, "appfw", jumped to first from
 * FORWARD and OUTPUT, in both families:
 *
 *   1 a packet appfwd marked (NF_REPEAT with the mark bits, backend.h):
 *     save the bits to the connmark
 *   2 flows marked rejected: TCP gets a reset, the rest ICMP port
 *     unreachable, so that apps fail at once instead of retrying; the
 *     reset and the ICMP error themselves belong to the flow, and pass
 *     (they come back through OUTPUT with its connmark); flows marked
 *     blocked: dropped
 *   3 DNS answers (replies from port 53): to appfwd, which learns from them
 *   4 flows marked decided: on through the rest of the ruleset, unqueued
 *   5 the client's first packets of every other TCP and UDP flow: to
 *     appfwd (connbytes bounds how many, should a flow never be decided)
 *
 * --queue-bypass everywhere: with no appfwd bound, traffic passes
 * unclassified rather than stopping (fail-open).
 */
#include <inttypes.h>
#include <stdio.h>

#include "backend.h"
#include "rules.h"

/* Enough for a ClientHello split in a few segments after the handshake. */
#define RULES_PACKETS 16

void appfwd_print_rules(FILE *out, const struct appfwd_config *cfg)
{
	uint16_t lo = cfg->queues[0], hi = cfg->queues[0];
	char target[96];

	for (unsigned int i = 1; i < cfg->nqueues; i++) {
		if (cfg->queues[i] < lo)
			lo = cfg->queues[i];
		if (cfg->queues[i] > hi)
			hi = cfg->queues[i];
	}
	if (lo == hi)
		snprintf(target, sizeof(target),
			 "-j NFQUEUE --queue-num %u --queue-bypass", lo);
	else
		snprintf(target, sizeof(target),
			 "-j NFQUEUE --queue-balance %u:%u --queue-bypass", lo, hi);

	fprintf(out,
		"#!/bin/sh\n"
		"# appfwd --standalone: what the rules need (README.md, \"Standalone mode\").\n"
		"# Connmark bits: 0x%08" PRIx32 " decided, 0x%08" PRIx32
		" blocked, 0x%08" PRIx32 " rejected.\n"
		"set -e\n"
		"for ipt in ${IPTABLES:-iptables} ${IP6TABLES:-ip6tables}; do\n"
		"\t$ipt -N appfw\n"
		"\t$ipt -A appfw -m mark --mark 0x%08" PRIx32 "/0x%08" PRIx32
		" -j CONNMARK --save-mark --mask 0x%08" PRIx32 "\n"
		"\t$ipt -A appfw -p tcp --tcp-flags RST RST -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j RETURN\n"
		"\t$ipt -A appfw -m conntrack --ctstate RELATED -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j RETURN\n"
		"\t$ipt -A appfw -p tcp -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j REJECT --reject-with tcp-reset\n"
		"\t$ipt -A appfw -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j REJECT\n"
		"\t$ipt -A appfw -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j DROP\n"
		"\t$ipt -A appfw -p udp --sport 53 -m conntrack --ctdir REPLY %s\n"
		"\t$ipt -A appfw -p tcp --sport 53 -m conntrack --ctdir REPLY %s\n"
		"\t$ipt -A appfw -m connmark --mark 0x%08" PRIx32 "/0x%08" PRIx32 " -j RETURN\n"
		"\tfor p in tcp udp; do\n"
		"\t\t$ipt -A appfw -p $p -m conntrack --ctdir ORIGINAL -m connbytes --connbytes 0:%d --connbytes-dir original --connbytes-mode packets %s\n"
		"\tdone\n"
		"\t$ipt -I FORWARD -j appfw\n"
		"\t$ipt -I OUTPUT -j appfw\n"
		"done\n",
		APPFWD_MARK_DECIDED, APPFWD_MARK_BLOCKED, APPFWD_MARK_REJECT,
		APPFWD_MARK_DECIDED, APPFWD_MARK_DECIDED, APPFWD_MARK_MASK,
		APPFWD_MARK_REJECT, APPFWD_MARK_REJECT,
		APPFWD_MARK_REJECT, APPFWD_MARK_REJECT,
		APPFWD_MARK_BLOCKED | APPFWD_MARK_REJECT,
		APPFWD_MARK_BLOCKED | APPFWD_MARK_REJECT,
		APPFWD_MARK_BLOCKED | APPFWD_MARK_REJECT,
		APPFWD_MARK_BLOCKED | APPFWD_MARK_REJECT,
		APPFWD_MARK_BLOCKED, APPFWD_MARK_BLOCKED,
		target, target,
		APPFWD_MARK_DECIDED, APPFWD_MARK_DECIDED,
		RULES_PACKETS, target);
}
