// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd --dns-refuse: the rewrite of a blocked name's DNS answer in its
 * packet (dnsrewrite.c), in both modes, over IPv4 and IPv6, UDP and TCP,
 * with every length and checksum checked here by a sum of our own; what
 * is left alone, byte for byte (malformed input, TCP in NXDOMAIN mode,
 * fragments); and the engine's choice of which answers to rewrite (names
 * of block and reject apps only, learning unchanged).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>

#include "../../userspace/appfwd/backend.h"
#include "../../userspace/appfwd/dns.h"
#include "../../userspace/appfwd/dnsrewrite.h"
#include "../../userspace/appfwd/engine.h"
#include "unit.h"

static const uint8_t SRV4[4] = { 198, 51, 100, 53 }, CLI4[4] = { 192, 0, 2, 2 };
static const uint8_t SRV6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x53, [15] = 1 };
static const uint8_t CLI6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 2 };
static const uint8_t ADDR4[4] = { 203, 0, 113, 7 };
static const uint8_t ADDR6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 7, [15] = 7 };

struct ans {
	const char *qname;
	const char *cname;	/* NULL: the addresses are the question's */
	bool aaaa, https, opt;
	int hint4_len;		/* ipv4hint value length; 4 when 0 */
};

static size_t put_name(uint8_t *m, size_t n, const char *name)
{
	while (*name) {
		size_t l = strcspn(name, ".");

		m[n++] = (uint8_t)l;
		memcpy(m + n, name, l);
		n += l;
		name += l;
		if (*name)
			name++;
	}
	m[n++] = 0;
	return n;
}

static size_t put_rr(uint8_t *m, size_t n, uint16_t type, uint16_t rdlen)
{
	m[n++] = (uint8_t)(type >> 8);
	m[n++] = (uint8_t)type;
	m[n++] = 0; m[n++] = 1;				/* class IN */
	m[n++] = 0; m[n++] = 0; m[n++] = 0x0e; m[n++] = 0x10;	/* TTL 3600 */
	m[n++] = (uint8_t)(rdlen >> 8);
	m[n++] = (uint8_t)rdlen;
	return n;
}

/* A response with AA set: qname, perhaps a CNAME, then A (and AAAA,
 * HTTPS) records of the chain's last name; perhaps an OPT record. */
static size_t build_msg(uint8_t *m, const struct ans *a)
{
	unsigned int an = 1;
	size_t n, owner = 12;

	memset(m, 0, 12);
	m[0] = 0xbe; m[1] = 0xef;
	m[2] = 0x85;	/* QR, AA, RD */
	m[3] = 0x80;	/* RA */
	m[5] = 1;
	n = put_name(m, 12, a->qname);
	m[n++] = 0; m[n++] = 1; m[n++] = 0; m[n++] = 1;
	if (a->cname) {
		size_t len = strlen(a->cname) + 2;

		m[n++] = 0xc0; m[n++] = 12;
		n = put_rr(m, n, 5, (uint16_t)len);
		owner = n;
		n = put_name(m, n, a->cname);
		an++;
	}
	m[n++] = (uint8_t)(0xc0 | owner >> 8); m[n++] = (uint8_t)owner;
	n = put_rr(m, n, 1, 4);
	memcpy(m + n, ADDR4, 4);
	n += 4;
	if (a->aaaa) {
		m[n++] = (uint8_t)(0xc0 | owner >> 8); m[n++] = (uint8_t)owner;
		n = put_rr(m, n, 28, 16);
		memcpy(m + n, ADDR6, 16);
		n += 16;
		an++;
	}
	if (a->https) {
		int h4 = a->hint4_len ? a->hint4_len : 4;
		size_t start;

		m[n++] = (uint8_t)(0xc0 | owner >> 8); m[n++] = (uint8_t)owner;
		n = put_rr(m, n, 65, 0);
		start = n;
		m[n++] = 0; m[n++] = 1;		/* priority 1 */
		m[n++] = 0;			/* target "." */
		m[n++] = 0; m[n++] = 1;		/* alpn "h3" */
		m[n++] = 0; m[n++] = 3;
		m[n++] = 2; m[n++] = 'h'; m[n++] = '3';
		m[n++] = 0; m[n++] = 4;		/* ipv4hint */
		m[n++] = 0; m[n++] = (uint8_t)h4;
		for (int i = 0; i < h4; i++)
			m[n++] = ADDR4[i % 4];
		m[n++] = 0; m[n++] = 6;		/* ipv6hint */
		m[n++] = 0; m[n++] = 16;
		memcpy(m + n, ADDR6, 16);
		n += 16;
		m[start - 2] = (uint8_t)((n - start) >> 8);
		m[start - 1] = (uint8_t)(n - start);
		an++;
	}
	m[7] = (uint8_t)an;
	if (a->opt) {
		m[11] = 1;
		m[n++] = 0;			/* root */
		m[n++] = 0; m[n++] = 41;	/* OPT */
		m[n++] = 0x04; m[n++] = 0xd0;	/* 1232 bytes */
		m[n++] = 0; m[n++] = 0; m[n++] = 0; m[n++] = 0;
		m[n++] = 0; m[n++] = 0;
	}
	return n;
}

