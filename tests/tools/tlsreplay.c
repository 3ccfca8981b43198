// SPDX-License-Identifier: GPL-2.0
/*
 * tlsreplay: plays a captured ClientHello (or any bytes) to a TCP server
 * the way a real client sent it, and says what the network did to it.
 *
 *   tlsreplay [options] ADDR PORT FILE
 *   tlsreplay [options] --sni NAME | --http-host NAME ADDR PORT
 *   tlsreplay [options] --each ADDR PORT
 *
 * FILE is written in pieces cut at the --split offsets, one write each,
 * with TCP_NODELAY and a pause between them, so that on a link with
 * segmentation offloads off each piece is one TCP segment (Chromium's
 * 2 KB ClientHello over a 1500-byte MTU is two: 1448 bytes and the rest).
 * Instead of a FILE, --sni makes a minimal TLS ClientHello naming NAME in
 * its server_name extension, and --http-host an HTTP/1.1 GET with the
 * header "Host: NAME": any name a test needs, in a few bytes. With --udp
 * the bytes go in one datagram from a connected UDP socket, whose receive
 * reports the ICMP errors that came back.
 *
 * Then it waits for the server's reply and prints exactly one of
 *
 *   reply N bytes     exit 0   the first read returned N bytes
 *   reset             exit 3   the connection was reset (a reject)
 *   timeout           exit 4   nothing within --timeout (a block)
 *   closed            exit 5   the server closed without a word
 *   refused           exit 6   a reset answered the SYN (or, over UDP,
 *                              ICMP port unreachable)
 *   connect timeout   exit 7   the handshake never completed
 *   unreachable       exit 8   ICMP "administratively prohibited" (or
 *                              another unreachable) came back
 *
 * (1: other errors, 2: usage), then "time N ms": how long after the last
 * write (or the SYN) the result came, without the process start-up that
 * dominates under emulation. Before all that it prints "connected PORT",
 * its own port, which the server's log names too.
 *
 * With --lines, it then reads lines from standard input and, for each,
 * sends it and prints the result of waiting for a reply the same way; the
 * exit code is the last result's. That keeps one flow open for as long as
 * a test needs it. A line "wait MS" sends nothing and waits MS ms for a
 * reply: the one to a line that was dropped, once TCP retransmits it.
 *
 * With --each, every line of standard input, "sni NAME" or "host NAME",
 * is a connection of its own (as --sni or --http-host would make), and
 * gets one line "sni NAME: RESULT": many flows for one process start.
 *
 * Statically linked, no libraries: the test VM's initramfs needs nothing.
 */
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PROG "tlsreplay"
#define MAX_PIECES 64

static const char usage_text[] =
	"Usage: tlsreplay [OPTIONS] ADDR PORT FILE\n"
	"       tlsreplay [OPTIONS] -n|--sni NAME ADDR PORT\n"
	"       tlsreplay [OPTIONS] -H|--http-host NAME ADDR PORT\n"
	"       tlsreplay [OPTIONS] -e|--each ADDR PORT\n"
	"  -n, --sni NAME            send a minimal ClientHello with SNI NAME\n"
	"  -H, --http-host NAME      send GET / with the header Host: NAME\n"
	"  -e, --each                one connection per line of standard input:\n"
	"                            \"sni NAME\" or \"host NAME\"\n"
	"  -s, --split OFFS          cut FILE at these byte offsets, one write each\n"
	"  -p, --pause MS            pause between writes (default 20)\n"
	"  -c, --connect-timeout MS  for the TCP handshake (default 3000)\n"
	"  -t, --timeout MS          for each reply (default 2000)\n"
	"  -u, --udp                 one datagram over UDP instead\n"
	"  -l, --lines               then send each line of standard input and\n"
	"                            report the reply to it\n";

#include "replay.h"

/* What a TCP read may bring at once (the --udp datagram too). */
#define READ_MAX 16384
/* The longest --pause, --timeout and the like. */
#define MS_MAX 600000

struct opts {
	struct sockaddr_storage addr;
	socklen_t addr_len;
	size_t cuts[MAX_PIECES];
	int ncuts;		/* offsets from --split */
	int pause, ctimeout, timeout;
	bool udp;
};

