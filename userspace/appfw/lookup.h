/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `appfw test`: the reply to APPFW_CMD_LOOKUP, parsed and printed in two
 * steps for the unit tests.
 */
#ifndef APPFW_LOOKUP_H
#define APPFW_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "domain.h"
#include "genl.h"
#include "policy.h"

struct appfw_lookup {
	bool received;
	uint16_t app;		/* 0: nothing matched; the rest is unset */
	char name[APPFW_APP_NAME_LEN];
	uint8_t action;
	uint8_t kind;		/* enum appfw_entry_kind */
	char entry[AFW_DOMAIN_LEN_MAX + 2];
};

/* An afw_genl_cb filling the struct appfw_lookup at arg. */
int appfw_lookup_parse(struct nlmsghdr *nlh, void *arg);

/* Asks the kernel about the host name, or else the address of len (4 or
 * 16) bytes. */
int appfw_lookup(struct afw_genl *g, const char *host, const uint8_t *addr,
		 size_t len, struct appfw_lookup *l);

/* Prints the answer for query (what was asked, as the user wrote it). */
int appfw_lookup_print(const char *query, const struct appfw_lookup *l);

#endif
