// SPDX-License-Identifier: GPL-2.0
/*
 * An event, in text (for people, in local time):
 *
 *   12:00:01.234 wechat block sni weixin.qq.com entry qq.com tcp 192.0.2.1:40000 -> 203.0.113.10:443
 *
 * or as one JSON object per line (for programs, in UTC), with null for
 * what the event lacks (the name of a prefix match, the ports of ICMP).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "event.h"
#include "list.h"
#include "print.h"

static struct nla_policy top_policy[APPFW_A_MAX + 1] = {
	[APPFW_A_EVENT] = { .type = NLA_NESTED },
};

static struct nla_policy event_policy[APPFW_A_EVENT_MAX + 1] = {
	[APPFW_A_EVENT_APP] = { .type = NLA_U16 },
	[APPFW_A_EVENT_APP_NAME] = { .type = NLA_STRING,
				     .maxlen = APPFW_APP_NAME_LEN },
	[APPFW_A_EVENT_ACTION] = { .type = NLA_U8 },
	[APPFW_A_EVENT_SOURCE] = { .type = NLA_U8 },
	[APPFW_A_EVENT_NAME] = { .type = NLA_STRING,
				 .maxlen = AFW_DOMAIN_LEN_MAX + 2 },
	[APPFW_A_EVENT_ENTRY] = { .type = NLA_STRING,
				  .maxlen = AFW_DOMAIN_LEN_MAX + 2 },
	[APPFW_A_EVENT_FAMILY] = { .type = NLA_U8 },
	[APPFW_A_EVENT_PROTO] = { .type = NLA_U8 },
	[APPFW_A_EVENT_SADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_EVENT_DADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_EVENT_SPORT] = { .type = NLA_U16 },
	[APPFW_A_EVENT_DPORT] = { .type = NLA_U16 },
};

int appfw_event_parse(struct nlmsghdr *nlh, struct appfw_event *ev)
{
	struct nlattr *tb[APPFW_A_MAX + 1], *e[APPFW_A_EVENT_MAX + 1];
	int alen;

	memset(ev, 0, sizeof(*ev));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    ((struct genlmsghdr *)nlmsg_data(nlh))->cmd != APPFW_CMD_EVENT)
		return -ENOENT;
	if (genlmsg_parse(nlh, 0, tb, APPFW_A_MAX, top_policy) < 0 ||
	    !tb[APPFW_A_EVENT] ||
	    nla_parse_nested(e, APPFW_A_EVENT_MAX, tb[APPFW_A_EVENT],
			     event_policy) < 0)
		return -EPROTO;
	if (!e[APPFW_A_EVENT_APP] || !e[APPFW_A_EVENT_APP_NAME] ||
	    !e[APPFW_A_EVENT_ACTION] || !e[APPFW_A_EVENT_SOURCE] ||
	    !e[APPFW_A_EVENT_FAMILY] || !e[APPFW_A_EVENT_PROTO] ||
	    !e[APPFW_A_EVENT_SADDR] || !e[APPFW_A_EVENT_DADDR])
		return -EPROTO;
	ev->family = nla_get_u8(e[APPFW_A_EVENT_FAMILY]);
	alen = ev->family == AF_INET ? 4 : ev->family == AF_INET6 ? 16 : 0;
	if (!alen || nla_len(e[APPFW_A_EVENT_SADDR]) != alen ||
	    nla_len(e[APPFW_A_EVENT_DADDR]) != alen)
		return -EPROTO;
	memcpy(ev->saddr, nla_data(e[APPFW_A_EVENT_SADDR]), (size_t)alen);
	memcpy(ev->daddr, nla_data(e[APPFW_A_EVENT_DADDR]), (size_t)alen);
	ev->app = nla_get_u16(e[APPFW_A_EVENT_APP]);
	nla_strlcpy(ev->app_name, e[APPFW_A_EVENT_APP_NAME],
		    sizeof(ev->app_name));
	ev->action = nla_get_u8(e[APPFW_A_EVENT_ACTION]);
	ev->source = nla_get_u8(e[APPFW_A_EVENT_SOURCE]);
	ev->proto = nla_get_u8(e[APPFW_A_EVENT_PROTO]);
	if (e[APPFW_A_EVENT_NAME])
		nla_strlcpy(ev->name, e[APPFW_A_EVENT_NAME], sizeof(ev->name));
	if (e[APPFW_A_EVENT_ENTRY])
		nla_strlcpy(ev->entry, e[APPFW_A_EVENT_ENTRY],
			    sizeof(ev->entry));
	if (e[APPFW_A_EVENT_SPORT] && e[APPFW_A_EVENT_DPORT]) {
		ev->has_ports = true;
		ev->sport = ntohs(nla_get_u16(e[APPFW_A_EVENT_SPORT]));
		ev->dport = ntohs(nla_get_u16(e[APPFW_A_EVENT_DPORT]));
	}
	return 0;
}

static const char *source_str(uint8_t source)
{
	switch (source) {
	case APPFW_SOURCE_SNI:
		return "sni";
	case APPFW_SOURCE_HOST:
		return "host";
	case APPFW_SOURCE_PREFIX:
		return "prefix";
	}
	return "?";
}

static const char *proto_str(uint8_t proto, char buf[4])
{
	switch (proto) {
	case 1:
		return "icmp";
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 58:
		return "icmpv6";
	}
	snprintf(buf, 4, "%u", proto);
	return buf;
}

/* One end of the flow: the address, and in text its port after it. */
static void print_end_point(const struct appfw_event *ev, const uint8_t *addr,
			    bool has_port, uint16_t port, const char *akey,
			    const char *pkey, const char *text_fmt)
{
	char a[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN + 10];

	inet_ntop(ev->family, addr, a, sizeof(a));
	print_string(PRINT_JSON, akey, NULL, a);
	if (has_port) {
		snprintf(t, sizeof(t), ev->family == AF_INET6 ? "[%s]:%u" :
								"%s:%u", a, port);
		print_u64(PRINT_JSON, pkey, NULL, port);
	} else {
		snprintf(t, sizeof(t), "%s", a);
		print_null(PRINT_JSON, pkey, NULL);
	}
	print_string(PRINT_FP, NULL, text_fmt, t);
}