static int connect_to(const struct opts *o, int *fdp)
{
	struct pollfd pfd;
	int fd, err, one = 1;
	socklen_t len;

	fd = socket(o->addr.ss_family, (o->udp ? SOCK_DGRAM : SOCK_STREAM) |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno_result("socket");
	*fdp = fd;
	mark_time();
	if (o->udp) {
		if (connect(fd, (struct sockaddr *)&o->addr, o->addr_len))
			return errno_result("connect");
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		return R_REPLY;
	}
	/* Each write its own segment, at once. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&o->addr, o->addr_len) &&
	    errno != EINPROGRESS)
		return errno_result("connect");
	pfd = (struct pollfd){ .fd = fd, .events = POLLOUT };
	if (poll(&pfd, 1, o->ctimeout) == 0)
		return say(R_CONNECT_TIMEOUT, "connect timeout");
	len = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		return errno_result("getsockopt");
	if (err == ECONNREFUSED)
		return say(R_REFUSED, "refused");
	if (err) {
		errno = err;
		return errno_result("connect");
	}
	/* Blocking from here: writes of a few KB never wait for long. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return R_REPLY;
}

static int write_all(int fd, const char *buf, size_t len)
{
	mark_time();
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno_result("write");
		buf += n;
		len -= (size_t)n;
	}
	return R_REPLY;
}

/*
 * One connection: connect, write buf in its pieces, wait for the reply.
 * The socket is left in *fdp (-1 if none) for --lines.
 */
static int play(const struct opts *o, const char *buf, size_t len, int *fdp)
{
	size_t off = 0;
	int r;

	*fdp = -1;
	r = connect_to(o, fdp);
	if (r)
		return r;
	say_connected(*fdp);
	for (int i = 0; i <= o->ncuts; i++) {
		size_t end = i < o->ncuts ? o->cuts[i] : len;

		if (i)
			pause_ms(o->pause);
		r = write_all(*fdp, buf + off, end - off);
		if (r)
			return r;
		off = end;
	}
	return await_reply(*fdp, o->timeout, READ_MAX, true);
}

static void put16(unsigned char *p, size_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/*
 * A TLS 1.2 ClientHello with one cipher suite and one extension,
 * server_name (RFC 6066): the least a parser must walk to find the SNI.
 */
static int make_hello(const char *name, char **buf, size_t *len)
{
	size_t n = strlen(name), ext = 9 + n, body = 2 + 32 + 1 + 4 + 2 + 2 + ext;
	unsigned char *p;

	if (n > 255)
		return R_USAGE;
	*len = 5 + 4 + body;
	p = calloc(1, *len);
	if (!p)
		return R_ERROR;
	*buf = (char *)p;
	p[0] = 22;		/* handshake record, TLS 1.0 on the outside */
	p[1] = 3;
	p[2] = 1;
	put16(p + 3, 4 + body);
	p[5] = 1;		/* ClientHello */
	p[7] = (unsigned char)(body >> 8);
	p[8] = (unsigned char)body;
	p[9] = 3;		/* client_version TLS 1.2 */
	p[10] = 3;
	memset(p + 11, 0x5a, 32);	/* random; p[43]: no session id */
	put16(p + 44, 2);
	put16(p + 46, 0xc02f);	/* ECDHE-RSA-AES128-GCM-SHA256 */
	p[48] = 1;		/* one compression method: null */
	put16(p + 50, ext);	/* extensions */
	put16(p + 52, 0);	/* server_name */
	put16(p + 54, 5 + n);
	put16(p + 56, 3 + n);	/* server_name_list */
	p[58] = 0;		/* host_name */
	put16(p + 59, n);
	memcpy(p + 61, name, n);
	return R_REPLY;
}

static int make_request(const char *host, char **buf, size_t *len)
{
	int n = asprintf(buf, "GET / HTTP/1.1\r\nHost: %s\r\n"
			 "User-Agent: tlsreplay\r\nAccept: */*\r\n\r\n", host);

	if (n < 0)
		return R_ERROR;
	*len = (size_t)n;
	return R_REPLY;
}

/* "1448" or "100,1448": increasing offsets. */
static int parse_split(char *s, struct opts *o)
{
	char *tok, *end, *save = NULL;
	unsigned long prev = 0, v;

	o->ncuts = 0;
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		errno = 0;
		v = strtoul(tok, &end, 10);
		if (errno || end == tok || *end || v <= prev ||
		    o->ncuts == MAX_PIECES)
			return -1;
		o->cuts[o->ncuts++] = v;
		prev = v;
	}
	return o->ncuts ? 0 : -1;
}

/* --lines: one more exchange per line of standard input, on fd. */
static int lines(int fd, int timeout)
{
	char *line = NULL;
	size_t cap = 0;
	int r = R_REPLY, wait;

	/* After a reset or a closed connection, every line says so again. */
	while (getline(&line, &cap, stdin) > 0) {
		if (!strncmp(line, "wait ", 5)) {
			line[strcspn(line, "\n")] = 0;
			if (parse_num(line + 5, MS_MAX, &wait))
				return usage();
			mark_time();
			r = await_reply(fd, wait, READ_MAX, true);
			continue;
		}
		r = write_all(fd, line, strlen(line));
		if (!r)
			r = await_reply(fd, timeout, READ_MAX, true);
	}
	free(line);
	return r;
}

/* --each: "sni NAME" or "host NAME" per line, a connection each. */
static int each(const struct opts *o)
{
	char *line = NULL, *buf, *name;
	size_t cap = 0, len;
	int r = R_REPLY, fd;

	while (getline(&line, &cap, stdin) > 0) {
		line[strcspn(line, "\n")] = 0;
		if (!*line)
			continue;
		name = strchr(line, ' ');
		if (!name)
			return usage();
		*name++ = 0;
		if (!strcmp(line, "sni"))
			r = make_hello(name, &buf, &len);
		else if (!strcmp(line, "host"))
			r = make_request(name, &buf, &len);
		else
			return usage();
		if (r)
			return r;
		printf("%s %s:\n", line, name);
		r = play(o, buf, len, &fd);
		if (fd >= 0)
			close(fd);
		free(buf);
	}
	free(line);
	return r;
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "split", required_argument, NULL, 's' },
		{ "pause", required_argument, NULL, 'p' },
		{ "connect-timeout", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "lines", no_argument, NULL, 'l' },
		{ "each", no_argument, NULL, 'e' },
		{ "udp", no_argument, NULL, 'u' },
		{ "sni", required_argument, NULL, 'n' },
		{ "http-host", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct opts o = { .pause = 20, .ctimeout = 3000, .timeout = 2000 };
	const char *sni = NULL, *host = NULL;
	bool want_lines = false, want_each = false;
	int c, r, fd, args;
	size_t len;
	char *buf;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt_long(argc, argv, "s:p:c:t:leun:H:h", options,
				NULL)) != -1) {
		switch (c) {
		case 'n':
			sni = optarg;
			break;
		case 'H':
			host = optarg;
			break;
		case 's':
			if (parse_split(optarg, &o))
				return usage();
			break;
		case 'p':
			if (parse_num(optarg, MS_MAX, &o.pause))
				return usage();
			break;
		case 'c':
			if (parse_num(optarg, MS_MAX, &o.ctimeout))
				return usage();
			break;
		case 't':
			if (parse_num(optarg, MS_MAX, &o.timeout))
				return usage();
			break;
		case 'l':
			want_lines = true;
			break;
		case 'e':
			want_each = true;
			break;
		case 'u':
			o.udp = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return usage();
		}
	}
	/* One source of bytes, and no --split where there is no file. */
	args = sni || host || want_each ? 2 : 3;
	if (argc - optind != args || (sni && host) ||
	    (want_each && (sni || host || want_lines)) ||
	    (o.ncuts && (args == 2 || o.udp)))
		return usage();
	r = parse_addr(argv[optind], argv[optind + 1], AF_UNSPEC, &o.addr,
		       &o.addr_len);
	if (r)
		return r;
	if (want_each)
		return each(&o);

	if (sni)
		r = make_hello(sni, &buf, &len);
	else if (host)
		r = make_request(host, &buf, &len);
	else
		r = read_file(argv[optind + 2], &buf, &len);
	if (r)
		return r;
	if (o.ncuts && o.cuts[o.ncuts - 1] >= len) {
		fprintf(stderr, "tlsreplay: split offset %zu past the file's %zu bytes\n",
			o.cuts[o.ncuts - 1], len);
		return R_USAGE;
	}
	r = play(&o, buf, len, &fd);
	/* Even after a timeout: the flow may be let go later. */
	if (want_lines && fd >= 0 && r != R_USAGE && r != R_ERROR)
		r = lines(fd, o.timeout);
	return r;
}