/* An IP packet from the server's port 53, checksums left 0. */
static size_t build_pkt(uint8_t *buf, int family, uint8_t proto,
			const uint8_t *msg, size_t mlen)
{
	size_t ip = family == AF_INET ? 20 : 40;
	size_t th = proto == IPPROTO_TCP ? 20 : 8, pre = 0;
	size_t tot;
	uint8_t *t = buf + ip;

	if (proto == IPPROTO_TCP)
		pre = 2;
	tot = ip + th + pre + mlen;
	memset(buf, 0, ip + th);
	if (family == AF_INET) {
		buf[0] = 0x45;
		buf[2] = (uint8_t)(tot >> 8); buf[3] = (uint8_t)tot;
		buf[6] = 0x40;	/* DF */
		buf[8] = 64;
		buf[9] = proto;
		memcpy(buf + 12, SRV4, 4);
		memcpy(buf + 16, CLI4, 4);
	} else {
		buf[0] = 0x60;
		buf[4] = (uint8_t)((tot - 40) >> 8); buf[5] = (uint8_t)(tot - 40);
		buf[6] = proto;
		buf[7] = 64;
		memcpy(buf + 8, SRV6, 16);
		memcpy(buf + 24, CLI6, 16);
	}
	t[0] = 0; t[1] = 53; t[2] = 0x9c; t[3] = 0x40;
	if (proto == IPPROTO_TCP) {
		t[12] = 5 << 4;
		t[13] = 0x18;
		t[th] = (uint8_t)(mlen >> 8);
		t[th + 1] = (uint8_t)mlen;
	} else {
		t[4] = (uint8_t)((8 + mlen) >> 8); t[5] = (uint8_t)(8 + mlen);
	}
	memcpy(t + th + pre, msg, mlen);
	return tot;
}

/* RFC 1071 the plain way: 32-bit words summed, folded once at the end. */
static uint32_t sum_words(uint32_t sum, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		sum += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	return sum;
}

static bool folds_to_ones(uint32_t sum)
{
	while (sum > 0xffff)
		sum = (sum >> 16) + (sum & 0xffff);
	return sum == 0xffff;
}

/* Lengths and checksums of the packet pkt[0..len) all right. */
static void check_packet(const uint8_t *pkt, size_t len, int line)
{
	bool v4 = (pkt[0] >> 4) == 4;
	size_t l4 = v4 ? (size_t)(pkt[0] & 15) * 4 : 40;
	uint8_t proto = v4 ? pkt[9] : pkt[6];
	size_t seglen = len - l4;
	uint32_t sum;

	if (v4) {
		if (((size_t)pkt[2] << 8 | pkt[3]) != len)
			unit_fail(__FILE__, line, "IPv4 total length");
		if (!folds_to_ones(sum_words(0, pkt, l4)))
			unit_fail(__FILE__, line, "IPv4 header checksum");
		sum = sum_words(0, pkt + 12, 8);
	} else {
		if (((size_t)pkt[4] << 8 | pkt[5]) != len - 40)
			unit_fail(__FILE__, line, "IPv6 payload length");
		sum = sum_words(0, pkt + 8, 32);
	}
	sum += proto + (uint32_t)seglen;
	if (proto == IPPROTO_UDP) {
		if (((size_t)pkt[l4 + 4] << 8 | pkt[l4 + 5]) != seglen)
			unit_fail(__FILE__, line, "UDP length");
		if (!pkt[l4 + 6] && !pkt[l4 + 7])
			unit_fail(__FILE__, line, "UDP checksum left out");
	}
	if (!folds_to_ones(sum_words(sum, pkt + l4, seglen)))
		unit_fail(__FILE__, line, "transport checksum");
}

