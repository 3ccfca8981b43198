/* SPDX-License-Identifier: GPL-2.0 */
/*
 * replay.h: what the replay tools (tlsreplay, quicreplay) share, so that
 * the VM tests read both the same way: the results and their exit codes,
 * "time N ms" counted from the last send, socket errors (the ICMP errors
 * that came back among them) as results, ADDR PORT and FILE.
 *
 * Each tool is one file that includes this once: the state and the
 * functions are static. Before the include it defines PROG, its name for
 * its messages, and usage_text, printed on a usage error.
 */
#ifndef APPFW_TESTS_REPLAY_H
#define APPFW_TESTS_REPLAY_H

#ifndef PROG
#error "define PROG before including replay.h"
#endif

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
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

/* The exit codes, one per result the tools print. */
enum {
	R_REPLY = 0,
	R_ERROR = 1,
	R_USAGE = 2,
	R_RESET = 3,
	R_TIMEOUT = 4,
	R_CLOSED = 5,
	R_REFUSED = 6,
	R_CONNECT_TIMEOUT = 7,
	R_UNREACHABLE = 8,
};

/* Replay files are a few KB; anything near this is not one. */
#define FILE_MAX (16 << 20)

/* When the last send (or the SYN) left: results are timed from there. */
static struct timespec since;

static inline int usage(void)
{
	fputs(usage_text, stderr);
	return R_USAGE;
}

static inline int parse_num(const char *s, long max, int *out)
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

static inline void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static inline void mark_time(void)
{
	clock_gettime(CLOCK_MONOTONIC, &since);
}

/* Prints the result and the time it took; returns its exit code. */
static inline int say(int result, const char *text)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	printf("%s\ntime %ld ms\n", text,
	       (long)(now.tv_sec - since.tv_sec) * 1000 +
		       (now.tv_nsec - since.tv_nsec) / 1000000);
	return result;
}

/*
 * A socket error as a result: a reset is what a reject looks like, an
 * ICMP error what a block may look like. UDP never sees the first two.
 */
static inline int errno_result(const char *what)
{
	if (errno == ECONNRESET || errno == EPIPE)
		return say(R_RESET, "reset");
	if (errno == ETIMEDOUT)
		return say(R_TIMEOUT, "timeout");
	if (errno == ECONNREFUSED)
		return say(R_REFUSED, "refused");
	/* ICMP admin prohibited: IPv4 says EHOSTUNREACH, IPv6 EACCES. */
	if (errno == EHOSTUNREACH || errno == EACCES || errno == ENETUNREACH)
		return say(R_UNREACHABLE, "unreachable");
	fprintf(stderr, PROG ": %s: %s\n", what, strerror(errno));
	return R_ERROR;
}

/* ADDR PORT; family AF_INET or AF_INET6 insists on one, else either. */
static inline int parse_addr(const char *addr, const char *port_s, int family,
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
		fprintf(stderr, PROG ": bad %saddress \"%s\"\n",
			family == AF_INET ? "IPv4 " :
			family == AF_INET6 ? "IPv6 " : "", addr);
		return R_USAGE;
	}
	return 0;
}

static inline int read_file(const char *path, char **buf, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		return R_ERROR;
	}
	if (st.st_size > FILE_MAX) {
		fprintf(stderr, PROG ": %s: larger than %d bytes\n", path,
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
		fprintf(stderr, PROG ": %s: short read\n", path);
		return R_ERROR;
	}
	return 0;
}

/* "connected PORT": the socket's own port, which the server's log names. */
static inline void say_connected(int fd)
{
	struct sockaddr_storage local;
	socklen_t llen = sizeof(local);

	getsockname(fd, (struct sockaddr *)&local, &llen);
	printf("connected %u\n", ntohs(local.ss_family == AF_INET ?
		((struct sockaddr_in *)&local)->sin_port :
		((struct sockaddr_in6 *)&local)->sin6_port));
}

/*
 * Waits up to timeout ms for a reply and reads at most `most` bytes of it
 * (up to 64 KB); with eof_closes a read of nothing is the server closing,
 * otherwise an empty reply.
 */
static inline int await_reply(int fd, int timeout, size_t most,
			      bool eof_closes)
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
	n = recv(fd, buf, most < sizeof(buf) ? most : sizeof(buf), 0);
	if (n < 0)
		return errno_result("recv");
	if (n == 0 && eof_closes)
		return say(R_CLOSED, "closed");
	snprintf(buf, sizeof(buf), "reply %zd bytes", n);
	return say(R_REPLY, buf);
}

#endif
