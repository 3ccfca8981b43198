/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `appfw monitor`: one APPFW_CMD_EVENT from the "events" group, parsed and
 * printed in two steps for the unit tests.
 */
#ifndef APPFW_EVENT_H
#define APPFW_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <linux/netlink.h>

#include "domain.h"
#include "policy.h"

struct appfw_event {
	uint16_t app;
	char app_name[APPFW_APP_NAME_LEN];
	uint8_t action;		/* enum appfw_action */
	uint8_t source;		/* enum appfw_source */
	char name[AFW_DOMAIN_LEN_MAX + 2];	/* SNI or Host; "" if none */
	char entry[AFW_DOMAIN_LEN_MAX + 2];	/* "" if none */
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t proto;		/* IPPROTO_* */
	uint8_t saddr[16], daddr[16];
	bool has_ports;
	uint16_t sport, dport;	/* host byte order */
};

/* 0, -EPROTO for a malformed event, -ENOENT for another message of the
 * family (not an event). */
int appfw_event_parse(struct nlmsghdr *nlh, struct appfw_event *ev);

/* One line of text, or one JSON object on a line, stamped with when. */
int appfw_event_print(const struct appfw_event *ev, const struct timespec *when);

#endif
