/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a DNS response says about addresses: the question, the CNAME chain
 * from it, and the A/AAAA records (and ipv4hint/ipv6hint of HTTPS and SVCB
 * records) at the chain's names, each with its TTL. A parser of hostile
 * input: every length and pointer is checked, compression loops end, and
 * nothing is read past len.
 */
#ifndef APPFWD_DNS_H
#define APPFWD_DNS_H

#include <stddef.h>
#include <stdint.h>

#define AFW_DNS_NAME_MAX 253	/* presentation form, no trailing dot */
#define AFW_DNS_CHAIN_MAX 16	/* the question and up to 15 CNAMEs */
#define AFW_DNS_ADDRS_MAX 64

struct afw_dns_addr {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];	/* 4 or 16 bytes used */
	uint32_t ttl;		/* seconds */
};

struct afw_dns_answer {
	uint16_t id;
	uint8_t rcode;
	/* names[0] is the question; names[i + 1] the CNAME target of
	 * names[i]. Lowercase, no trailing dot. */
	char names[AFW_DNS_CHAIN_MAX][AFW_DNS_NAME_MAX + 1];
	unsigned int nnames;
	/* Addresses owned by a name of the chain; answers about other names
	 * are ignored (a resolver may not vouch for them). */
	struct afw_dns_addr addrs[AFW_DNS_ADDRS_MAX];
	unsigned int naddrs;
};

/*
 * Parses one DNS message (UDP payload; for TCP, the message after its
 * two-byte length). Returns 0 for a response with one question of class
 * IN (zero or more addresses), -ENOMSG for a query or other message that
 * teaches nothing, -EBADMSG for a malformed one. Records past the bounds
 * above are skipped, not an error.
 */
int afw_dns_parse(const uint8_t *msg, size_t len, struct afw_dns_answer *ans);

#endif
