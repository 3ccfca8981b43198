// SPDX-License-Identifier: GPL-2.0
/*
 * The agent's classifier with the local backend, fed packets built here:
 * TLS over TCP in order, shuffled and retransmitted, HTTP, QUIC Initials
 * encrypted here from Chromium's ClientHello, DNS answers teaching an
 * address and forgetting it after the TTL, prefixes, and the bounds
 * (table full, held bytes, hold timeouts). Every packet handed in must
 * get exactly one verdict, and the right one.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>

#include "../../userspace/appfwd/backend.h"
#include "../../userspace/appfwd/engine.h"
#include "../../userspace/appfwd/pkt.h"
#include "../../userspace/appfwd/quic.h"
#include "../../userspace/appfwd/quic_crypto.h"
#include "unit.h"

#define MAX_PKTS 20000
#define NO_VERDICT 0xffffffffU

struct rec {
	uint32_t verdict[MAX_PKTS];	/* NO_VERDICT until given */
	uint32_t mark[MAX_PKTS];
	unsigned int twice;		/* verdicts given twice: a bug */
	unsigned int nreports;
	struct afw_flow_report last;
	struct afw_decision last_decision;
	char last_name[256];
};

static void on_verdict(void *ctx, uint64_t handle, const struct afw_verdict *v)
{
	struct rec *r = ctx;

	if (handle >= MAX_PKTS)
		return;
	if (r->verdict[handle] != NO_VERDICT)
		r->twice++;
	r->verdict[handle] = v->verdict;
	r->mark[handle] = v->mark;
}

static void on_report(void *ctx, const struct afw_flow_report *rep)
{
	struct rec *r = ctx;

	r->nreports++;
	r->last = *rep;
	r->last_decision = *rep->decision;
	r->last.decision = &r->last_decision;
	snprintf(r->last_name, sizeof(r->last_name), "%s",
		 rep->name ? rep->name : "-");
	r->last.name = r->last_name;
}

struct env {
	struct afw_local local;
	struct afw_engine *e;
	struct rec *rec;
	uint64_t next;		/* the next packet's handle */
};

static void add_app(struct afw_policy *pol, const char *name, uint16_t id,
		    uint8_t action)
{
	struct afw_app app = { .id = id, .action = action };

	snprintf(app.name, sizeof(app.name), "%s", name);
	CHECK_INT(afw_policy_add_app(pol, &app, NULL), 0);
}

static void env_init_mode(struct env *env, bool standalone)
{
	struct afw_policy pol;
	struct afw_prefix p = { .family = AFW_INET, .len = 25,
				.addr = { 198, 51, 100, 128 }, .app = 4 };
	struct afw_prefix q = { .family = AFW_INET, .len = 26,
				.addr = { 198, 51, 100, 64 }, .app = 1 };

	memset(env, 0, sizeof(*env));
	afw_policy_init(&pol);
	add_app(&pol, "wechat", 1, APPFW_ACTION_BLOCK);
	add_app(&pol, "allowed", 2, APPFW_ACTION_ALLOW);
	add_app(&pol, "watched", 3, APPFW_ACTION_MONITOR);
	add_app(&pol, "blocknet", 4, APPFW_ACTION_REJECT);
	CHECK_INT(afw_policy_add_domain(&pol, "qq.com", APPFW_DOMAIN_SUFFIX, 1, 0, NULL), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "wechat.com", APPFW_DOMAIN_SUFFIX, 1, 0, NULL), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "allowed.io", APPFW_DOMAIN_SUFFIX, 2, 0, NULL), 0);
	CHECK_INT(afw_policy_add_domain(&pol, "web.watched.io", APPFW_DOMAIN_EXACT, 3, 0, NULL), 0);
	CHECK_INT(afw_policy_add_prefix(&pol, &p, 0, NULL), 0);
	CHECK_INT(afw_policy_add_prefix(&pol, &q, 0, NULL), 0);
	CHECK_INT(afw_local_init(&env->local, &pol, standalone), 0);
	afw_policy_free(&pol);
	env->rec = malloc(sizeof(*env->rec));
	memset(env->rec->verdict, 0xff, sizeof(env->rec->verdict));
	env->rec->twice = env->rec->nreports = 0;
	CHECK_INT(afw_engine_new(&env->e, &env->local.be, on_verdict,
				 on_report, env->rec), 0);
}

