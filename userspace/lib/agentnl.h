/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The agent's side of the appfw family (include/uapi/linux/appfw.h, "The
 * agent", "Flows", "DNS answer learning"), on a struct afw_genl (genl.h):
 *
 *   struct afw_genl g;
 *
 *   err = afw_genl_open(&g);
 *   err = afw_agent_register(&g, 0, 4);        queues 0..3
 *   ... per flow the queues deliver:
 *   err = afw_flow_get(&g, &tuple, &state);     where the kernel stopped
 *   err = afw_flow_set(&g, &tuple, APPFW_SOURCE_QUIC, sni, &app, &action);
 *   ... per DNS answer:
 *   err = afw_learn(&g, names, nnames, addrs, naddrs, &app, &action);
 *   afw_genl_close(&g);                        unregisters too
 *
 * The registration belongs to the socket: keep g open as long as the
 * agent serves its queues. Every function returns 0 or -errno; when the
 * kernel refuses, the errno is the kernel's and g->extack holds its
 * message (afw_genl_perror() prints both). -ENOENT from the flow
 * functions: conntrack has no such flow (it ended, or never was).
 *
 * Not thread-safe per struct afw_genl: one socket per thread, or a lock.
 * Any socket of the namespace may send flow and learn requests; only the
 * registering one is the agent.
 */
#ifndef AFW_AGENTNL_H
#define AFW_AGENTNL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genl.h"
#include "tls.h"

/* A flow as its client sent it (the conntrack original direction). */
struct afw_flow_tuple {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	uint8_t saddr[16];	/* 4 or 16 bytes used, network order */
	uint8_t daddr[16];
	uint16_t sport, dport;	/* host order */
};

/* The kernel's view of a flow (APPFW_CMD_GET_FLOW). */
struct afw_flow_state {
	bool decided;		/* app is the decision (0: no app) */
	uint16_t app;
	/*
	 * A TCP flow whose ClientHello the kernel followed: the first byte it
	 * has not seen in order (the next the agent must feed) and, if some
	 * bytes before it were seen, the parser state after them, to be fed
	 * the bytes from next_seq on (afw_tls_feed()).
	 */
	bool has_next_seq;
	uint32_t next_seq;
	bool has_tls;
	struct afw_tls tls;
};

/*
 * An address learned from a DNS answer: the same layout as struct
 * afw_dns_addr of appfwd/dns.h, so that an answer's addresses convert
 * field by field.
 */
struct afw_learn_addr {
	uint8_t family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];	/* 4 or 16 bytes used */
	uint32_t ttl;		/* seconds, from the answer */
};

/* Makes g's socket the namespace's agent for queues first..first+n-1;
 * -EBUSY while another socket is. Registering again changes the queues. */
int afw_agent_register(struct afw_genl *g, uint16_t first_queue,
		       uint16_t nqueues);
/* -ENOENT if g's socket is not the agent. Closing the socket does it too. */
int afw_agent_unregister(struct afw_genl *g);

int afw_flow_get(struct afw_genl *g, const struct afw_flow_tuple *t,
		 struct afw_flow_state *out);

/*
 * Decides t by name (NULL: the flow has none, decided as no app); source
 * is APPFW_SOURCE_SNI, APPFW_SOURCE_QUIC or APPFW_SOURCE_HOST. *app gets
 * the flow's decision (perhaps an earlier one; 0: no app) and *action the
 * app's action now (APPFW_ACTION_UNSPEC for no app). Either may be NULL.
 */
int afw_flow_set(struct afw_genl *g, const struct afw_flow_tuple *t,
		 uint8_t source, const char *name, uint16_t *app,
		 uint8_t *action);

/*
 * Teaches the kernel that names[0] (the question) and its CNAME chain
 * names[1..] resolved to addrs: 1..APPFW_LEARN_NAMES_MAX names,
 * 1..APPFW_LEARN_ADDRS_MAX addresses (-EINVAL otherwise, before sending).
 * *app (may be NULL) gets the app they were learned for, 0 if no name
 * belongs to one (nothing learned), and *action (may be NULL) that app's
 * action (APPFW_ACTION_UNSPEC for no app, or from a module too old to
 * say).
 */
int afw_learn(struct afw_genl *g, const char *const names[], size_t nnames,
	      const struct afw_learn_addr addrs[], size_t naddrs,
	      uint16_t *app, uint8_t *action);

/* Reply parsers, for the unit tests. */
int afw_agentnl_parse_flow(struct nlmsghdr *nlh, void *state);

/* What a SET_FLOW or LEARN reply says: an app and its action. */
struct afw_app_reply {
	uint16_t app;
	uint8_t action;
	bool seen;
};

int afw_agentnl_parse_learn(struct nlmsghdr *nlh, void *reply);

#endif
