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
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define PROG "quicreplay"

static const char usage_text[] =
	"Usage: quicreplay [OPTIONS] ADDR PORT FILE\n"
	"  FILE: datagrams, each a 2-byte big-endian length and the bytes\n"
	"  -4, -6              ADDR must be an IPv4 / IPv6 address\n"
	"  -g, --gap MS        pause between datagrams (default 0)\n"
	"  -n, --count N       send only the first N datagrams\n"
	"  -w, --wait MS       then wait up to MS for any reply and report it\n";

#include "replay.h"

struct dgram {
	const uint8_t *data;
	size_t len;
};

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

static int play(const struct sockaddr_storage *ss, socklen_t sslen,
		const struct dgram *d, int count, int gap, int wait)
{
	int fd, i, r = R_REPLY;

	fd = socket(ss->ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno_result("socket");
	mark_time();
	if (connect(fd, (const struct sockaddr *)ss, sslen)) {
		r = errno_result("connect");
		goto out;
	}
	say_connected(fd);
	for (i = 0; i < count; i++) {
		if (i && gap)
			pause_ms(gap);
		mark_time();
		if (send(fd, d[i].data, d[i].len, 0) < 0) {
			/* An ICMP error for an earlier datagram shows here. */
			r = errno_result("send");
			goto out;
		}
	}
	printf("sent %d datagrams\n", count);
	if (wait >= 0)
		r = await_reply(fd, wait, 65536, false);
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
	size_t len;
	char *buf;

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
		r = split(argv[optind + 2], (const uint8_t *)buf, len, &d,
			  &count);
	if (r)
		return r;
	if (max > 0 && max < count)
		count = max;
	return play(&ss, sslen, d, count, gap, wait);
}
