// SPDX-License-Identifier: GPL-2.0
/*
 * DNS responses (RFC 1035 4.1, RFC 9460 for SVCB and HTTPS), read as
 * hostile input: every length is checked against the message before it is
 * used, compression pointers only go backwards and each jump goes further
 * back than the last, so reading a name always ends.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "dns.h"

#define HDR_LEN 12
#define QR 0x8000
#define OPCODE(flags) (((flags) >> 11) & 0xf)
#define RCODE(flags) ((flags) & 0xf)

#define CLASS_IN 1
#define TYPE_A 1
#define TYPE_CNAME 5
#define TYPE_AAAA 28
#define TYPE_SVCB 64
#define TYPE_HTTPS 65

#define SVC_IPV4HINT 4
#define SVC_IPV6HINT 6

/* Strictly backward jumps end anyway; this bounds the work per name. */
#define JUMPS_MAX 32

/* One resource record's fixed part, its owner decoded. */
struct rr {
	char owner[AFW_DNS_NAME_MAX + 1];
	bool owner_host;	/* owner is a host name (see name_char) */
	uint16_t type, class;
	uint32_t ttl;
	size_t rdata, rdlen;
};

/* The characters of host names, as the domain table has them. */
static const uint8_t name_char[256] = {
	['a' ... 'z'] = 1, ['A' ... 'Z'] = 1, ['0' ... '9'] = 1,
	['-'] = 1, ['_'] = 1,
};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * Reads the name at *off into out, lowercase and without the trailing
 * dot, and moves *off past its bytes in place. *host tells whether every
 * label is made of host name characters (so no '.', NUL or blank inside
 * a label); the root name is not a host name. A pointer must point before
 * the start of the stretch of labels it ends, which is before the pointer
 * itself and before the previous pointer's target: loops cannot be
 * written.
 */
static int read_name(const uint8_t *msg, size_t len, size_t *off, char *out,
		     bool *host)
{
	size_t pos = *off, n = 0;
	size_t start = pos;
	unsigned int jumps = 0;
	bool jumped = false;

	*host = true;
	for (;;) {
		uint8_t c;

		if (pos >= len)
			return -EBADMSG;
		c = msg[pos];
		if (c == 0)
			break;
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (pos + 1 >= len)
				return -EBADMSG;
			target = (size_t)(c & 0x3f) << 8 | msg[pos + 1];
			if (target >= start || ++jumps > JUMPS_MAX)
				return -EBADMSG;
			if (!jumped)
				*off = pos + 2;
			jumped = true;
			pos = start = target;
			continue;
		}
		/* 0x40 and 0x80: extended label types (RFC 6891), unused. */
		if (c & 0xc0)
			return -EBADMSG;
		if (pos + 1 + c > len || n + !!n + c > AFW_DNS_NAME_MAX)
			return -EBADMSG;
		if (n)
			out[n++] = '.';
		for (size_t i = pos + 1; i < pos + 1 + c; i++) {
			uint8_t b = msg[i];

			if (!name_char[b])
				*host = false;
			out[n++] = (char)(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
		}
		pos += 1 + c;
	}
	if (!jumped)
		*off = pos + 1;
	out[n] = '\0';
	if (!n)
		*host = false;
	return 0;
}

/* The record at *off; *off moves past it. */
static int read_rr(const uint8_t *msg, size_t len, size_t *off, struct rr *rr)
{
	int err = read_name(msg, len, off, rr->owner, &rr->owner_host);

	if (err)
		return err;
	if (len - *off < 10)
		return -EBADMSG;
	rr->type = be16(msg + *off);
	rr->class = be16(msg + *off + 2);
	/* RFC 2181 8: a TTL with the top bit set means zero. */
	rr->ttl = be32(msg + *off + 4);
	if (rr->ttl > 0x7fffffff)
		rr->ttl = 0;
	rr->rdlen = be16(msg + *off + 8);
	rr->rdata = *off + 10;
	if (len - rr->rdata < rr->rdlen)
		return -EBADMSG;
	*off = rr->rdata + rr->rdlen;
	return 0;
}

