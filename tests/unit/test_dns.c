// SPDX-License-Identifier: GPL-2.0
/*
 * The DNS response parser: dnsmasq's real answers (tests/fixtures/dns,
 * made by scripts/make-dns-fixtures.sh) and every prefix of them, then
 * hand-built messages for each rule. Every parse goes through an
 * exact-size heap copy, so ASan sees any read past the message.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "../../userspace/appfwd/dns.h"
#include "unit.h"

#define TYPE_A 1
#define TYPE_CNAME 5
#define TYPE_TXT 16
#define TYPE_AAAA 28
#define TYPE_SVCB 64
#define TYPE_HTTPS 65

/* The EDNS OPT record dnsmasq puts last in every fixture. */
#define OPT_LEN 11

struct msg {
	uint8_t b[8192];
	size_t n;
};

static int parse(const uint8_t *p, size_t n, struct afw_dns_answer *ans)
{
	uint8_t *copy = malloc(n ? n : 1);
	int ret;

	memcpy(copy, p, n);
	ret = afw_dns_parse(copy, n, ans);
	free(copy);
	return ret;
}

static int parse_tcp(const uint8_t *p, size_t n, struct afw_dns_answer *ans)
{
	uint8_t *copy = malloc(n ? n : 1);
	int ret;

	memcpy(copy, p, n);
	ret = afw_dns_parse_tcp(copy, n, ans);
	free(copy);
	return ret;
}

/* A fixture of tests/fixtures/dns into m. */
#define load(name, m) \
	((m)->n = unit_fixture("dns/" name, (m)->b, sizeof((m)->b)))

/* --- A message builder: wire format written here, read by the parser. */

static void put8(struct msg *m, unsigned int v)
{
	m->b[m->n++] = (uint8_t)v;
}

static void put16(struct msg *m, unsigned int v)
{
	put8(m, v >> 8);
	put8(m, v);
}

static void put32(struct msg *m, uint32_t v)
{
	put16(m, v >> 16);
	put16(m, v & 0xffff);
}

/* Labels of a dotted name, no terminator: a pointer or 0 must follow. */
static void labels(struct msg *m, const char *name)
{
	while (*name) {
		size_t len = strcspn(name, ".");

		put8(m, len);
		memcpy(m->b + m->n, name, len);
		m->n += len;
		name += len + (name[len] == '.');
	}
}

static void name(struct msg *m, const char *dotted)
{
	labels(m, dotted);
	put8(m, 0);
}

static void ptr(struct msg *m, size_t off)
{
	put16(m, 0xc000 | off);
}

/* Response, NOERROR, one question; ancount answers, ar additional. */
static void header(struct msg *m, unsigned int flags, unsigned int an,
		   unsigned int ar)
{
	m->n = 0;
	put16(m, 0x1234);
	put16(m, flags);
	put16(m, 1);
	put16(m, an);
	put16(m, 0);
	put16(m, ar);
}

#define RESPONSE 0x8180		/* QR, RD, RA, NOERROR */
#define QNAME 12		/* where the question's name starts */

static void question(struct msg *m, const char *qname)
{
	name(m, qname);
	put16(m, TYPE_A);
	put16(m, 1);
}

/* After the owner: type, class, TTL; returns where rdlength goes. */
static size_t rr_class(struct msg *m, unsigned int type, unsigned int class,
		       uint32_t ttl)
{
	size_t at;

	put16(m, type);
	put16(m, class);
	put32(m, ttl);
	at = m->n;
	put16(m, 0);
	return at;
}

static size_t rr(struct msg *m, unsigned int type, uint32_t ttl)
{
	return rr_class(m, type, 1, ttl);
}

static void rr_end(struct msg *m, size_t at)
{
	size_t len = m->n - at - 2;

	m->b[at] = (uint8_t)(len >> 8);
	m->b[at + 1] = (uint8_t)len;
}

