// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The HTTP/1.x Host finder. Every call goes through an exact-size heap copy
 * so ASan sees any read past the bytes given.
 */
#include <stdio.h>
#include <stdlib.h>

#include "http.h"
#include "unit.h"

struct answer {
	enum afw_http_result result;
	char host[AFW_HTTP_HOST_MAX + 1];
};

static struct answer host_of(const char *p, size_t n)
{
	struct answer a = { 0 };
	const char *host = NULL;
	size_t len = 0;
	char *copy = malloc(n ? n : 1);

	memcpy(copy, p, n);
	a.result = afw_http_host(copy, n, &host, &len);
	if (a.result == AFW_HTTP_FOUND) {
		if (host >= copy && len <= AFW_HTTP_HOST_MAX &&
		    host + len <= copy + n)
			memcpy(a.host, host, len);
		else
			strcpy(a.host, "(host outside the input)");
	}
	free(copy);
	return a;
}

static void check(const char *req, size_t n, enum afw_http_result want,
		  const char *want_host, int line)
{
	struct answer a = host_of(req, n);

	if (a.result != want)
		unit_fail(__FILE__, line, "%s, want %s",
			  afw_http_result_name(a.result),
			  afw_http_result_name(want));
	else if (want_host && strcmp(a.host, want_host))
		unit_fail(__FILE__, line, "host \"%s\", want \"%s\"", a.host,
			  want_host);
}

#define CHECK_FOUND(req, host) \
	check(req, sizeof(req) - 1, AFW_HTTP_FOUND, host, __LINE__)
#define CHECK_RESULT(req, want) \
	check(req, sizeof(req) - 1, want, NULL, __LINE__)

TEST(http_host)
{
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: weixin.qq.com\r\n\r\n",
		    "weixin.qq.com");
	CHECK_FOUND("GET / HTTP/1.0\r\nUser-Agent: x\r\nAccept: */*\r\n"
		    "host:web.wechat.com\r\n\r\n", "web.wechat.com");
	CHECK_FOUND("POST /a?b=c HTTP/1.1\r\nHOST: \t Weixin.QQ.com \t\r\n\r\n",
		    "Weixin.QQ.com");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: weixin.qq.com:8080\r\n\r\n",
		    "weixin.qq.com");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: 192.0.2.1:80\r\n\r\n",
		    "192.0.2.1");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: [2001:db8::1]:8080\r\n\r\n",
		    "2001:db8::1");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: [2001:db8::1]\r\n\r\n",
		    "2001:db8::1");
	/* Bare LF line ends and a space before the colon, as lenient servers take. */
	CHECK_FOUND("GET / HTTP/1.1\nAccept: */*\nHost: a.example\n\n",
		    "a.example");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost : a.example\r\n\r\n", "a.example");
	/* The first Host wins (servers refuse two). */
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n",
		    "a.example");
	/* Found once its line is complete; the rest of the head may follow. */
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: a.example\r\n", "a.example");
	CHECK_FOUND("GET / HTTP/1.1\r\nHost: a.example\n", "a.example");

	/* Names that only look like Host. */
	CHECK_FOUND("GET / HTTP/1.1\r\nX-Host: x.example\r\nHostname: y\r\n"
		    " Host: folded.example\r\nHost: z.example\r\n\r\n",
		    "z.example");
}

TEST(http_request_target)
{
	CHECK_FOUND("CONNECT weixin.qq.com:443 HTTP/1.1\r\n", "weixin.qq.com");
	CHECK_FOUND("CONNECT [2001:db8::2]:443 HTTP/1.1\r\nHost: x\r\n\r\n",
		    "2001:db8::2");
	CHECK_FOUND("GET http://user:pw@weixin.qq.com:80/x@y HTTP/1.1\r\n"
		    "Host: other.example\r\n\r\n", "weixin.qq.com");
	CHECK_FOUND("GET HTTP://a.example?q HTTP/1.1\r\n", "a.example");
	CHECK_FOUND("OPTIONS * HTTP/1.1\r\nHost: a.example\r\n\r\n",
		    "a.example");
	CHECK_FOUND("GET /http://b.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n",
		    "a.example");
	/* The request line must be complete before its target counts. */
	CHECK_RESULT("CONNECT weixin.qq.com:443 HTTP/1.1", AFW_HTTP_MORE);
	CHECK_RESULT("CONNECT :443 HTTP/1.1\r\n", AFW_HTTP_NO_HOST);
}

TEST(http_methods)
{
	static const char *const methods[] = {
		"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT",
		"PATCH", "TRACE",
	};
	char req[128];
	size_t i, k;
	int n;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		n = snprintf(req, sizeof(req),
			     "%s a.example:80 HTTP/1.1\r\nHost: a.example\r\n\r\n",
			     methods[i]);
		check(req, n, AFW_HTTP_FOUND, "a.example", __LINE__);
		/* Every prefix of "METHOD " is still possibly HTTP. */
		for (k = 0; k <= strlen(methods[i]) + 1; k++)
			check(req, k, AFW_HTTP_MORE, NULL, __LINE__);
	}
}

