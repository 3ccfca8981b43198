// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of classifying one new flow, appfw against nDPI, on the same
 * packets in the same process: Chromium's real ClientHellos (TCP, the SNI
 * in the first or the second segment) and QUIC Initials (the datagrams
 * Chromium sent, retransmissions included).
 *
 * appfw's work per flow is what its packet path does: the prefix table
 * for every packet of the undecided flow, the resumable ClientHello parser
 * over the segments (or QUIC Initial decryption and CRYPTO reassembly, as
 * the agent does), then the domain table. nDPI's is
 * ndpi_detection_process_packet() on every packet (the handshake too, as
 * a DPI engine sees it) until it has the server name, with a fresh flow
 * struct per flow.
 *
 *	bench-classify [FIXTURE_DIR]		ns per flow, median of runs
 *	tests/bench/classify.sh			adds instructions (callgrind)
 *
 * Under callgrind the program dumps one profile part per engine and
 * fixture (client requests, no-ops otherwise), so instruction counts are
 * exact and free of the machine's noise. It reports; it never fails on
 * slowness.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ndpi_api.h>
#include <valgrind/callgrind.h>

#include "domain.h"
#include "prefix.h"
#include "quic.h"
#include "tls.h"

#define RUNS 5
#define FLOWS 2000		/* per run */
#define PACKETS_MAX 64
#define DOMAINS 1000		/* the policy's size, besides the targets */
#define MSS 1448		/* Chromium's first segment at MTU 1500 */

struct packet {
	u8 *ip;			/* the whole IPv4 packet, for nDPI */
	size_t ip_len;
	const u8 *payload;	/* its TCP or UDP payload, for appfw */
	size_t len;
	u32 seq;
};

struct fixture {
	const char *name;
	bool quic;
	struct packet pkt[PACKETS_MAX];
	unsigned int npkt;
};

static struct afw_domain_table *domains;
static struct afw_prefix_table *prefixes;
static struct ndpi_detection_module_struct *ndpi;
static volatile unsigned long sink;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static u8 *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(n)) &&
	    fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*len = buf ? (size_t)n : 0;
	fclose(f);
	return buf;
}

/* An IPv4 packet 198.51.100.1:40000 -> 192.0.2.1:443 around payload. */
static void add_packet(struct fixture *fx, u8 proto, u8 tcp_flags, u32 seq,
		       const u8 *payload, size_t len)
{
	size_t thl = proto == IPPROTO_TCP ? 20 : 8;
	struct packet *p = &fx->pkt[fx->npkt++];
	u8 *ip = calloc(1, 20 + thl + len);

	ip[0] = 0x45;
	ip[2] = (20 + thl + len) >> 8;
	ip[3] = (20 + thl + len) & 0xff;
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, (u8[]){ 198, 51, 100, 1, 192, 0, 2, 1 }, 8);
	ip[20] = 40000 >> 8;
	ip[21] = 40000 & 0xff;
	ip[22] = 0x01;
	ip[23] = 0xbb;
	if (proto == IPPROTO_TCP) {
		ip[24] = seq >> 24;
		ip[25] = seq >> 16;
		ip[26] = seq >> 8;
		ip[27] = seq;
		ip[32] = 5 << 4;
		ip[33] = tcp_flags;
		ip[34] = 0xff;
	} else {
		ip[24] = (8 + len) >> 8;
		ip[25] = (8 + len) & 0xff;
	}
	memcpy(ip + 20 + thl, payload, len);
	*p = (struct packet){ .ip = ip, .ip_len = 20 + thl + len,
			      .payload = ip + 20 + thl, .len = len, .seq = seq };
}

/* A ClientHello stream in MSS-sized segments after the handshake. */
static int load_tcp(struct fixture *fx, const char *path)
{
	size_t len, off;
	u8 *hello = slurp(path, &len);

	if (!hello)
		return -errno;
	add_packet(fx, IPPROTO_TCP, 0x02, 999, NULL, 0);	/* SYN */
	add_packet(fx, IPPROTO_TCP, 0x10, 1000, NULL, 0);	/* ACK */
	for (off = 0; off < len && fx->npkt < PACKETS_MAX; off += MSS)
		add_packet(fx, IPPROTO_TCP, 0x18, 1000 + off, hello + off,
			   len - off < MSS ? len - off : MSS);
	free(hello);
	return 0;
}

