// SPDX-License-Identifier: GPL-2.0
/*
 * dnsd: a tiny authoritative DNS server for the tests, so that a client
 * behind the gateway gets real answers to learn from. UDP port 53 (or -p),
 * IPv4 and IPv6 at once. Every record is given on the command line:
 *
 *   dnsd [-p PORT] [-t TTL] RECORD...
 *     NAME=ADDR        an A or AAAA record (by the address's form)
 *     NAME=>TARGET     a CNAME record
 *
 *   dnsd -t 2 web.wechat.com=>w.cdn.example.net w.cdn.example.net=203.0.113.80
 *
 * An answer holds the CNAME chain from the question (in reverse order, to
 * exercise the reader) and the chain's end's records of the asked type;
 * a name it does not know gets NXDOMAIN. It prints "ready PORT" once
 * bound and one line per query: "NAME TYPE answers N".
 *
 * One process, no libraries: it runs in the test VM as it is.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define RECORDS_MAX 64
#define CHAIN_MAX 8

enum { TYPE_A = 1, TYPE_CNAME = 5, TYPE_AAAA = 28 };

struct record {
	char name[254];
	uint16_t type;
	uint8_t rdata[16];
	char target[254];
};

static struct record records[RECORDS_MAX];
static unsigned int nrecords;
static uint32_t ttl = 60;

static void usage(void)
{
	fprintf(stderr, "usage: dnsd [-p PORT] [-t TTL] NAME=ADDR|NAME=>TARGET...\n");
	exit(2);
}

static int parse_record(const char *arg)
{
	struct record *r = &records[nrecords];
	const char *eq = strchr(arg, '=');
	size_t n;

	if (!eq || eq == arg || nrecords == RECORDS_MAX ||
	    (n = (size_t)(eq - arg)) >= sizeof(r->name))
		return -1;
	memcpy(r->name, arg, n);
	r->name[n] = '\0';
	if (eq[1] == '>') {
		if (strlen(eq + 2) >= sizeof(r->target) || !eq[2])
			return -1;
		r->type = TYPE_CNAME;
		strcpy(r->target, eq + 2);
	} else if (inet_pton(AF_INET, eq + 1, r->rdata) == 1) {
		r->type = TYPE_A;
	} else if (inet_pton(AF_INET6, eq + 1, r->rdata) == 1) {
		r->type = TYPE_AAAA;
	} else {
		return -1;
	}
	nrecords++;
	return 0;
}

/* Wire-format name; returns its length or 0 if it does not fit. */
static size_t put_name(uint8_t *p, size_t room, const char *name)
{
	size_t len = 0;

	while (*name) {
		const char *dot = strchr(name, '.');
		size_t label = dot ? (size_t)(dot - name) : strlen(name);

		if (!label || label > 63 || len + label + 2 > room)
			return 0;
		p[len++] = (uint8_t)label;
		memcpy(p + len, name, label);
		len += label;
		name += label + (dot ? 1 : 0);
	}
	if (len + 1 > room)
		return 0;
	p[len++] = 0;
	return len;
}

/* Reads the question's name (no compression in questions). */
static size_t get_name(const uint8_t *msg, size_t len, size_t off, char *out)
{
	size_t n = 0;

	while (off < len && msg[off]) {
		uint8_t label = msg[off++];

		if (label > 63 || off + label > len || n + label + 2 > 254)
			return 0;
		if (n)
			out[n++] = '.';
		memcpy(out + n, msg + off, label);
		n += label;
		off += label;
	}
	if (off >= len)
		return 0;
	out[n] = '\0';
	return off + 1;
}

static const struct record *find(const char *name, uint16_t type)
{
	for (unsigned int i = 0; i < nrecords; i++)
		if (records[i].type == type && !strcasecmp(records[i].name, name))
			return &records[i];
	return NULL;
}

