/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `appfw status`: the reply to APPFW_CMD_GET_STATUS, parsed and printed
 * in two steps so that the unit tests can feed it crafted replies. Other
 * commands read the generation and the configuration from it too.
 */
#ifndef APPFW_STATUS_H
#define APPFW_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/appfw.h>
#include <linux/netlink.h>

#include "genl.h"
#include "policy.h"

/* More than the four hooks appfw has; a reply with more is refused. */
#define APPFW_STATUS_MAX_HOOKS 16

struct appfw_hook_counters {
	uint8_t family; /* NFPROTO_* */
	uint8_t hook; /* NF_INET_* */
	uint64_t packets;
	uint64_t bytes;
};

/* The parts after the hooks are optional: a module that lacks them still
 * gets its status shown, without them. */
struct appfw_status {
	bool received; /* a reply was parsed */
	char module_version[32];
	unsigned int nhooks;
	struct appfw_hook_counters hooks[APPFW_STATUS_MAX_HOOKS];
	bool has_generation, has_config, has_sizes, has_flows;
	uint64_t generation;
	struct afw_config config; /* its has_* say which settings came */
	uint32_t apps, domains, prefixes; /* the APPFW_A_POLICY_* */
	uint64_t policy_bytes;
	uint32_t flows_active, flows_limit;
	uint64_t flows_evicted;
	/* APPFW_A_COUNTER_* by attribute type; has_counter says which came */
	bool has_counter[APPFW_A_COUNTER_MAX + 1];
	uint64_t counter[APPFW_A_COUNTER_MAX + 1];
	/* The agent (appfwd) registered with the module, if any. */
	bool has_agent;
	uint32_t agent_portid;
	uint16_t agent_queue, agent_queues;
};

/* An afw_genl_cb: fills the struct appfw_status at arg from one reply;
 * -EPROTO if the reply is malformed or lacks an attribute. */
int appfw_status_parse(struct nlmsghdr *nlh, void *arg);

/* Prints st through the print layer, hooks sorted by family then hook;
 * returns print_end()'s verdict. */
int appfw_status_print(struct appfw_status *st);

/* Asks the kernel; 0 or -errno. */
int appfw_status_get(struct afw_genl *g, struct appfw_status *st);

/*
 * The configuration through the print layer: in text "mark-mask 0x...",
 * "skb-mark on|off", "depth N", "fail-closed on|off", "learn on|off",
 * separated by sep; in JSON the members mark_mask (a "0x%08x" string),
 * skb_mark (bool), depth, fail_closed and learn (bools). Settings c lacks
 * are left out.
 */
void appfw_config_print(const struct afw_config *c, const char *sep);

#endif
