// SPDX-License-Identifier: GPL-2.0
/*
 * Decision events: one APPFW_CMD_EVENT to the "events" multicast group for
 * every flow decided as an app, laid out as include/uapi/linux/appfw.h
 * says. They are built on the packet path, so with GFP_ATOMIC, and limited
 * per namespace and second, so that a flood of new flows costs a counter
 * rather than a message each.
 */

#include "event.h"
#include "netlink.h"
#include "shared/http.h"
#include "shared/tls.h"

#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/ratelimit.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include <net/netlink.h>

static unsigned int event_rate = 100;

static int event_rate_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, 1000000);
}

static const struct kernel_param_ops event_rate_ops = {
	.set = event_rate_set,
	.get = param_get_uint,
};

module_param_cb(event_rate, &event_rate_ops, &event_rate, 0444);
MODULE_PARM_DESC(event_rate,
		 "decision events each namespace sends per second at most; 0 sends none (0-1000000, default 100)");

/* The largest event: the longest name, entry and addresses. */
#define EVENT_SIZE							\
	(nla_total_size(0) +			/* APPFW_A_EVENT */	\
	 nla_total_size(sizeof(u16)) +		/* _APP */		\
	 nla_total_size(APPFW_APP_NAME_LEN) +	/* _APP_NAME */		\
	 4 * nla_total_size(sizeof(u8)) +	/* _ACTION ... _PROTO */ \
	 nla_total_size(max(AFW_TLS_SNI_MAX, AFW_HTTP_HOST_MAX) + 1) + \
	 nla_total_size(AFW_DOMAIN_LEN_MAX + 1) +	/* _ENTRY */	\
	 2 * nla_total_size(sizeof(struct in6_addr)) +			\
	 2 * nla_total_size(sizeof(__be16)))

void appfw_event_net_init(struct appfw_net *an)
{
	ratelimit_state_init(&an->event_limit, HZ, event_rate);
	/*
	 * __ratelimit() would log "callbacks suppressed" after a limited
	 * second; this flag defers that to ratelimit_state_exit(), which is
	 * never called. EVENTS_DROPPED counts them instead.
	 */
	ratelimit_set_flags(&an->event_limit, RATELIMIT_MSG_ON_RELEASE);
}

/* name is not NUL-terminated (an HTTP Host points into the request). */
static int put_name(struct sk_buff *msg, const char *name, unsigned int len)
{
	struct nlattr *attr = nla_reserve(msg, APPFW_A_EVENT_NAME, len + 1);

	if (!attr)
		return -EMSGSIZE;
	memcpy(nla_data(attr), name, len);
	((char *)nla_data(attr))[len] = '\0';
	return 0;
}

/* The entry that matched, as `appfw show` prints it. */
static int put_entry(struct sk_buff *msg, const struct appfw_event *ev)
{
	char prefix[INET6_ADDRSTRLEN + sizeof("/128")];
	const struct afw_prefix *p = ev->prefix;

	if (ev->domain)
		return nla_put_string(msg, APPFW_A_EVENT_ENTRY,
				      ev->domain->name);
	/* A learned address is its own entry. */
	if (!p && ev->family == AF_INET)
		snprintf(prefix, sizeof(prefix), "%pI4", &ev->daddr->ip);
	else if (!p)
		snprintf(prefix, sizeof(prefix), "%pI6c", &ev->daddr->in6);
	else if (p->family == AFW_INET)
		snprintf(prefix, sizeof(prefix), "%pI4/%u", p->addr, p->len);
	else
		snprintf(prefix, sizeof(prefix), "%pI6c/%u", p->addr, p->len);
	return nla_put_string(msg, APPFW_A_EVENT_ENTRY, prefix);
}

static int put_event(struct sk_buff *msg, const struct appfw_event *ev)
{
	int alen = ev->family == AF_INET ? sizeof(struct in_addr) :
					   sizeof(struct in6_addr);
	struct nlattr *nest;

	nest = nla_nest_start(msg, APPFW_A_EVENT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(msg, APPFW_A_EVENT_APP, ev->app->id) ||
	    nla_put_string(msg, APPFW_A_EVENT_APP_NAME, ev->app->name) ||
	    nla_put_u8(msg, APPFW_A_EVENT_ACTION, ev->app->action) ||
	    nla_put_u8(msg, APPFW_A_EVENT_SOURCE, ev->source) ||
	    (ev->name && put_name(msg, ev->name, ev->name_len)) ||
	    put_entry(msg, ev) ||
	    nla_put_u8(msg, APPFW_A_EVENT_FAMILY, ev->family) ||
	    nla_put_u8(msg, APPFW_A_EVENT_PROTO, ev->proto) ||
	    nla_put(msg, APPFW_A_EVENT_SADDR, alen, ev->saddr) ||
	    nla_put(msg, APPFW_A_EVENT_DADDR, alen, ev->daddr) ||
	    (ev->ports &&
	     (nla_put_be16(msg, APPFW_A_EVENT_SPORT, ev->sport) ||
	      nla_put_be16(msg, APPFW_A_EVENT_DPORT, ev->dport)))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

void appfw_event_flow(struct appfw_net *an, const struct appfw_event *ev)
{
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (!__ratelimit(&an->event_limit))
		goto dropped;
	msg = genlmsg_new(EVENT_SIZE, GFP_ATOMIC);
	if (!msg)
		goto dropped;
	hdr = appfw_event_header(msg);
	if (!hdr || put_event(msg, ev)) {
		/* EVENT_SIZE holds any event: cannot be. */
		nlmsg_free(msg);
		goto dropped;
	}
	genlmsg_end(msg, hdr);

	/* No listener (-ESRCH) loses nobody anything. */
	ret = appfw_event_send(an->net, msg);
	if (ret && ret != -ESRCH)
		goto dropped;
	return;

dropped:
	appfw_net_stat(an, APPFW_STAT_EVENTS_DROPPED);
}
