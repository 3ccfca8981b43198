// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "pkt.h"

/* Extension headers of IPv6 we step over; anything else ends the walk. */
static bool ipv6_ext(uint8_t nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_DSTOPTS || nh == IPPROTO_FRAGMENT;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static int transport(const uint8_t *data, size_t len, size_t off,
		     struct afw_pkt *p)
{
	size_t hl;

	if (p->tuple.proto == IPPROTO_UDP) {
		if (len - off < 8)
			return -EBADMSG;
		hl = 8;
	} else if (p->tuple.proto == IPPROTO_TCP) {
		if (len - off < 20)
			return -EBADMSG;
		hl = (size_t)(data[off + 12] >> 4) * 4;
		if (hl < 20 || hl > len - off)
			return -EBADMSG;
		p->seq = (uint32_t)get16(data + off + 4) << 16 |
			 get16(data + off + 6);
		p->tcp_flags = data[off + 13] & 0x3f;
	} else {
		return -EPROTONOSUPPORT;
	}
	p->l4_off = off;
	p->tuple.sport = get16(data + off);
	p->tuple.dport = get16(data + off + 2);
	p->payload = data + off + hl;
	p->payload_len = len - off - hl;
	return 0;
}

static int parse4(const uint8_t *data, size_t len, struct afw_pkt *p)
{
	size_t ihl, tot;

	if (len < 20)
		return -EBADMSG;
	ihl = (size_t)(data[0] & 0x0f) * 4;
	tot = get16(data + 2);
	if (ihl < 20 || tot < ihl || tot > len)
		return -EBADMSG;
	/* A later fragment has no transport header to read. */
	if (get16(data + 6) & 0x1fff)
		return -EPROTONOSUPPORT;
	p->tuple.family = AF_INET;
	p->tuple.proto = data[9];
	memcpy(p->tuple.saddr, data + 12, 4);
	memcpy(p->tuple.daddr, data + 16, 4);
	return transport(data, tot, ihl, p);
}

static int parse6(const uint8_t *data, size_t len, struct afw_pkt *p)
{
	size_t off = 40, tot;
	uint8_t nh;

	if (len < 40)
		return -EBADMSG;
	tot = 40 + (size_t)get16(data + 4);
	/* A jumbogram's payload length is 0; nothing queued is one. */
	if (tot > len)
		return -EBADMSG;
	p->tuple.family = AF_INET6;
	memcpy(p->tuple.saddr, data + 8, 16);
	memcpy(p->tuple.daddr, data + 24, 16);
	nh = data[6];
	for (int i = 0; i < 8 && ipv6_ext(nh); i++) {
		if (tot - off < 8)
			return -EBADMSG;
		if (nh == IPPROTO_FRAGMENT) {
			if (get16(data + off + 2) & 0xfff8)
				return -EPROTONOSUPPORT;
			nh = data[off];
			off += 8;
			continue;
		}
		nh = data[off];
		off += ((size_t)data[off + 1] + 1) * 8;
		if (off > tot)
			return -EBADMSG;
	}
	p->tuple.proto = nh;
	return transport(data, tot, off, p);
}

int afw_pkt_parse(const uint8_t *data, size_t len, struct afw_pkt *p)
{
	memset(p, 0, sizeof(*p));
	if (!len)
		return -EBADMSG;
	switch (data[0] >> 4) {
	case 4:
		return parse4(data, len, p);
	case 6:
		return parse6(data, len, p);
	}
	return -EBADMSG;
}

void afw_tuple_reverse(const struct afw_flow_tuple *t,
		       struct afw_flow_tuple *r)
{
	*r = *t;
	memcpy(r->saddr, t->daddr, sizeof(r->saddr));
	memcpy(r->daddr, t->saddr, sizeof(r->daddr));
	r->sport = t->dport;
	r->dport = t->sport;
}

void afw_addr_format(uint8_t family, const uint8_t *addr, char *buf)
{
	if (!inet_ntop(family == AF_INET6 ? AF_INET6 : AF_INET, addr, buf,
		       INET6_ADDRSTRLEN))
		strcpy(buf, "?");
}
