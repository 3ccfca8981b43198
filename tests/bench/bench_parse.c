// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * How long the parsers take per ClientHello / request, as the kernel runs
 * them in softirq: Chromium's 2 KB ClientHello whole, in its two TCP
 * segments, and byte by byte (the worst cut); an HTTP request head.
 *
 *   cc -O2 -Ikmod/shared tests/bench/bench_parse.c kmod/shared/tls.c \
 *	kmod/shared/http.c -o build/bench-parse && build/bench-parse
 */
#include <stdio.h>
#include <time.h>

#include "http.h"
#include "tls.h"

static u8 hello[16384];
static size_t hello_len;
static volatile unsigned int sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void tls_cut(size_t piece)
{
	struct afw_tls tls;
	size_t i, n;

	afw_tls_init(&tls, AFW_TLS_RECORDS);
	for (i = 0; i < hello_len; i += n) {
		n = hello_len - i < piece ? hello_len - i : piece;
		sink += afw_tls_feed(&tls, hello + i, n);
	}
	sink += tls.sni_len;
}

static void report(const char *what, size_t bytes, double ns, int iters)
{
	printf("%-34s %8.0f ns/op %8.1f MB/s\n", what, ns / iters,
	       bytes * (double)iters / ns * 1e3);
}

int main(int argc, char **argv)
{
	static const char req[] = "GET /cgi-bin/mmwebwx-bin/webwxinit HTTP/1.1\r\n"
		"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\r\n"
		"Accept: text/html,application/xhtml+xml\r\n"
		"Accept-Language: en-US,en;q=0.9\r\n"
		"Host: web.wechat.com\r\n\r\n";
	const char *path = argc > 1 ? argv[1] :
			   "tests/fixtures/chromium-sni-second.bin";
	const int iters = 200000;
	const char *host;
	size_t host_len;
	double t;
	FILE *f;
	int i;

	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	hello_len = fread(hello, 1, sizeof(hello), f);
	fclose(f);
	printf("ClientHello %s: %zu bytes; struct afw_tls: %zu bytes\n", path,
	       hello_len, sizeof(struct afw_tls));

	t = now_ns();
	for (i = 0; i < iters; i++)
		tls_cut(hello_len);
	report("tls: whole", hello_len, now_ns() - t, iters);
	t = now_ns();
	for (i = 0; i < iters; i++)
		tls_cut(1448);
	report("tls: two segments (MSS 1448)", hello_len, now_ns() - t, iters);
	t = now_ns();
	for (i = 0; i < iters / 20; i++)
		tls_cut(1);
	report("tls: byte by byte", hello_len, now_ns() - t, iters / 20);
	t = now_ns();
	for (i = 0; i < iters; i++)
		sink += afw_http_host(req, sizeof(req) - 1, &host, &host_len);
	report("http: request head", sizeof(req) - 1, now_ns() - t, iters);
	return 0;
}
