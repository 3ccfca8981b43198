// SPDX-License-Identifier: GPL-2.0
/*
 * tcpsink: the server end of tlsreplay. Listens on TCP PORT for IPv4 and
 * IPv6 at once, counts what each connection sends and logs it, one line
 * per read, so a test knows exactly how many bytes got through the gw:
 *
 *   listening PORT             once, when connections are accepted
 *   PEERPORT TOTAL             after each read: the bytes so far
 *   PEERPORT closed TOTAL      at the end of the connection
 *
 * Once a connection has sent --expect N bytes (default 1) in all, each
 * read is answered with "ok TOTAL\n": a client that replays a ClientHello
 * hears back only if the whole of it arrived.
 *
 *   tcpsink [-e N] PORT
 *
 * One process, poll(), no libraries: it runs in the test VM as it is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNS 64

struct conn {
	int port;		/* the peer's */
	unsigned long total;
};

static int listen_on(int port)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons((uint16_t)port),
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	int fd, one = 1, zero = 0;

	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* IPv4 too, as ::ffff:a.b.c.d. */
	setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) ||
	    listen(fd, 16)) {
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char *argv[])
{
	struct pollfd pfd[MAX_CONNS + 1];
	struct conn conns[MAX_CONNS + 1];
	unsigned long expect = 1;
	int nfds = 1, port, opt;
	char buf[65536], *end;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "e:")) != -1) {
		if (opt != 'e')
			goto usage;
		expect = strtoul(optarg, &end, 10);
		if (*end || !expect)
			goto usage;
	}
	if (argc - optind != 1)
		goto usage;
	port = (int)strtol(argv[optind], &end, 10);
	if (*end || port <= 0 || port > 65535)
		goto usage;

	pfd[0].fd = listen_on(port);
	if (pfd[0].fd < 0) {
		fprintf(stderr, "tcpsink: port %d: %s\n", port, strerror(errno));
		return 1;
	}
	pfd[0].events = POLLIN;
	printf("listening %d\n", port);

	for (;;) {
		if (poll(pfd, (nfds_t)nfds, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("tcpsink: poll");
			return 1;
		}
		for (int i = nfds - 1; i > 0; i--) {
			struct conn *c = &conns[i];
			ssize_t n;

			if (!pfd[i].revents)
				continue;
			n = read(pfd[i].fd, buf, sizeof(buf));
			if (n > 0) {
				c->total += (unsigned long)n;
				printf("%d %lu\n", c->port, c->total);
				if (c->total >= expect) {
					int len = snprintf(buf, sizeof(buf),
							   "ok %lu\n", c->total);

					if (write(pfd[i].fd, buf, (size_t)len) < 0)
						n = -1;
				}
			}
			if (n <= 0) {
				printf("%d closed %lu\n", c->port, c->total);
				close(pfd[i].fd);
				pfd[i] = pfd[nfds - 1];
				conns[i] = conns[nfds - 1];
				nfds--;
			}
		}
		if (pfd[0].revents) {
			struct sockaddr_in6 peer;
			socklen_t len = sizeof(peer);
			int fd = accept4(pfd[0].fd, (struct sockaddr *)&peer,
					 &len, SOCK_CLOEXEC);

			if (fd < 0)
				continue;
			if (nfds == MAX_CONNS + 1) {
				close(fd);
				continue;
			}
			pfd[nfds] = (struct pollfd){ .fd = fd, .events = POLLIN };
			conns[nfds] = (struct conn){ .port = ntohs(peer.sin6_port) };
			nfds++;
		}
	}

usage:
	fputs("Usage: tcpsink [-e N] PORT\n", stderr);
	return 2;
}
