// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd --pcap FILE: the engine over a capture, read with libpcap (pcap
 * and pcapng; Ethernet with VLAN tags, raw IP, Linux cooked v1 and v2),
 * with the policy file as backend, on the capture's own clock so that
 * timeouts and TTLs mean what they meant when it was recorded. One line
 * per flow as it is decided, in the project's print layer (text or -j).
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "backend.h"
#include "engine.h"
#include "log.h"
#include "pkt.h"
#include "policyfile.h"
#include "print.h"
#include "rules.h"
#include "syntax.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86dd
#define ETH_P_8021Q 0x8100
#define ETH_P_8021AD 0x88a8

static const char *const kind_names[] = {
	[APPFW_DOMAIN_SUFFIX] = "suffix",
	[APPFW_DOMAIN_EXACT] = "exact",
	[APPFW_PREFIX] = "prefix",
	[APPFW_LEARNED_ADDR] = "learned",
};

static const char *const source_names[] = {
	[APPFW_SOURCE_SNI] = "sni",
	[APPFW_SOURCE_HOST] = "host",
	[APPFW_SOURCE_PREFIX] = "prefix",
	[APPFW_SOURCE_QUIC] = "quic",
	[APPFW_SOURCE_LEARNED] = "learned",
};

static const char *name_of(const char *const *names, size_t n, unsigned int i)
{
	return i < n ? names[i] : NULL;
}

static void print_endpoint(const char *key_addr, const char *key_port,
			   const char *fmt, uint8_t family, const uint8_t *addr,
			   uint16_t port)
{
	char a[48], text[64];

	afw_addr_format(family, addr, a);
	snprintf(text, sizeof(text), family == AF_INET6 ? "[%s]:%u" : "%s:%u",
		 a, port);
	print_string(PRINT_FP, NULL, fmt, text);
	print_string(PRINT_JSON, key_addr, NULL, a);
	print_u64(PRINT_JSON, key_port, NULL, port);
}

static void report(void *ctx, const struct afw_flow_report *r)
{
	const struct afw_decision *d = r->decision;
	const char *proto;

	(void)ctx;
	if (r->type == AFW_FLOW_QUIC)
		proto = "quic";
	else
		proto = r->tuple.proto == 6 ? "tcp" : "udp";
	open_json_object(NULL);
	print_string(PRINT_ANY, "proto", "%s", proto);
	print_endpoint("src", "sport", " %s", r->tuple.family, r->tuple.saddr,
		       r->tuple.sport);
	print_endpoint("dst", "dport", " -> %s", r->tuple.family,
		       r->tuple.daddr, r->tuple.dport);
	print_string(PRINT_ANY, "name", " name %s", r->name);
	print_string(PRINT_ANY, "app", " app %s", d->app ? d->app_name : NULL);
	print_string(PRINT_ANY, "action", " action %s",
		     d->app ? afw_action_name(d->action) : NULL);
	print_string(PRINT_ANY, "source", " by %s",
		     d->app ? name_of(source_names, sizeof(source_names) /
					  sizeof(source_names[0]), d->source) :
			      NULL);
	print_string(PRINT_ANY, "match", " %s",
		     d->app ? name_of(kind_names, sizeof(kind_names) /
					     sizeof(kind_names[0]), d->kind) :
			      NULL);
	print_string(PRINT_ANY, "entry", " %s", d->app ? d->entry : NULL);
	print_string(PRINT_ANY, "reason", " (%s)", afw_reason_name(r->reason));
	print_nl();
	close_json_object();
}

/* Drops pcap's verdicts: a capture is only looked at. */
static void verdict(void *ctx, uint64_t handle, const struct afw_verdict *v)
{
	(void)ctx;
	(void)handle;
	(void)v;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Where the IP packet starts in a frame of linktype dlt; -1: not IP. */
static long ip_offset(int dlt, const uint8_t *f, size_t len)
{
	size_t off;
	uint16_t type;

	switch (dlt) {
	case DLT_RAW:
#ifdef DLT_IPV4
	case DLT_IPV4:
	case DLT_IPV6:
#endif
		return 0;
	case DLT_EN10MB:
		off = 12;
		while (len >= off + 2 && (be16(f + off) == ETH_P_8021Q ||
					  be16(f + off) == ETH_P_8021AD))
			off += 4;
		if (len < off + 2)
			return -1;
		type = be16(f + off);
		off += 2;
		break;
	case DLT_LINUX_SLL:
		if (len < 16)
			return -1;
		type = be16(f + 14);
		off = 16;
		break;
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
		if (len < 20)
			return -1;
		type = be16(f);
		off = 20;
		break;
#endif
	default:
		return -1;
	}
	return type == ETH_P_IP || type == ETH_P_IPV6 ? (long)off : -1;
}

static bool dlt_supported(int dlt)
{
	switch (dlt) {
	case DLT_RAW:
#ifdef DLT_IPV4
	case DLT_IPV4:
	case DLT_IPV6:
#endif
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
#endif
		return true;
	}
	return false;
}

int appfwd_pcap_main(const struct appfwd_config *cfg)
{
	const char *policy = cfg->policy ? cfg->policy : AFW_POLICY_FILE;
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	struct afw_engine *e;
	struct afw_local l;
	const u_char *data;
	uint64_t index = 0;
	int dlt, ret, status = 0;
	pcap_t *p;

	if (afw_local_load(&l, policy, false))
		return 1;
	p = pcap_open_offline(cfg->pcap, errbuf);
	if (!p) {
		afw_log("%s: %s", cfg->pcap, errbuf);
		afw_local_free(&l);
		return 1;
	}
	dlt = pcap_datalink(p);
	if (!dlt_supported(dlt)) {
		afw_log("%s: link type %s not supported (Ethernet, raw IP, Linux cooked)",
			cfg->pcap, pcap_datalink_val_to_name(dlt) ?
			pcap_datalink_val_to_name(dlt) : "?");
		pcap_close(p);
		afw_local_free(&l);
		return 1;
	}
	if (afw_engine_new(&e, &l.be, verdict, report, NULL)) {
		afw_log("out of memory");
		pcap_close(p);
		afw_local_free(&l);
		return 1;
	}
	print_set_json(cfg->json);
	while ((ret = pcap_next_ex(p, &h, &data)) == 1) {
		int64_t now = (int64_t)h->ts.tv_sec * 1000 + h->ts.tv_usec / 1000;
		long off = ip_offset(dlt, data, h->caplen);

		afw_engine_expire(e, now);
		if (off < 0)
			continue;
		afw_engine_packet(e, index++, data + off,
				  h->caplen - (size_t)off, now);
	}
	if (ret == PCAP_ERROR) {
		afw_log("%s: %s", cfg->pcap, pcap_geterr(p));
		status = 1;
	}
	afw_engine_flush(e, AFW_REASON_END);
	afw_engine_free(e);
	pcap_close(p);
	afw_local_free(&l);
	if (print_end()) {
		afw_log("writing the output failed");
		status = 1;
	}
	return status;
}

bool appfwd_has_pcap(void)
{
	return true;
}