/* --pcap's verdicts: drop or accept, no marks. */
static void env_init(struct env *env)
{
	env_init_mode(env, false);
}

/* Every packet handed in got exactly one verdict. */
static void env_done(struct env *env)
{
	afw_engine_free(env->e);
	for (uint64_t i = 0; i < env->next; i++)
		if (env->rec->verdict[i] == NO_VERDICT)
			unit_fail(__FILE__, __LINE__, "packet %lu: no verdict",
				  (unsigned long)i);
	CHECK_INT(env->rec->twice, 0);
	afw_local_free(&env->local);
	free(env->rec);
}

/* Addresses: the client, an ordinary server, one in the rejected prefix,
 * one in the blocked prefix. */
static const uint8_t C4[4] = { 192, 0, 2, 2 }, S4[4] = { 198, 51, 100, 2 };
static const uint8_t P4[4] = { 198, 51, 100, 200 };
static const uint8_t Q4[4] = { 198, 51, 100, 100 };
static const uint8_t C6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 2 };
static const uint8_t S6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 2 };

struct pktspec {
	int family;
	const uint8_t *src, *dst;
	uint8_t proto;
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t flags;
};

/* An IP packet with a TCP or UDP header and payload; returns its length. */
static size_t build(uint8_t *buf, const struct pktspec *s, const void *data,
		    size_t len)
{
	size_t ip = s->family == AF_INET ? 20 : 40;
	size_t th = s->proto == IPPROTO_TCP ? 20 : 8;
	size_t tot = ip + th + len;
	uint8_t *t = buf + ip;

	memset(buf, 0, ip + th);
	if (s->family == AF_INET) {
		buf[0] = 0x45;
		buf[2] = (uint8_t)(tot >> 8);
		buf[3] = (uint8_t)tot;
		buf[8] = 64;
		buf[9] = s->proto;
		memcpy(buf + 12, s->src, 4);
		memcpy(buf + 16, s->dst, 4);
	} else {
		buf[0] = 0x60;
		buf[4] = (uint8_t)((tot - 40) >> 8);
		buf[5] = (uint8_t)(tot - 40);
		buf[6] = s->proto;
		buf[7] = 64;
		memcpy(buf + 8, s->src, 16);
		memcpy(buf + 24, s->dst, 16);
	}
	t[0] = (uint8_t)(s->sport >> 8);
	t[1] = (uint8_t)s->sport;
	t[2] = (uint8_t)(s->dport >> 8);
	t[3] = (uint8_t)s->dport;
	if (s->proto == IPPROTO_TCP) {
		t[4] = (uint8_t)(s->seq >> 24);
		t[5] = (uint8_t)(s->seq >> 16);
		t[6] = (uint8_t)(s->seq >> 8);
		t[7] = (uint8_t)s->seq;
		t[12] = 5 << 4;
		t[13] = s->flags ? s->flags : 0x10;
	} else {
		t[4] = (uint8_t)((8 + len) >> 8);
		t[5] = (uint8_t)(8 + len);
	}
	if (len)
		memcpy(t + th, data, len);
	return tot;
}

/* Hands the engine one packet; returns its handle. */
static uint64_t send_pkt(struct env *env, const struct pktspec *s,
			 const void *data, size_t len, int64_t now)
{
	static uint8_t buf[70000];
	uint64_t h = env->next++;

	afw_engine_packet(env->e, h, buf, build(buf, s, data, len), now);
	return h;
}

#define V(env, h) ((env)->rec->verdict[h])

