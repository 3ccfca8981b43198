// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers are decimal digits only: no sign, no spaces, no leading zeros,
 * no 0x. strtoul would take " -1" as a huge value and "08" as eight; a
 * policy should mean one thing, and the printers never write such forms.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "syntax.h"

/* The reasons below spell these limits out. */
_Static_assert(APPFW_APP_NAME_LEN == 32, "app name length in messages");
_Static_assert(APPFW_APP_ID_MAX == 32767, "app id range in messages");
_Static_assert(APPFW_DEPTH_MAX == 32, "depth range in messages");
_Static_assert(APPFW_MARK_BITS_MIN == 4, "mark bits in messages");

/* 0 and *value for a canonical decimal of at most max, else -EINVAL. */
static int parse_decimal(const char *s, unsigned long max,
			 unsigned long *value)
{
	unsigned long v = 0;
	size_t i;

	if (!s[0] || (s[0] == '0' && s[1]))
		return -EINVAL;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(s[i] - '0');
		if (v > max)
			return -EINVAL;
	}
	*value = v;
	return 0;
}

int afw_parse_app_name(const char *s, const char **why)
{
	size_t len = strlen(s);

	if (!len) {
		*why = "empty name";
		return -EINVAL;
	}
	if (len >= APPFW_APP_NAME_LEN) {
		*why = "longer than 31 characters";
		return -EINVAL;
	}
	if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.-") != len) {
		*why = "use only a-z, 0-9, '_', '.', '-'";
		return -EINVAL;
	}
	return 0;
}

int afw_parse_app_id(const char *s, uint16_t *id, const char **why)
{
	unsigned long v;

	if (parse_decimal(s, APPFW_APP_ID_MAX, &v) || !v) {
		*why = "use 1 to 32767";
		return -EINVAL;
	}
	*id = (uint16_t)v;
	return 0;
}

static const char *const action_names[] = {
	[APPFW_ACTION_ALLOW] = "allow",
	[APPFW_ACTION_BLOCK] = "block",
	[APPFW_ACTION_REJECT] = "reject",
	[APPFW_ACTION_MONITOR] = "monitor",
};

int afw_parse_action(const char *s, uint8_t *action, const char **why)
{
	for (uint8_t a = 1; a <= APPFW_ACTION_MAX; a++) {
		if (!strcmp(s, action_names[a])) {
			*action = a;
			return 0;
		}
	}
	*why = "use block, reject, allow or monitor";
	return -EINVAL;
}

const char *afw_action_name(uint8_t action)
{
	if (action < 1 || action > APPFW_ACTION_MAX)
		return NULL;
	return action_names[action];
}

int afw_parse_domain(const char *s, char out[AFW_DOMAIN_LEN_MAX + 1],
		     const char **why)
{
	size_t len = strlen(s), i;

	if (afw_domain_check(s, len, why))
		return -EINVAL;
	if (s[len - 1] == '.')
		len--;
	for (i = 0; i < len; i++)
		out[i] = (char)afw_tolower((u8)s[i]);
	out[len] = '\0';
	return 0;
}

int afw_parse_addr(const char *s, uint8_t addr[16], size_t *len)
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1) {
		*len = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		*len = 16;
		return 0;
	}
	return -EINVAL;
}

int afw_parse_prefix(const char *s, struct afw_prefix *p, const char **why,
		     char *why_buf)
{
	char addr[INET6_ADDRSTRLEN], meant[AFW_PREFIX_STRLEN];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s), bytes;
	unsigned long len, bits;
	struct afw_prefix net;

	memset(p, 0, sizeof(*p));
	if (alen >= sizeof(addr)) {
		*why = "not an IPv4 or IPv6 address";
		return -EINVAL;
	}
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (afw_parse_addr(addr, p->addr, &bytes)) {
		*why = "not an IPv4 or IPv6 address";
		return -EINVAL;
	}
	p->family = bytes == 4 ? AFW_INET : AFW_INET6;
	bits = bytes * 8;
	len = bits;
	if (slash && parse_decimal(slash + 1, bits, &len)) {
		*why = bits == 32 ? "prefix length is not 0 to 32" :
				    "prefix length is not 0 to 128";
		return -EINVAL;
	}
	p->len = (u8)len;
	if (afw_prefix_check(p, NULL)) {
		/* The same network without the stray bits is the usual
		 * intent; say it rather than guess silently. */
		net = *p;
		for (size_t i = 0; i < 16; i++) {
			size_t keep = len > i * 8 ? len - i * 8 : 0;

			if (keep < 8)
				net.addr[i] &= (u8)~(0xffu >> keep);
		}
		afw_format_prefix(&net, meant);
		snprintf(why_buf, AFW_WHY_LEN, "host bits set, did you mean %s?",
			 meant);
		*why = why_buf;
		return -EINVAL;
	}
	return 0;
}

