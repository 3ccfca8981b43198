// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Benchmarks the domain and prefix tables at several sizes: load (builder
 * adds), build, memory per entry, and nanoseconds per lookup, the median
 * of several runs. It reports and never fails on slowness.
 *
 *	bench-match [SIZE...]		default 1000 100000 1000000
 *
 * The data is random but shaped like the real thing: domains are
 * label.sld.tld names of realistic lengths (about 60% suffixes); IPv4
 * prefixes follow the BGP table's length mix (mostly /24, some /16-/23,
 * a few host routes), IPv6 mostly /32-/64 with some /128.
 *
 * Three lookup workloads, each timed in thread CPU time (the machine may
 * be shared) as the median of RUNS runs of LOOKUPS lookups:
 *   hit   a random entry each time: a domain with labels put in front of
 *         suffixes, an address inside a prefix; as many distinct queries
 *         as the table has entries (up to QUERIES_MAX), so a large table
 *         pays every cache miss it causes: the worst case
 *   hot   hit queries for only HOT distinct entries, like the destinations
 *         a gateway's clients use at any one time: the common case
 *   miss  fresh random names and addresses, mostly matching nothing
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "prefix.h"

#define RUNS 5
#define QUERIES_MIN (1U << 16)
#define QUERIES_MAX (1U << 20)
#define LOOKUPS (1U << 21)	/* per run */
#define HOT 4096		/* distinct queries of the hot workload */

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (u32)(rng >> 16);
}

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

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static volatile u32 sink;

/* Queries per table: a power of two between the bounds, at least n. */
static u32 queries(u32 n)
{
	u32 q = QUERIES_MIN;

	while (q < n && q < QUERIES_MAX)
		q *= 2;
	return q;
}

/*
 * Domains
 */

struct names {
	char *buf;
	u32 *off;
	u8 *len;
	u32 n;
};

static void names_init(struct names *s, u32 n)
{
	s->buf = malloc((size_t)n * 96);
	s->off = malloc((size_t)n * sizeof(*s->off));
	s->len = malloc(n);
	s->n = 0;
}

static void names_free(struct names *s)
{
	free(s->buf);
	free(s->off);
	free(s->len);
}

static void random_label(char *p, u32 min, u32 max, u32 *len)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	u32 n = min + rnd() % (max - min + 1), i;

	for (i = 0; i < n; i++)
		p[*len + i] = chars[rnd() % (i ? 36 : 26)];
	*len += n;
}

static const char *const tlds[] = {
	"com", "com", "com", "net", "org", "cn", "com.cn", "de", "io", "jp",
	"co.uk", "ru", "info", "xyz", "app",
};
static const char *const subs[] = {
	"www", "api", "cdn", "img", "static", "m", "mail", "login", "video",
	"dns", "short", "upload", "wx", "mp",
};

/* A realistic name: [sub.]* sld.tld, appended to s. */
static void random_domain(struct names *s, u32 subs_n)
{
	char *p = s->buf + (size_t)s->n * 96;
	const char *tld = tlds[rnd() % ARRAY_SIZE(tlds)];
	u32 len = 0, i;

	for (i = 0; i < subs_n; i++) {
		if (rnd() % 2) {
			const char *w = subs[rnd() % ARRAY_SIZE(subs)];

			memcpy(p + len, w, strlen(w));
			len += strlen(w);
		} else {
			random_label(p, 2, 10, &len);
		}
		p[len++] = '.';
	}
	random_label(p, 4, 14, &len);
	p[len++] = '.';
	memcpy(p + len, tld, strlen(tld));
	len += strlen(tld);
	p[len] = '\0';
	s->off[s->n] = (u32)((size_t)s->n * 96);
	s->len[s->n++] = len;
}

/* Median ns per lookup, cycling through q queries. */
static double time_domains(const struct afw_domain_table *t,
			   const struct names *qs, u32 q)
{
	struct afw_domain_entry m;
	double ns[RUNS];
	u32 r, i, sum = 0;

	for (r = 0; r < RUNS; r++) {
		double s = now();

		for (i = 0; i < LOOKUPS; i++) {
			u32 k = i & (q - 1);

			sum += afw_domain_lookup(t, qs->buf + qs->off[k],
						 qs->len[k], &m);
		}
		ns[r] = (now() - s) / LOOKUPS;
	}
	sink += sum;
	return median(ns, RUNS);
}

