/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_NETLINK_H
#define APPFW_NETLINK_H

#include <linux/skbuff.h>
#include <net/net_namespace.h>

int appfw_genl_init(void);
void appfw_genl_uninit(void);

/*
 * Events (the "events" multicast group): appfw_event_header() starts an
 * APPFW_CMD_EVENT message in msg and returns its user header (NULL if msg
 * has no room); the caller adds the attributes and genlmsg_end()s it.
 * appfw_event_send() multicasts it to net's listeners, GFP_ATOMIC, any
 * context; it consumes msg and returns 0 or -errno (-ESRCH: no listener).
 */
void *appfw_event_header(struct sk_buff *msg);
int appfw_event_send(struct net *net, struct sk_buff *msg);

#endif /* APPFW_NETLINK_H */
