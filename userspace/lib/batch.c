// SPDX-License-Identifier: GPL-2.0
/*
 * A message is kept until its reply is read: when the kernel refuses it
 * and its extended ack points at an attribute, the offset tells which
 * entry was at fault, and the entry's tag (a line of the policy file)
 * makes the error message exact.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "batch.h"

void afw_batch_init(struct afw_batch *b, struct afw_genl *g)
{
	memset(b, 0, sizeof(*b));
	b->g = g;
}

static void msg_release(struct afw_batch_msg *m)
{
	nlmsg_free(m->msg);
	free(m->tags);
	memset(m, 0, sizeof(*m));
}

void afw_batch_free(struct afw_batch *b)
{
	msg_release(&b->open);
	for (unsigned int i = 0; i < b->inflight; i++)
		msg_release(&b->ring[(b->head + i) % AFW_BATCH_WINDOW]);
	b->inflight = 0;
}

/* The index of the entry of m the kernel's offset points into, or -1. */
static long entry_at(const struct afw_batch_msg *m, uint32_t offset)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m->msg);
	struct nlattr *list, *entry;
	long i = 0;
	int rem;

	if (!m->list_attr || !offset)
		return -1;
	list = nlmsg_find_attr(nlh, GENL_HDRLEN, m->list_attr);
	if (!list)
		return -1;
	nla_for_each_nested(entry, list, rem) {
		uint32_t start = (uint32_t)((char *)entry - (char *)nlh);

		if (offset >= start && offset < start + NLA_ALIGN(entry->nla_len))
			return i < (long)m->n ? i : -1;
		i++;
	}
	return -1;
}

/* Reads the reply to the oldest message in flight. */
static void recv_one(struct afw_batch *b)
{
	struct afw_batch_msg *m = &b->ring[b->head];
	int err = afw_genl_recv(b->g, NULL, NULL);

	if (err && !b->err) {
		long i = entry_at(m, b->g->extack_offset);

		b->err = err;
		memcpy(b->extack, b->g->extack, sizeof(b->extack));
		if (i >= 0) {
			b->failed_first = b->failed_last = m->tags[i];
		} else if (m->n) {
			b->failed_first = m->tags[0];
			b->failed_last = m->tags[m->n - 1];
		}
	}
	msg_release(m);
	b->head = (b->head + 1) % AFW_BATCH_WINDOW;
	b->inflight--;
}

/* Sends the open message, once there is room in the window. */
static int send_open(struct afw_batch *b)
{
	struct afw_batch_msg *m = &b->open;
	int err;

	if (!m->msg)
		return b->err;
	if (m->list)
		nla_nest_end(m->msg, m->list);
	while (b->inflight == AFW_BATCH_WINDOW)
		recv_one(b);
	if (b->err) {
		msg_release(m);
		return b->err;
	}
	err = afw_genl_send(b->g, m->msg);
	if (err) {
		msg_release(m);
		b->err = err;
		b->extack[0] = '\0';
		return err;
	}
	b->ring[(b->head + b->inflight) % AFW_BATCH_WINDOW] = *m;
	memset(m, 0, sizeof(*m));
	b->inflight++;
	b->sent++;
	return 0;
}

static int open_msg(struct afw_batch *b, uint8_t cmd, uint16_t list_attr)
{
	struct afw_batch_msg *m = &b->open;

	m->msg = afw_genl_msg(b->g, cmd, 0);
	if (!m->msg)
		return -ENOMEM;
	m->cmd = cmd;
	m->list_attr = list_attr;
	if (list_attr) {
		if (nlmsg_expand(m->msg, AFW_BATCH_MSG_BYTES) < 0)
			return -ENOMEM;
		m->list = nla_nest_start(m->msg, list_attr);
		if (!m->list)
			return -ENOMEM;
	}
	return 0;
}

static int add_tag(struct afw_batch_msg *m, unsigned long tag)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		unsigned long *t = reallocarray(m->tags, cap, sizeof(*t));

		if (!t)
			return -ENOMEM;
		m->tags = t;
		m->cap = cap;
	}
	m->tags[m->n++] = tag;
	return 0;
}

/* Puts entry into the open message; -EMSGSIZE if it does not fit. */
static int put_entry(struct afw_batch_msg *m, afw_batch_put put,
		     const void *entry)
{
	struct nlattr *nest = nla_nest_start(m->msg, 0);

	if (!nest)
		return -EMSGSIZE;
	if (put(m->msg, entry) < 0) {
		nla_nest_cancel(m->msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(m->msg, nest);
	return 0;
}

int afw_batch_add(struct afw_batch *b, uint8_t cmd, uint16_t list_attr,
		  afw_batch_put put, const void *entry, unsigned long tag)
{
	struct afw_batch_msg *m = &b->open;
	int err;

	if (b->err)
		return b->err;
	if (m->msg && (m->cmd != cmd || m->list_attr != list_attr)) {
		err = send_open(b);
		if (err)
			return err;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!m->msg) {
			err = open_msg(b, cmd, list_attr);
			if (err) {
				msg_release(m);
				return b->err = err;
			}
		}
		err = put_entry(m, put, entry);
		if (!err) {
			err = add_tag(m, tag);
			return err ? (b->err = err) : 0;
		}
		/* An entry too big for an empty message never fits. */
		if (!m->n)
			break;
		err = send_open(b);
		if (err)
			return err;
	}
	msg_release(m);
	b->failed_first = b->failed_last = tag;
	return b->err = -EMSGSIZE;
}

int afw_batch_one(struct afw_batch *b, uint8_t cmd, afw_batch_put put,
		  const void *entry, unsigned long tag)
{
	int err;

	err = send_open(b);
	if (err)
		return err;
	err = open_msg(b, cmd, 0);
	if (!err && put(b->open.msg, entry) < 0)
		err = -EMSGSIZE;
	if (!err)
		err = add_tag(&b->open, tag);
	if (err) {
		msg_release(&b->open);
		b->failed_first = b->failed_last = tag;
		return b->err = err;
	}
	return send_open(b);
}

int afw_batch_flush(struct afw_batch *b)
{
	send_open(b);
	while (b->inflight)
		recv_one(b);
	return b->err;
}
