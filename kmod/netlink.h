/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_NETLINK_H
#define APPFW_NETLINK_H

int appfw_genl_init(void);
void appfw_genl_uninit(void);

#endif /* APPFW_NETLINK_H */