TEST(engine_tcp_tls_in_order)
{
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_TCP, 40000, 443, 1000,
			     AFW_TCP_SYN };
	uint8_t hello[4096];
	size_t n = unit_fixture("openssl-tls13.bin", hello, sizeof(hello));
	struct env env;
	uint64_t syn, a, b, later;

	env_init(&env);
	syn = send_pkt(&env, &s, NULL, 0, 0);
	CHECK_INT(V(&env, syn), NF_ACCEPT);
	s.flags = 0;
	s.seq = 1001;
	a = send_pkt(&env, &s, hello, 100, 1);
	CHECK_INT(V(&env, a), NO_VERDICT);	/* held */
	s.seq = 1101;
	b = send_pkt(&env, &s, hello + 100, n - 100, 2);
	CHECK_INT(V(&env, a), NF_DROP);
	CHECK_INT(V(&env, b), NF_DROP);
	CHECK_INT(env.rec->nreports, 1);
	CHECK_STR(env.rec->last.name, "weixin.qq.com");
	CHECK_STR(env.rec->last_decision.app_name, "wechat");
	CHECK_STR(env.rec->last_decision.entry, "qq.com");
	CHECK_INT(env.rec->last_decision.kind, APPFW_DOMAIN_SUFFIX);
	CHECK_INT(env.rec->last_decision.source, APPFW_SOURCE_SNI);
	CHECK_INT(env.rec->last.type, AFW_FLOW_TCP);
	/* A later packet of the decided flow: the same verdict at once. */
	later = send_pkt(&env, &s, hello, 10, 3);
	CHECK_INT(V(&env, later), NF_DROP);
	CHECK_INT(afw_engine_held_bytes(env.e), 0);
	CHECK_INT(afw_engine_stats(env.e)->tcp, 1);
	env_done(&env);
}

/* Segments of 97 bytes in a shuffled order over IPv6, some sent again
 * with other bytes (the first copy counts): decided when the last hole
 * fills, and every segment gets the verdict. */
