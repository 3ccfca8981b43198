/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy file: what `appfw save` writes and `appfw restore` reads.
 * Text, one directive per line, words separated by spaces or tabs, '#'
 * to the end of a line is a comment:
 *
 *	config mark-mask 0xffff0000
 *	config skb-mark off
 *	config depth 8
 *	app wechat 1 block		app NAME ID ACTION
 *	domain wechat qq.com		the name and every name under it
 *	host wechat mp.weixin.qq.com	that name only
 *	prefix wechat 203.0.113.0/24	IPv4 or IPv6, no host bits
 *
 * An app is declared before its entries. Names, ids, domains and prefixes
 * follow syntax.h, and nothing may be listed twice (an app's name or id,
 * a domain or host name, a prefix), so a file that parses loads into an
 * empty kernel policy as it is. A config setting the file leaves out
 * keeps its current value on restore.
 */
#ifndef AFW_POLICYFILE_H
#define AFW_POLICYFILE_H

#include <stdio.h>

#include "policy.h"

/*
 * What appfw save writes and appfw restore reads when given no FILE: the
 * Makefile sets it from SYSCONFDIR.
 */
#ifndef AFW_POLICY_FILE
#define AFW_POLICY_FILE "/etc/appfw/policy.conf"
#endif

/* Lines past this are refused rather than read in pieces. */
#define AFW_POLICYFILE_LINE_MAX 1024

struct afw_policyfile_error {
	unsigned int line;	/* 0: not about one line (a read error) */
	char msg[256];
};

/*
 * Reads fp to its end into pol (initialised, empty). 0, or -EINVAL for a
 * bad line (the first one), -EIO for a read error, -ENOMEM; err says what
 * and where.
 */
int afw_policyfile_read(FILE *fp, struct afw_policy *pol,
			struct afw_policyfile_error *err);

/*
 * Writes pol (sorting it first: afw_policy_sort) with the config settings
 * it has. 0, -EIO if fp reports an error, -EINVAL for an action this
 * version cannot name, -ENOMEM. Does not flush or close fp.
 */
int afw_policyfile_write(FILE *fp, struct afw_policy *pol);

/*
 * Writes pol to the file at path atomically: after a crash the file holds
 * the old policy or the new one. A symbolic link is followed, an existing
 * file keeps its mode, a new one gets 0666 less the umask. 0 or -errno;
 * on failure the old file is untouched and no temporary file is left.
 */
int afw_policyfile_save(const char *path, struct afw_policy *pol);

#endif
