// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "appfw"; include/uapi/linux/appfw.h documents
 * every command and attribute.
 */

#include "netlink.h"
#include "netns.h"
#include "hooks.h"
#include "appfw_version.h"

#include <uapi/linux/appfw.h>

#include <linux/netlink.h>
#include <net/genetlink.h>

static struct genl_family genl_family;

/*
 * GET_STATUS takes no attributes: every type is NLA_UNSPEC, which strict
 * validation refuses ("Unsupported attribute", pointing at it). Each command
 * declares its own policy, so what it accepts is written next to it.
 */
static const struct nla_policy status_policy[APPFW_A_MAX + 1] = {};

static int put_hook(struct sk_buff *skb, const struct appfw_net *an,
		    enum appfw_slot slot)
{
	const struct nf_hook_ops *ops = &appfw_hook_ops[slot];
	struct nlattr *entry;
	u64 packets, bytes;

	appfw_net_read(an, slot, &packets, &bytes);

	entry = nla_nest_start(skb, 0);
	if (!entry)
		return -EMSGSIZE;
	if (nla_put_u8(skb, APPFW_A_HOOK_FAMILY, ops->pf) ||
	    nla_put_u8(skb, APPFW_A_HOOK_NUM, ops->hooknum) ||
	    nla_put_u64_64bit(skb, APPFW_A_HOOK_PACKETS, packets,
			      APPFW_A_HOOK_PAD) ||
	    nla_put_u64_64bit(skb, APPFW_A_HOOK_BYTES, bytes,
			      APPFW_A_HOOK_PAD)) {
		nla_nest_cancel(skb, entry);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, entry);
	return 0;
}

static int put_status(struct sk_buff *skb, const struct appfw_net *an)
{
	struct nlattr *hooks;
	enum appfw_slot slot;

	if (nla_put_string(skb, APPFW_A_VERSION, APPFW_VERSION))
		return -EMSGSIZE;

	hooks = nla_nest_start(skb, APPFW_A_HOOKS);
	if (!hooks)
		return -EMSGSIZE;
	for (slot = 0; slot < APPFW_SLOTS; slot++) {
		if (put_hook(skb, an, slot)) {
			nla_nest_cancel(skb, hooks);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, hooks);
	return 0;
}

static int get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg) {
		GENL_SET_ERR_MSG(info, "no memory for the status reply");
		return -ENOMEM;
	}

	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				APPFW_CMD_GET_STATUS);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto err;
	}
	ret = put_status(msg, appfw_net(genl_info_net(info)));
	if (ret)
		goto err;
	genlmsg_end(msg, hdr);

	return genlmsg_reply(msg, info);

err:
	GENL_SET_ERR_MSG(info, "status reply does not fit in one message");
	nlmsg_free(msg);
	return ret;
}

/*
 * Counters and policy describe what a namespace's users do, so every
 * command, even a read, needs CAP_NET_ADMIN over that namespace.
 */
static const struct genl_ops genl_ops[] = {
	{
		.cmd = APPFW_CMD_GET_STATUS,
		.doit = get_status,
		.policy = status_policy,
		.maxattr = ARRAY_SIZE(status_policy) - 1,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

/*
 * resv_start_op stays 0, so every command has the header's reserved byte
 * and unknown nlmsg_flags refused, and a command without a policy accepts
 * no attributes at all.
 */
static struct genl_family genl_family __ro_after_init = {
	.name = APPFW_GENL_NAME,
	.version = APPFW_GENL_VERSION,
	.module = THIS_MODULE,
	.netnsok = true,
	.resv_start_op = 0,
	.ops = genl_ops,
	.n_ops = ARRAY_SIZE(genl_ops),
};

int __init appfw_genl_init(void)
{
	return genl_register_family(&genl_family);
}

void appfw_genl_uninit(void)
{
	genl_unregister_family(&genl_family);
}