TEST(engine_tcp_tls_shuffled)
{
	struct pktspec s = { AF_INET6, C6, S6, IPPROTO_TCP, 40001, 443, 0,
			     AFW_TCP_SYN };
	uint8_t hello[4096];
	size_t n = unit_fixture("chromium-sni-second.bin", hello, sizeof(hello));
	unsigned int nseg = (unsigned int)((n + 96) / 97), order[64];
	uint64_t handles[128];
	unsigned int nh = 0;
	struct env env;

	CHECK(nseg < 64);
	env_init(&env);
	send_pkt(&env, &s, NULL, 0, 0);
	s.flags = 0;
	for (unsigned int i = 0; i < nseg; i++)
		order[i] = i;
	srand(7);
	for (unsigned int i = nseg - 1; i > 0; i--) {
		unsigned int j = (unsigned int)rand() % (i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (unsigned int k = 0; k < nseg; k++) {
		unsigned int i = order[k];
		size_t off = (size_t)i * 97, len = n - off < 97 ? n - off : 97;

		s.seq = 1 + (uint32_t)off;
		handles[nh++] = send_pkt(&env, &s, hello + off, len, k);
		/* A retransmission of every third one, with other bytes:
		 * the first copy counts. */
		if (k % 3 == 0 && k + 1 < nseg) {
			uint8_t junk[97];

			memset(junk, 'x', sizeof(junk));
			handles[nh++] = send_pkt(&env, &s, junk, len, k);
		}
		if (k + 1 < nseg)
			CHECK_INT(env.rec->nreports, 0);
	}
	CHECK_INT(env.rec->nreports, 1);
	CHECK_STR(env.rec->last.name, "web.wechat.com");
	for (unsigned int i = 0; i < nh; i++)
		CHECK_INT(V(&env, handles[i]), NF_DROP);
	env_done(&env);
}

TEST(engine_tcp_http_and_not_tls)
{
	static const char get[] = "GET / HTTP/1.1\r\nHost: Web.Allowed.IO:8080\r\n\r\n";
	static const char ssh[] = "SSH-2.0-OpenSSH_9.2\r\n";
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_TCP, 40002, 80, 5,
			     AFW_TCP_SYN };
	struct env env;
	uint64_t a, b;

	env_init(&env);
	send_pkt(&env, &s, NULL, 0, 0);
	s.flags = 0;
	s.seq = 6;
	a = send_pkt(&env, &s, get, 20, 1);	/* no Host yet */
	CHECK_INT(V(&env, a), NO_VERDICT);
	s.seq = 26;
	b = send_pkt(&env, &s, get + 20, sizeof(get) - 1 - 20, 2);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(V(&env, b), NF_ACCEPT);
	CHECK_STR(env.rec->last.name, "Web.Allowed.IO");
	CHECK_STR(env.rec->last_decision.app_name, "allowed");
	CHECK_INT(env.rec->last_decision.source, APPFW_SOURCE_HOST);

	s.sport = 40003;
	s.dport = 22;
	s.flags = AFW_TCP_SYN;
	send_pkt(&env, &s, NULL, 0, 3);
	s.flags = 0;
	a = send_pkt(&env, &s, ssh, sizeof(ssh) - 1, 4);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(env.rec->last_decision.app, 0);
	CHECK_INT(env.rec->last.reason, AFW_REASON_NOT_TLS);
	env_done(&env);
}

/* --- QUIC: Initial packets encrypted here, as a client would --- */

static size_t put_varint2(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(0x40 | v >> 8);
	p[1] = (uint8_t)v;
	return 2;
}

/*
 * One v1 Initial datagram carrying the CRYPTO frames given as (offset,
 * length) pairs of hs, padded to 1200 bytes. Returns its length.
 */
static size_t quic_initial(uint8_t *out, const uint8_t *hs,
			   const size_t (*frames)[2], unsigned int nframes,
			   uint32_t pn)
{
	static const uint8_t dcid[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08 };
	struct afw_quic_keys keys;
	uint8_t payload[1400], mask[5];
	size_t n = 0, hdr, pn_off, plen;

	for (unsigned int i = 0; i < nframes; i++) {
		payload[n++] = 0x06;
		n += put_varint2(payload + n, frames[i][0]);
		n += put_varint2(payload + n, frames[i][1]);
		memcpy(payload + n, hs + frames[i][0], frames[i][1]);
		n += frames[i][1];
	}
	/* PADDING to a 1200-byte datagram: header 18, pn 4, tag 16. */
	plen = 1200 - 22 - 16;
	if (n < plen) {
		memset(payload + n, 0, plen - n);
		n = plen;
	}
	hdr = 0;
	out[hdr++] = 0xc3;		/* long header, Initial, 4-byte pn */
	out[hdr++] = 0; out[hdr++] = 0; out[hdr++] = 0; out[hdr++] = 1;
	out[hdr++] = 8;
	memcpy(out + hdr, dcid, 8);
	hdr += 8;
	out[hdr++] = 0;			/* no source connection id */
	out[hdr++] = 0;			/* no token */
	hdr += put_varint2(out + hdr, 4 + n + QUIC_TAG_LEN);
	pn_off = hdr;
	out[hdr++] = (uint8_t)(pn >> 24);
	out[hdr++] = (uint8_t)(pn >> 16);
	out[hdr++] = (uint8_t)(pn >> 8);
	out[hdr++] = (uint8_t)pn;
	CHECK_INT(afw_quic_initial_keys(AFW_QUIC_V1, dcid, 8, false, &keys), 0);
	memcpy(out + hdr, payload, n);
	CHECK_INT(quic_aead(true, &keys, pn, out, hdr, out + hdr, n,
			    out + hdr + n), 0);
	CHECK_INT(quic_hp_mask(keys.hp, out + pn_off + 4, mask), 0);
	out[0] ^= mask[0] & 0x0f;
	for (int i = 0; i < 4; i++)
		out[pn_off + i] ^= mask[1 + i];
	return hdr + n + QUIC_TAG_LEN;
}

/* Chromium's ClientHello in two datagrams, CRYPTO frames out of order;
 * sni replaces web.wechat.com (same length). */
static void quic_hello(const char *sni, uint8_t d1[1500], size_t *n1,
		       uint8_t d2[1500], size_t *n2)
{
	static uint8_t hs[4096];
	size_t n = unit_fixture("chromium-quic.hs", hs, sizeof(hs));
	uint8_t *p = memmem(hs, n, "web.wechat.com", 14);
	size_t half = n / 2;
	size_t f1[2][2] = { { half / 2, half - half / 2 }, { 0, half / 2 } };
	size_t f2[1][2] = { { half, n - half } };

	CHECK(p != NULL);
	if (p)
		memcpy(p, sni, 14);
	*n1 = quic_initial(d1, hs, f1, 2, 0);
	*n2 = quic_initial(d2, hs, f2, 1, 1);
}

TEST(engine_quic_decided_by_sni)
{
	static uint8_t d1[1500], d2[1500];
	struct pktspec s4 = { AF_INET, C4, S4, IPPROTO_UDP, 50000, 443, 0, 0 };
	struct pktspec s6 = { AF_INET6, C6, S6, IPPROTO_UDP, 50001, 443, 0, 0 };
	size_t n1, n2;
	struct env env;
	uint64_t a, b, c;

	env_init(&env);
	quic_hello("web.wechat.com", d1, &n1, d2, &n2);
	a = send_pkt(&env, &s4, d1, n1, 0);
	CHECK_INT(V(&env, a), NO_VERDICT);
	b = send_pkt(&env, &s4, d2, n2, 1);
	CHECK_INT(V(&env, a), NF_DROP);
	CHECK_INT(V(&env, b), NF_DROP);
	CHECK_STR(env.rec->last.name, "web.wechat.com");
	CHECK_INT(env.rec->last_decision.source, APPFW_SOURCE_QUIC);
	CHECK_INT(env.rec->last.type, AFW_FLOW_QUIC);
	c = send_pkt(&env, &s4, d1, n1, 2);	/* retransmitted */
	CHECK_INT(V(&env, c), NF_DROP);

	quic_hello("web.allowed.io", d1, &n1, d2, &n2);
	a = send_pkt(&env, &s6, d2, n2, 3);	/* second datagram first */
	b = send_pkt(&env, &s6, d1, n1, 4);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(V(&env, b), NF_ACCEPT);
	CHECK_STR(env.rec->last_decision.app_name, "allowed");
	CHECK_INT(afw_engine_stats(env.e)->quic, 2);
	env_done(&env);
}

TEST(engine_quic_timeout_and_not_quic)
{
	static uint8_t d1[1500], d2[1500];
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_UDP, 50002, 443, 0, 0 };
	size_t n1, n2;
	struct env env;
	uint64_t a, b;

	env_init(&env);
	quic_hello("web.wechat.com", d1, &n1, d2, &n2);
	a = send_pkt(&env, &s, d1, n1, 1000);
	CHECK_INT(afw_engine_expire(env.e, 1000), ENGINE_QUIC_HOLD_MS);
	CHECK_INT(afw_engine_expire(env.e, 1000 + ENGINE_QUIC_HOLD_MS - 1), 1);
	CHECK_INT(V(&env, a), NO_VERDICT);
	CHECK_INT(afw_engine_expire(env.e, 1000 + ENGINE_QUIC_HOLD_MS), -1);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(env.rec->last.reason, AFW_REASON_TIMEOUT);
	CHECK_INT(afw_engine_stats(env.e)->timeouts, 1);

	/* Not an Initial: decided at once, as no app. */
	s.sport = 50003;
	b = send_pkt(&env, &s, "hello", 5, 2000);
	CHECK_INT(V(&env, b), NF_ACCEPT);
	CHECK_INT(env.rec->last.reason, AFW_REASON_NOT_TLS);
	env_done(&env);
}

