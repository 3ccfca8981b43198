/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * appfw: app-level traffic policy for netfilter.
 *
 * Generic netlink family "appfw", version APPFW_GENL_VERSION. Every command
 * acts on the network namespace of the requesting socket and needs
 * CAP_NET_ADMIN in the user namespace that owns it (GENL_UNS_ADMIN_PERM):
 * counters and policy describe what a namespace's users do, so reading
 * them is as privileged as changing them.
 *
 * Attribute policies are strict: unknown attributes, wrong lengths and
 * trailing data are refused with -EINVAL and an extack message naming the
 * offending attribute. So are a non-zero genlmsghdr.reserved and any
 * nlmsg_flags beyond NLM_F_REQUEST, NLM_F_ACK, NLM_F_ECHO and NLM_F_DUMP.
 *
 * APPFW_CMD_GET_STATUS
 * --------------------
 *
 * Request: no attributes; any attribute is refused.
 *
 * Reply (one message, command APPFW_CMD_GET_STATUS):
 *
 *    APPFW_A_VERSION: NLA_NUL_STRING, module version, e.g. "0.1.0"
 *    APPFW_A_HOOKS: NLA_NESTED, one entry per hook the namespace has
 *      0: NLA_NESTED
 *        APPFW_A_HOOK_FAMILY: NLA_U8, NFPROTO_IPV4 or NFPROTO_IPV6
 *        APPFW_A_HOOK_NUM: NLA_U8, NF_INET_FORWARD, NF_INET_LOCAL_OUT or
 *          NF_INET_LOCAL_IN (which looks at DNS answers only)
 *        APPFW_A_HOOK_PACKETS: NLA_U64, packets seen by the hook
 *        APPFW_A_HOOK_BYTES: NLA_U64, bytes seen (network header onwards)
 *      0: NLA_NESTED
 *        ...
 *
 * Counters are kept per CPU and summed when read; they start at zero when
 * the namespace first sees the module and are never reset, so a reader
 * takes differences. Nested array entries carry the type 0 and are
 * identified by their contents, not their position.
 *
 * Policy
 * ======
 *
 * A namespace's policy is a set of apps, each with an action, owning domain
 * names and IP prefixes, plus a little configuration. Readers (the packet
 * path) see one immutable snapshot; every change builds the next snapshot
 * and publishes it at once, so a packet sees the old or the new policy,
 * never a mix. APPFW_A_GENERATION counts published snapshots.
 *
 * Transactions
 * ------------
 *
 * APPFW_CMD_BEGIN opens the namespace's pending policy, a copy of the
 * current one, owned by the sending socket (-EBUSY if another socket owns
 * one). Edits from the owner go to the pending policy until
 * APPFW_CMD_COMMIT publishes it (reply: APPFW_A_GENERATION) or
 * APPFW_CMD_ABORT discards it. Closing the socket aborts. An edit that
 * fails inside a transaction cancels it: the error comes back with that
 * edit, every later edit and the commit fail with -ECANCELED, and only
 * ABORT (or closing the socket) ends it, so a loader that ignores one
 * error cannot commit half a policy. A failed commit (an app id too large
 * for the mark mask: -ERANGE; no memory) cancels it the same way. A
 * request refused before it reaches the policy (a bad header or top-level
 * attribute, no permission) changes nothing and cancels nothing.
 *
 * An edit from a socket that owns no transaction is a transaction of its
 * own, committed before the reply (-EBUSY while another socket owns one).
 *
 * Apps
 * ----
 *
 * APPFW_CMD_NEW_APP, APPFW_CMD_SET_APP, APPFW_CMD_DEL_APP, APPFW_CMD_GET_APP
 *
 *    APPFW_A_APP: NLA_NESTED
 *      APPFW_A_APP_ID: NLA_U16, 1..APPFW_APP_ID_MAX; required
 *      APPFW_A_APP_NAME: NLA_NUL_STRING, [a-z0-9_.-], 1..APPFW_APP_NAME_LEN-1
 *                        bytes; required by NEW, unique in the namespace
 *      APPFW_A_APP_ACTION: NLA_U8, enum appfw_action; required by NEW
 *      APPFW_A_APP_FLAGS: NLA_U32, enum appfw_app_flag (reserved, 0)
 *
 * NEW refuses an existing id or name (-EEXIST). SET changes the action
 * (and flags) of the app with that id; flows already open follow, since
 * the packet path looks the action up by app id on every packet. DEL
 * removes the app with its domains and prefixes and releases its flows.
 *
 * GET with APPFW_A_APP_ID answers one app; GET with NLM_F_DUMP all of them,
 * one message each. Replies hold APPFW_A_APP with the attributes above and
 *      APPFW_A_APP_DOMAINS: NLA_U32, how many domain entries it owns
 *      APPFW_A_APP_PREFIXES: NLA_U32, how many prefixes it owns
 *      APPFW_A_APP_STATS: NLA_NESTED
 *        APPFW_A_STATS_PACKETS, APPFW_A_STATS_BYTES: NLA_U64, of its flows
 *        APPFW_A_STATS_FLOWS: NLA_U64, flows classified as the app
 *        APPFW_A_STATS_BLOCKED: NLA_U64, packets dropped or rejected
 *
 * Domains
 * -------
 *
 * APPFW_CMD_NEW_DOMAIN, APPFW_CMD_DEL_DOMAIN, APPFW_CMD_GET_DOMAIN (dump)
 *
 *    APPFW_A_DOMAINS: NLA_NESTED, as many entries as its 16-bit
 *                     nla_len holds (64 KiB)
 *      0: NLA_NESTED
 *        APPFW_A_DOMAIN_APP: NLA_U16, the owning app id (must exist)
 *        APPFW_A_DOMAIN_NAME: NLA_NUL_STRING, a host name, 1..253 bytes
 *        APPFW_A_DOMAIN_KIND: NLA_U8, APPFW_DOMAIN_SUFFIX (the name and
 *                             every name under it, on whole labels) or
 *                             APPFW_DOMAIN_EXACT (the name only)
 *      0: NLA_NESTED
 *        ...
 *
 * Names match case-insensitively, one trailing dot ignored. An exact name
 * beats any suffix, a longer suffix beats a shorter one. A name has one
 * owner per kind (-EEXIST). A message's entries apply all or none. A dump
 * request may carry APPFW_A_FILTER_APP (NLA_U16) to list one app's entries.
 *
 * Prefixes
 * --------
 *
 * APPFW_CMD_NEW_PREFIX, APPFW_CMD_DEL_PREFIX, APPFW_CMD_GET_PREFIX (dump)
 *
 *    APPFW_A_PREFIXES: NLA_NESTED
 *      0: NLA_NESTED
 *        APPFW_A_PREFIX_APP: NLA_U16
 *        APPFW_A_PREFIX_ADDR: NLA_BINARY, 4 bytes (IPv4) or 16 (IPv6),
 *                             network byte order, no bits set past LEN
 *        APPFW_A_PREFIX_LEN: NLA_U8, 0..32 or 0..128
 *      0: NLA_NESTED
 *        ...
 *
 * The longest prefix holding an address wins. Same rules as domains
 * otherwise; APPFW_A_FILTER_APP filters a dump.
 *
 * Dumps of apps, domains and prefixes walk one snapshot; if a commit
 * replaces it between two parts of a dump, the next part is flagged
 * NLM_F_DUMP_INTR and the reader should start over.
 *
 * Lookup (a dry run: what would a flow to this name or address get?)
 * ------
 *
 * APPFW_CMD_LOOKUP
 *    request: APPFW_A_LOOKUP_HOST (NLA_NUL_STRING, a valid host name:
 *             -EINVAL otherwise) or APPFW_A_LOOKUP_ADDR (NLA_BINARY, 4 or
 *             16 bytes), exactly one
 *    reply:   APPFW_A_LOOKUP_APP: NLA_U16, 0 when nothing matches
 *             and, when something does,
 *             APPFW_A_APP (id, name, action as above)
 *             APPFW_A_LOOKUP_KIND: NLA_U8, enum appfw_entry_kind
 *             APPFW_A_LOOKUP_ENTRY: NLA_NUL_STRING, the entry that decided:
 *                                   "qq.com" or "203.0.113.0/24"
 *
 * Configuration (part of the policy: changes are transactional too)
 * -------------
 *
 * APPFW_CMD_SET_CONFIG, and in the GET_STATUS reply:
 *    APPFW_A_CONFIG: NLA_NESTED
 *      APPFW_A_CONFIG_MARK_MASK: NLA_U32, the conntrack mark bits appfw
 *            owns: contiguous, at least APPFW_MARK_BITS_MIN of them. The
 *            lowest says "decided", the rest hold the app id (0: decided,
 *            no app). Other bits of the mark are never touched.
 *            Default APPFW_MARK_MASK_DEFAULT.
 *      APPFW_A_CONFIG_SKB_MARK: NLA_U8, 1: also write the same bits into
 *            skb->mark of every packet of a classified flow, for users'
 *            own rules (meta mark). Default 0.
 *      APPFW_A_CONFIG_DEPTH: NLA_U8, 1..APPFW_DEPTH_MAX, payload-carrying
 *            packets per flow inspected before it is decided as no app.
 *            Default: the module parameter inspect_depth.
 *      APPFW_A_CONFIG_FAIL_CLOSED: NLA_U8, 0 or 1: what packets that need
 *            the agent get when there is none (see "The agent"). Default 0.
 *      APPFW_A_CONFIG_LEARN: NLA_U8, 1: hand DNS answers (UDP and TCP
 *            source port 53) to the agent so it can learn the addresses of
 *            policy names (see "DNS answer learning"). Default 0.
 *
 * APPFW_CMD_GET_STATUS's reply adds:
 *    APPFW_A_GENERATION: NLA_U64
 *    APPFW_A_CONFIG: as above
 *    APPFW_A_POLICY_APPS, APPFW_A_POLICY_DOMAINS, APPFW_A_POLICY_PREFIXES:
 *            NLA_U32, sizes of the current policy
 *    APPFW_A_POLICY_BYTES: NLA_U64, kernel memory the tables use
 *    APPFW_A_FLOWS: NLA_NESTED, the flow inspection table
 *      APPFW_A_FLOWS_ACTIVE: NLA_U32, flows being inspected now
 *      APPFW_A_FLOWS_LIMIT: NLA_U32, its bound (module parameter max_flows)
 *      APPFW_A_FLOWS_EVICTED: NLA_U64, flows given up because it was full
 *
 * Events
 * ======
 *
 * Multicast group APPFW_MCGRP_EVENTS ("events") gets one APPFW_CMD_EVENT
 * per flow when it is decided as an app (flows of no app are not
 * reported). Joining it needs CAP_NET_ADMIN, as the commands do. Events
 * are rate-limited per namespace (module parameter event_rate, per
 * second); those not sent are counted in APPFW_A_COUNTER_EVENTS_DROPPED.
 *
 *    APPFW_A_EVENT: NLA_NESTED
 *      APPFW_A_EVENT_APP: NLA_U16
 *      APPFW_A_EVENT_APP_NAME: NLA_NUL_STRING
 *      APPFW_A_EVENT_ACTION: NLA_U8, enum appfw_action at decision time
 *      APPFW_A_EVENT_SOURCE: NLA_U8, enum appfw_source: what decided
 *      APPFW_A_EVENT_NAME: NLA_NUL_STRING, the SNI or Host seen, if any
 *      APPFW_A_EVENT_ENTRY: NLA_NUL_STRING, the policy entry that matched
 *      APPFW_A_EVENT_FAMILY: NLA_U8, AF_INET or AF_INET6
 *      APPFW_A_EVENT_PROTO: NLA_U8, IPPROTO_TCP, IPPROTO_UDP, ...
 *      APPFW_A_EVENT_SADDR, APPFW_A_EVENT_DADDR: NLA_BINARY, 4 or 16 bytes
 *      APPFW_A_EVENT_SPORT, APPFW_A_EVENT_DPORT: NLA_BE16 (absent: no ports)
 *
 * Global counters in the GET_STATUS reply:
 *    APPFW_A_COUNTERS: NLA_NESTED, each NLA_U64
 *      APPFW_A_COUNTER_FLOWS_INSPECTED: flows whose packets were inspected
 *      APPFW_A_COUNTER_DECIDED_SNI, _HOST, _PREFIX: flows decided as an app
 *            by each method
 *      APPFW_A_COUNTER_DECIDED_NONE: flows decided as no app (nothing
 *            matched, not TLS or HTTP, or the inspection depth reached)
 *      APPFW_A_COUNTER_TABLE_FULL: split ClientHellos given up because the
 *            flow table was full
 *      APPFW_A_COUNTER_OUT_OF_ORDER: ClientHello segments that arrived out
 *            of order (handed to the agent when one serves the namespace,
 *            otherwise decided by the other rules)
 *      APPFW_A_COUNTER_MALFORMED: ClientHellos that failed to parse
 *      APPFW_A_COUNTER_EVENTS_DROPPED: events not sent (rate limit, memory)
 *      APPFW_A_COUNTER_QUEUED: packets handed to the agent (NF_QUEUE)
 *      APPFW_A_COUNTER_FALLBACK: packets that needed the agent while none
 *            was registered, passed or dropped per APPFW_A_CONFIG_FAIL_CLOSED
 *      APPFW_A_COUNTER_DECIDED_QUIC: flows decided as an app by the SNI of
 *            a QUIC Initial (APPFW_CMD_SET_FLOW from the agent)
 *      APPFW_A_COUNTER_DECIDED_LEARNED: flows decided as an app by an
 *            address learned from DNS
 *      APPFW_A_COUNTER_LEARNED: addresses learned (APPFW_CMD_LEARN)
 *
 * The agent
 * =========
 *
 * What the packet path cannot finish in softirq goes to a userspace agent
 * (appfwd) through NFQUEUE: the QUIC Initial packets of undecided UDP
 * flows, ClientHello segments that arrived out of order, and, with
 * APPFW_A_CONFIG_LEARN, DNS answers. The agent decides the flow with
 * APPFW_CMD_SET_FLOW and then gives the queued packets NF_REPEAT: the hook
 * runs again, finds the flow decided and acts on it itself (drop, reset,
 * count, event), so later packets never leave the kernel. A packet of a
 * flow still undecided is queued again by NF_REPEAT, and so is a DNS
 * answer always: the agent gives those NF_ACCEPT.
 *
 * What is queued: a UDP flow's first packet when it is a QUIC v1 or v2
 * long-header Initial of at least 1200 bytes of payload, and every later
 * packet of the flow until it is decided; a TCP flow's payload segment
 * that comes after bytes the kernel has not seen (a gap in the
 * ClientHello, or a first payload past what the server acknowledged), and
 * every later one until it is decided; with learning, every reply packet
 * with payload from UDP or TCP port 53 (forwarded, to the host, or from a
 * resolver on it), decided flow or not.
 *
 * APPFW_CMD_AGENT_REGISTER
 *    APPFW_A_AGENT: NLA_NESTED
 *      APPFW_A_AGENT_QUEUE: NLA_U16, the first NFQUEUE queue it serves
 *      APPFW_A_AGENT_QUEUES: NLA_U16, 1..APPFW_AGENT_QUEUES_MAX queues from
 *            there; flows are spread over them by a hash of the flow
 *
 * The sending socket becomes the namespace's agent (-EBUSY while another
 * socket is; the same socket may register again to change its queues).
 * The agent is gone when that socket closes (the process died or exited)
 * or it sends APPFW_CMD_AGENT_UNREGISTER; from then on packets that need
 * the agent get the fallback at once instead of waiting in a queue nobody
 * reads.
 *
 * Fallback (APPFW_A_CONFIG_FAIL_CLOSED 0, the default: fail-open): with no
 * agent, QUIC and out-of-order ClientHellos are decided by the kernel's
 * rules alone (address, then nothing), and DNS answers pass unlearned.
 * While an agent is registered, packets are queued with bypass, so a queue
 * that no socket has bound passes them too. With 1 (fail-closed) those
 * packets are dropped instead: QUIC Initials (browsers fall back to TCP;
 * other packets of such a flow are decided as no app), out-of-order
 * segments (TCP sends them again, and the kernel goes on parsing when the
 * missing bytes come), queued without bypass while an agent is
 * registered. DNS answers pass either way, always queued with bypass.
 *
 * GET_STATUS's reply adds, while an agent is registered:
 *    APPFW_A_AGENT: NLA_NESTED
 *      APPFW_A_AGENT_PORTID: NLA_U32, its netlink port id
 *      APPFW_A_AGENT_QUEUE, APPFW_A_AGENT_QUEUES: as registered
 *
 * Flows
 * -----
 *
 * A flow is named by its original-direction tuple, as the client sent it:
 *    APPFW_A_FLOW: NLA_NESTED
 *      APPFW_A_FLOW_FAMILY: NLA_U8, AF_INET or AF_INET6; required
 *      APPFW_A_FLOW_PROTO: NLA_U8, IPPROTO_TCP or IPPROTO_UDP; required
 *      APPFW_A_FLOW_SADDR, APPFW_A_FLOW_DADDR: NLA_BINARY, 4 or 16 bytes
 *            as the family says; required
 *      APPFW_A_FLOW_SPORT, APPFW_A_FLOW_DPORT: NLA_BE16; required
 *
 * Conntrack knows a flow once its first packet has left the host, so a
 * flow whose first packets all wait in the agent's queue (a QUIC flow
 * whose ClientHello spans two Initials) is not in conntrack yet. The
 * kernel keeps such flows in its flow table (for flow_timeout seconds,
 * module parameter) and both commands find them there; SET_FLOW's
 * decision is then applied to those packets when they come back with
 * NF_REPEAT.
 *
 * APPFW_CMD_GET_FLOW: the kernel's view of one flow (-ENOENT: neither
 *    conntrack nor the flow table has it). Reply: APPFW_A_FLOW with the
 *    tuple and
 *      APPFW_A_FLOW_APP: NLA_U16, present once the flow is decided (0: no
 *            app)
 *      APPFW_A_FLOW_NEXT_SEQ: NLA_U32, for a TCP flow whose ClientHello
 *            the kernel follows: the first byte it has not seen in order
 *      APPFW_A_FLOW_TLS: NLA_BINARY, the kernel's ClientHello parser state
 *            (struct afw_tls of kmod/shared/tls.h, which holds no
 *            pointers) after the bytes before NEXT_SEQ; absent when no
 *            byte of the ClientHello has been seen. An agent built from
 *            another source checks the length and ignores it otherwise.
 *
 * APPFW_CMD_SET_FLOW: the agent's decision. Request: APPFW_A_FLOW with the
 *    tuple and
 *      APPFW_A_FLOW_SOURCE: NLA_U8, APPFW_SOURCE_SNI, APPFW_SOURCE_QUIC or
 *            APPFW_SOURCE_HOST: where the name came from; required
 *      APPFW_A_FLOW_NAME: NLA_NUL_STRING, the name seen; absent: the flow
 *            has none (decided as no app)
 *    The kernel looks the name up in the domain table (the same lookup as
 *    its own), decides the flow if it is not decided yet (the first
 *    decision stands), counts it and reports it to the events group.
 *    Reply: APPFW_A_FLOW with the tuple, APPFW_A_FLOW_APP (the flow's
 *    decision, perhaps an earlier one) and APPFW_A_FLOW_ACTION (NLA_U8,
 *    the app's action now; absent for no app). -ENOENT: no such flow.
 *
 * DNS answer learning
 * -------------------
 *
 * APPFW_CMD_LEARN
 *    APPFW_A_LEARN: NLA_NESTED
 *      APPFW_A_LEARN_NAMES: NLA_NESTED, 1..APPFW_LEARN_NAMES_MAX entries
 *        0: NLA_NUL_STRING, a host name: the question, then each CNAME
 *           target in the order the chain follows them
 *      APPFW_A_LEARN_ADDRS: NLA_NESTED, 1..APPFW_LEARN_ADDRS_MAX entries
 *        0: NLA_NESTED
 *          APPFW_A_LEARN_ADDR: NLA_BINARY, 4 or 16 bytes
 *          APPFW_A_LEARN_TTL: NLA_U32, seconds, from the answer
 *        0: NLA_NESTED
 *          ...
 *    The first name the domain table gives an app decides: every address
 *    is learned as that app's for its TTL (clamped to 1..learn_ttl_max
 *    seconds, module parameters). Reply: APPFW_A_LOOKUP_APP (0: no name
 *    belongs to an app and nothing was learned) and, when it is not 0,
 *    APPFW_A_APP (id, name, action, flags, as in LOOKUP's reply): the
 *    agent rewrites the answers of block and reject apps (appfwd
 *    --dns-refuse); a module older than this attribute sends the id
 *    alone. The table of learned addresses is per namespace and bounded
 *    (max_learned): when full, the entry closest to expiry makes room.
 *    An address learned again takes the new app and expiry. A flow whose
 *    destination address was learned is decided at its first packet,
 *    after the prefix table and before its payload (source
 *    APPFW_SOURCE_LEARNED, entry kind APPFW_LEARNED_ADDR in LOOKUP, whose
 *    entry, as the event's, is the address itself). Deleting an app
 *    forgets its addresses. A name that is not a valid host name is
 *    refused (-EINVAL), as in LOOKUP.
 *
 * APPFW_CMD_GET_LEARNED (dump; APPFW_A_FILTER_APP filters), one message
 *    per address: APPFW_A_LEARN_ADDR, APPFW_A_LEARN_APP (NLA_U16),
 *    APPFW_A_LEARN_TTL (seconds left). The table changes under a dump
 *    without NLM_F_DUMP_INTR: an address learned or dropped meanwhile may
 *    be missed or listed twice.
 * APPFW_CMD_FLUSH_LEARNED: forgets every learned address, or with
 *    APPFW_A_FILTER_APP those of one app.
 */

#ifndef _UAPI_LINUX_APPFW_H
#define _UAPI_LINUX_APPFW_H

#define APPFW_GENL_NAME "appfw"
#define APPFW_GENL_VERSION 1

enum appfw_cmd {
	APPFW_CMD_UNSPEC,
	APPFW_CMD_GET_STATUS,
	APPFW_CMD_BEGIN,
	APPFW_CMD_COMMIT,
	APPFW_CMD_ABORT,
	APPFW_CMD_NEW_APP,
	APPFW_CMD_SET_APP,
	APPFW_CMD_DEL_APP,
	APPFW_CMD_GET_APP,
	APPFW_CMD_NEW_DOMAIN,
	APPFW_CMD_DEL_DOMAIN,
	APPFW_CMD_GET_DOMAIN,
	APPFW_CMD_NEW_PREFIX,
	APPFW_CMD_DEL_PREFIX,
	APPFW_CMD_GET_PREFIX,
	APPFW_CMD_LOOKUP,
	APPFW_CMD_SET_CONFIG,
	APPFW_CMD_EVENT,
	APPFW_CMD_AGENT_REGISTER,
	APPFW_CMD_AGENT_UNREGISTER,
	APPFW_CMD_GET_FLOW,
	APPFW_CMD_SET_FLOW,
	APPFW_CMD_LEARN,
	APPFW_CMD_GET_LEARNED,
	APPFW_CMD_FLUSH_LEARNED,
	__APPFW_CMD_MAX
};

#define APPFW_CMD_MAX (__APPFW_CMD_MAX - 1)

#define APPFW_MCGRP_EVENTS "events"

enum appfw_attr {
	APPFW_A_UNSPEC,
	APPFW_A_VERSION,
	APPFW_A_HOOKS,
	APPFW_A_GENERATION,
	APPFW_A_CONFIG,
	APPFW_A_POLICY_APPS,
	APPFW_A_POLICY_DOMAINS,
	APPFW_A_POLICY_PREFIXES,
	APPFW_A_POLICY_BYTES,
	APPFW_A_FLOWS,
	APPFW_A_COUNTERS,
	APPFW_A_APP,
	APPFW_A_DOMAINS,
	APPFW_A_PREFIXES,
	APPFW_A_FILTER_APP,
	APPFW_A_LOOKUP_HOST,
	APPFW_A_LOOKUP_ADDR,
	APPFW_A_LOOKUP_APP,
	APPFW_A_LOOKUP_KIND,
	APPFW_A_LOOKUP_ENTRY,
	APPFW_A_EVENT,
	APPFW_A_PAD,
	APPFW_A_AGENT,
	APPFW_A_FLOW,
	APPFW_A_LEARN,
	__APPFW_A_MAX
};

#define APPFW_A_MAX (__APPFW_A_MAX - 1)

enum appfw_hook_attr {
	APPFW_A_HOOK_UNSPEC,
	APPFW_A_HOOK_FAMILY,
	APPFW_A_HOOK_NUM,
	APPFW_A_HOOK_PACKETS,
	APPFW_A_HOOK_BYTES,
	APPFW_A_HOOK_PAD,
	__APPFW_A_HOOK_MAX
};

#define APPFW_A_HOOK_MAX (__APPFW_A_HOOK_MAX - 1)

enum appfw_app_attr {
	APPFW_A_APP_UNSPEC,
	APPFW_A_APP_ID,
	APPFW_A_APP_NAME,
	APPFW_A_APP_ACTION,
	APPFW_A_APP_FLAGS,
	APPFW_A_APP_DOMAINS,
	APPFW_A_APP_PREFIXES,
	APPFW_A_APP_STATS,
	__APPFW_A_APP_MAX
};

#define APPFW_A_APP_MAX (__APPFW_A_APP_MAX - 1)

enum appfw_stats_attr {
	APPFW_A_STATS_UNSPEC,
	APPFW_A_STATS_PACKETS,
	APPFW_A_STATS_BYTES,
	APPFW_A_STATS_FLOWS,
	APPFW_A_STATS_BLOCKED,
	APPFW_A_STATS_PAD,
	__APPFW_A_STATS_MAX
};

#define APPFW_A_STATS_MAX (__APPFW_A_STATS_MAX - 1)

enum appfw_domain_attr {
	APPFW_A_DOMAIN_UNSPEC,
	APPFW_A_DOMAIN_APP,
	APPFW_A_DOMAIN_NAME,
	APPFW_A_DOMAIN_KIND,
	__APPFW_A_DOMAIN_MAX
};

#define APPFW_A_DOMAIN_MAX (__APPFW_A_DOMAIN_MAX - 1)

enum appfw_prefix_attr {
	APPFW_A_PREFIX_UNSPEC,
	APPFW_A_PREFIX_APP,
	APPFW_A_PREFIX_ADDR,
	APPFW_A_PREFIX_LEN,
	__APPFW_A_PREFIX_MAX
};

#define APPFW_A_PREFIX_MAX (__APPFW_A_PREFIX_MAX - 1)

enum appfw_config_attr {
	APPFW_A_CONFIG_UNSPEC,
	APPFW_A_CONFIG_MARK_MASK,
	APPFW_A_CONFIG_SKB_MARK,
	APPFW_A_CONFIG_DEPTH,
	APPFW_A_CONFIG_FAIL_CLOSED,
	APPFW_A_CONFIG_LEARN,
	__APPFW_A_CONFIG_MAX
};

#define APPFW_A_CONFIG_MAX (__APPFW_A_CONFIG_MAX - 1)

enum appfw_flows_attr {
	APPFW_A_FLOWS_UNSPEC,
	APPFW_A_FLOWS_ACTIVE,
	APPFW_A_FLOWS_LIMIT,
	APPFW_A_FLOWS_EVICTED,
	APPFW_A_FLOWS_PAD,
	__APPFW_A_FLOWS_MAX
};

#define APPFW_A_FLOWS_MAX (__APPFW_A_FLOWS_MAX - 1)

enum appfw_counter_attr {
	APPFW_A_COUNTER_UNSPEC,
	APPFW_A_COUNTER_FLOWS_INSPECTED,
	APPFW_A_COUNTER_DECIDED_SNI,
	APPFW_A_COUNTER_DECIDED_HOST,
	APPFW_A_COUNTER_DECIDED_PREFIX,
	APPFW_A_COUNTER_DECIDED_NONE,
	APPFW_A_COUNTER_TABLE_FULL,
	APPFW_A_COUNTER_OUT_OF_ORDER,
	APPFW_A_COUNTER_MALFORMED,
	APPFW_A_COUNTER_EVENTS_DROPPED,
	APPFW_A_COUNTER_PAD,
	APPFW_A_COUNTER_QUEUED,
	APPFW_A_COUNTER_FALLBACK,
	APPFW_A_COUNTER_DECIDED_QUIC,
	APPFW_A_COUNTER_DECIDED_LEARNED,
	APPFW_A_COUNTER_LEARNED,
	__APPFW_A_COUNTER_MAX
};

#define APPFW_A_COUNTER_MAX (__APPFW_A_COUNTER_MAX - 1)

enum appfw_event_attr {
	APPFW_A_EVENT_UNSPEC,
	APPFW_A_EVENT_APP,
	APPFW_A_EVENT_APP_NAME,
	APPFW_A_EVENT_ACTION,
	APPFW_A_EVENT_SOURCE,
	APPFW_A_EVENT_NAME,
	APPFW_A_EVENT_ENTRY,
	APPFW_A_EVENT_FAMILY,
	APPFW_A_EVENT_PROTO,
	APPFW_A_EVENT_SADDR,
	APPFW_A_EVENT_DADDR,
	APPFW_A_EVENT_SPORT,
	APPFW_A_EVENT_DPORT,
	__APPFW_A_EVENT_MAX
};

#define APPFW_A_EVENT_MAX (__APPFW_A_EVENT_MAX - 1)

enum appfw_agent_attr {
	APPFW_A_AGENT_UNSPEC,
	APPFW_A_AGENT_QUEUE,
	APPFW_A_AGENT_QUEUES,
	APPFW_A_AGENT_PORTID,
	__APPFW_A_AGENT_MAX
};

#define APPFW_A_AGENT_MAX (__APPFW_A_AGENT_MAX - 1)

enum appfw_flow_attr {
	APPFW_A_FLOW_UNSPEC,
	APPFW_A_FLOW_FAMILY,
	APPFW_A_FLOW_PROTO,
	APPFW_A_FLOW_SADDR,
	APPFW_A_FLOW_DADDR,
	APPFW_A_FLOW_SPORT,
	APPFW_A_FLOW_DPORT,
	APPFW_A_FLOW_APP,
	APPFW_A_FLOW_ACTION,
	APPFW_A_FLOW_SOURCE,
	APPFW_A_FLOW_NAME,
	APPFW_A_FLOW_NEXT_SEQ,
	APPFW_A_FLOW_TLS,
	__APPFW_A_FLOW_MAX
};

#define APPFW_A_FLOW_MAX (__APPFW_A_FLOW_MAX - 1)

enum appfw_learn_attr {
	APPFW_A_LEARN_UNSPEC,
	APPFW_A_LEARN_NAMES,
	APPFW_A_LEARN_ADDRS,
	APPFW_A_LEARN_ADDR,
	APPFW_A_LEARN_TTL,
	APPFW_A_LEARN_APP,
	__APPFW_A_LEARN_MAX
};

#define APPFW_A_LEARN_MAX (__APPFW_A_LEARN_MAX - 1)

enum appfw_action {
	APPFW_ACTION_UNSPEC,
	APPFW_ACTION_ALLOW,	/* exempt: pass, never inspected further */
	APPFW_ACTION_BLOCK,	/* drop silently */
	APPFW_ACTION_REJECT,	/* TCP RST / ICMP admin-prohibited, then drop */
	APPFW_ACTION_MONITOR,	/* pass, count and report */
	__APPFW_ACTION_MAX
};

#define APPFW_ACTION_MAX (__APPFW_ACTION_MAX - 1)

/* What a domain entry covers, or what kind of entry a lookup matched. */
enum appfw_entry_kind {
	APPFW_KIND_UNSPEC,
	APPFW_DOMAIN_SUFFIX,
	APPFW_DOMAIN_EXACT,
	APPFW_PREFIX,
	APPFW_LEARNED_ADDR,	/* an address learned from a DNS answer */
	__APPFW_KIND_MAX
};

/* What decided a flow. */
enum appfw_source {
	APPFW_SOURCE_UNSPEC,
	APPFW_SOURCE_SNI,	/* TLS ClientHello server_name */
	APPFW_SOURCE_HOST,	/* HTTP/1.x Host */
	APPFW_SOURCE_PREFIX,	/* destination address */
	APPFW_SOURCE_QUIC,	/* QUIC Initial's ClientHello server_name */
	APPFW_SOURCE_LEARNED,	/* destination address learned from DNS */
	__APPFW_SOURCE_MAX
};

#define APPFW_APP_ID_MAX 32767
#define APPFW_APP_NAME_LEN 32
#define APPFW_DEPTH_MAX 32
#define APPFW_MARK_BITS_MIN 4
#define APPFW_MARK_MASK_DEFAULT 0xffff0000U
#define APPFW_AGENT_QUEUES_MAX 64
#define APPFW_LEARN_NAMES_MAX 16
#define APPFW_LEARN_ADDRS_MAX 64

#endif /* _UAPI_LINUX_APPFW_H */
