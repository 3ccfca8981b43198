// SPDX-License-Identifier: GPL-2.0
/*
 * Load for the agent benchmark: new UDP flows, each from a fresh source
 * port, each sending the datagrams of a .dgrams file (Chromium's QUIC
 * first flight) or one small datagram, to ADDR:PORT where this program
 * also receives them. It keeps at most WINDOW flows in flight (sent, not
 * all received), so a queue never overflows and nothing is dropped for
 * want of room: what it measures is the round trip through whatever
 * answers the queue. Runs for SECONDS, then prints flows and datagrams
 * per second.
 *
 *	udpflows ADDR PORT SECONDS [FILE]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define WINDOW 32
#define DGRAMS_MAX 16

static unsigned char dgram[DGRAMS_MAX][1500];
static size_t dgram_len[DGRAMS_MAX];
static unsigned int ndgrams;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *path)
{
	unsigned char len[2];
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	while (ndgrams < DGRAMS_MAX && fread(len, 1, 2, f) == 2) {
		size_t n = (size_t)len[0] << 8 | len[1];

		if (n > sizeof(dgram[0]) ||
		    fread(dgram[ndgrams], 1, n, f) != n)
			break;
		dgram_len[ndgrams++] = n;
	}
	fclose(f);
	return ndgrams ? 0 : -1;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned long flows = 0, received = 0, sent = 0;
	int rx, one = 1, seconds, rcvbuf = 16 << 20;
	double start, end;

	if (argc < 4 || argc > 5 || inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1) {
		fprintf(stderr, "usage: udpflows ADDR PORT SECONDS [FILE]\n");
		return 2;
	}
	dst.sin_port = htons((uint16_t)atoi(argv[2]));
	seconds = atoi(argv[3]);
	if (argc == 5 ? load(argv[4]) : (dgram_len[ndgrams++] = 64, 0)) {
		fprintf(stderr, "udpflows: cannot read %s\n", argv[4]);
		return 1;
	}
	rx = socket(AF_INET, SOCK_DGRAM, 0);
	setsockopt(rx, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* A window of QUIC flights must fit, or the receiver drops them. */
	setsockopt(rx, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (rx < 0 || bind(rx, (struct sockaddr *)&dst, sizeof(dst))) {
		perror("udpflows: bind");
		return 1;
	}

	start = now();
	end = start + seconds;
	while (now() < end) {
		unsigned long want = received;
		struct pollfd pfd = { rx, POLLIN, 0 };
		char buf[2048];

		for (int f = 0; f < WINDOW; f++) {
			int tx = socket(AF_INET, SOCK_DGRAM, 0);

			for (unsigned int i = 0; tx >= 0 && i < ndgrams; i++)
				if (sendto(tx, dgram[i], dgram_len[i], 0,
					   (struct sockaddr *)&dst,
					   sizeof(dst)) > 0)
					sent++;
			if (tx >= 0)
				close(tx);
			flows++;
		}
		want = sent;
		while (received < want && poll(&pfd, 1, 1000) > 0)
			if (recv(rx, buf, sizeof(buf), 0) > 0)
				received++;
		if (received < want) {
			fprintf(stderr, "udpflows: %lu datagrams lost\n",
				want - received);
			return 1;
		}
	}
	end = now();
	printf("%.0f flows/s %.0f datagrams/s (%lu flows, %lu datagrams)\n",
	       flows / (end - start), received / (end - start), flows, received);
	return 0;
}