TEST(http_not_http)
{
	CHECK_RESULT("\x16", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
		     AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("SSH-2.0-OpenSSH_9.2p1\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("S", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GE ", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GETS / HTTP/1.1\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("get / HTTP/1.1\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET  / HTTP/1.1\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET /\r\n", AFW_HTTP_NOT_HTTP);	/* HTTP/0.9 */
	CHECK_RESULT("GET /\x01 HTTP/1.1\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET / HTTP/2.0\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET / HTTP/1.x\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET / HTTP/1.1\r\r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("GET / HTTP/1.1 \r\n", AFW_HTTP_NOT_HTTP);
	CHECK_RESULT("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", AFW_HTTP_NOT_HTTP);
}

TEST(http_no_host)
{
	CHECK_RESULT("GET / HTTP/1.0\r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nAccept: */*\r\n\r\nHost: late.example\r\n",
		     AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost:\r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: \r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: :80\r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: a\x01z\r\n\r\n", AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: [2001:db8::1\r\n\r\n",
		     AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: [2001:db8::1]x\r\n\r\n",
		     AFW_HTTP_NO_HOST);
	CHECK_RESULT("GET / HTTP/1.1\r\nHost: []\r\n\r\n", AFW_HTTP_NO_HOST);
}

TEST(http_host_length)
{
	char req[600], name[300];
	int n;

	memset(name, 'a', sizeof(name));
	n = snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: %.*s:80\r\n\r\n",
		     AFW_HTTP_HOST_MAX, name);
	check(req, n, AFW_HTTP_FOUND, NULL, __LINE__);
	CHECK_INT(host_of(req, n).host[AFW_HTTP_HOST_MAX - 1], 'a');
	n = snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: %.*s\r\n\r\n",
		     AFW_HTTP_HOST_MAX + 1, name);
	check(req, n, AFW_HTTP_NO_HOST, NULL, __LINE__);
}

/*
 * Every prefix short of the Host line's end wants more, and so does every
 * prefix of a head with no Host yet -- until the bound, where it gives up.
 */
TEST(http_need_more)
{
	static const char req[] = "GET /index.html HTTP/1.1\r\n"
				  "User-Agent: test\r\n"
				  "Host: weixin.qq.com:80\r\n"
				  "Accept: */*\r\n\r\n";
	static char big[AFW_HTTP_HEAD_MAX + 200];
	size_t end = strstr(req, ":80\r\n") - req + 5, k, n;
	struct answer a;

	for (k = 0; k < end; k++)
		check(req, k, AFW_HTTP_MORE, NULL, __LINE__);
	for (k = end; k <= sizeof(req) - 1; k++)
		check(req, k, AFW_HTTP_FOUND, "weixin.qq.com", __LINE__);

	n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\nCookie: ");
	memset(big + n, 'c', sizeof(big) - n);
	check(big, AFW_HTTP_HEAD_MAX - 1, AFW_HTTP_MORE, NULL, __LINE__);
	check(big, AFW_HTTP_HEAD_MAX, AFW_HTTP_NO_HOST, NULL, __LINE__);
	check(big, sizeof(big), AFW_HTTP_NO_HOST, NULL, __LINE__);
	/* A Host line past the bound is not looked at. */
	memcpy(big + AFW_HTTP_HEAD_MAX + 10, "\r\nHost: a\r\n", 11);
	check(big, sizeof(big), AFW_HTTP_NO_HOST, NULL, __LINE__);
	/* A request line longer than the bound too. */
	memcpy(big, "GET /", 5);
	memset(big + 5, 'p', sizeof(big) - 5);
	a = host_of(big, sizeof(big));
	CHECK_INT(a.result, AFW_HTTP_NO_HOST);
	check("", 0, AFW_HTTP_MORE, NULL, __LINE__);
}

static u32 rnd(u32 *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Mutated requests: no crash, no read past the input, hosts inside it. */
TEST(http_fuzz_mutations)
{
	static const char base[] = "CONNECT a:1 HTTP/1.1\r\n"
				   "GET http://u@[2001:db8::1]:8/ HTTP/1.1\r\n"
				   "Host: [2001:db8::1]:80\r\nX: y\r\n\r\n";
	int counts[4] = { 0 };
	char m[sizeof(base)];
	u32 x = 777;
	size_t i, k, n;

	for (i = 0; i < 20000; i++) {
		size_t start = rnd(&x) % 2 ? 0 : 22;
		u32 flips = rnd(&x) % 5;

		n = sizeof(base) - 1 - start;
		memcpy(m, base + start, n);
		while (flips--)
			m[rnd(&x) % n] = rnd(&x) % 3 ? "\r\n :[]@/H"[rnd(&x) % 9] :
							(char)rnd(&x);
		n = rnd(&x) % (n + 1);
		counts[host_of(m, n).result]++;
	}
	for (k = 0; k < ARRAY_SIZE(counts); k++)
		CHECK(counts[k] > 0);
}