static size_t put_rr(uint8_t *p, size_t room, const struct record *r)
{
	size_t n = put_name(p, room, r->name), rdlen;

	if (!n || n + 10 > room)
		return 0;
	p[n] = 0;
	p[n + 1] = (uint8_t)r->type;
	p[n + 2] = 0;
	p[n + 3] = 1;	/* IN */
	p[n + 4] = ttl >> 24;
	p[n + 5] = ttl >> 16;
	p[n + 6] = ttl >> 8;
	p[n + 7] = ttl;
	if (r->type == TYPE_CNAME)
		rdlen = put_name(p + n + 10, room - n - 10, r->target);
	else
		rdlen = r->type == TYPE_A ? 4 : 16;
	if (!rdlen || n + 10 + rdlen > room)
		return 0;
	if (r->type != TYPE_CNAME)
		memcpy(p + n + 10, r->rdata, rdlen);
	p[n + 8] = rdlen >> 8;
	p[n + 9] = rdlen & 0xff;
	return n + 10 + rdlen;
}

static size_t answer(uint8_t *msg, size_t len, size_t size)
{
	const struct record *chain[CHAIN_MAX], *r;
	unsigned int nchain = 0, answers = 0;
	char name[254], *at = name;
	uint16_t qtype;
	size_t qend, off;

	if (len < 12 || (msg[2] & 0x80) || msg[4] || msg[5] != 1)
		return 0;
	qend = get_name(msg, len, 12, name);
	if (!qend || qend + 4 > len)
		return 0;
	qtype = (uint16_t)(msg[qend] << 8 | msg[qend + 1]);
	off = qend + 4;

	/* Follow the CNAMEs, then the records of the asked type at the end. */
	while (nchain < CHAIN_MAX && (r = find(at, TYPE_CNAME))) {
		chain[nchain++] = r;
		at = (char *)r->target;
	}
	for (unsigned int i = nchain; i-- > 0;) {
		size_t n = put_rr(msg + off, size - off, chain[i]);

		if (!n)
			return 0;
		off += n;
		answers++;
	}
	for (unsigned int i = 0; i < nrecords; i++) {
		size_t n;

		if (records[i].type != qtype || strcasecmp(records[i].name, at))
			continue;
		n = put_rr(msg + off, size - off, &records[i]);
		if (!n)
			return 0;
		off += n;
		answers++;
	}
	msg[2] = 0x84 | (msg[2] & 0x01);	/* QR, AA, RD as asked */
	msg[3] = answers ? 0x00 : 0x03;		/* NOERROR or NXDOMAIN */
	msg[6] = 0;
	msg[7] = (uint8_t)answers;
	memset(msg + 8, 0, 4);
	printf("%s %u answers %u\n", name, qtype, answers);
	fflush(stdout);
	return off;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_addr = IN6ADDR_ANY_INIT,
	};
	int fd, opt, port = 53, zero = 0;

	while ((opt = getopt(argc, argv, "p:t:")) != -1) {
		switch (opt) {
		case 'p':
			port = atoi(optarg);
			break;
		case 't':
			ttl = (uint32_t)strtoul(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (optind == argc || port <= 0 || port > 65535)
		usage();
	for (; optind < argc; optind++) {
		if (parse_record(argv[optind])) {
			fprintf(stderr, "dnsd: bad record: %s\n", argv[optind]);
			return 2;
		}
	}

	fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	sin6.sin6_port = htons((uint16_t)port);
	if (fd < 0 ||
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) ||
	    bind(fd, (struct sockaddr *)&sin6, sizeof(sin6))) {
		perror("dnsd");
		return 1;
	}
	printf("ready %d\n", port);
	fflush(stdout);
	for (;;) {
		struct sockaddr_in6 peer;
		socklen_t plen = sizeof(peer);
		uint8_t msg[1232];
		ssize_t n;
		size_t out;

		n = recvfrom(fd, msg, sizeof(msg), 0, (struct sockaddr *)&peer,
			     &plen);
		if (n < 0)
			continue;
		out = answer(msg, (size_t)n, sizeof(msg));
		if (out)
			sendto(fd, msg, out, 0, (struct sockaddr *)&peer, plen);
	}
}
