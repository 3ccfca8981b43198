// SPDX-License-Identifier: GPL-2.0
/*
 * Rewriting a blocked name's DNS answer (dnsrewrite.h). Two passes over
 * the records, the first only checking, so that a message that turns out
 * malformed halfway is passed on exactly as it came.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "dnsrewrite.h"
#include "pkt.h"

#define DNS_HDR 12
#define TYPE_A 1
#define TYPE_AAAA 28
#define TYPE_SVCB 64
#define TYPE_HTTPS 65
#define CLASS_IN 1
#define SVC_IPV4HINT 4
#define SVC_IPV6HINT 6
#define RCODE_NXDOMAIN 3

/* Flag bits of the header's third and fourth bytes. */
#define FLAGS2_KEEP 0xf9	/* QR, opcode, RD: AA (0x04), TC (0x02) cleared */
#define FLAGS3_KEEP 0x90	/* RA, CD: Z, AD and the rcode cleared */

/* Not an error: a record we cannot zero simply, so NXDOMAIN instead. */
#define NOT_SIMPLE 1

static const char *const mode_names[] = {
	[AFW_DNS_REFUSE_OFF] = "off",
	[AFW_DNS_REFUSE_NXDOMAIN] = "nxdomain",
	[AFW_DNS_REFUSE_ZERO] = "zero",
};