#define CHECK_PACKET(pkt, len) check_packet(pkt, len, __LINE__)

static size_t payload_off(const uint8_t *pkt)
{
	bool v4 = (pkt[0] >> 4) == 4;
	size_t l4 = v4 ? 20 : 40;

	return l4 + ((v4 ? pkt[9] : pkt[6]) == IPPROTO_TCP ? 22 : 8);
}

TEST(dnsrefuse_nxdomain_udp)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct ans a = { "chat.wechat.com", NULL, true, true, true, 0 };
	struct afw_dns_answer *ans = malloc(sizeof(*ans));
	uint8_t msg[1024], pkt[1200];

	for (size_t f = 0; f < 2; f++) {
		size_t mlen = build_msg(msg, &a);
		size_t len = build_pkt(pkt, families[f], IPPROTO_UDP, msg, mlen);
		size_t qlen = 12 + strlen(a.qname) + 2 + 4;
		size_t off = payload_off(pkt);
		long n = afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_NXDOMAIN);
		const uint8_t *m = pkt + off;

		CHECK_INT(n, off + qlen);
		CHECK_PACKET(pkt, (size_t)n);
		CHECK(m[0] == 0xbe && m[1] == 0xef);
		CHECK_INT(m[2], 0x81);	/* QR, RD kept; AA cleared */
		CHECK_INT(m[3], 0x83);	/* RA kept; NXDOMAIN */
		CHECK(!memcmp(m + 4, "\0\1\0\0\0\0\0\0", 8));
		CHECK(!memcmp(m + 12, msg + 12, qlen - 12));
		CHECK_INT(afw_dns_parse(m, qlen, ans), 0);
		CHECK_INT(ans->rcode, 3);
		CHECK_INT(ans->naddrs, 0);
		CHECK_STR(ans->names[0], "chat.wechat.com");
	}
	free(ans);
}

TEST(dnsrefuse_zero_udp)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct ans a = { "cdn.example.net", "chat.wechat.com", true, true,
			 true, 0 };
	struct afw_dns_answer *ans = malloc(sizeof(*ans));
	uint8_t msg[1024], pkt[1200], orig[1200];
	static const uint8_t zero[16];

	for (size_t f = 0; f < 2; f++) {
		size_t mlen = build_msg(msg, &a);
		size_t len = build_pkt(pkt, families[f], IPPROTO_UDP, msg, mlen);
		size_t off = payload_off(pkt);
		long n;

		memcpy(orig, pkt, len);
		n = afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_ZERO);
		CHECK_INT(n, len);
		CHECK_PACKET(pkt, len);
		CHECK_INT(afw_dns_parse(pkt + off, mlen, ans), 0);
		CHECK_INT(ans->rcode, 0);
		CHECK_INT(ans->nnames, 2);
		/* A, AAAA, ipv4hint, ipv6hint: now all 0.0.0.0 or ::, which
		 * the parser lists once per family. */
		CHECK_INT(ans->naddrs, 2);
		for (unsigned int i = 0; i < ans->naddrs; i++)
			CHECK(!memcmp(ans->addrs[i].addr, zero, 16));
		/* Nothing else in the message moved: the differing bytes are
		 * 4 + 16 + 4 + 16 address bytes at most. */
		{
			unsigned int diff = 0;

			for (size_t i = off; i < len; i++)
				diff += pkt[i] != orig[i];
			CHECK(diff > 0 && diff <= 40);
		}
	}
	free(ans);
}

/* An ipv4hint of 6 bytes cannot be zeroed simply: NXDOMAIN instead. */
TEST(dnsrefuse_zero_odd_svcb)
{
	struct ans a = { "chat.wechat.com", NULL, false, true, false, 6 };
	uint8_t msg[1024], pkt[1200];
	size_t mlen = build_msg(msg, &a);
	size_t len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	long n = afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_ZERO);

	CHECK_INT(n, 28 + 12 + strlen(a.qname) + 2 + 4);
	CHECK_PACKET(pkt, (size_t)n);
	CHECK_INT(pkt[28 + 3] & 15, 3);
}

