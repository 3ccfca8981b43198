/* SPDX-License-Identifier: GPL-2.0 */
#ifndef APPFW_EVENT_H
#define APPFW_EVENT_H

#include "netns.h"

void appfw_event_net_init(struct appfw_net *an);

#endif /* APPFW_EVENT_H */
