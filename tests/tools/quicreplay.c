// SPDX-License-Identifier: GPL-2.0
/*
 * quicreplay: plays a client's captured QUIC datagrams (a .dgrams file of
 * tests/fixtures, made by scripts/make-fixtures.sh) to a UDP server, from
 * one connected socket -- one source port, so one flow -- and says what
 * the network did about it.
 *
 *   quicreplay [options] ADDR PORT FILE
 *
 * FILE holds datagrams, each as a 2-byte big-endian length and that many
 * bytes of UDP payload. They are sent in order, --gap ms apart, exactly as
 * captured: the Initial packets inside stay valid for any server address,
 * since QUIC's Initial keys depend only on the connection IDs. Nothing is
 * decrypted or rewritten here.
 *
 * It prints "connected PORT" (its own port, which the server's log names
 * too) and "sent N datagrams". With --wait it then waits for any reply
 * and prints exactly one of
 *
 *   reply N bytes     exit 0   a datagram came back
 *   timeout           exit 4   nothing within --wait ms
 *   refused           exit 6   ICMP port unreachable came back
 *   unreachable       exit 8   ICMP "administratively prohibited" (or
 *                              another unreachable) came back
 *
 * and "time N ms" since the last datagram left; without --wait it exits 0
 * once all are sent, unless a send failed on an ICMP error that came back
 * for an earlier datagram (same results). 1: other errors, 2: usage.
 *
 * Statically linked, no libraries: the test VM's initramfs needs nothing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
	R_REPLY = 0,
	R_ERROR = 1,
	R_USAGE = 2,
	R_TIMEOUT = 4,
	R_REFUSED = 6,
	R_UNREACHABLE = 8,
};

#define FILE_MAX (16 << 20)

static const char usage_text[] =
	"Usage: quicreplay [OPTIONS] ADDR PORT FILE\n"
	"  FILE: datagrams, each a 2-byte big-endian length and the bytes\n"
	"  -4, -6              ADDR must be an IPv4 / IPv6 address\n"
	"  -g, --gap MS        pause between datagrams (default 0)\n"
	"  -n, --count N       send only the first N datagrams\n"
	"  -w, --wait MS       then wait up to MS for any reply and report it\n";

struct dgram {
	const uint8_t *data;
	size_t len;
};

/* When the last datagram left: results are timed from there. */
static struct timespec since;

static int usage(void)
{
	fputs(usage_text, stderr);
	return R_USAGE;
}

static int parse_num(const char *s, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int say(int result, const char *text)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	printf("%s\ntime %ld ms\n", text,
	       (long)(now.tv_sec - since.tv_sec) * 1000 +
		       (now.tv_nsec - since.tv_nsec) / 1000000);
	return result;
}

/* A socket error as a result: ICMP errors are what a block may look like. */
static int errno_result(const char *what)
{
	if (errno == ECONNREFUSED)
		return say(R_REFUSED, "refused");
	/* ICMP admin prohibited: IPv4 says EHOSTUNREACH, IPv6 EACCES. */
	if (errno == EHOSTUNREACH || errno == EACCES || errno == ENETUNREACH)
		return say(R_UNREACHABLE, "unreachable");
	fprintf(stderr, "quicreplay: %s: %s\n", what, strerror(errno));
	return R_ERROR;
}

static int parse_addr(const char *addr, const char *port_s, int family,
		      struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	int port;

	if (parse_num(port_s, 65535, &port) || !port)
		return usage();
	memset(ss, 0, sizeof(*ss));
	if (family != AF_INET6 && inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		*len = sizeof(*sin);
	} else if (family != AF_INET &&
		   inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*sin6);
	} else {
		fprintf(stderr, "quicreplay: bad %saddress \"%s\"\n",
			family == AF_INET ? "IPv4 " :
			family == AF_INET6 ? "IPv6 " : "", addr);
		return R_USAGE;
	}
	return 0;
}

static int read_file(const char *path, uint8_t **buf, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "quicreplay: %s: %s\n", path, strerror(errno));
		return R_ERROR;
	}
	if (st.st_size > FILE_MAX) {
		fprintf(stderr, "quicreplay: %s: larger than %d bytes\n", path,
			FILE_MAX);
		close(fd);
		return R_ERROR;
	}
	*len = (size_t)st.st_size;
	*buf = malloc(*len ? *len : 1);
	if (!*buf) {
		close(fd);
		return R_ERROR;
	}
	n = read(fd, *buf, *len);
	close(fd);
	if (n != (ssize_t)*len) {
		fprintf(stderr, "quicreplay: %s: short read\n", path);
		return R_ERROR;
	}
	return 0;
}

