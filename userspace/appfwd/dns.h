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
 *
 * In detail:
 * - -ENOMSG: QR clear, an opcode other than QUERY, a question count other
 *   than one, or a question class other than IN.
 * - An rcode other than 0 (NXDOMAIN, SERVFAIL, ...) gives 0 with names[0]
 *   and rcode set and no addresses: a response, but it vouches for none.
 * - Names: host names only, labels of [A-Za-z0-9_-] (the domain table's
 *   characters), lowercased. A question name with any other byte in a
 *   label ('.', NUL, blank, ...) or the root name is -EBADMSG; an answer
 *   record whose owner or CNAME target is such a name is skipped.
 *   Compression pointers must point before the labels they end (so before
 *   themselves and before the previous jump), at most 32 jumps; labels
 *   are 1..63 bytes, names at most AFW_DNS_NAME_MAX characters; else
 *   -EBADMSG.
 * - Only the answer section is read: addresses in the authority and
 *   additional sections are glue a resolver does not vouch for, and a
 *   forwarder may pass on whatever an upstream put there. Their bytes are
 *   not even checked.
 * - The answer section must hold together as a whole: a record running
 *   past the message, or class-IN A/AAAA/CNAME/SVCB/HTTPS rdata that does
 *   not fit its type (an A record of 5 bytes, an ipv4hint of 6 bytes, a
 *   CNAME with bytes after its name), is -EBADMSG and nothing counts.
 *   Other types and classes are skipped unread.
 * - The chain follows CNAME records (class IN) owned by its last name, in
 *   any order in the section, until none applies, a target repeats a name
 *   of the chain (a loop) or AFW_DNS_CHAIN_MAX names are reached.
 * - Addresses: A and AAAA records, and the ipv4hint (key 4) and ipv6hint
 *   (key 6) of HTTPS and SVCB records in ServiceMode (priority not 0),
 *   owned by a name of the chain, each with its record's TTL (a TTL with
 *   the top bit set counts as 0, RFC 2181 8). An address found twice is
 *   listed once with the longer TTL; past AFW_DNS_ADDRS_MAX, skipped.
 * On an error, nnames and naddrs are 0.
 */
int afw_dns_parse(const uint8_t *msg, size_t len, struct afw_dns_answer *ans);

/*
 * The same for a TCP payload that starts with a message's two-byte length
 * and holds all of the message (bytes after it are ignored): -EMSGSIZE if
 * it does not. The agent reads DNS over TCP one segment at a time and so
 * only learns from answers that fit one segment; bigger ones (rare: a
 * resolver truncates to TCP for answers over 1232 bytes or so) teach
 * nothing.
 */
int afw_dns_parse_tcp(const uint8_t *seg, size_t len,
		      struct afw_dns_answer *ans);

#endif