TEST(engine_prefix_first)
{
	struct pktspec s = { AF_INET, C4, P4, IPPROTO_TCP, 40010, 443, 1,
			     AFW_TCP_SYN };
	struct env env;
	uint64_t a;

	env_init(&env);
	a = send_pkt(&env, &s, NULL, 0, 0);
	CHECK_INT(V(&env, a), NF_DROP);	/* reject drops here */
	CHECK_STR(env.rec->last_decision.app_name, "blocknet");
	CHECK_STR(env.rec->last_decision.entry, "198.51.100.128/25");
	CHECK_INT(env.rec->last_decision.kind, APPFW_PREFIX);
	CHECK_INT(env.rec->last.reason, AFW_REASON_ADDR);
	env_done(&env);
}

/* A DNS response: name A addr, TTL ttl. */
static size_t dns_answer(uint8_t *m, const char *name, const uint8_t addr[4],
			 uint32_t ttl)
{
	size_t n = 12, q;

	memset(m, 0, 12);
	m[0] = 0x12; m[1] = 0x34; m[2] = 0x81; m[3] = 0x80;
	m[5] = 1;	/* one question */
	m[7] = 1;	/* one answer */
	q = n;
	for (const char *p = name; *p;) {
		size_t l = strcspn(p, ".");

		m[n++] = (uint8_t)l;
		memcpy(m + n, p, l);
		n += l;
		p += l;
		if (*p)
			p++;
	}
	m[n++] = 0;
	m[n++] = 0; m[n++] = 1; m[n++] = 0; m[n++] = 1;	/* A IN */
	m[n++] = (uint8_t)(0xc0 | q >> 8);
	m[n++] = (uint8_t)q;
	m[n++] = 0; m[n++] = 1; m[n++] = 0; m[n++] = 1;
	m[n++] = (uint8_t)(ttl >> 24); m[n++] = (uint8_t)(ttl >> 16);
	m[n++] = (uint8_t)(ttl >> 8); m[n++] = (uint8_t)ttl;
	m[n++] = 0; m[n++] = 4;
	memcpy(m + n, addr, 4);
	return n + 4;
}