TEST(dnsrefuse_tcp)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct ans a = { "chat.wechat.com", NULL, true, false, false, 0 };
	struct afw_dns_answer *ans = malloc(sizeof(*ans));
	uint8_t msg[1024], pkt[1200], orig[1200];

	for (size_t f = 0; f < 2; f++) {
		size_t mlen = build_msg(msg, &a);
		size_t len = build_pkt(pkt, families[f], IPPROTO_TCP, msg, mlen);
		size_t l4 = families[f] == AF_INET ? 20 : 40;

		/* NXDOMAIN would shorten the stream: left alone. */
		memcpy(orig, pkt, len);
		CHECK_INT(afw_dns_refuse_packet(pkt, len,
						AFW_DNS_REFUSE_NXDOMAIN),
			  -EOPNOTSUPP);
		CHECK(!memcmp(pkt, orig, len));

		CHECK_INT(afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_ZERO),
			  len);
		CHECK_PACKET(pkt, len);
		CHECK_INT(afw_dns_parse_tcp(pkt + l4 + 20, len - l4 - 20, ans),
			  0);
		CHECK_INT(ans->naddrs, 2);
		CHECK(!memcmp(ans->addrs[0].addr, "\0\0\0", 4));
		CHECK(!memcmp(ans->addrs[1].addr, (uint8_t[16]){ 0 }, 16));

		/* A message longer than the segment: left alone. */
		pkt[l4 + 20] = 0x7f;
		memcpy(orig, pkt, len);
		CHECK_INT(afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_ZERO),
			  -EOPNOTSUPP);
		CHECK(!memcmp(pkt, orig, len));
	}
	free(ans);
}

/* Each mangled packet: an error and not a byte changed. */
static void check_untouched(uint8_t *pkt, size_t len, long want, int line)
{
	static const enum afw_dns_refuse modes[] = {
		AFW_DNS_REFUSE_NXDOMAIN, AFW_DNS_REFUSE_ZERO,
	};
	uint8_t orig[1200];

	memcpy(orig, pkt, len);
	for (size_t i = 0; i < 2; i++) {
		long n = afw_dns_refuse_packet(pkt, len, modes[i]);

		if (n != want)
			unit_fail(__FILE__, line, "mode %zu: %ld, not %ld", i,
				  n, want);
		if (memcmp(pkt, orig, len))
			unit_fail(__FILE__, line, "mode %zu: changed", i);
	}
}

TEST(dnsrefuse_malformed_untouched)
{
	struct ans a = { "chat.wechat.com", NULL, true, true, true, 0 };
	uint8_t msg[1024], pkt[1200];
	size_t mlen = build_msg(msg, &a), len;
	size_t qend = 12 + strlen(a.qname) + 2 + 4;

	/* Cut short anywhere: either the cut fell between records (then
	 * the counts lie and the walk fails) or inside one. */
	for (size_t cut = 0; cut < mlen; cut++) {
		len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, cut);
		check_untouched(pkt, len, -EBADMSG, __LINE__);
	}

	/* An A record of 5 bytes. */
	len = build_pkt(pkt, AF_INET6, IPPROTO_UDP, msg, mlen);
	pkt[48 + qend + 11] = 5;
	check_untouched(pkt, len, -EBADMSG, __LINE__);

	/* A query, not a response. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[28 + 2] &= 0x7f;
	check_untouched(pkt, len, -EBADMSG, __LINE__);

	/* Two questions. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[28 + 5] = 2;
	check_untouched(pkt, len, -EBADMSG, __LINE__);

	/* A label of type 0x40 in the question. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[28 + 12] = 0x44;
	check_untouched(pkt, len, -EBADMSG, __LINE__);

	/* A UDP length that disagrees with the IP length. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[25]--;
	check_untouched(pkt, len, -EBADMSG, __LINE__);

	/* A first fragment: its UDP header covers bytes we lack. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[6] = 0x20;
	check_untouched(pkt, len, -EOPNOTSUPP, __LINE__);

	/* Not IP at all, and nothing. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	pkt[0] = 0x55;
	check_untouched(pkt, len, -EBADMSG, __LINE__);
	check_untouched(pkt, 0, -EBADMSG, __LINE__);

	/* Off is no mode to rewrite in. */
	len = build_pkt(pkt, AF_INET, IPPROTO_UDP, msg, mlen);
	CHECK_INT(afw_dns_refuse_packet(pkt, len, AFW_DNS_REFUSE_OFF), -EINVAL);
}

/* The engine with the local backend: which answers it rewrites. */
struct seen {
	unsigned int verdicts;
	uint32_t verdict;
	uint8_t pkt[1200];
	size_t len;		/* 0: passed as it came */
};

