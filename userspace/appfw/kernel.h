/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's policy, read into a struct afw_policy (lib/policy.h) and
 * written back through a batch (lib/batch.h): the reply parsers, the
 * dumps, and the attribute writers the batch calls. The commands build on
 * these; the unit tests feed the parsers crafted replies.
 */
#ifndef APPFW_KERNEL_H
#define APPFW_KERNEL_H

#include <stdint.h>

#include <linux/netlink.h>

#include "genl.h"
#include "policy.h"
#include "status.h"

/*
 * afw_genl_cb parsers; arg is the struct afw_policy to add to. -EPROTO for
 * a malformed reply, -EINTR for an entry of an app the policy lacks (the
 * policy changed between two dumps: read again).
 */
int appfw_parse_app(struct nlmsghdr *nlh, void *pol);
int appfw_parse_domains(struct nlmsghdr *nlh, void *pol);
int appfw_parse_prefixes(struct nlmsghdr *nlh, void *pol);

/* Sends cmd (flags: NLM_F_DUMP or 0) about app (0: every app), each
 * reply to cb. */
int appfw_talk_app(struct afw_genl *g, uint8_t cmd, int flags, uint16_t app,
		   afw_genl_cb cb, void *arg);

/* Dumps every app into pol, then every domain and prefix (of app only,
 * unless app is 0); -EINTR if a commit interrupted a dump. */
int appfw_read_apps(struct afw_genl *g, struct afw_policy *pol);
int appfw_read_entries(struct afw_genl *g, struct afw_policy *pol,
		       uint16_t app);

/*
 * One consistent view: the status (st), every app, and the domains and
 * prefixes of the app named only (of every app if only is NULL; none if
 * there is no such app, which the caller tells by afw_policy_find_app).
 * pol->config is the kernel's configuration. Reads again while commits
 * interleave, a few times, then gives up with -EINTR.
 */
int appfw_read_policy(struct afw_genl *g, struct afw_policy *pol,
		      const char *only, struct appfw_status *st);

/* afw_batch_put writers. entry is a struct afw_app for the app ones. */
int appfw_put_new_app(struct nl_msg *msg, const void *app);
int appfw_put_set_app(struct nl_msg *msg, const void *app);	/* action */
int appfw_put_app_id(struct nl_msg *msg, const void *app);	/* del */
/* entry: struct appfw_domain_ref */
struct appfw_domain_ref {
	const struct afw_policy *pol;
	const struct afw_domain *d;
};
int appfw_put_domain(struct nl_msg *msg, const void *ref);
int appfw_put_prefix(struct nl_msg *msg, const void *prefix);
int appfw_put_config(struct nl_msg *msg, const void *config);

#endif