static void a_rr(struct msg *m, const char *owner, const char *ip,
		 uint32_t ttl)
{
	int v6 = !!strchr(ip, ':');
	size_t at;

	name(m, owner);
	at = rr(m, v6 ? TYPE_AAAA : TYPE_A, ttl);
	inet_pton(v6 ? AF_INET6 : AF_INET, ip, m->b + m->n);
	m->n += v6 ? 16 : 4;
	rr_end(m, at);
}

static void cname_rr(struct msg *m, const char *owner, const char *target)
{
	size_t at;

	name(m, owner);
	at = rr(m, TYPE_CNAME, 60);
	name(m, target);
	rr_end(m, at);
}

/* An HTTPS or SVCB record, target ".", with ipv4hint and ipv6hint. */
static void svcb_rr(struct msg *m, unsigned int type, const char *owner,
		    unsigned int priority, const char *ip4, const char *ip6)
{
	size_t at;

	name(m, owner);
	at = rr(m, type, 120);
	put16(m, priority);
	put8(m, 0);
	put16(m, 1);		/* alpn="h2", before the hints as it must be */
	put16(m, 3);
	put8(m, 2);
	put8(m, 'h');
	put8(m, '2');
	put16(m, 4);
	put16(m, 4);
	inet_pton(AF_INET, ip4, m->b + m->n);
	m->n += 4;
	put16(m, 6);
	put16(m, 16);
	inet_pton(AF_INET6, ip6, m->b + m->n);
	m->n += 16;
	rr_end(m, at);
}

/* --- Checks. */

/* The index of family/ip in ans->addrs, or -1. */
static int find(const struct afw_dns_answer *ans, const char *ip)
{
	int family = strchr(ip, ':') ? AF_INET6 : AF_INET;
	uint8_t want[16];

	inet_pton(family, ip, want);
	for (unsigned int i = 0; i < ans->naddrs; i++)
		if (ans->addrs[i].family == family &&
		    !memcmp(ans->addrs[i].addr, want, family == AF_INET ? 4 : 16))
			return (int)i;
	return -1;
}

static void check_addr(const struct afw_dns_answer *ans, const char *ip,
		       uint32_t ttl, int line)
{
	int i = find(ans, ip);

	if (i < 0)
		unit_fail(__FILE__, line, "%s not among the %u addresses", ip,
			  ans->naddrs);
	else if (ans->addrs[i].ttl != ttl)
		unit_fail(__FILE__, line, "%s: TTL %u, want %u", ip,
			  ans->addrs[i].ttl, ttl);
}

#define CHECK_ADDR(ans, ip, ttl) check_addr(ans, ip, ttl, __LINE__)

/* Every strict prefix of a message must fail cleanly: -EBADMSG while the
 * answer section is cut (end: where it ends), the whole answer after. */
static void check_prefixes(const struct msg *m, size_t end, int line)
{
	struct afw_dns_answer whole, cut;

	if (parse(m->b, m->n, &whole))
		return;
	for (size_t k = 0; k < m->n; k++) {
		int ret = parse(m->b, k, &cut);

		if (k < end && (ret != -EBADMSG || cut.nnames || cut.naddrs))
			unit_fail(__FILE__, line,
				  "first %zu of %zu bytes: %d, %u names, want -EBADMSG",
				  k, m->n, ret, cut.nnames);
		if (k >= end && (ret || cut.nnames != whole.nnames ||
				 cut.naddrs != whole.naddrs ||
				 memcmp(cut.addrs, whole.addrs,
					sizeof(cut.addrs[0]) * cut.naddrs)))
			unit_fail(__FILE__, line,
				  "first %zu of %zu bytes: %d, not the whole answer",
				  k, m->n, ret);
	}
}