static void bench_domains(u32 n)
{
	struct names ents, hit, hot, miss;
	struct afw_domain_builder *b;
	struct afw_domain_table *t;
	u32 q = queries(n);
	double t0, t1, t2, hit_ns, hot_ns, miss_ns;
	u32 i, added = 0, matched = 0;
	u8 *kind = malloc(n);

	names_init(&ents, n);
	names_init(&hit, q);
	names_init(&hot, q);
	names_init(&miss, q);
	for (i = 0; i < n; i++) {
		kind[i] = rnd() % 10 < 6 ? AFW_DOMAIN_SUFFIX : AFW_DOMAIN_EXACT;
		random_domain(&ents, kind[i] == AFW_DOMAIN_SUFFIX ? rnd() % 3 / 2 :
			      1 + rnd() % 2);
	}

	t0 = now();
	afw_domain_builder_new(&b, NULL);
	for (i = 0; i < n; i++)
		added += !afw_domain_builder_add(b, ents.buf + ents.off[i],
						 ents.len[i], kind[i], 1 + i % 1000);
	t1 = now();
	if (afw_domain_build(b, &t)) {
		printf("domain build failed\n");
		exit(1);
	}
	t2 = now();
	afw_domain_builder_free(b);

	/* Hits: an entry, with labels in front of suffixes. */
	for (i = 0; i < q; i++) {
		u32 e = rnd() % n, len = 0;
		char *p = hit.buf + (size_t)i * 96;

		if (kind[e] == AFW_DOMAIN_SUFFIX && rnd() % 4) {
			random_label(p, 1, 8, &len);
			p[len++] = '.';
		}
		memcpy(p + len, ents.buf + ents.off[e], ents.len[e]);
		hit.off[i] = (size_t)i * 96;
		hit.len[i] = len + ents.len[e];
		random_domain(&miss, rnd() % 3);
	}
	hit.n = q;
	for (i = 0; i < q; i++)
		matched += !!afw_domain_lookup(t, hit.buf + hit.off[i], hit.len[i], NULL);

	/* Hot queries laid out in order, like the others: only the table
	 * entries they touch differ. */
	for (i = 0; i < q; i++) {
		u32 k = rnd() % HOT;

		memcpy(hot.buf + (size_t)i * 96, hit.buf + hit.off[k], hit.len[k]);
		hot.off[i] = i * 96;
		hot.len[i] = hit.len[k];
	}
	hit_ns = time_domains(t, &hit, q);
	hot_ns = time_domains(t, &hot, q);
	miss_ns = time_domains(t, &miss, q);
	printf("%-8s %8u %9.1f %9.1f %9.1f %8.1f %8.1f %8.1f\n", "domain",
	       afw_domain_table_count(t),
	       (double)afw_domain_table_bytes(t) / afw_domain_table_count(t),
	       (t1 - t0) / 1e6, (t2 - t1) / 1e6, hit_ns, hot_ns, miss_ns);
	if (matched != q)
		printf("  (only %u of %u hit queries matched)\n", matched, q);
	(void)added;
	afw_domain_table_free(t);
	names_free(&ents);
	names_free(&hit);
	names_free(&hot);
	names_free(&miss);
	free(kind);
}

/*
 * Prefixes
 */

/* Length mix of the IPv4 BGP table, roughly. */
static u8 random_len4(void)
{
	u32 r = rnd() % 100;

	if (r < 55)
		return 24;
	if (r < 75)
		return 22 + r % 2;
	if (r < 92)
		return 16 + r % 6;
	if (r < 95)
		return 8 + r % 8;
	return 32;
}

static u8 random_len6(void)
{
	u32 r = rnd() % 100;

	if (r < 10)
		return 32;
	if (r < 25)
		return 33 + r % 15;
	if (r < 70)
		return 48;
	if (r < 80)
		return 56;
	if (r < 93)
		return 64;
	return 128;
}

static void random_prefix(struct afw_prefix *p, bool v6)
{
	u32 i;

	memset(p, 0, sizeof(*p));
	p->family = v6 ? AFW_INET6 : AFW_INET;
	p->len = v6 ? random_len6() : random_len4();
	for (i = 0; i < (v6 ? 16U : 4U); i++)
		p->addr[i] = rnd();
	if (v6)
		p->addr[0] = 0x20 | (p->addr[0] & 0x1f);	/* 2000::/3 */
	else
		p->addr[0] = 1 + p->addr[0] % 223;
	for (i = p->len; i < (v6 ? 128U : 32U); i++)
		p->addr[i / 8] &= ~(0x80 >> (i % 8));
}