TEST(engine_dns_learning)
{
	static const uint8_t learned[4] = { 203, 0, 113, 80 };
	static const uint8_t dns4[4] = { 198, 51, 100, 53 };
	struct pktspec ans = { AF_INET, dns4, C4, IPPROTO_UDP, 53, 33333, 0, 0 };
	struct pktspec s = { AF_INET, C4, learned, IPPROTO_TCP, 40020, 443, 1,
			     AFW_TCP_SYN };
	uint8_t msg[512];
	size_t n = dns_answer(msg, "chat.wechat.com", learned, 2);
	struct env env;
	uint64_t a, b;

	env_init(&env);
	a = send_pkt(&env, &ans, msg, n, 1000);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(afw_engine_stats(env.e)->learned, 1);

	b = send_pkt(&env, &s, NULL, 0, 1500);
	CHECK_INT(V(&env, b), NF_DROP);
	CHECK_INT(env.rec->last_decision.source, APPFW_SOURCE_LEARNED);
	CHECK_INT(env.rec->last_decision.kind, APPFW_LEARNED_ADDR);
	CHECK_STR(env.rec->last_decision.entry, "203.0.113.80");
	CHECK_STR(env.rec->last_decision.app_name, "wechat");

	/* After the TTL (2 s from 1000 ms) the address is nobody's. */
	s.sport = 40021;
	b = send_pkt(&env, &s, NULL, 0, 3000);
	CHECK_INT(V(&env, b), NF_ACCEPT);
	CHECK_INT(env.rec->nreports, 1);

	/* A name of no app teaches nothing. */
	n = dns_answer(msg, "www.example.org", learned, 60);
	send_pkt(&env, &ans, msg, n, 3100);
	CHECK_INT(afw_engine_stats(env.e)->dns, 2);
	CHECK_INT(afw_engine_stats(env.e)->learned, 1);
	env_done(&env);
}

