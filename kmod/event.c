// SPDX-License-Identifier: GPL-2.0
/* STUB, replaced by the packet-path work. */
#include "event.h"

void appfw_event_net_init(struct appfw_net *an)
{
	ratelimit_state_init(&an->event_limit, HZ, 100);
}
