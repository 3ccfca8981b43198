/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Finds the host an HTTP/1.x request is for, in the first bytes a client
 * sends: the Host header, or the request-target itself for CONNECT
 * (authority form) and for absolute-form targets ("GET http://h/ ..."),
 * which RFC 9112 3.2.2 says take precedence over Host.
 *
 *	switch (afw_http_host(data, len, &host, &host_len)) {
 *	case AFW_HTTP_FOUND:	host[0..host_len) is the host, port stripped
 *	case AFW_HTTP_MORE:	call again with these bytes and the next ones
 *	case AFW_HTTP_NO_HOST:	an HTTP/1.x request without a usable host
 *	case AFW_HTTP_NOT_HTTP:	stop looking for HTTP in this flow
 *	}
 *
 * The answer comes as soon as the bytes decide it: a first byte that no
 * method starts with is AFW_HTTP_NOT_HTTP, and a Host line is enough without
 * the rest of the headers. The parser is not resumable: on AFW_HTTP_MORE the
 * caller passes the whole prefix again, and gives up at AFW_HTTP_HEAD_MAX
 * bytes (the parser itself returns AFW_HTTP_NO_HOST there rather than
 * AFW_HTTP_MORE, and never reads further).
 *
 * host points into data and is not NUL-terminated; it is as sent (case not
 * folded), with the port and, for IPv6 literals, the brackets removed:
 * "[2001:db8::1]:8080" gives "2001:db8::1". It is 1 to AFW_HTTP_HOST_MAX
 * bytes without spaces or control characters; anything else is
 * AFW_HTTP_NO_HOST.
 */
#ifndef APPFW_HTTP_H
#define APPFW_HTTP_H

#include "compat.h"

/* Request heads are mostly well under 2 KB; the Host line comes early. */
#define AFW_HTTP_HEAD_MAX 4096
#define AFW_HTTP_HOST_MAX 255

enum afw_http_result {
	AFW_HTTP_MORE,		/* an HTTP request so far; need more bytes */
	AFW_HTTP_FOUND,		/* *host, *host_len are set */
	AFW_HTTP_NO_HOST,	/* no usable host in the head (or bound) */
	AFW_HTTP_NOT_HTTP,	/* not an HTTP/1.x request */
};

enum afw_http_result afw_http_host(const void *data, size_t len,
				   const char **host, size_t *host_len);
const char *afw_http_result_name(enum afw_http_result result);

#endif /* APPFW_HTTP_H */
