/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The headers of one IP packet as NFQUEUE or a capture hands it over:
 * IPv4 or IPv6 (extension headers skipped), then TCP or UDP. Hostile
 * input: every length is checked against len and nothing past it is read.
 */
#ifndef APPFWD_PKT_H
#define APPFWD_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "agentnl.h"

struct afw_pkt {
	struct afw_flow_tuple tuple;	/* as this packet goes; unused bytes 0 */
	size_t l4_off;			/* where the TCP or UDP header starts */
	const uint8_t *payload;		/* the transport payload */
	size_t payload_len;
	uint32_t seq;			/* TCP only, host order */
	uint8_t tcp_flags;		/* TCP only: FIN 0x01, SYN 0x02, RST 0x04 */
};

#define AFW_TCP_FIN 0x01
#define AFW_TCP_SYN 0x02
#define AFW_TCP_RST 0x04

/*
 * Fills p from the IP packet data[0..len). 0, -EPROTONOSUPPORT for an IP
 * packet that is neither TCP nor UDP or is a non-first fragment (nothing
 * to classify: it passes), -EBADMSG for a truncated or malformed one.
 * IP payload beyond the IP header's length (Ethernet padding) is ignored.
 */
int afw_pkt_parse(const uint8_t *data, size_t len, struct afw_pkt *p);

/* The tuple of the other direction. */
void afw_tuple_reverse(const struct afw_flow_tuple *t,
		       struct afw_flow_tuple *r);

/* "192.0.2.2" or "2001:db8::2" into buf of at least 46 bytes. */
void afw_addr_format(uint8_t family, const uint8_t *addr, char *buf);

#endif