static void on_verdict(void *ctx, uint64_t handle, const struct afw_verdict *v)
{
	struct seen *s = ctx;

	(void)handle;
	s->verdicts++;
	s->verdict = v->verdict;
	s->len = 0;
	if (v->payload && v->payload_len <= sizeof(s->pkt)) {
		memcpy(s->pkt, v->payload, v->payload_len);
		s->len = v->payload_len;
	}
}

static void add_app(struct afw_policy *pol, const char *name, uint16_t id,
		    uint8_t action, const char *domain)
{
	struct afw_app app = { .id = id, .action = action };

	snprintf(app.name, sizeof(app.name), "%s", name);
	CHECK_INT(afw_policy_add_app(pol, &app, NULL), 0);
	CHECK_INT(afw_policy_add_domain(pol, domain, APPFW_DOMAIN_SUFFIX, id,
					0, NULL), 0);
}

/* Hands e an answer for qname over IPv4 UDP; on_verdict keeps what passed. */
static void answer(struct afw_engine *e, const char *qname,
		   const char *cname, int64_t now)
{
	struct ans a = { qname, cname, true, false, false, 0 };
	uint8_t msg[1024], pkt[1200];
	size_t mlen = build_msg(msg, &a);

	afw_engine_packet(e, 1, pkt, build_pkt(pkt, AF_INET, IPPROTO_UDP,
					       msg, mlen), now);
}

TEST(dnsrefuse_engine_picks_blocked)
{
	struct afw_local local;
	struct afw_policy pol;
	struct afw_engine *e;
	struct seen *s = calloc(1, sizeof(*s));

	afw_policy_init(&pol);
	add_app(&pol, "wechat", 1, APPFW_ACTION_BLOCK, "wechat.com");
	add_app(&pol, "tiktok", 2, APPFW_ACTION_REJECT, "tiktok.com");
	add_app(&pol, "allowed", 3, APPFW_ACTION_ALLOW, "allowed.io");
	add_app(&pol, "watched", 4, APPFW_ACTION_MONITOR, "watched.io");
	CHECK_INT(afw_local_init(&local, &pol, true), 0);
	afw_policy_free(&pol);
	CHECK_INT(afw_engine_new(&e, &local.be, on_verdict, NULL, s), 0);

	/* Off, the default: learned, passed as it came. */
	answer(e, "chat.wechat.com", NULL, 1000);
	CHECK_INT(s->verdicts, 1);
	CHECK_INT(s->verdict, NF_ACCEPT);
	CHECK_INT(s->len, 0);
	CHECK_INT(afw_engine_stats(e)->learned, 1);

	CHECK_INT(afw_engine_set_dns_refuse(e, AFW_DNS_REFUSE_NXDOMAIN), 0);
	answer(e, "chat.wechat.com", NULL, 1000);
	CHECK_INT(s->verdict, NF_ACCEPT);
	CHECK_INT(s->len, 20 + 8 + 12 + 17 + 4);
	CHECK_INT(s->pkt[28 + 3] & 15, 3);
	CHECK_PACKET(s->pkt, s->len);
	/* Still learned: a connection to the address is the app's. */
	CHECK_INT(afw_learned_lookup(&local.learned, AF_INET, ADDR4, 1500), 1);

	/* Reject, and a CNAME into a blocked domain. */
	answer(e, "www.tiktok.com", NULL, 1000);
	CHECK(s->len > 0);
	answer(e, "cdn.example.net", "chat.wechat.com", 1000);
	CHECK(s->len > 0);

	/* Allow, monitor and no app: as they came. */
	answer(e, "www.allowed.io", NULL, 1000);
	CHECK_INT(s->len, 0);
	answer(e, "www.watched.io", NULL, 1000);
	CHECK_INT(s->len, 0);
	answer(e, "www.example.org", NULL, 1000);
	CHECK_INT(s->len, 0);

	CHECK_INT(afw_engine_set_dns_refuse(e, AFW_DNS_REFUSE_ZERO), 0);
	answer(e, "chat.wechat.com", NULL, 1000);
	CHECK_INT(s->len, 20 + 8 + 12 + 17 + 4 + 16 + 28);
	CHECK(!memcmp(s->pkt + s->len - 16, (uint8_t[16]){ 0 }, 16));
	CHECK_PACKET(s->pkt, s->len);

	CHECK_INT(s->verdicts, 8);
	CHECK_INT(afw_engine_stats(e)->refused, 4);
	CHECK_INT(afw_engine_stats(e)->learned, 7);
	afw_engine_free(e);
	afw_local_free(&local);
	free(s);
}