static bool in_chain(const struct afw_dns_answer *ans, const char *name)
{
	for (unsigned int i = 0; i < ans->nnames; i++)
		if (!strcmp(ans->names[i], name))
			return true;
	return false;
}

/*
 * One address per (family, address): the same address from an A record
 * and an ipv4hint, or from two answers, keeps the longer TTL.
 */
static void add_addr(struct afw_dns_answer *ans, uint8_t family,
		     const uint8_t *addr, uint32_t ttl)
{
	size_t alen = family == AF_INET ? 4 : 16;
	struct afw_dns_addr *a;

	for (unsigned int i = 0; i < ans->naddrs; i++) {
		a = &ans->addrs[i];
		if (a->family == family && !memcmp(a->addr, addr, alen)) {
			if (ttl > a->ttl)
				a->ttl = ttl;
			return;
		}
	}
	if (ans->naddrs == AFW_DNS_ADDRS_MAX)
		return;
	a = &ans->addrs[ans->naddrs++];
	memset(a, 0, sizeof(*a));
	a->family = family;
	memcpy(a->addr, addr, alen);
	a->ttl = ttl;
}

/*
 * SVCB and HTTPS rdata: priority, target name, then SvcParams (key,
 * length, value). Checks the whole of it; with ans, adds the address
 * hints. AliasMode (priority 0) carries no parameters that count.
 */
static int read_svcb(const uint8_t *msg, const struct rr *rr,
		     struct afw_dns_answer *ans)
{
	size_t end = rr->rdata + rr->rdlen, p = rr->rdata + 2;
	char target[AFW_DNS_NAME_MAX + 1];
	uint16_t priority;
	bool host;
	int err;

	if (rr->rdlen < 2)
		return -EBADMSG;
	priority = be16(msg + rr->rdata);
	/* RFC 9460 2.2 forbids compressing TargetName; reading it with the
	 * general reader costs nothing and only skips it. */
	err = read_name(msg, end, &p, target, &host);
	if (err)
		return err;
	while (p < end) {
		uint16_t key, vlen;

		if (end - p < 4)
			return -EBADMSG;
		key = be16(msg + p);
		vlen = be16(msg + p + 2);
		p += 4;
		if (end - p < vlen)
			return -EBADMSG;
		if ((key == SVC_IPV4HINT && (!vlen || vlen % 4)) ||
		    (key == SVC_IPV6HINT && (!vlen || vlen % 16)))
			return -EBADMSG;
		if (ans && priority &&
		    (key == SVC_IPV4HINT || key == SVC_IPV6HINT)) {
			uint8_t family = key == SVC_IPV4HINT ? AF_INET : AF_INET6;
			size_t alen = family == AF_INET ? 4 : 16;

			for (size_t i = 0; i < vlen; i += alen)
				add_addr(ans, family, msg + p + i, rr->ttl);
		}
		p += vlen;
	}
	return 0;
}

/*
 * Checks the rdata of the types read here; with ans, adds the addresses
 * of a record owned by a name of the chain. Other types and classes are
 * skipped unread.
 */
static int read_rdata(const uint8_t *msg, const struct rr *rr,
		      struct afw_dns_answer *ans)
{
	char target[AFW_DNS_NAME_MAX + 1];
	size_t p = rr->rdata;
	bool host;
	int err;

	if (rr->class != CLASS_IN)
		return 0;
	if (ans && !(rr->owner_host && in_chain(ans, rr->owner)))
		ans = NULL;
	switch (rr->type) {
	case TYPE_A:
		if (rr->rdlen != 4)
			return -EBADMSG;
		if (ans)
			add_addr(ans, AF_INET, msg + rr->rdata, rr->ttl);
		return 0;
	case TYPE_AAAA:
		if (rr->rdlen != 16)
			return -EBADMSG;
		if (ans)
			add_addr(ans, AF_INET6, msg + rr->rdata, rr->ttl);
		return 0;
	case TYPE_CNAME:
		/* The target may point anywhere before it, not past rdata. */
		err = read_name(msg, rr->rdata + rr->rdlen, &p, target, &host);
		if (!err && p != rr->rdata + rr->rdlen)
			err = -EBADMSG;
		return err;
	case TYPE_SVCB:
	case TYPE_HTTPS:
		return read_svcb(msg, rr, ans);
	}
	return 0;
}

