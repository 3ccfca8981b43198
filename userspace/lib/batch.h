/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Many edits, few round trips: entries are packed into messages of up to
 * AFW_BATCH_MSG_BYTES (a command's list attribute holding one nest per
 * entry), and up to AFW_BATCH_WINDOW messages are in flight before the
 * oldest reply is read. Every message asks for an ack and every ack is read, so no error
 * goes unseen; the window keeps the acks from overflowing the socket's
 * receive buffer.
 *
 *	afw_batch_init(&b, &g);
 *	afw_batch_add(&b, APPFW_CMD_NEW_DOMAIN, APPFW_A_DOMAINS, put_domain,
 *		      &entry, line);		...
 *	err = afw_batch_flush(&b);		waits for every reply
 *	if (err)
 *		b.failed_first, b.failed_last, b.extack: what failed, why
 *	afw_batch_free(&b);
 *
 * After the first error nothing more is sent: every call returns it.
 * Inside a transaction the kernel cancels the rest anyway (uapi header),
 * so the caller aborts.
 */
#ifndef AFW_BATCH_H
#define AFW_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genl.h"

#define AFW_BATCH_WINDOW 32
/*
 * A message and its reply cost a system call or three each way whatever
 * its size: a page held 100 names, so a load of 10^6 was 10^4 round trips.
 * The list attribute's length is 16 bits, and libnl's socket takes 64 KiB
 * at most (twice its 32 KiB buffer), so 32 KiB keeps clear of both.
 */
#define AFW_BATCH_MSG_BYTES 32768

/* Puts one entry's attributes into msg; < 0 if they do not fit. */
typedef int (*afw_batch_put)(struct nl_msg *msg, const void *entry);

struct afw_batch_msg {
	struct nl_msg *msg;
	struct nlattr *list;		/* while open: the list nest */
	uint8_t cmd;
	uint16_t list_attr;		/* 0: a message of its own */
	size_t n, cap;
	unsigned long *tags;		/* the caller's tag per entry */
};

struct afw_batch {
	struct afw_genl *g;
	struct afw_batch_msg open;	/* being filled; .msg NULL if none */
	struct afw_batch_msg ring[AFW_BATCH_WINDOW];
	unsigned int head, inflight;
	size_t sent;			/* messages, for the curious */
	int err;			/* the first error, 0 while none */
	/* The tags of the entries the failed message held: first == last
	 * when the kernel pointed at one entry (or the message had one). */
	unsigned long failed_first, failed_last;
	char extack[256];		/* the kernel's message, if any */
};

void afw_batch_init(struct afw_batch *b, struct afw_genl *g);
void afw_batch_free(struct afw_batch *b);

/* Adds an entry to a message of cmd whose list_attr nests the entries
 * (type 0 each); starts a new message when the open one is full or of
 * another kind. 0 or the first error so far. */
int afw_batch_add(struct afw_batch *b, uint8_t cmd, uint16_t list_attr,
		  afw_batch_put put, const void *entry, unsigned long tag);
/* A message of its own for cmd; put writes all its attributes. */
int afw_batch_one(struct afw_batch *b, uint8_t cmd, afw_batch_put put,
		  const void *entry, unsigned long tag);
/* Sends the open message and reads every reply; 0 or the first error. */
int afw_batch_flush(struct afw_batch *b);

#endif