TEST(dns_fixtures)
{
	struct afw_dns_answer ans;
	struct msg m;

	if (load("a.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), 0);
		CHECK_INT(ans.id, m.b[0] << 8 | m.b[1]);
		CHECK_INT(ans.rcode, 0);
		CHECK_INT(ans.nnames, 1);
		CHECK_STR(ans.names[0], "web.wechat.com");
		CHECK_INT(ans.naddrs, 1);
		CHECK_INT(ans.addrs[0].family, AF_INET);
		CHECK_ADDR(&ans, "203.0.113.7", 300);
		check_prefixes(&m, m.n - OPT_LEN, __LINE__);
	}
	if (load("aaaa-upper.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), 0);
		CHECK_STR(ans.names[0], "web.wechat.com");
		CHECK_INT(ans.naddrs, 1);
		CHECK_INT(ans.addrs[0].family, AF_INET6);
		CHECK_ADDR(&ans, "2001:db8::7", 300);
		check_prefixes(&m, m.n - OPT_LEN, __LINE__);
	}
	if (load("cname2.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), 0);
		CHECK_INT(ans.nnames, 3);
		CHECK_STR(ans.names[0], "dl.wechat.com");
		CHECK_STR(ans.names[1], "cdn.wechat.com");
		CHECK_STR(ans.names[2], "web.wechat.com");
		CHECK_INT(ans.naddrs, 1);
		CHECK_ADDR(&ans, "203.0.113.7", 300);
		check_prefixes(&m, m.n - OPT_LEN, __LINE__);
	}
	if (load("https.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), 0);
		CHECK_STR(ans.names[0], "svc.wechat.com");
		CHECK_INT(ans.naddrs, 3);
		CHECK_ADDR(&ans, "203.0.113.8", 300);
		CHECK_ADDR(&ans, "203.0.113.9", 300);
		CHECK_ADDR(&ans, "2001:db8::8", 300);
		check_prefixes(&m, m.n - OPT_LEN, __LINE__);
	}
	if (load("nxdomain.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), 0);
		CHECK_INT(ans.rcode, 3);
		CHECK_INT(ans.nnames, 1);
		CHECK_STR(ans.names[0], "nope.wechat.com");
		CHECK_INT(ans.naddrs, 0);
		check_prefixes(&m, m.n - OPT_LEN, __LINE__);
	}
	if (load("query.bin", &m)) {
		CHECK_INT(parse(m.b, m.n, &ans), -ENOMSG);
		CHECK_INT(ans.nnames, 0);
	}
}

TEST(dns_tcp)
{
	struct afw_dns_answer ans;
	struct msg m;

	if (!load("tcp-cname.bin", &m))
		return;
	CHECK_INT(parse_tcp(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, 2);
	CHECK_STR(ans.names[0], "www.wechat.com");
	CHECK_STR(ans.names[1], "web.wechat.com");
	CHECK_INT(ans.naddrs, 1);
	CHECK_ADDR(&ans, "203.0.113.7", 300);
	/* Not all there: the agent learns nothing from it. */
	for (size_t k = 0; k < m.n; k++)
		CHECK_INT(parse_tcp(m.b, k, &ans), -EMSGSIZE);
	/* A second message (or anything) after the first is not read. */
	m.b[m.n++] = 0xff;
	CHECK_INT(parse_tcp(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, 1);
}

TEST(dns_cname_chain_out_of_order)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, RESPONSE, 6, 0);
	question(&m, "dl.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	cname_rr(&m, "other.example", "web.wechat.com");
	cname_rr(&m, "edge.wechat.com", "web.wechat.com");
	cname_rr(&m, "cdn.wechat.com", "edge.wechat.com");
	a_rr(&m, "evil.example", "198.51.100.1", 60);
	cname_rr(&m, "dl.wechat.com", "cdn.wechat.com");
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, 4);
	CHECK_STR(ans.names[0], "dl.wechat.com");
	CHECK_STR(ans.names[1], "cdn.wechat.com");
	CHECK_STR(ans.names[2], "edge.wechat.com");
	CHECK_STR(ans.names[3], "web.wechat.com");
	/* evil.example is not in the chain: not vouched for. */
	CHECK_INT(ans.naddrs, 1);
	CHECK_ADDR(&ans, "203.0.113.7", 60);
	CHECK_INT(find(&ans, "198.51.100.1"), -1);
	check_prefixes(&m, m.n, __LINE__);
}

TEST(dns_cname_loop_and_bound)
{
	struct afw_dns_answer ans;
	char a[32], b[32];
	struct msg m;

	/* a -> b -> a: the chain stops at b, both names' addresses count. */
	header(&m, RESPONSE, 4, 0);
	question(&m, "a.example");
	cname_rr(&m, "b.example", "a.example");
	cname_rr(&m, "a.example", "b.example");
	a_rr(&m, "a.example", "192.0.2.1", 60);
	a_rr(&m, "b.example", "192.0.2.2", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, 2);
	CHECK_STR(ans.names[1], "b.example");
	CHECK_INT(ans.naddrs, 2);

	/* n0 -> n1 -> ... -> n20: only n0..n15 are the chain. */
	header(&m, RESPONSE, 22, 0);
	question(&m, "n0.example");
	for (int i = 0; i < 20; i++) {
		snprintf(a, sizeof(a), "n%d.example", i);
		snprintf(b, sizeof(b), "n%d.example", i + 1);
		cname_rr(&m, a, b);
	}
	a_rr(&m, "n15.example", "192.0.2.15", 60);
	a_rr(&m, "n20.example", "192.0.2.20", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, AFW_DNS_CHAIN_MAX);
	CHECK_STR(ans.names[AFW_DNS_CHAIN_MAX - 1], "n15.example");
	CHECK_INT(ans.naddrs, 1);
	CHECK_ADDR(&ans, "192.0.2.15", 60);

	/* The same, every CNAME in reverse order: one link per pass. */
	header(&m, RESPONSE, 20, 0);
	question(&m, "n0.example");
	for (int i = 19; i >= 0; i--) {
		snprintf(a, sizeof(a), "n%d.example", i);
		snprintf(b, sizeof(b), "n%d.example", i + 1);
		cname_rr(&m, a, b);
	}
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, AFW_DNS_CHAIN_MAX);
	CHECK_STR(ans.names[AFW_DNS_CHAIN_MAX - 1], "n15.example");
}

TEST(dns_https_svcb)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, RESPONSE, 5, 0);
	question(&m, "svc.wechat.com");
	cname_rr(&m, "svc.wechat.com", "edge.wechat.com");
	/* ServiceMode HTTPS at a chain name, SVCB at the question. */
	svcb_rr(&m, TYPE_HTTPS, "edge.wechat.com", 1, "203.0.113.8",
		"2001:db8::8");
	svcb_rr(&m, TYPE_SVCB, "svc.wechat.com", 2, "203.0.113.9",
		"2001:db8::9");
	/* AliasMode: parameters do not count. */
	svcb_rr(&m, TYPE_HTTPS, "edge.wechat.com", 0, "203.0.113.10",
		"2001:db8::10");
	/* Another name's hints: not vouched for. */
	svcb_rr(&m, TYPE_HTTPS, "evil.example", 1, "198.51.100.1",
		"2001:db8::66");
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, 4);
	CHECK_ADDR(&ans, "203.0.113.8", 120);
	CHECK_ADDR(&ans, "2001:db8::8", 120);
	CHECK_ADDR(&ans, "203.0.113.9", 120);
	CHECK_ADDR(&ans, "2001:db8::9", 120);
	check_prefixes(&m, m.n, __LINE__);

	/* An ipv4hint of 6 bytes is malformed. */
	header(&m, RESPONSE, 1, 0);
	question(&m, "svc.wechat.com");
	svcb_rr(&m, TYPE_HTTPS, "svc.wechat.com", 1, "203.0.113.8",
		"2001:db8::8");
	m.b[m.n - 20 - 8 + 3] = 6;	/* the ipv4hint's length */
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	m.b[m.n - 20 - 8 + 3] = 4;
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	/* A parameter running past rdata. */
	m.b[m.n - 20 + 3] = 17;		/* the ipv6hint's length */
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
}

TEST(dns_ttl)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, RESPONSE, 5, 0);
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.1", 0x7fffffff);
	/* RFC 2181 8: the top bit set means 0. */
	a_rr(&m, "web.wechat.com", "203.0.113.2", 0x80000000);
	a_rr(&m, "web.wechat.com", "203.0.113.3", 0);
	/* Twice: once, with the longer TTL. */
	a_rr(&m, "web.wechat.com", "203.0.113.4", 60);
	a_rr(&m, "web.wechat.com", "203.0.113.4", 600);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, 4);
	CHECK_ADDR(&ans, "203.0.113.1", 0x7fffffff);
	CHECK_ADDR(&ans, "203.0.113.2", 0);
	CHECK_ADDR(&ans, "203.0.113.3", 0);
	CHECK_ADDR(&ans, "203.0.113.4", 600);
}