/* .dgrams: each datagram a 2-byte big-endian length, then its bytes. */
static int load_quic(struct fixture *fx, const char *path)
{
	size_t len, off = 0;
	u8 *buf = slurp(path, &len);

	if (!buf)
		return -errno;
	while (off + 2 <= len && fx->npkt < PACKETS_MAX) {
		size_t n = afw_get_be16(buf + off);

		if (off + 2 + n > len)
			break;
		add_packet(fx, IPPROTO_UDP, 0, 0, buf + off + 2, n);
		off += 2 + n;
	}
	free(buf);
	fx->quic = true;
	return fx->npkt ? 0 : -EINVAL;
}

/* What the kernel (TCP) or the agent (QUIC) does for one new flow. */
static u16 appfw_flow(const struct fixture *fx, char *name, size_t size)
{
	struct afw_domain_entry match;
	struct afw_prefix pmatch;
	struct afw_quic_hello quic;
	const struct afw_tls *tls = NULL;
	struct afw_tls tcp;
	const u8 daddr[4] = { 192, 0, 2, 1 };
	unsigned int i;
	u16 app = 0;

	if (fx->quic)
		afw_quic_hello_init(&quic);
	else
		afw_tls_init(&tcp, AFW_TLS_RECORDS);
	for (i = 0; i < fx->npkt && !tls; i++) {
		const struct packet *p = &fx->pkt[i];

		if (afw_prefix_lookup4(prefixes, daddr, &pmatch))
			break;
		if (fx->quic) {
			if (afw_quic_hello_feed(&quic, p->payload, p->len) ==
			    AFW_QUIC_DONE)
				tls = &quic.tls;
		} else if (p->len && afw_tls_feed(&tcp, p->payload, p->len) ==
			   AFW_TLS_DONE) {
			tls = &tcp;
		}
	}
	if (tls && (tls->flags & AFW_TLS_SNI)) {
		app = afw_domain_lookup(domains, tls->sni, tls->sni_len, &match);
		snprintf(name, size, "%s", tls->sni);
	}
	if (fx->quic)
		afw_quic_hello_free(&quic);
	return app;
}

/* nDPI on the same flow until it names the server, as a DPI box runs. */
static int ndpi_flow(const struct fixture *fx, char *name, size_t size)
{
	struct ndpi_flow_struct *flow = ndpi_flow_malloc(SIZEOF_FLOW_STRUCT);
	ndpi_protocol proto = { 0 };
	unsigned int i;

	memset(flow, 0, SIZEOF_FLOW_STRUCT);
	for (i = 0; i < fx->npkt; i++) {
		proto = ndpi_detection_process_packet(ndpi, flow, fx->pkt[i].ip,
						      fx->pkt[i].ip_len,
						      1000 + i);
		if (flow->host_server_name[0])
			break;
	}
	snprintf(name, size, "%s", flow->host_server_name);
	ndpi_free_flow(flow);
	return proto.app_protocol;
}

static void bench(const struct fixture *fx)
{
	char appfw_name[256] = "", ndpi_name[256] = "";
	double t_appfw[RUNS], t_ndpi[RUNS], t;
	int run, i;

	/* One of each first: what each engine finds, and warm caches. */
	sink += appfw_flow(fx, appfw_name, sizeof(appfw_name));
	sink += ndpi_flow(fx, ndpi_name, sizeof(ndpi_name));

	for (run = 0; run < RUNS; run++) {
		char scratch[256];

		t = now();
		for (i = 0; i < FLOWS; i++)
			sink += appfw_flow(fx, scratch, sizeof(scratch));
		t_appfw[run] = (now() - t) / FLOWS;
		t = now();
		for (i = 0; i < FLOWS; i++)
			sink += ndpi_flow(fx, scratch, sizeof(scratch));
		t_ndpi[run] = (now() - t) / FLOWS;
	}
	qsort(t_appfw, RUNS, sizeof(double), cmp_double);
	qsort(t_ndpi, RUNS, sizeof(double), cmp_double);
	printf("%-28s %3u pkts  appfw %8.0f ns/flow (%s)  nDPI %8.0f ns/flow (%s)  ratio %.1fx\n",
	       fx->name, fx->npkt, t_appfw[RUNS / 2],
	       appfw_name[0] ? appfw_name : "no SNI", t_ndpi[RUNS / 2],
	       ndpi_name[0] ? ndpi_name : "no SNI",
	       t_ndpi[RUNS / 2] / t_appfw[RUNS / 2]);
}

