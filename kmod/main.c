// SPDX-License-Identifier: GPL-2.0
/*
 * appfw: app-level traffic policy for netfilter. Module init and exit only.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include "netns.h"
#include "netlink.h"
#include "appfw_version.h"

#include <uapi/linux/appfw.h>

#include <linux/init.h>
#include <linux/module.h>
#include <net/genetlink.h>

static int __init appfw_mod_init(void)
{
	int ret;

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
	return ret;
}

static void __exit appfw_mod_exit(void)
{
	appfw_genl_uninit();
	appfw_netns_uninit();
	pr_info("appfw " APPFW_VERSION " unloaded\n");
}

module_init(appfw_mod_init);
module_exit(appfw_mod_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("appfw developers");
MODULE_DESCRIPTION("App-level traffic policy for netfilter");
MODULE_VERSION(APPFW_VERSION);
MODULE_ALIAS_GENL_FAMILY(APPFW_GENL_NAME);