TEST(engine_table_full)
{
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_TCP, 1, 443, 1, 0 };
	uint8_t part[2048];
	struct env env;

	/* The start of a ClientHello whose rest never comes. */
	unit_fixture("chromium-sni-second.bin", part, sizeof(part));
	env_init(&env);
	for (unsigned int i = 0; i <= ENGINE_FLOWS; i++) {
		s.sport = (uint16_t)(1000 + i);
		send_pkt(&env, &s, part, 50, i);
	}
	CHECK_INT(afw_engine_flows(env.e), ENGINE_FLOWS);
	CHECK_INT(V(&env, 0), NF_ACCEPT);	/* the oldest made room */
	CHECK_INT(V(&env, 1), NO_VERDICT);
	CHECK_INT(env.rec->last.reason, AFW_REASON_EVICTED);
	CHECK_INT(afw_engine_stats(env.e)->evicted, 1);
	/* Idle flows go, and give what they hold back. */
	afw_engine_expire(env.e, ENGINE_FLOWS + ENGINE_IDLE_MS + 1);
	CHECK_INT(afw_engine_flows(env.e), 0);
	CHECK_INT(afw_engine_held_bytes(env.e), 0);
	env_done(&env);
}

TEST(engine_held_bounds)
{
	struct pktspec s = { AF_INET6, C6, S6, IPPROTO_TCP, 2000, 443, 0, 0 };
	static uint8_t big[1400];
	unsigned int flows = 0;
	struct env env;
	uint64_t first;

	/* The start of a ClientHello, then pieces past a hole. */
	unit_fixture("chromium-sni-second.bin", big, sizeof(big));
	env_init(&env);
	first = send_pkt(&env, &s, big, sizeof(big), 0);
	for (uint32_t i = 0; i < 11; i++) {
		s.seq = 3000 + i * 1400;
		send_pkt(&env, &s, big, sizeof(big), 1);
	}
	/* 12 * 1460 > 16 KiB: the flow gave up. */
	CHECK_INT(V(&env, first), NF_ACCEPT);
	CHECK_INT(env.rec->last.reason, AFW_REASON_BOUND);
	CHECK_INT(afw_engine_held_bytes(env.e), 0);

	/* Many flows holding 10 packets each: the oldest go beyond the
	 * engine's cap. */
	while (afw_engine_stats(env.e)->evicted == 0 && flows < 1000) {
		s.sport = (uint16_t)(3000 + flows++);
		s.seq = 0;
		send_pkt(&env, &s, big, sizeof(big), 2);
		for (uint32_t i = 0; i < 9; i++) {
			s.seq = 3000 + i * 1400;
			send_pkt(&env, &s, big, sizeof(big), 2);
		}
	}
	CHECK(afw_engine_stats(env.e)->evicted > 0);
	CHECK(afw_engine_held_bytes(env.e) <= ENGINE_HELD_MAX);
	CHECK(flows > ENGINE_HELD_MAX / (10 * 1460));
	/* A TCP hold runs out too. */
	CHECK_INT(afw_engine_expire(env.e, 2 + ENGINE_TCP_HOLD_MS), -1);
	CHECK_INT(afw_engine_held_bytes(env.e), 0);
	env_done(&env);
}

TEST(engine_odd_packets)
{
	static const uint8_t junk[] = { 0x45, 0, 0, 200, 1, 2, 3 };
	static const uint8_t icmp[28] = { 0x45, 0, 0, 28, [8] = 64, [9] = 1 };
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_TCP, 40030, 443, 1,
			     AFW_TCP_SYN };
	struct pktspec r = { AF_INET, S4, C4, IPPROTO_TCP, 443, 40030, 9,
			     AFW_TCP_SYN | 0x10 };
	struct env env;
	uint64_t h;

	env_init(&env);
	h = env.next++;
	afw_engine_packet(env.e, h, junk, sizeof(junk), 0);
	CHECK_INT(V(&env, h), NF_ACCEPT);
	h = env.next++;
	afw_engine_packet(env.e, h, icmp, sizeof(icmp), 0);
	CHECK_INT(V(&env, h), NF_ACCEPT);
	CHECK_INT(afw_engine_stats(env.e)->invalid, 1);
	for (size_t len = 0; len < 60; len++) {
		uint8_t buf[60];

		build(buf, &s, NULL, 0);
		h = env.next++;
		afw_engine_packet(env.e, h, buf, len, 0);
		CHECK(V(&env, h) != NO_VERDICT);
	}
	send_pkt(&env, &s, NULL, 0, 0);
	h = send_pkt(&env, &r, NULL, 0, 0);	/* the reply */
	CHECK_INT(V(&env, h), NF_ACCEPT);
	CHECK_INT(afw_engine_flows(env.e), 1);
	env_done(&env);
}

