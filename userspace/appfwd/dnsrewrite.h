/* SPDX-License-Identifier: GPL-2.0 */
/*
 * appfwd --dns-refuse: a DNS answer for a blocked app's name, rewritten
 * in its packet before it passes, so that the asking application fails at
 * lookup time rather than at connect time.
 *
 * AFW_DNS_REFUSE_NXDOMAIN: the message ends after its question, with
 * rcode 3 (NXDOMAIN), no records (ANCOUNT, NSCOUNT, ARCOUNT 0), the ID,
 * opcode, QR, RD, RA and CD kept, AA, TC and AD cleared.
 *
 * AFW_DNS_REFUSE_ZERO: the message keeps its size and records, but every
 * class-IN A record's address becomes 0.0.0.0 and every AAAA's ::, in all
 * three sections, and likewise the ipv4hint and ipv6hint values of HTTPS
 * and SVCB records. An HTTPS or SVCB record whose parameters do not walk
 * cleanly makes a UDP answer fall back to NXDOMAIN.
 *
 * Then the lengths (IPv4 total length, IPv6 payload length, UDP length)
 * and the checksums (IPv4 header, UDP or TCP over the pseudo-header; a
 * UDP checksum is computed even where IPv4 allowed 0) are made right.
 *
 * TCP: shortening a segment would break the stream (the client's next
 * sequence number would no longer match), so in NXDOMAIN mode a TCP
 * answer is left alone; in ZERO mode its first message is rewritten when
 * the segment holds all of it (as afw_dns_parse_tcp asks).
 *
 * Left alone as well: IPv4 fragments, IPv6 packets with extension headers
 * (a routing header would change the pseudo-header), and anything that
 * does not parse as one response with one question whose records (all
 * three sections) walk to their counts: we change only what we read.
 */
#ifndef APPFWD_DNSREWRITE_H
#define APPFWD_DNSREWRITE_H

#include <stddef.h>
#include <stdint.h>

enum afw_dns_refuse {
	AFW_DNS_REFUSE_OFF,
	AFW_DNS_REFUSE_NXDOMAIN,
	AFW_DNS_REFUSE_ZERO,
};

/* "off", "nxdomain", "zero" */
const char *afw_dns_refuse_name(enum afw_dns_refuse mode);

/*
 * Rewrites the DNS answer carried by the IP packet pkt[0..len) in place,
 * as mode says. Returns the packet's new length (at most len; bytes past
 * the IP length, such as Ethernet padding, are dropped), or -errno with
 * pkt untouched: -EBADMSG for a packet or message that does not parse,
 * -EOPNOTSUPP for one left alone on purpose (above), -EINVAL for mode
 * OFF.
 */
long afw_dns_refuse_packet(uint8_t *pkt, size_t len, enum afw_dns_refuse mode);

/*
 * The Internet checksum (RFC 1071) of buf[0..len), continuing sum (the
 * result of an earlier call, 0 to start), unfolded. afw_csum_fold gives
 * the 16-bit one's complement to store.
 */
uint32_t afw_csum_add(uint32_t sum, const uint8_t *buf, size_t len);
uint16_t afw_csum_fold(uint32_t sum);

#endif