/* Splits the file into datagrams; a record that runs past the end is an
 * error, not a shorter datagram. */
static int split(const char *path, const uint8_t *buf, size_t len,
		 struct dgram **out, int *count)
{
	size_t pos = 0;
	int n = 0;

	*out = NULL;
	while (pos < len) {
		struct dgram *d;
		size_t dlen;

		if (len - pos < 2 ||
		    (dlen = (size_t)buf[pos] << 8 | buf[pos + 1]) > len - pos - 2) {
			fprintf(stderr, "quicreplay: %s: datagram %d runs past the end at byte %zu\n",
				path, n + 1, pos);
			return R_ERROR;
		}
		d = realloc(*out, sizeof(**out) * (size_t)(n + 1));
		if (!d)
			return R_ERROR;
		*out = d;
		d[n].data = buf + pos + 2;
		d[n++].len = dlen;
		pos += 2 + dlen;
	}
	if (!n) {
		fprintf(stderr, "quicreplay: %s: no datagrams\n", path);
		return R_ERROR;
	}
	*count = n;
	return 0;
}

static int await_reply(int fd, int timeout)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[65536];
	ssize_t n;
	int r;

	do
		r = poll(&pfd, 1, timeout);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return errno_result("poll");
	if (r == 0)
		return say(R_TIMEOUT, "timeout");
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < 0)
		return errno_result("recv");
	snprintf(buf, sizeof(buf), "reply %zd bytes", n);
	return say(R_REPLY, buf);
}

static int play(const struct sockaddr_storage *ss, socklen_t sslen,
		const struct dgram *d, int count, int gap, int wait)
{
	struct sockaddr_storage local;
	socklen_t llen = sizeof(local);
	int fd, i, r = R_REPLY;

	fd = socket(ss->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno_result("socket");
	clock_gettime(CLOCK_MONOTONIC, &since);
	if (connect(fd, (const struct sockaddr *)ss, sslen)) {
		r = errno_result("connect");
		goto out;
	}
	getsockname(fd, (struct sockaddr *)&local, &llen);
	printf("connected %u\n", ntohs(local.ss_family == AF_INET ?
		((struct sockaddr_in *)&local)->sin_port :
		((struct sockaddr_in6 *)&local)->sin6_port));
	for (i = 0; i < count; i++) {
		if (i && gap)
			pause_ms(gap);
		clock_gettime(CLOCK_MONOTONIC, &since);
		if (send(fd, d[i].data, d[i].len, 0) < 0) {
			/* An ICMP error for an earlier datagram shows here. */
			r = errno_result("send");
			goto out;
		}
	}
	printf("sent %d datagrams\n", count);
	if (wait >= 0)
		r = await_reply(fd, wait);
out:
	close(fd);
	return r;
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "gap", required_argument, NULL, 'g' },
		{ "count", required_argument, NULL, 'n' },
		{ "wait", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c, r, count, max = -1, gap = 0, wait = -1, family = AF_UNSPEC;
	struct sockaddr_storage ss;
	struct dgram *d;
	socklen_t sslen = 0;
	uint8_t *buf;
	size_t len;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt_long(argc, argv, "46g:n:w:h", options, NULL)) != -1) {
		switch (c) {
		case '4':
			family = AF_INET;
			break;
		case '6':
			family = AF_INET6;
			break;
		case 'g':
			if (parse_num(optarg, 600000, &gap))
				return usage();
			break;
		case 'n':
			if (parse_num(optarg, 1 << 20, &max) || !max)
				return usage();
			break;
		case 'w':
			if (parse_num(optarg, 600000, &wait))
				return usage();
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return usage();
		}
	}
	if (argc - optind != 3)
		return usage();
	r = parse_addr(argv[optind], argv[optind + 1], family, &ss, &sslen);
	if (r)
		return r;
	r = read_file(argv[optind + 2], &buf, &len);
	if (!r)
		r = split(argv[optind + 2], buf, len, &d, &count);
	if (r)
		return r;
	if (max > 0 && max < count)
		count = max;
	return play(&ss, sslen, d, count, gap, wait);
}
