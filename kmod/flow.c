// SPDX-License-Identifier: GPL-2.0
/* STUB, replaced by the packet-path work. */
#include "flow.h"

int appfw_flow_net_init(struct appfw_net *an)
{
	return 0;
}

void appfw_flow_net_exit(struct appfw_net *an)
{
}
