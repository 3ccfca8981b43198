// SPDX-License-Identifier: GPL-2.0
#include <linux/appfw.h>
#include <netlink/genl/genl.h>

#include "reply.h"

struct nl_msg *unit_reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 1, 0x1234, 0, 0, cmd, APPFW_GENL_VERSION);
	return msg;
}

int unit_parse(struct nl_msg *msg, afw_genl_cb parse, void *arg)
{
	int ret = parse(nlmsg_hdr(msg), arg);

	nlmsg_free(msg);
	return ret;
}
