/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_FLOW_H
#define APPFW_FLOW_H

#include "netns.h"

int appfw_flow_net_init(struct appfw_net *an);
void appfw_flow_net_exit(struct appfw_net *an);

#endif /* APPFW_FLOW_H */
