/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Talking to the appfw generic netlink family with libnl-genl-3.
 *
 *   struct afw_genl g;
 *   struct nl_msg *msg;
 *
 *   err = afw_genl_open(&g);
 *   msg = afw_genl_msg(&g, APPFW_CMD_GET_STATUS, 0);   (or NLM_F_DUMP)
 *   ... nla_put() the request attributes ...
 *   err = afw_genl_talk(&g, msg, parse_one_reply, &result);
 *   if (err)
 *           afw_genl_perror(&g, err, "status");
 *   afw_genl_close(&g);
 *
 * Every function returns 0 or -errno. When the kernel refuses a request,
 * the errno is the kernel's and g.extack holds its extended ack message
 * (empty if it gave none).
 */
#ifndef AFW_GENL_H
#define AFW_GENL_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

struct afw_genl {
	struct nl_sock *sock;
	int family; /* 0 until the family is resolved */
	char extack[256];
	/* Where in the request the kernel's complaint points (the offset
	 * of the bad attribute from the request's nlmsghdr), 0 if nowhere. */
	uint32_t extack_offset;
};

/* Connects and resolves the "appfw" family; -ENOENT means no such family
 * is registered, i.e. the module is not loaded. */
int afw_genl_open(struct afw_genl *g);
/* The same for any family; the unit tests talk to "nlctrl". */
int afw_genl_open_family(struct afw_genl *g, const char *name);
void afw_genl_close(struct afw_genl *g);

/* A request for cmd with the given extra netlink flags (NLM_F_DUMP for a
 * dump); NULL if out of memory. */
struct nl_msg *afw_genl_msg(struct afw_genl *g, uint8_t cmd, int flags);

/* Called for each reply message of the family; returns 0 or -errno. */
typedef int (*afw_genl_cb)(struct nlmsghdr *nlh, void *arg);

/*
 * Sends msg (and frees it), then reads replies until the request is done:
 * the ack of a plain request, the end of a dump, or an error. Each reply
 * goes to cb (may be NULL). Returns 0, the kernel's -errno, -EINTR if a
 * dump was interrupted by a concurrent change (the caller may retry), or
 * the first error cb returned; after a cb error the rest of the replies
 * are still read and dropped so that the socket stays usable.
 */
int afw_genl_talk(struct afw_genl *g, struct nl_msg *msg, afw_genl_cb cb,
		  void *arg);

/*
 * The two halves of afw_genl_talk, for requests in flight together:
 * afw_genl_send completes msg (port, sequence number, NLM_F_ACK unless a
 * dump) and sends it, but leaves msg to the caller; afw_genl_recv reads
 * the replies of the oldest request not yet answered, as afw_genl_talk
 * does. Replies come in the order of the requests, so each recv belongs
 * to the oldest send.
 */
int afw_genl_send(struct afw_genl *g, struct nl_msg *msg);
int afw_genl_recv(struct afw_genl *g, afw_genl_cb cb, void *arg);

/* Subscribes to the family's multicast group named group; -ENOENT if the
 * family has no such group. */
int afw_genl_join(struct afw_genl *g, const char *group);

/* Prints the one line that explains err from afw_genl_open() or
 * afw_genl_talk(); what names the request, e.g. "status". */
void afw_genl_perror(const struct afw_genl *g, int err, const char *what);

/*
 * Copies the extended ack message (NLMSGERR_ATTR_MSG) out of an
 * NLMSG_ERROR or NLMSG_DONE message into buf; buf becomes "" if there is
 * none. Trusts nothing in nlh beyond nlmsg_len, which the caller checked.
 */
void afw_genl_extack(const struct nlmsghdr *nlh, char *buf, size_t size);
/* The same message's NLMSGERR_ATTR_OFFS, or 0 if it has none. */
uint32_t afw_genl_extack_offset(const struct nlmsghdr *nlh);

#endif
