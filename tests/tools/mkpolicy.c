// SPDX-License-Identifier: GPL-2.0
/*
 * mkpolicy: writes a big policy file (appfw restore's format) for the
 * scale test, in a blink where awk under emulation takes a quarter of a
 * minute.
 *
 *   mkpolicy APP ID ACTION NDOMAINS NPREFIXES
 *
 * prints "app APP ID ACTION", then NDOMAINS domains d0.example,
 * d1.example, ..., then NPREFIXES prefixes: four fifths IPv4 /24s (first
 * 10.0.0.0/8 in order, then 100.64.0.0/10), one fifth IPv6 /48s in
 * fd00:0::/32. None of it is a documentation range: these are entries,
 * never destinations; the tests send traffic to documentation addresses
 * only.
 */
#include <stdio.h>
#include <stdlib.h>

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

int main(int argc, char *argv[])
{
	long ndomains, nprefixes, n4, n6, i;
	const char *app;

	if (argc != 6) {
		fputs("Usage: mkpolicy APP ID ACTION NDOMAINS NPREFIXES\n", stderr);
		return 2;
	}
	app = argv[1];
	ndomains = number(argv[4], 10000000);
	nprefixes = number(argv[5], 65536 + 16384 + 65536);
	n6 = nprefixes / 5;
	n4 = nprefixes - n6;
	if (n4 > 65536 + 16384) {
		n4 = 65536 + 16384;
		n6 = nprefixes - n4;
	}

	printf("app %s %s %s\n", app, argv[2], argv[3]);
	for (i = 0; i < ndomains; i++)
		printf("domain %s d%ld.example\n", app, i);
	for (i = 0; i < n4 && i < 65536; i++)
		printf("prefix %s 10.%ld.%ld.0/24\n", app, i >> 8, i & 255);
	for (; i < n4; i++)
		printf("prefix %s 100.%ld.%ld.0/24\n", app, 64 + ((i - 65536) >> 8),
		       (i - 65536) & 255);
	for (i = 0; i < n6; i++)
		printf("prefix %s fd00:0:%lx::/48\n", app, i);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