/* Standalone: decided packets go round the rules again with the mark
 * bits the rules save to the connmark; undecided ones pass unmarked. */
TEST(engine_standalone_marks)
{
	struct pktspec s = { AF_INET, C4, S4, IPPROTO_TCP, 40040, 443, 1,
			     AFW_TCP_SYN };
	struct pktspec p = { AF_INET, C4, P4, IPPROTO_TCP, 40041, 443, 1,
			     AFW_TCP_SYN };
	struct pktspec q = { AF_INET, C4, Q4, IPPROTO_UDP, 40042, 443, 0, 0 };
	static const char ssh[] = "SSH-2.0-OpenSSH_9.2\r\n";
	struct env env;
	uint64_t a, b, c, d;

	env_init_mode(&env, true);
	a = send_pkt(&env, &s, NULL, 0, 0);
	CHECK_INT(V(&env, a), NF_ACCEPT);
	CHECK_INT(env.rec->mark[a], 0);
	s.flags = 0;
	s.seq = 2;
	b = send_pkt(&env, &s, ssh, sizeof(ssh) - 1, 1);
	CHECK_INT(V(&env, b), NF_REPEAT);
	CHECK_INT(env.rec->mark[b], APPFWD_MARK_DECIDED);
	c = send_pkt(&env, &p, NULL, 0, 2);
	CHECK_INT(V(&env, c), NF_REPEAT);
	CHECK_INT(env.rec->mark[c], APPFWD_MARK_DECIDED | APPFWD_MARK_BLOCKED |
				    APPFWD_MARK_REJECT);
	d = send_pkt(&env, &q, "x", 1, 3);
	CHECK_INT(V(&env, d), NF_REPEAT);
	CHECK_INT(env.rec->mark[d], APPFWD_MARK_DECIDED | APPFWD_MARK_BLOCKED);
	env_done(&env);
}

/* Chromium's real first flights (a .dgrams file: 2-byte length, then the
 * UDP payload), over IPv6, the datagrams in reverse order. */
static void replay_dgrams(struct env *env, const char *file, uint16_t sport,
			  uint64_t *handles, unsigned int *n)
{
	static uint8_t buf[65536];
	struct pktspec s = { AF_INET6, C6, S6, IPPROTO_UDP, sport, 443, 0, 0 };
	size_t len = unit_fixture(file, buf, sizeof(buf)), off = 0;
	size_t starts[64], lens[64];
	unsigned int k = 0;

	while (off + 2 <= len && k < 64) {
		lens[k] = (size_t)buf[off] << 8 | buf[off + 1];
		starts[k] = off + 2;
		off += 2 + lens[k++];
	}
	CHECK(k >= 2 && off == len);
	*n = 0;
	while (k--)
		handles[(*n)++] = send_pkt(env, &s, buf + starts[k], lens[k], 0);
}

TEST(engine_quic_chromium_dgrams)
{
	uint64_t h[64];
	unsigned int n;
	struct env env;

	env_init(&env);
	replay_dgrams(&env, "chromium-quic-web.wechat.com.dgrams", 51000, h, &n);
	CHECK_INT(env.rec->nreports, 1);
	CHECK_STR(env.rec->last.name, "web.wechat.com");
	CHECK_STR(env.rec->last_decision.app_name, "wechat");
	for (unsigned int i = 0; i < n; i++)
		CHECK_INT(V(&env, h[i]), NF_DROP);
	replay_dgrams(&env, "chromium-quic-www.example.org.dgrams", 51001, h, &n);
	CHECK_INT(env.rec->nreports, 2);
	CHECK_STR(env.rec->last.name, "www.example.org");
	CHECK_INT(env.rec->last_decision.app, 0);	/* not in this policy */
	for (unsigned int i = 0; i < n; i++)
		CHECK_INT(V(&env, h[i]), NF_ACCEPT);
	env_done(&env);
}