TEST(dns_bounds)
{
	struct afw_dns_answer ans;
	char ip[32];
	struct msg m;
	size_t at;

	/* More addresses than fit: the first AFW_DNS_ADDRS_MAX. */
	header(&m, RESPONSE, 100, 0);
	question(&m, "web.wechat.com");
	for (int i = 0; i < 100; i++) {
		snprintf(ip, sizeof(ip), "2001:db8::%x", i);
		a_rr(&m, "web.wechat.com", ip, 60);
	}
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, AFW_DNS_ADDRS_MAX);
	CHECK_ADDR(&ans, "2001:db8::3f", 60);
	CHECK_INT(find(&ans, "2001:db8::40"), -1);

	/* More answers counted than there are. */
	header(&m, RESPONSE, 2, 0);
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	CHECK_INT(ans.naddrs, 0);

	/* An A record of 5 bytes, an AAAA of 4, a CNAME with a byte after
	 * its name. */
	header(&m, RESPONSE, 1, 0);
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	m.b[m.n - 5] = 5;
	put8(&m, 0);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	header(&m, RESPONSE, 1, 0);
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	m.b[m.n - 13] = TYPE_AAAA;
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	header(&m, RESPONSE, 1, 0);
	question(&m, "web.wechat.com");
	cname_rr(&m, "web.wechat.com", "cdn.wechat.com");
	m.b[m.n - 17]++;
	put8(&m, 0);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/* Another class, or an unknown type: skipped unread. */
	header(&m, RESPONSE, 2, 0);
	question(&m, "web.wechat.com");
	name(&m, "web.wechat.com");
	rr_end(&m, rr_class(&m, TYPE_A, 3, 60));	/* CHAOS, 0 bytes */
	name(&m, "web.wechat.com");
	at = rr(&m, TYPE_TXT, 60);
	put8(&m, 0);
	rr_end(&m, at);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, 0);
}

