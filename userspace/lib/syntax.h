/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words of a policy: app names, ids and actions, domain names, CIDR
 * prefixes and configuration values. The command line and the policy file
 * parse them here, so both accept exactly the same things and explain a
 * refusal in the same words; the printers write what the parsers read.
 *
 * Parsers return 0 or -EINVAL and then point *why at a short reason for
 * "bad <what> \"<value>\": <why>". None of them talks to the kernel.
 */
#ifndef AFW_SYNTAX_H
#define AFW_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/appfw.h>

#include "domain.h"
#include "policy.h"
#include "prefix.h"

/* "wechat": 1..APPFW_APP_NAME_LEN-1 characters from [a-z0-9_.-]. */
int afw_parse_app_name(const char *s, const char **why);
/* "1".."32767", decimal without sign or leading zeros. */
int afw_parse_app_id(const char *s, uint16_t *id, const char **why);

/* "allow", "block", "reject", "monitor" <-> enum appfw_action. */
int afw_parse_action(const char *s, uint8_t *action, const char **why);
/* The name of an action, or NULL for a value this version does not know. */
const char *afw_action_name(uint8_t action);

/*
 * A host name as the domain table takes it (domain.h): out gets it in the
 * form the kernel stores and dumps, lowercase without the trailing dot.
 */
int afw_parse_domain(const char *s, char out[AFW_DOMAIN_LEN_MAX + 1],
		     const char **why);

/*
 * "203.0.113.0/24", "2001:db8::/32", or an address alone for a host
 * (/32, /128). Host bits set past the length are refused, not masked: the
 * reason then names the prefix that was probably meant, so why points
 * into why_buf (at least AFW_WHY_LEN bytes). p->app is set to 0.
 */
#define AFW_WHY_LEN 96
int afw_parse_prefix(const char *s, struct afw_prefix *p, const char **why,
		     char *why_buf);
/* "203.0.113.0/24"; buf of at least AFW_PREFIX_STRLEN bytes. */
#define AFW_PREFIX_STRLEN 50
void afw_format_prefix(const struct afw_prefix *p, char *buf);

/* An IPv4 or IPv6 address alone: 4 or 16 bytes into addr, *len set. */
int afw_parse_addr(const char *s, uint8_t addr[16], size_t *len);

/* Contiguous, at least APPFW_MARK_BITS_MIN bits: "0xffff0000" (the 0x is
 * optional, the digits are hex). */
int afw_parse_mark_mask(const char *s, uint32_t *mask, const char **why);
/* 1..APPFW_DEPTH_MAX. */
int afw_parse_depth(const char *s, uint8_t *depth, const char **why);
/* "on" or "off". */
int afw_parse_on_off(const char *s, bool *on, const char **why);

/*
 * The configuration's settings, by the names the policy file ("config
 * NAME VALUE") and appfw config (--NAME VALUE) give them, in that order.
 */
enum afw_config_setting {
	AFW_CONFIG_MARK_MASK,
	AFW_CONFIG_SKB_MARK,
	AFW_CONFIG_DEPTH,
	AFW_CONFIG_FAIL_CLOSED,
	AFW_CONFIG_LEARN,
	AFW_CONFIG_SETTINGS
};
/* "mark-mask"..., or NULL for k past the last. */
const char *afw_config_name(int k);
/* The setting called name, or -ENOENT. */
int afw_config_find(const char *name);
/* Setting k's value from s, with the parsers above; c then has it. */
int afw_config_set(struct afw_config *c, int k, const char *s,
		   const char **why);
/* Whether c has setting k, and then its value in buf, as written. */
#define AFW_CONFIG_VALUE_LEN 12
bool afw_config_get(const struct afw_config *c, int k,
		    char buf[AFW_CONFIG_VALUE_LEN]);
/* Whether c has any setting. */
bool afw_config_any(const struct afw_config *c);

#endif
