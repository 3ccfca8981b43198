/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replies of the appfw family built by hand, the way the module builds
 * them, for the reply parsers under test.
 */
#ifndef APPFW_UNIT_REPLY_H
#define APPFW_UNIT_REPLY_H

#include <stdint.h>

#include <netlink/msg.h>

#include "genl.h"

/* A reply to cmd with no attributes yet; the test puts them. */
struct nl_msg *unit_reply(uint8_t cmd);

/* Runs parse on msg, frees it, returns what parse returned. */
int unit_parse(struct nl_msg *msg, afw_genl_cb parse, void *arg);

#endif
