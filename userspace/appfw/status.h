/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `appfw status`: the reply to APPFW_CMD_GET_STATUS, parsed and printed
 * in two steps so that the unit tests can feed it crafted replies.
 */
#ifndef APPFW_STATUS_H
#define APPFW_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/netlink.h>

/* More than the four hooks appfw has; a reply with more is refused. */
#define APPFW_STATUS_MAX_HOOKS 16

struct appfw_hook_counters {
	uint8_t family; /* NFPROTO_* */
	uint8_t hook; /* NF_INET_* */
	uint64_t packets;
	uint64_t bytes;
};

struct appfw_status {
	bool received; /* a reply was parsed */
	char module_version[32];
	unsigned int nhooks;
	struct appfw_hook_counters hooks[APPFW_STATUS_MAX_HOOKS];
};

/* An afw_genl_cb: fills the struct appfw_status at arg from one reply;
 * -EPROTO if the reply is malformed or lacks an attribute. */
int appfw_status_parse(struct nlmsghdr *nlh, void *arg);

/* Prints st through the print layer, hooks sorted by family then hook;
 * returns print_end()'s verdict. */
int appfw_status_print(struct appfw_status *st);

#endif
