// SPDX-License-Identifier: GPL-2.0
/*
 * appfw: app-level traffic policy for netfilter. Module init and exit only.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "netns.h"
#include "hooks.h"
#include "flow.h"
#include "netlink.h"
#include "appfw_version.h"

#include <uapi/linux/appfw.h>

#include <linux/init.h>
#include <linux/module.h>
#include <net/genetlink.h>

static int __init appfw_mod_init(void)
{
	int ret;

	/* What every namespace's packet path shares. */
	ret = appfw_hooks_init();
	if (ret)
		goto err_hooks;
	ret = appfw_flow_init();
	if (ret)
		goto err_flow;

	/* Namespaces first: commands read their state. */
	ret = appfw_netns_init();
	if (ret)
		goto err_netns;

	ret = appfw_genl_init();
	if (ret)
		goto err_genl;

	pr_info("appfw " APPFW_VERSION " loaded\n");
	return 0;

err_genl:
	appfw_netns_uninit();
err_netns:
	appfw_flow_uninit();
err_flow:
	appfw_hooks_uninit();
err_hooks:
	return ret;
}

static void __exit appfw_mod_exit(void)
{
	appfw_genl_uninit();
	appfw_netns_uninit();
	appfw_flow_uninit();
	appfw_hooks_uninit();
	pr_info("appfw " APPFW_VERSION " unloaded\n");
}

module_init(appfw_mod_init);
module_exit(appfw_mod_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("appfw developers");
MODULE_DESCRIPTION("App-level traffic policy for netfilter");
MODULE_VERSION(APPFW_VERSION);
MODULE_ALIAS_GENL_FAMILY(APPFW_GENL_NAME);
