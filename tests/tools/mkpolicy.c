// SPDX-License-Identifier: GPL-2.0
/*
 * mkpolicy: writes a big policy file (appfw restore's format) for the
 * scale test, in a blink where awk under emulation takes a quarter of a
 * minute; and the same entries in the forms netfilter's own tools load,
 * for the policy-load benchmark (tests/bench/vm/policy-load.sh).
 *
 *   mkpolicy APP ID ACTION NDOMAINS NPREFIXES
 *   mkpolicy --nft NDOMAINS NPREFIXES
 *   mkpolicy --xt-string NDOMAINS
 *
 * The first prints "app APP ID ACTION", then NDOMAINS domains d0.example,
 * d1.example, ..., then NPREFIXES prefixes: four fifths IPv4 /24s (first
 * 10.0.0.0/8 in order, then 100.64.0.0/10), one fifth IPv6 /48s in
 * fd00:0::/32. None of it is a documentation range: these are entries,
 * never destinations; the tests send traffic to documentation addresses
 * only.
 *
 * --nft prints an `nft -f` file of table inet appfw_bench: the names in a
 * set of strings (type ifname: nftables has no other string key, and
 * these names are at most 15 bytes, so they fit) and the prefixes in two
 * interval sets. --xt-string prints an iptables-restore file with one
 * `-m string` rule per name: how an operator matches a name in a
 * ClientHello with netfilter alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long number(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v < 0 || v > max) {
		fprintf(stderr, "mkpolicy: bad number \"%s\" (0..%ld)\n", s, max);
		exit(2);
	}
	return v;
}

#define MAX_DOMAINS 10000000L
#define MAX_PREFIXES (65536L + 16384 + 65536)

/* The split of NPREFIXES between the families, as described above. */
static void split(long nprefixes, long *n4, long *n6)
{
	*n6 = nprefixes / 5;
	*n4 = nprefixes - *n6;
	if (*n4 > 65536 + 16384) {
		*n4 = 65536 + 16384;
		*n6 = nprefixes - *n4;
	}
}

/* Each entry is PRE, the entry, POST; SEP between two entries. */
struct fmt {
	const char *pre, *post, *sep;
};

static void domains(long n, const struct fmt *f)
{
	for (long i = 0; i < n; i++)
		printf("%s%sd%ld.example%s", i ? f->sep : "", f->pre, i, f->post);
}

static void prefixes4(long n4, const struct fmt *f)
{
	long i;

	for (i = 0; i < n4 && i < 65536; i++)
		printf("%s%s10.%ld.%ld.0/24%s", i ? f->sep : "", f->pre, i >> 8,
		       i & 255, f->post);
	for (; i < n4; i++)
		printf("%s%s100.%ld.%ld.0/24%s", i ? f->sep : "", f->pre,
		       64 + ((i - 65536) >> 8), (i - 65536) & 255, f->post);
}

static void prefixes6(long n6, const struct fmt *f)
{
	for (long i = 0; i < n6; i++)
		printf("%s%sfd00:0:%lx::/48%s", i ? f->sep : "", f->pre, i,
		       f->post);
}

static void nft_set(const char *name, const char *type, const char *flags,
		    long n, void (*entries)(long, const struct fmt *),
		    const struct fmt *f)
{
	printf("\tset %s {\n\t\ttype %s\n%s", name, type, flags);
	if (n) {
		fputs("\t\telements = {\n", stdout);
		entries(n, f);
		fputs("\n\t\t}\n", stdout);
	}
	fputs("\t}\n", stdout);
}

static void nft(long ndomains, long nprefixes)
{
	static const struct fmt name = { "\t\t\t\"", "\"", ",\n" };
	static const struct fmt prefix = { "\t\t\t", "", ",\n" };
	const char *interval = "\t\tflags interval\n";
	long n4, n6;

	split(nprefixes, &n4, &n6);
	puts("table inet appfw_bench {");
	nft_set("names", "ifname", "", ndomains, domains, &name);
	nft_set("prefixes4", "ipv4_addr", interval, n4, prefixes4, &prefix);
	nft_set("prefixes6", "ipv6_addr", interval, n6, prefixes6, &prefix);
	puts("}");
}

static void xt_string(long ndomains)
{
	static const struct fmt rule = {
		"-A FORWARD -p tcp --dport 443 -m string --algo bm --string \"",
		"\" -j DROP", "\n"
	};

	puts("*filter");
	domains(ndomains, &rule);
	puts(ndomains ? "\nCOMMIT" : "COMMIT");
}

static void appfw(char *argv[], long ndomains, long nprefixes)
{
	char pre[128];
	long n4, n6;

	split(nprefixes, &n4, &n6);
	printf("app %s %s %s\n", argv[1], argv[2], argv[3]);
	snprintf(pre, sizeof(pre), "domain %s ", argv[1]);
	domains(ndomains, &(struct fmt){ pre, "\n", "" });
	snprintf(pre, sizeof(pre), "prefix %s ", argv[1]);
	prefixes4(n4, &(struct fmt){ pre, "\n", "" });
	prefixes6(n6, &(struct fmt){ pre, "\n", "" });
}

int main(int argc, char *argv[])
{
	if (argc == 4 && !strcmp(argv[1], "--nft")) {
		nft(number(argv[2], MAX_DOMAINS), number(argv[3], MAX_PREFIXES));
	} else if (argc == 3 && !strcmp(argv[1], "--xt-string")) {
		xt_string(number(argv[2], MAX_DOMAINS));
	} else if (argc == 6 && argv[1][0] != '-') {
		appfw(argv, number(argv[4], MAX_DOMAINS),
		      number(argv[5], MAX_PREFIXES));
	} else {
		fputs("Usage: mkpolicy APP ID ACTION NDOMAINS NPREFIXES\n"
		      "       mkpolicy --nft NDOMAINS NPREFIXES\n"
		      "       mkpolicy --xt-string NDOMAINS\n", stderr);
		return 2;
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