/* Under callgrind: one profile part per engine, FLOWS flows each. */
static void count(const struct fixture *fx)
{
	char scratch[256], part[64];
	int i;

	CALLGRIND_ZERO_STATS;
	for (i = 0; i < FLOWS; i++)
		sink += appfw_flow(fx, scratch, sizeof(scratch));
	snprintf(part, sizeof(part), "appfw %s", fx->name);
	CALLGRIND_DUMP_STATS_AT(part);
	for (i = 0; i < FLOWS; i++)
		sink += ndpi_flow(fx, scratch, sizeof(scratch));
	snprintf(part, sizeof(part), "ndpi %s", fx->name);
	CALLGRIND_DUMP_STATS_AT(part);
}

static int build_policy(void)
{
	struct afw_domain_builder *db;
	struct afw_prefix_builder *pb;
	char name[64];
	int i, ret;

	ret = afw_domain_builder_new(&db, NULL);
	if (ret)
		return ret;
	ret = afw_domain_builder_add(db, "wechat.com", 10, AFW_DOMAIN_SUFFIX, 1);
	ret = ret ?: afw_domain_builder_add(db, "tiktok.com", 10,
					    AFW_DOMAIN_SUFFIX, 2);
	for (i = 0; !ret && i < DOMAINS; i++) {
		int n = snprintf(name, sizeof(name), "app%d.example%d.net",
				 i, i % 97);

		ret = afw_domain_builder_add(db, name, n, AFW_DOMAIN_SUFFIX,
					     3 + i % 60);
	}
	ret = ret ?: afw_domain_build(db, &domains);
	afw_domain_builder_free(db);
	if (ret)
		return ret;

	/* A realistic prefix table the flows' address misses. */
	ret = afw_prefix_builder_new(&pb, NULL);
	for (i = 0; !ret && i < DOMAINS; i++) {
		struct afw_prefix p = { .addr = { 10, i >> 8, i & 0xff },
					.family = AFW_INET, .len = 24,
					.app = 3 + i % 60 };

		ret = afw_prefix_builder_add(pb, &p);
	}
	ret = ret ?: afw_prefix_build(pb, &prefixes);
	afw_prefix_builder_free(pb);
	return ret;
}

int main(int argc, char **argv)
{
	static const char *const tcp[] = { "chromium-sni-first.bin",
					   "chromium-sni-second.bin" };
	static const char *const quic[] = { "chromium-quic-web.wechat.com.dgrams",
					    "chromium-quic-www.example.org.dgrams" };
	const char *dir = argc > 1 ? argv[1] : "tests/fixtures";
	static struct fixture fx[4];
	NDPI_PROTOCOL_BITMASK all;
	unsigned int i, n = 0;
	char path[512];

	if (build_policy()) {
		fprintf(stderr, "bench-classify: cannot build the tables\n");
		return 1;
	}
	ndpi = ndpi_init_detection_module(ndpi_no_prefs);
	if (!ndpi) {
		fprintf(stderr, "bench-classify: nDPI init failed\n");
		return 1;
	}
	NDPI_BITMASK_SET_ALL(all);
	ndpi_set_protocol_detection_bitmask2(ndpi, &all);
	ndpi_finalize_initialization(ndpi);

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, tcp[i]);
		fx[n].name = tcp[i];
		if (load_tcp(&fx[n], path) == 0)
			n++;
		else
			fprintf(stderr, "bench-classify: %s: missing\n", path);
	}
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, quic[i]);
		fx[n].name = quic[i];
		if (load_quic(&fx[n], path) == 0)
			n++;
		else
			fprintf(stderr, "bench-classify: %s: missing\n", path);
	}

	printf("nDPI %s; %d flows per run, median of %d runs, thread CPU time\n",
	       ndpi_revision(), FLOWS, RUNS);
	for (i = 0; i < n; i++) {
		if (RUNNING_ON_VALGRIND)
			count(&fx[i]);
		else
			bench(&fx[i]);
	}
	ndpi_exit_detection_module(ndpi);
	return 0;
}
