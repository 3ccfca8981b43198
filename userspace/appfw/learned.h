/* SPDX-License-Identifier: GPL-2.0 */
/*
 * appfw learned: the addresses the kernel learned from DNS answers,
 * parsed and printed in two steps so the unit tests can feed replies.
 */
#ifndef APPFW_LEARNED_H
#define APPFW_LEARNED_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "policy.h"

struct appfw_learned {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint16_t app;
	uint32_t ttl;		/* seconds left */
};

struct appfw_learned_list {
	struct appfw_learned *v;
	size_t n, cap;
};

/* An afw_genl_cb for GET_LEARNED's dump: appends to the list at arg. */
int appfw_learned_parse(struct nlmsghdr *nlh, void *arg);

/* Prints the list, apps named from pol (their id if pol lacks them). */
int appfw_learned_print(const struct appfw_learned_list *l,
			const struct afw_policy *pol);

#endif