TEST(dns_not_answers)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, 0x0100, 0, 0);		/* a query */
	question(&m, "web.wechat.com");
	CHECK_INT(parse(m.b, m.n, &ans), -ENOMSG);
	header(&m, RESPONSE | 0x1000, 0, 0);	/* opcode 2, STATUS */
	question(&m, "web.wechat.com");
	CHECK_INT(parse(m.b, m.n, &ans), -ENOMSG);
	header(&m, RESPONSE, 0, 0);
	m.b[5] = 2;				/* two questions */
	question(&m, "web.wechat.com");
	question(&m, "web.wechat.com");
	CHECK_INT(parse(m.b, m.n, &ans), -ENOMSG);
	header(&m, RESPONSE, 0, 0);
	name(&m, "version.bind");
	put16(&m, TYPE_TXT);
	put16(&m, 3);				/* class CHAOS */
	CHECK_INT(parse(m.b, m.n, &ans), -ENOMSG);
	header(&m, RESPONSE | 2, 1, 0);		/* SERVFAIL, with an A */
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.rcode, 2);
	CHECK_INT(ans.naddrs, 0);
	CHECK_INT(parse(m.b, 0, &ans), -EBADMSG);
	CHECK_INT(parse(m.b, 11, &ans), -EBADMSG);
}