const char *afw_dns_refuse_name(enum afw_dns_refuse mode)
{
	if ((size_t)mode < sizeof(mode_names) / sizeof(mode_names[0]))
		return mode_names[mode];
	return "?";
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint32_t afw_csum_add(uint32_t sum, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		sum += get16(buf + i);
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (i < len) {
		sum += (uint32_t)buf[i] << 8;
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return sum;
}

uint16_t afw_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * The offset after the name at off, or 0 if it runs past end. A
 * compression pointer ends a name here (we only step over names, and
 * never follow one); label types 0x40 and 0x80 are malformed.
 */
static size_t skip_name(const uint8_t *m, size_t off, size_t end)
{
	while (off < end) {
		uint8_t b = m[off];

		if (!b)
			return off + 1;
		if ((b & 0xc0) == 0xc0)
			return off + 2 <= end ? off + 2 : 0;
		if (b & 0xc0)
			return 0;
		off += 1 + (size_t)b;
	}
	return 0;
}

/* The SvcParams of an SVCB or HTTPS rdata m[off..end): hints zeroed if
 * write. 0, or NOT_SIMPLE. */
static int svcb_hints(uint8_t *m, size_t off, size_t end, bool write)
{
	if (end - off < 2)
		return NOT_SIMPLE;
	/* AliasMode (priority 0) carries no parameters to zero. */
	if (!get16(m + off))
		return 0;
	off = skip_name(m, off + 2, end);
	if (!off)
		return NOT_SIMPLE;
	while (off < end) {
		uint16_t key, vlen;

		if (end - off < 4)
			return NOT_SIMPLE;
		key = get16(m + off);
		vlen = get16(m + off + 2);
		off += 4;
		if (vlen > end - off)
			return NOT_SIMPLE;
		if ((key == SVC_IPV4HINT && (!vlen || vlen % 4)) ||
		    (key == SVC_IPV6HINT && (!vlen || vlen % 16)))
			return NOT_SIMPLE;
		if (write && (key == SVC_IPV4HINT || key == SVC_IPV6HINT))
			memset(m + off, 0, vlen);
		off += vlen;
	}
	return 0;
}

/*
 * Every record of the message m[0..len) after its question (which ends
 * at off), with addresses zeroed if write. 0, NOT_SIMPLE, or -EBADMSG.
 */
static int zero_records(uint8_t *m, size_t len, size_t off, bool write)
{
	unsigned int n = (unsigned int)get16(m + 6) + get16(m + 8) +
			 get16(m + 10);
	int simple = 0;

	for (unsigned int i = 0; i < n; i++) {
		uint16_t type, class, rdlen;

		off = skip_name(m, off, len);
		if (!off || len - off < 10)
			return -EBADMSG;
		type = get16(m + off);
		class = get16(m + off + 2);
		rdlen = get16(m + off + 8);
		off += 10;
		if (rdlen > len - off)
			return -EBADMSG;
		if (class == CLASS_IN) {
			if ((type == TYPE_A && rdlen != 4) ||
			    (type == TYPE_AAAA && rdlen != 16))
				return -EBADMSG;
			if (write && (type == TYPE_A || type == TYPE_AAAA))
				memset(m + off, 0, rdlen);
			if ((type == TYPE_SVCB || type == TYPE_HTTPS) &&
			    svcb_hints(m, off, off + rdlen, write))
				simple = NOT_SIMPLE;
		}
		off += rdlen;
	}
	return simple;
}

/*
 * Rewrites the message m[0..len); its new length (NXDOMAIN shortens it),
 * or -errno with m untouched. tcp: no shortening possible.
 */
static long rewrite_msg(uint8_t *m, size_t len, enum afw_dns_refuse mode,
			bool tcp)
{
	size_t qend;
	int ret;

	if (len < DNS_HDR || !(m[2] & 0x80) || get16(m + 4) != 1)
		return -EBADMSG;
	qend = skip_name(m, DNS_HDR, len);
	if (!qend || len - qend < 4)
		return -EBADMSG;
	qend += 4;
	/* Malformed records: not an answer we understand, in either mode. */
	ret = zero_records(m, len, qend, false);
	if (ret < 0)
		return ret;
	if (mode == AFW_DNS_REFUSE_ZERO) {
		if (!ret) {
			zero_records(m, len, qend, true);
			return (long)len;
		}
		/* An HTTPS or SVCB record we cannot zero simply. */
		if (tcp)
			return -EOPNOTSUPP;
	} else if (tcp) {
		return -EOPNOTSUPP;
	}
	m[2] &= FLAGS2_KEEP;
	m[3] = (uint8_t)((m[3] & FLAGS3_KEEP) | RCODE_NXDOMAIN);
	memset(m + 6, 0, 6);
	return (long)qend;
}

/* The transport checksum of the segment at l4 (l4len bytes), pseudo-header
 * included, into its checksum field at l4 + at. */
static void transport_csum(uint8_t *pkt, const struct afw_pkt *p,
			   size_t l4, size_t l4len, size_t at)
{
	size_t alen = p->tuple.family == AF_INET ? 4 : 16;
	uint8_t tail[8] = { 0 };
	uint32_t sum;
	uint16_t c;

	/* IPv4: zero, protocol, length; IPv6: 32-bit length, zeros, next
	 * header. Either sums to length + protocol. */
	put16(tail + 2, (uint16_t)l4len);
	tail[7] = p->tuple.proto;
	pkt[l4 + at] = pkt[l4 + at + 1] = 0;
	sum = afw_csum_add(0, p->tuple.saddr, alen);
	sum = afw_csum_add(sum, p->tuple.daddr, alen);
	sum = afw_csum_add(sum, tail, sizeof(tail));
	sum = afw_csum_add(sum, pkt + l4, l4len);
	c = afw_csum_fold(sum);
	/* UDP sends a computed 0 as all ones: 0 means "no checksum". */
	if (!c && p->tuple.proto == IPPROTO_UDP)
		c = 0xffff;
	put16(pkt + l4 + at, c);
}

long afw_dns_refuse_packet(uint8_t *pkt, size_t len, enum afw_dns_refuse mode)
{
	struct afw_pkt p;
	size_t l4, off, mlen, total;
	long n;
	int err;

	if (mode != AFW_DNS_REFUSE_NXDOMAIN && mode != AFW_DNS_REFUSE_ZERO)
		return -EINVAL;
	err = afw_pkt_parse(pkt, len, &p);
	if (err)
		return err == -EPROTONOSUPPORT ? -EOPNOTSUPP : err;
	l4 = p.l4_off;
	off = (size_t)(p.payload - pkt);
	if (p.tuple.family == AF_INET) {
		/* A first fragment: its UDP length and checksum cover
		 * bytes we do not have. */
		if (get16(pkt + 6) & 0x2000)
			return -EOPNOTSUPP;
	} else if (l4 != 40) {
		return -EOPNOTSUPP;
	}

	if (p.tuple.proto == IPPROTO_UDP) {
		if (get16(pkt + l4 + 4) != 8 + p.payload_len)
			return -EBADMSG;
		n = rewrite_msg(pkt + off, p.payload_len, mode, false);
		if (n < 0)
			return n;
		total = off + (size_t)n;
		put16(pkt + l4 + 4, (uint16_t)(total - l4));
		transport_csum(pkt, &p, l4, total - l4, 6);
	} else {
		if (p.payload_len < 2)
			return -EBADMSG;
		mlen = get16(p.payload);
		if (mlen > p.payload_len - 2)
			return -EOPNOTSUPP;
		n = rewrite_msg(pkt + off + 2, mlen, mode, true);
		if (n < 0)
			return n;
		total = off + p.payload_len;
		transport_csum(pkt, &p, l4, total - l4, 16);
	}

	if (p.tuple.family == AF_INET) {
		uint32_t sum;

		put16(pkt + 2, (uint16_t)total);
		pkt[10] = pkt[11] = 0;
		sum = afw_csum_add(0, pkt, l4);
		put16(pkt + 10, afw_csum_fold(sum));
	} else {
		put16(pkt + 4, (uint16_t)(total - 40));
	}
	return (long)total;
}
