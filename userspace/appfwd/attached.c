// SPDX-License-Identifier: GPL-2.0
/*
 * The attached backend: the kernel decides (backend.h). One netlink
 * socket per engine, since a struct afw_genl serves one thread; any
 * socket of the namespace may send flow and learn requests, only the one
 * main() registered with is the agent.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>

#include "backend.h"
#include "dns.h"
#include "log.h"

_Static_assert(sizeof(struct afw_learn_addr) == sizeof(struct afw_dns_addr),
	       "afw_learn_addr and afw_dns_addr differ");

static struct afw_attached *attached_of(struct afw_backend *be)
{
	return (struct afw_attached *)((char *)be -
				       offsetof(struct afw_attached, be));
}

static void refused(struct afw_attached *a, int err, const char *what)
{
	/* One line, not one per packet: the counter says how many. */
	if (!a->errors++)
		afw_log("kernel refused %s: %s%s%s", what, strerror(-err),
			a->g.extack[0] ? ": " : "", a->g.extack);
}

static void decide(struct afw_backend *be, const struct afw_flow_tuple *t,
		   uint8_t source, const char *name, struct afw_decision *d)
{
	struct afw_attached *a = attached_of(be);
	int err;

	err = afw_flow_set(&a->g, t, source, name, &d->app, &d->action);
	if (err) {
		d->app = 0;
		d->action = APPFW_ACTION_UNSPEC;
		d->err = err;
		if (err != -ENOENT)
			refused(a, err, "a flow decision");
		return;
	}
	if (d->app && name) {
		d->source = source;
		/* The kernel answers with the app, not the entry. */
		snprintf(d->entry, sizeof(d->entry), "%s", name);
	}
}

static uint16_t learn(struct afw_backend *be, const struct afw_dns_answer *ans,
		      int64_t now_ms, uint8_t *action)
{
	struct afw_attached *a = attached_of(be);
	const char *names[AFW_DNS_CHAIN_MAX];
	struct afw_learn_addr addrs[AFW_DNS_ADDRS_MAX];
	size_t nnames = ans->nnames, naddrs = ans->naddrs;
	uint16_t app = 0;
	int err;

	(void)now_ms;
	*action = APPFW_ACTION_UNSPEC;
	if (nnames > APPFW_LEARN_NAMES_MAX)
		nnames = APPFW_LEARN_NAMES_MAX;
	if (naddrs > APPFW_LEARN_ADDRS_MAX)
		naddrs = APPFW_LEARN_ADDRS_MAX;
	if (!nnames || !naddrs)
		return 0;
	for (size_t i = 0; i < nnames; i++)
		names[i] = ans->names[i];
	for (size_t i = 0; i < naddrs; i++) {
		addrs[i].family = ans->addrs[i].family;
		memcpy(addrs[i].addr, ans->addrs[i].addr, sizeof(addrs[i].addr));
		addrs[i].ttl = ans->addrs[i].ttl;
	}
	err = afw_learn(&a->g, names, nnames, addrs, naddrs, &app, action);
	if (err) {
		refused(a, err, "a DNS answer");
		return 0;
	}
	return app;
}

static int flow_get(struct afw_backend *be, const struct afw_flow_tuple *t,
		    struct afw_flow_state *st)
{
	struct afw_attached *a = attached_of(be);
	int err = afw_flow_get(&a->g, t, st);

	if (err && err != -ENOENT)
		refused(a, err, "a flow query");
	return err;
}

/* NF_REPEAT: the hook finds the flow decided and acts (drop, reset,
 * count, event) itself. Without a decision there is nothing for it to
 * find: such packets pass. */
static void verdict(struct afw_backend *be, const struct afw_decision *d,
		    struct afw_verdict *v)
{
	(void)be;
	v->verdict = d->err ? NF_ACCEPT : NF_REPEAT;
	v->mark = v->mark_mask = v->again = 0;
}

static const struct afw_backend_ops attached_ops = {
	.decide = decide,
	.learn = learn,
	.flow_get = flow_get,
	.verdict = verdict,
};

int afw_attached_init(struct afw_attached *a)
{
	memset(a, 0, sizeof(*a));
	a->be.ops = &attached_ops;
	return afw_genl_open(&a->g);
}

void afw_attached_free(struct afw_attached *a)
{
	afw_genl_close(&a->g);
}