int appfw_event_print(const struct appfw_event *ev, const struct timespec *when)
{
	char stamp[48], frac[16], buf[4];
	struct tm tm;

	snprintf(frac, sizeof(frac), ".%03ld", (when->tv_nsec / 1000000) % 1000);
	if (print_is_json()) {
		gmtime_r(&when->tv_sec, &tm);
		strftime(stamp, sizeof(stamp) - 16, "%Y-%m-%dT%H:%M:%S", &tm);
		strcat(strcat(stamp, frac), "Z");
	} else {
		localtime_r(&when->tv_sec, &tm);
		strftime(stamp, sizeof(stamp) - 16, "%H:%M:%S", &tm);
		strcat(stamp, frac);
	}
	open_json_object(NULL);
	print_string(PRINT_ANY, "time", "%s", stamp);
	print_string(PRINT_ANY, "app", " %s", ev->app_name);
	print_u64(PRINT_JSON, "app_id", NULL, ev->app);
	print_string(PRINT_ANY, "action", " %s", appfw_action_str(ev->action, buf));
	print_string(PRINT_ANY, "source", " %s", source_str(ev->source));
	if (ev->name[0])
		print_string(PRINT_ANY, "name", " %s", ev->name);
	else
		print_null(PRINT_JSON, "name", NULL);
	if (ev->entry[0])
		print_string(PRINT_ANY, "entry", " entry %s", ev->entry);
	else
		print_null(PRINT_JSON, "entry", NULL);
	print_string(PRINT_JSON, "family", NULL,
		     ev->family == AF_INET ? "ipv4" : "ipv6");
	print_string(PRINT_ANY, "proto", " %s", proto_str(ev->proto, buf));
	print_end_point(ev, ev->saddr, ev->has_ports, ev->sport, "saddr",
			"sport", " %s");
	print_end_point(ev, ev->daddr, ev->has_ports, ev->dport, "daddr",
			"dport", " -> %s\n");
	close_json_object();
	return print_end();
}
