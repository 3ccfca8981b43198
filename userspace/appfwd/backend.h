/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who decides for the engine (engine.h).
 *
 * Attached (attached.c): the kernel. It already looked the destination
 * address up before it queued anything, so the engine only brings names:
 * APPFW_CMD_SET_FLOW, then NF_REPEAT for every held packet, so that the
 * hook runs again, finds the flow decided and acts itself. DNS answers go
 * to APPFW_CMD_LEARN. TCP flows start where the kernel stopped
 * (APPFW_CMD_GET_FLOW).
 *
 * Local (local.c): the policy file, looked up with the kernel's own
 * matchers (kmod/shared/domain.c, prefix.c) in the kernel's order: the
 * prefix table, then learned addresses, then the name. Verdicts: block
 * and reject drop (NFQUEUE cannot send a reset: in standalone mode the
 * rules' REJECT does, on the mark below), allow, monitor and no app
 * accept.
 *
 * In standalone mode a decided flow's packets instead get NF_REPEAT with
 * the mark bits below in the packet mark: the hook's rules run again,
 * save the bits to the connmark, drop what is blocked and let decided
 * flows skip the queue from then on (`appfwd --print-rules`). The
 * connmark is not set from the verdict (NFQA_CT) because that needs
 * CONFIG_NETFILTER_NETLINK_GLUE_CT, which kernels lack (Debian's host
 * kernel here among them): the packet mark works everywhere.
 */
#ifndef APPFWD_BACKEND_H
#define APPFWD_BACKEND_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "agentnl.h"
#include "engine.h"
#include "learned.h"
#include "policy.h"

/* Standalone mode's connmark bits (see README.md, "Standalone mode"). */
#define APPFWD_MARK_DECIDED 0x40000000U
#define APPFWD_MARK_BLOCKED 0x80000000U
#define APPFWD_MARK_REJECT 0x20000000U	/* with BLOCKED: reject, not drop */
#define APPFWD_MARK_MASK \
	(APPFWD_MARK_DECIDED | APPFWD_MARK_BLOCKED | APPFWD_MARK_REJECT)

struct afw_backend_ops {
	/* A new flow's destination: decided (true, d filled) or not. */
	bool (*lookup_addr)(struct afw_backend *be,
			    const struct afw_flow_tuple *t, int64_t now_ms,
			    struct afw_decision *d);
	/* Decides t by name (NULL: none) seen by source; fills d. */
	void (*decide)(struct afw_backend *be, const struct afw_flow_tuple *t,
		       uint8_t source, const char *name,
		       struct afw_decision *d);
	/* Learns an answer's addresses; returns the app (0: none) and
	 * *action its action (APPFW_ACTION_UNSPEC if unknown). */
	uint16_t (*learn)(struct afw_backend *be,
			  const struct afw_dns_answer *ans, int64_t now_ms,
			  uint8_t *action);
	/* Where the kernel stopped in a TCP flow; NULL when no kernel. */
	int (*flow_get)(struct afw_backend *be, const struct afw_flow_tuple *t,
			struct afw_flow_state *st);
	/* The verdict of a decided flow's packets. */
	void (*verdict)(struct afw_backend *be, const struct afw_decision *d,
			struct afw_verdict *v);
};

struct afw_backend {
	const struct afw_backend_ops *ops;
};

/* The policy tables and learned addresses, shared by the engines of a
 * process; read-only but for the learned table, which locks. */
struct afw_local {
	struct afw_backend be;
	pthread_rwlock_t lock;	/* taken to swap pol, domains, prefixes */
	struct afw_policy pol;
	struct afw_domain_table *domains;
	struct afw_prefix_table *prefixes;
	struct afw_learned learned;
	bool set_mark;		/* standalone: verdicts carry the connmark */
};

/*
 * Builds the tables from pol, which it takes over (and frees with
 * afw_local_free; pol is left empty). 0, -ENOMEM, or -EINVAL for an
 * entry the matchers refuse (a file that parsed never has one).
 */
int afw_local_init(struct afw_local *l, struct afw_policy *pol, bool set_mark);
void afw_local_free(struct afw_local *l);

/* Reads path (a policy file) into l; on error a line on the log naming
 * the file and line, and -errno. */
int afw_local_load(struct afw_local *l, const char *path, bool set_mark);
/*
 * Replaces l's policy with path's while the queue threads run; on any
 * error (logged as afw_local_load does) l is left as it was. Learned
 * addresses stay with the app of the same name, or are forgotten.
 * Decided flows keep their verdict: the rules' connmark holds it.
 */
int afw_local_reload(struct afw_local *l, const char *path);

/* One per engine: its own netlink socket for flow and learn requests. */
struct afw_attached {
	struct afw_backend be;
	struct afw_genl g;
	uint64_t errors;	/* requests the kernel refused, but -ENOENT */
};

int afw_attached_init(struct afw_attached *a);
void afw_attached_free(struct afw_attached *a);

#endif