/* Only the answer section vouches: the same name's A in additional, or
 * in authority, teaches nothing. */
TEST(dns_other_sections_ignored)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, RESPONSE, 1, 1);
	m.b[9] = 1;				/* nscount */
	question(&m, "web.wechat.com");
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	a_rr(&m, "web.wechat.com", "198.51.100.1", 60);
	a_rr(&m, "web.wechat.com", "198.51.100.2", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.naddrs, 1);
	CHECK_ADDR(&ans, "203.0.113.7", 60);
}

TEST(dns_case)
{
	struct afw_dns_answer ans;
	struct msg m;

	header(&m, RESPONSE, 2, 0);
	question(&m, "WeB.WeChat.CoM");
	cname_rr(&m, "WEB.wechat.COM", "CDN.WeChat.com");
	a_rr(&m, "cdn.WECHAT.com", "203.0.113.7", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, 2);
	CHECK_STR(ans.names[0], "web.wechat.com");
	CHECK_STR(ans.names[1], "cdn.wechat.com");
	CHECK_INT(ans.naddrs, 1);
}

TEST(dns_compression)
{
	struct afw_dns_answer ans;
	struct msg m;
	size_t at, prev;

	/* Owner and target by pointer, target's suffix by pointer: the way
	 * real servers write them. */
	header(&m, RESPONSE, 2, 0);
	question(&m, "dl.wechat.com");
	ptr(&m, QNAME);
	at = rr(&m, TYPE_CNAME, 60);
	prev = m.n;
	labels(&m, "web");
	ptr(&m, QNAME + 3);			/* "wechat.com" */
	rr_end(&m, at);
	ptr(&m, prev);
	at = rr(&m, TYPE_A, 60);
	put32(&m, 0xcb007107);
	rr_end(&m, at);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_STR(ans.names[1], "web.wechat.com");
	CHECK_ADDR(&ans, "203.0.113.7", 60);
	check_prefixes(&m, m.n, __LINE__);

	/*
	 * The question's name is a pointer to itself:
	 *   12: c0 0c
	 */
	header(&m, RESPONSE, 0, 0);
	ptr(&m, QNAME);
	put16(&m, TYPE_A);
	put16(&m, 1);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/*
	 * Two names pointing at each other, so one pointer goes forward:
	 *   12: 03 "web" c0 16     question name: "web", then offset 22
	 *   18: 00 01 00 01        type A, class IN
	 *   22: 03 "cdn" c0 0c     answer owner: "cdn", then offset 12
	 */
	header(&m, RESPONSE, 1, 0);
	labels(&m, "web");
	ptr(&m, 22);
	put16(&m, TYPE_A);
	put16(&m, 1);
	CHECK_INT(m.n, 22);
	labels(&m, "cdn");
	ptr(&m, QNAME);
	at = rr(&m, TYPE_A, 60);
	put32(&m, 0xcb007107);
	rr_end(&m, at);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/*
	 * A forward pointer to a good name, no loop:
	 *   12: c0 12              question name: offset 18
	 *   14: 00 01 00 01        type A, class IN
	 *   18: 03 "web" ... 00    answer owner: web.wechat.com
	 */
	header(&m, RESPONSE, 1, 0);
	ptr(&m, 18);
	put16(&m, TYPE_A);
	put16(&m, 1);
	CHECK_INT(m.n, 18);
	a_rr(&m, "web.wechat.com", "203.0.113.7", 60);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/* An answer's owner: "cdn", then a pointer to its own start. */
	header(&m, RESPONSE, 1, 0);
	question(&m, "a.example");
	prev = m.n;
	labels(&m, "cdn");
	ptr(&m, prev);
	at = rr(&m, TYPE_A, 60);
	put32(&m, 0xcb007107);
	rr_end(&m, at);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/* A pointer past the end, and one byte of a pointer at the end. */
	header(&m, RESPONSE, 0, 0);
	ptr(&m, 0x3fff);
	put16(&m, TYPE_A);
	put16(&m, 1);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	header(&m, RESPONSE, 0, 0);
	put8(&m, 0xc0);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
}