/*
 * One pass over the answers from off, appending every CNAME target whose
 * owner is the chain's last name (so an in-order chain takes one pass).
 * Returns how many names it appended.
 */
static unsigned int chain_pass(const uint8_t *msg, size_t len, size_t off,
			       unsigned int count, struct afw_dns_answer *ans)
{
	char target[AFW_DNS_NAME_MAX + 1];
	unsigned int added = 0;
	struct rr rr;
	bool host;

	/* The answers were checked whole before: no errors here. */
	while (count-- && !read_rr(msg, len, &off, &rr)) {
		size_t p = rr.rdata;

		if (ans->nnames == AFW_DNS_CHAIN_MAX)
			break;
		if (rr.type != TYPE_CNAME || rr.class != CLASS_IN ||
		    !rr.owner_host ||
		    strcmp(rr.owner, ans->names[ans->nnames - 1]))
			continue;
		if (read_name(msg, rr.rdata + rr.rdlen, &p, target, &host) ||
		    !host || in_chain(ans, target))
			continue;
		memcpy(ans->names[ans->nnames++], target, strlen(target) + 1);
		added++;
	}
	return added;
}

static int parse(const uint8_t *msg, size_t len, struct afw_dns_answer *ans)
{
	unsigned int ancount, i;
	uint16_t flags;
	size_t off = HDR_LEN, answers;
	struct rr rr;
	bool host;
	int err;

	if (len < HDR_LEN)
		return -EBADMSG;
	ans->id = be16(msg);
	flags = be16(msg + 2);
	ans->rcode = RCODE(flags);
	if (!(flags & QR) || OPCODE(flags) != 0 || be16(msg + 4) != 1)
		return -ENOMSG;
	ancount = be16(msg + 6);

	err = read_name(msg, len, &off, ans->names[0], &host);
	if (err)
		return err;
	if (!host)
		return -EBADMSG;
	if (len - off < 4)
		return -EBADMSG;
	if (be16(msg + off + 2) != CLASS_IN)
		return -ENOMSG;
	off += 4;
	ans->nnames = 1;
	if (ans->rcode)
		return 0;

	/* The whole answer section must hold together before any of it
	 * counts. */
	answers = off;
	for (i = 0; i < ancount; i++) {
		err = read_rr(msg, len, &off, &rr);
		if (!err)
			err = read_rdata(msg, &rr, NULL);
		if (err)
			return err;
	}
	while (chain_pass(msg, len, answers, ancount, ans))
		;
	off = answers;
	for (i = 0; i < ancount; i++) {
		read_rr(msg, len, &off, &rr);
		read_rdata(msg, &rr, ans);
	}
	return 0;
}

int afw_dns_parse(const uint8_t *msg, size_t len, struct afw_dns_answer *ans)
{
	int err;

	ans->id = 0;
	ans->rcode = 0;
	ans->nnames = 0;
	ans->naddrs = 0;
	err = parse(msg, len, ans);
	if (err) {
		ans->nnames = 0;
		ans->naddrs = 0;
	}
	return err;
}

int afw_dns_parse_tcp(const uint8_t *seg, size_t len,
		      struct afw_dns_answer *ans)
{
	size_t mlen;

	ans->nnames = 0;
	ans->naddrs = 0;
	if (len < 2)
		return -EMSGSIZE;
	mlen = be16(seg);
	if (len - 2 < mlen)
		return -EMSGSIZE;
	return afw_dns_parse(seg + 2, mlen, ans);
}