void afw_format_prefix(const struct afw_prefix *p, char *buf)
{
	int af = p->family == AFW_INET6 ? AF_INET6 : AF_INET;

	if (!inet_ntop(af, p->addr, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	snprintf(buf + strlen(buf), AFW_PREFIX_STRLEN - strlen(buf), "/%u",
		 p->len);
}

int afw_parse_mark_mask(const char *s, uint32_t *mask, const char **why)
{
	const char *hex = strncmp(s, "0x", 2) ? s : s + 2;
	size_t len = strlen(hex);
	uint32_t m = 0, low;

	if (!len || len > 8 || strspn(hex, "0123456789abcdefABCDEF") != len) {
		*why = "use up to 8 hex digits, e.g. 0xffff0000";
		return -EINVAL;
	}
	for (size_t i = 0; i < len; i++) {
		char c = hex[i];

		m = m << 4 | (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	/* Adding the lowest set bit carries through a contiguous run and
	 * leaves no bit of it behind. */
	low = m & -m;
	if (!m || ((m + low) & m)) {
		*why = "the bits must be contiguous";
		return -EINVAL;
	}
	if (__builtin_popcount(m) < APPFW_MARK_BITS_MIN) {
		*why = "fewer than 4 bits";
		return -EINVAL;
	}
	*mask = m;
	return 0;
}

int afw_parse_depth(const char *s, uint8_t *depth, const char **why)
{
	unsigned long v;

	if (parse_decimal(s, APPFW_DEPTH_MAX, &v) || !v) {
		*why = "use 1 to 32";
		return -EINVAL;
	}
	*depth = (uint8_t)v;
	return 0;
}

int afw_parse_on_off(const char *s, bool *on, const char **why)
{
	if (!strcmp(s, "on") || !strcmp(s, "off")) {
		*on = s[1] == 'n';
		return 0;
	}
	*why = "use on or off";
	return -EINVAL;
}

/* Each setting: its name, where c keeps it, and how it is written. */
static const struct {
	const char *name;
	size_t has, value;	/* offsets in struct afw_config */
	enum { MASK, ON_OFF, DEPTH } type;
} settings[AFW_CONFIG_SETTINGS] = {
#define SETTING(k, name, field, type)					\
	[k] = { name, offsetof(struct afw_config, has_##field),		\
		offsetof(struct afw_config, field), type }
	SETTING(AFW_CONFIG_MARK_MASK, "mark-mask", mark_mask, MASK),
	SETTING(AFW_CONFIG_SKB_MARK, "skb-mark", skb_mark, ON_OFF),
	SETTING(AFW_CONFIG_DEPTH, "depth", depth, DEPTH),
	SETTING(AFW_CONFIG_FAIL_CLOSED, "fail-closed", fail_closed, ON_OFF),
	SETTING(AFW_CONFIG_LEARN, "learn", learn, ON_OFF),
#undef SETTING
};

const char *afw_config_name(int k)
{
	return k >= 0 && k < AFW_CONFIG_SETTINGS ? settings[k].name : NULL;
}

int afw_config_find(const char *name)
{
	for (int k = 0; k < AFW_CONFIG_SETTINGS; k++)
		if (!strcmp(name, settings[k].name))
			return k;
	return -ENOENT;
}

int afw_config_set(struct afw_config *c, int k, const char *s,
		   const char **why)
{
	void *value;
	int err;

	if (!afw_config_name(k)) {
		*why = "no such setting";
		return -EINVAL;
	}
	value = (char *)c + settings[k].value;
	switch (settings[k].type) {
	case MASK:
		err = afw_parse_mark_mask(s, value, why);
		break;
	case DEPTH:
		err = afw_parse_depth(s, value, why);
		break;
	default:
		err = afw_parse_on_off(s, value, why);
		break;
	}
	*(bool *)((char *)c + settings[k].has) = !err;
	return err;
}

bool afw_config_get(const struct afw_config *c, int k,
		    char buf[AFW_CONFIG_VALUE_LEN])
{
	const void *value;

	if (!afw_config_name(k))
		return false;
	value = (const char *)c + settings[k].value;
	switch (settings[k].type) {
	case MASK:
		snprintf(buf, AFW_CONFIG_VALUE_LEN, "0x%08" PRIx32,
			 *(const uint32_t *)value);
		break;
	case DEPTH:
		snprintf(buf, AFW_CONFIG_VALUE_LEN, "%u",
			 *(const uint8_t *)value);
		break;
	default:
		snprintf(buf, AFW_CONFIG_VALUE_LEN, "%s",
			 *(const bool *)value ? "on" : "off");
		break;
	}
	return *(const bool *)((const char *)c + settings[k].has);
}

bool afw_config_any(const struct afw_config *c)
{
	char value[AFW_CONFIG_VALUE_LEN];

	for (int k = 0; k < AFW_CONFIG_SETTINGS; k++)
		if (afw_config_get(c, k, value))
			return true;
	return false;
}