/* A backward chain of n pointers in a TXT record's rdata, then an A
 * record whose owner is the last of them. */
static void pointer_chain(struct msg *m, int n)
{
	size_t at, prev = QNAME;

	header(m, RESPONSE, 2, 0);
	question(m, "web.wechat.com");
	ptr(m, QNAME);
	at = rr(m, TYPE_TXT, 60);
	for (int i = 0; i < n; i++) {
		size_t here = m->n;

		ptr(m, prev);
		prev = here;
	}
	rr_end(m, at);
	ptr(m, prev);
	at = rr(m, TYPE_A, 60);
	put32(m, 0xcb007107);
	rr_end(m, at);
}

TEST(dns_pointer_jumps)
{
	struct afw_dns_answer ans;
	struct msg m;

	pointer_chain(&m, 30);		/* 31 jumps */
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_ADDR(&ans, "203.0.113.7", 60);
	pointer_chain(&m, 31);		/* 32 */
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	pointer_chain(&m, 32);		/* 33 */
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
}

TEST(dns_names)
{
	char big[300], *p = big;
	struct afw_dns_answer ans;
	struct msg m;

	/* 63 + 1 + 63 + 1 + 63 + 1 + 61: 253 characters, the most. */
	for (int i = 0; i < 3; i++) {
		memset(p, 'a' + i, 63);
		p[63] = '.';
		p += 64;
	}
	memset(p, 'd', 61);
	p[61] = '\0';
	header(&m, RESPONSE, 1, 0);
	question(&m, big);
	a_rr(&m, big, "203.0.113.7", 60);
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(strlen(ans.names[0]), AFW_DNS_NAME_MAX);
	CHECK_STR(ans.names[0], big);
	CHECK_INT(ans.naddrs, 1);
	p[61] = 'd';
	p[62] = '\0';
	header(&m, RESPONSE, 0, 0);
	question(&m, big);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/* A label of 64 bytes: its length byte is an extended label type. */
	memset(big, 'a', 64);
	big[64] = '\0';
	header(&m, RESPONSE, 0, 0);
	question(&m, big);
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);

	/* The root as the question, a '.', a NUL or a blank in a label. */
	header(&m, RESPONSE, 0, 0);
	question(&m, "");
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	header(&m, RESPONSE, 0, 0);
	question(&m, "web.wechat.com");
	m.b[QNAME + 7] = '.';		/* \003web\006we.hat\003com */
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	m.b[QNAME + 7] = '\0';
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	m.b[QNAME + 7] = ' ';
	CHECK_INT(parse(m.b, m.n, &ans), -EBADMSG);
	m.b[QNAME + 7] = 'c';
	CHECK_INT(parse(m.b, m.n, &ans), 0);

	/* In an answer: that record is skipped, the others count. */
	header(&m, RESPONSE, 4, 0);
	question(&m, "web.wechat.com");
	cname_rr(&m, "web.wechat.com", "cdn.wechat.com");
	m.b[m.n - 9] = '.';		/* \003cdn\006we.hat\003com */
	a_rr(&m, "cdn.we.hat.com", "203.0.113.1", 60);
	a_rr(&m, "web.wechat.com", "203.0.113.2", 60);
	a_rr(&m, "web.wechat.com", "203.0.113.3", 60);
	m.b[m.n - 4 - 10 - 16 + 7] = '\0';	/* \003web\006we\0hat\003com */
	CHECK_INT(parse(m.b, m.n, &ans), 0);
	CHECK_INT(ans.nnames, 1);
	CHECK_INT(ans.naddrs, 1);
	CHECK_ADDR(&ans, "203.0.113.2", 60);
}
