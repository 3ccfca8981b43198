// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The request head (RFC 9112 2-3, 5) is scanned from its start on every
 * call, never past AFW_HTTP_HEAD_MAX. Where RFC 9112 lets recipients be
 * lenient (bare LF line ends, whitespace before a header's colon, ports that
 * are not numbers) this parser is lenient too: a server that accepts such a
 * request would see the host we report.
 */
#include "http.h"

static const struct {
	char name[8];
	u8 len;
} methods[] = {
	{ "GET", 3 }, { "POST", 4 }, { "HEAD", 4 }, { "PUT", 3 },
	{ "DELETE", 6 }, { "OPTIONS", 7 }, { "CONNECT", 7 }, { "PATCH", 5 },
	{ "TRACE", 5 },
};

static bool is_ctl(u8 c)
{
	return c < 0x20 || c == 0x7f;
}

static bool is_alpha(u8 c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z';
}

static bool is_ows(u8 c)
{
	return c == ' ' || c == '\t';
}

/*
 * Length of the "METHOD " that p starts with; 0 if p cannot start a
 * request; -1 if p is too short to tell but begins like a method.
 */
static int method_len(const u8 *p, size_t len)
{
	int ret = 0;
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(methods); i++) {
		size_t mlen = methods[i].len;

		for (j = 0; j < len && j <= mlen; j++)
			if (p[j] != (j < mlen ? methods[i].name[j] : ' '))
				break;
		if (j > mlen)
			return mlen + 1;
		if (j == len)
			ret = -1;
	}
	return ret;
}

/*
 * Length of "HTTP/1.x" and the line end at p; 0 if it is something else; -1
 * if p is too short to tell.
 */
static int version_len(const u8 *p, size_t len)
{
	static const char prefix[] = "HTTP/1.";
	size_t i;

	for (i = 0; i < sizeof(prefix) - 1; i++) {
		if (i == len)
			return -1;
		if (p[i] != prefix[i])
			return 0;
	}
	if (i == len)
		return -1;
	if (p[i] < '0' || p[i] > '9')
		return 0;
	if (++i == len)
		return -1;
	if (p[i] == '\r' && ++i == len)
		return -1;
	return p[i] == '\n' ? i + 1 : 0;
}

/* host[:port] or [v6]:port, as in a Host value or an authority. */
static enum afw_http_result authority_host(const u8 *p, size_t len,
					   const char **host,
					   size_t *host_len)
{
	size_t start = 0, end, i;

	if (len && p[0] == '[') {
		for (end = 1; end < len && p[end] != ']'; end++)
			;
		if (end == len)
			return AFW_HTTP_NO_HOST;
		start = 1;
		i = end + 1;
	} else {
		for (end = 0; end < len && p[end] != ':'; end++)
			;
		i = end;
	}
	if (i < len && p[i] != ':')
		return AFW_HTTP_NO_HOST;
	if (end == start || end - start > AFW_HTTP_HOST_MAX)
		return AFW_HTTP_NO_HOST;
	for (i = start; i < end; i++)
		if (is_ctl(p[i]) || p[i] == ' ')
			return AFW_HTTP_NO_HOST;
	*host = (const char *)p + start;
	*host_len = end - start;
	return AFW_HTTP_FOUND;
}

/*
 * The authority of an absolute-form target (scheme "://" [userinfo "@"]
 * authority [path]), which overrides Host; false for origin-form targets.
 */
static bool target_authority(const u8 *p, size_t len, size_t *start,
			     size_t *end)
{
	size_t i, at;

	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
	if (!len || !is_alpha(p[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!is_alpha(p[i]) && !(p[i] >= '0' && p[i] <= '9') &&
		    p[i] != '+' && p[i] != '-' && p[i] != '.')
			break;
	if (len - i < 3 || memcmp(p + i, "://", 3))
		return false;
	i += 3;
	for (at = i, *end = i; *end < len; (*end)++) {
		if (p[*end] == '/' || p[*end] == '?' || p[*end] == '#')
			break;
		if (p[*end] == '@')
			at = *end + 1;
	}
	*start = at;
	return true;
}

/* The value of a "Host:" header line (no line end), or false. */
static bool host_value(const u8 *p, size_t len, size_t *start, size_t *end)
{
	static const char name[] = "host";
	size_t i;

	for (i = 0; i < sizeof(name) - 1; i++)
		if (i == len || afw_tolower(p[i]) != name[i])
			return false;
	while (i < len && is_ows(p[i]))
		i++;
	if (i == len || p[i] != ':')
		return false;
	for (i++; i < len && is_ows(p[i]); i++)
		;
	while (len > i && is_ows(p[len - 1]))
		len--;
	*start = i;
	*end = len;
	return true;
}

enum afw_http_result afw_http_host(const void *data, size_t len,
				   const char **host, size_t *host_len)
{
	const u8 *p = data;
	size_t n = len < AFW_HTTP_HEAD_MAX ? len : AFW_HTTP_HEAD_MAX;
	/* What running out of bytes means: wait, or give up at the bound. */
	enum afw_http_result more = len < AFW_HTTP_HEAD_MAX ? AFW_HTTP_MORE :
							    AFW_HTTP_NO_HOST;
	size_t target, i, line, end, vstart, vend;
	int mlen, vlen;

	mlen = method_len(p, n);
	if (mlen < 0)
		return more;
	if (mlen == 0)
		return AFW_HTTP_NOT_HTTP;

	target = mlen;
	for (i = target; i < n && p[i] != ' '; i++)
		if (is_ctl(p[i]))
			return AFW_HTTP_NOT_HTTP;
	if (i == n)
		return more;
	if (i == target)
		return AFW_HTTP_NOT_HTTP;
	vlen = version_len(p + i + 1, n - i - 1);
	if (vlen < 0)
		return more;
	if (vlen == 0)
		return AFW_HTTP_NOT_HTTP;

	/* CONNECT's target is an authority (RFC 9110 9.3.6). */
	if (mlen == 8 && !memcmp(p, "CONNECT", 7))
		return authority_host(p + target, i - target, host, host_len);
	if (target_authority(p + target, i - target, &vstart, &vend))
		return authority_host(p + target + vstart, vend - vstart, host,
				      host_len);

	for (line = i + 1 + vlen;; line = end + 1) {
		for (end = line; end < n && p[end] != '\n'; end++)
			;
		if (end == n)
			return more;
		i = end;
		if (i > line && p[i - 1] == '\r')
			i--;
		/* The empty line ends the head. */
		if (i == line)
			return AFW_HTTP_NO_HOST;
		if (host_value(p + line, i - line, &vstart, &vend))
			return authority_host(p + line + vstart, vend - vstart,
					      host, host_len);
	}
}

const char *afw_http_result_name(enum afw_http_result result)
{
	switch (result) {
	case AFW_HTTP_MORE:
		return "more";
	case AFW_HTTP_FOUND:
		return "found";
	case AFW_HTTP_NO_HOST:
		return "no-host";
	case AFW_HTTP_NOT_HTTP:
		return "not-http";
	}
	return "?";
}