static double time_prefixes(const struct afw_prefix_table *t, const u8 *qs,
			    bool v6, u32 q)
{
	u32 alen = v6 ? 16 : 4, r, i, sum = 0;
	struct afw_prefix m;
	double ns[RUNS];

	for (r = 0; r < RUNS; r++) {
		double s = now();

		for (i = 0; i < LOOKUPS; i++) {
			const u8 *a = qs + (size_t)(i & (q - 1)) * alen;

			sum += v6 ? afw_prefix_lookup6(t, a, &m) :
				    afw_prefix_lookup4(t, a, &m);
		}
		ns[r] = (now() - s) / LOOKUPS;
	}
	sink += sum;
	return median(ns, RUNS);
}

static void bench_prefixes(u32 n, bool v6)
{
	u32 q = queries(n);
	struct afw_prefix *ents = malloc((size_t)n * sizeof(*ents));
	u8 *hit = malloc((size_t)q * 16), *miss = malloc((size_t)q * 16);
	u8 *hot = malloc((size_t)q * 16);
	double t0, t1, t2, hit_ns, hot_ns, miss_ns;
	u32 alen = v6 ? 16 : 4, bits = alen * 8, i, j, added = 0;
	struct afw_prefix_builder *b;
	struct afw_prefix_table *t;

	for (i = 0; i < n; i++) {
		random_prefix(&ents[i], v6);
		ents[i].app = 1 + i % 1000;
	}
	t0 = now();
	afw_prefix_builder_new(&b, NULL);
	/* Random prefixes repeat now and then; those adds say -EEXIST. */
	for (i = 0; i < n; i++)
		added += !afw_prefix_builder_add(b, &ents[i]);
	t1 = now();
	if (afw_prefix_build(b, &t)) {
		printf("prefix build failed\n");
		exit(1);
	}
	t2 = now();
	afw_prefix_builder_free(b);

	for (i = 0; i < q; i++) {
		const struct afw_prefix *e = &ents[rnd() % n];
		struct afw_prefix m;

		memcpy(hit + i * alen, e->addr, alen);
		for (j = e->len; j < bits; j++)
			if (rnd() % 2)
				hit[i * alen + j / 8] |= 0x80 >> (j % 8);
		random_prefix(&m, v6);
		for (j = m.len; j < bits; j++)
			if (rnd() % 2)
				m.addr[j / 8] |= 0x80 >> (j % 8);
		memcpy(miss + i * alen, m.addr, alen);
	}

	for (i = 0; i < q; i++)
		memcpy(hot + i * alen, hit + (rnd() % HOT) * alen, alen);
	hit_ns = time_prefixes(t, hit, v6, q);
	hot_ns = time_prefixes(t, hot, v6, q);
	miss_ns = time_prefixes(t, miss, v6, q);
	printf("%-8s %8u %9.1f %9.1f %9.1f %8.1f %8.1f %8.1f\n",
	       v6 ? "prefix6" : "prefix4", afw_prefix_table_count(t),
	       (double)afw_prefix_table_bytes(t) / afw_prefix_table_count(t),
	       (t1 - t0) / 1e6, (t2 - t1) / 1e6, hit_ns, hot_ns, miss_ns);
	(void)added;
	afw_prefix_table_free(t);
	free(ents);
	free(hit);
	free(hot);
	free(miss);
}

int main(int argc, char **argv)
{
	static const u32 defaults[] = { 1000, 100000, 1000000 };
	u32 sizes[16], nsizes = 0, i;

	for (i = 1; i < (u32)argc && nsizes < ARRAY_SIZE(sizes); i++) {
		long v = strtol(argv[i], NULL, 10);

		if (v < 1 || v > (long)AFW_PREFIX_ENTRIES_MAX) {
			fprintf(stderr, "usage: %s [SIZE...] (1..%lu)\n", argv[0],
				(unsigned long)AFW_PREFIX_ENTRIES_MAX);
			return 2;
		}
		sizes[nsizes++] = (u32)v;
	}
	if (!nsizes) {
		memcpy(sizes, defaults, sizeof(defaults));
		nsizes = ARRAY_SIZE(defaults);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("%-8s %8s %9s %9s %9s %8s %8s %8s\n", "table", "entries",
	       "bytes/ent", "load ms", "build ms", "hit ns", "hot ns",
	       "miss ns");
	for (i = 0; i < nsizes; i++) {
		bench_domains(sizes[i]);
		bench_prefixes(sizes[i], false);
		bench_prefixes(sizes[i], true);
	}
	return 0;
}
